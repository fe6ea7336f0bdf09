/**
 * A config table shared by a topic's configs and a broker's: value (editable unless read-only),
 * Kafka's default, and the source as DescribeConfigs names it. `alter` sends one change (a value,
 * or null to delete the override) and the cluster's refusal is shown inline under the field.
 */
import { memo, useState } from 'react';
import type { CommandResult, ConfigEntryView, ConfigSource } from '../../../shared';
import { useReadOnly } from '../../store/store-context';
import { LiveActions } from '../time-travel/LiveActions';
import { ExplainButton } from '../explainers/ExplainButton';
import { conceptOfConfig } from '../explainers/config-concepts';

/** Plain words for Kafka's ConfigSource names (DescribeConfigsResponse, KIP-226). */
export const CONFIG_SOURCE_TEXT: Record<ConfigSource, string> = {
  DYNAMIC_TOPIC_CONFIG: 'dynamic topic config',
  DYNAMIC_BROKER_CONFIG: 'dynamic, this broker',
  DYNAMIC_DEFAULT_BROKER_CONFIG: 'dynamic, cluster-wide default',
  STATIC_BROKER_CONFIG: 'static, set at start',
  DEFAULT_CONFIG: 'Kafka default',
};

export interface ConfigTableProps {
  configs: ConfigEntryView[];
  /** The source a Reset deletes (the override this table's resource holds). */
  overrideSource: ConfigSource;
  resetTitle: string;
  /** Tooltip of a read-only (static) value. */
  readOnlyTitle?: string;
  /** Short line under a read-only (static) value; the tooltip says the rest. */
  readOnlyNote?: string;
  /** Show the Kafka source name (e.g. DYNAMIC_BROKER_CONFIG) beside its plain words. */
  kafkaSourceNames?: boolean;
  alter(name: string, value: string | null): Promise<CommandResult>;
}

export const ConfigTable = memo(function ConfigTable(props: ConfigTableProps) {
  return (
    <table>
      <thead><tr><th>Name</th><th>Value</th><th>Default</th><th>Source</th></tr></thead>
      <tbody>{props.configs.map((c) => <ConfigRow key={c.name} entry={c} {...props} />)}</tbody>
    </table>
  );
});

function ConfigRow({ entry, overrideSource, resetTitle, readOnlyTitle, readOnlyNote, kafkaSourceNames, alter }: ConfigTableProps & { entry: ConfigEntryView }) {
  const viewerReadOnly = useReadOnly();
  const concept = conceptOfConfig(entry.name);
  const readOnly = viewerReadOnly || entry.readOnly;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = entry.sensitive ? '••••' : entry.value ?? '';
  const send = async (value: string | null) => {
    const result = await alter(entry.name, value);
    if (result.ok) setDraft(null);
    setError(result.ok ? null : `${result.errorName}: ${result.message}`);
  };
  return (
    <tr className={entry.source === overrideSource ? 'config-overridden' : ''} data-testid={`config-row-${entry.name}`}>
      <td title={entry.documentation}><code>{entry.name}</code>{concept && <ExplainButton concept={concept} />}<div className="hint">{entry.documentation}</div></td>
      <td>
        {readOnly ? <code title={entry.readOnly && !viewerReadOnly ? readOnlyTitle : undefined} data-testid={`config-value-${entry.name}`}>{shown}</code> : (
          <form onSubmit={(e) => { e.preventDefault(); if (draft !== null) void send(draft); }} className="config-form">
            <LiveActions>
            <input value={draft ?? shown} onChange={(e) => { setDraft(e.target.value); setError(null); }} aria-label={entry.name} aria-invalid={error !== null} data-testid={`config-${entry.name}`} />
            {draft !== null && draft !== entry.value && <button type="submit" className="btn btn-small" data-testid={`config-save-${entry.name}`}>Save</button>}
            {entry.source === overrideSource && <button type="button" className="btn btn-small" onClick={() => void send(null)} title={resetTitle}>Reset</button>}
            </LiveActions>
          </form>
        )}
        {entry.readOnly && !viewerReadOnly && readOnlyNote && <div className="hint config-static" title={readOnlyTitle}>{readOnlyNote}</div>}
        {error && <div className="inline-error" role="alert" data-testid={`config-error-${entry.name}`}>{error}</div>}
      </td>
      <td><code>{entry.defaultValue ?? '—'}</code></td>
      <td className="config-source" title={entry.source} data-testid={`config-source-${entry.name}`}>
        {kafkaSourceNames ? <><code>{entry.source}</code><div className="hint">{CONFIG_SOURCE_TEXT[entry.source]}</div></> : CONFIG_SOURCE_TEXT[entry.source]}
      </td>
    </tr>
  );
}
