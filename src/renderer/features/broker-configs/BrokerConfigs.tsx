/**
 * Broker configs, viewable and editable like a topic's: per broker or the cluster-wide default
 * (Kafka's BROKER resource "" of DescribeConfigs / IncrementalAlterConfigs, KIP-226), each value
 * with its source as Kafka names it. Only configs Kafka can change at runtime are editable (its
 * DynamicBrokerConfig.AllDynamicConfigs); static ones are set at start with --config name=value.
 */
import { useCallback, useMemo, useState } from 'react';
import { useApp, useAppStoreApi } from '../../store/store-context';
import { ConfigTable } from '../topic-detail/ConfigTable';
import { scopeLabel, visibleBrokerConfigs, type ConfigModeFilter } from './broker-config-rows';
import { ExplainButton } from '../explainers/ExplainButton';

const STATIC_TITLE = 'Kafka reads this config only at broker start (not in DynamicBrokerConfig.AllDynamicConfigs): set it with --config name=value; an IncrementalAlterConfigs for it is refused with INVALID_REQUEST "Cannot update these configs dynamically".';

export function BrokerConfigs() {
  const store = useAppStoreApi();
  const all = useApp((s) => s.snapshot?.brokerConfigs ?? null);
  const [scope, setScope] = useState<number | null>(null);
  const [filter, setFilter] = useState('');
  const [mode, setMode] = useState<ConfigModeFilter>('all');
  const entry = all?.find((b) => b.brokerId === scope) ?? null;
  const configs = useMemo(() => (entry ? visibleBrokerConfigs(entry.configs, filter, mode) : []), [entry, filter, mode]);
  const alter = useCallback((name: string, value: string | null) => store.getState().execute({ type: 'alter-broker-config', brokerId: scope, configs: { [name]: value } }), [store, scope]);
  if (!all) return <p className="empty">This cluster does not report broker configs.</p>;
  return (
    <section className="panel broker-configs config-editor" data-testid="broker-configs">
      <h2>Broker configs <ExplainButton concept="broker" /></h2>
      <p className="hint">
        As DescribeConfigs reports them. A value on one broker (DYNAMIC_BROKER_CONFIG) wins over the cluster-wide default
        (DYNAMIC_DEFAULT_BROKER_CONFIG), which wins over the config the broker started with (STATIC_BROKER_CONFIG), then
        Kafka&apos;s default (DEFAULT_CONFIG). Topic configs such as retention.ms inherit the broker&apos;s log.* value unless the topic overrides it.
      </p>
      <div className="toolbar">
        <label className="field-inline">
          <span>Resource</span>
          <select value={scope === null ? '' : String(scope)} onChange={(e) => setScope(e.target.value === '' ? null : Number(e.target.value))} data-testid="broker-config-scope">
            {all.map((b) => <option key={b.brokerId ?? 'default'} value={b.brokerId === null ? '' : String(b.brokerId)}>{scopeLabel(b.brokerId)}</option>)}
          </select>
        </label>
        <input className="search" type="search" placeholder="Filter configs by name" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter broker configs" data-testid="broker-config-filter" />
        <div className="chips" role="group" aria-label="Update mode">
          {(['all', 'dynamic', 'static'] as const).map((m) => (
            <button key={m} type="button" className={`chip ${mode === m ? 'chip-on' : ''}`} onClick={() => setMode(m)}
              title={m === 'dynamic' ? 'Configs Kafka can change while the broker runs' : m === 'static' ? 'Configs Kafka reads only at start (--config)' : 'Every config'}>{m}</button>
          ))}
        </div>
        <span className="toolbar-count">{configs.length} config{configs.length === 1 ? '' : 's'}</span>
      </div>
      <p className="hint" data-testid="broker-config-scope-hint">
        {scope === null
          ? 'Editing the cluster-wide default: every broker takes it unless the broker has its own value.'
          : `Editing broker ${scope} only: its value wins over the cluster-wide default.`}
      </p>
      <ConfigTable key={String(scope)} configs={configs} overrideSource={scope === null ? 'DYNAMIC_DEFAULT_BROKER_CONFIG' : 'DYNAMIC_BROKER_CONFIG'}
        resetTitle={scope === null ? 'Delete the cluster-wide default (back to the static or Kafka default)' : `Delete broker ${scope}'s own value (back to the cluster-wide default, static or Kafka default)`}
        readOnlyTitle={STATIC_TITLE} readOnlyNote="static: set at start (--config name=value); read-only while running" kafkaSourceNames alter={alter} />
    </section>
  );
}
