/** The load generator: records per second, key distribution and a value template; running generators with their achieved rate. */
import { useState } from 'react';
import type { Acks, CompressionCodecName, KeyDistribution } from '../../../shared/workbench-contract';
import { checkLoadGeneratorInputs, LOAD_RATE_MAX, LOAD_RATE_MIN } from '../../../shared/load-generator-limits';
import { formatInteger, formatRate } from '../../components/format';
import { useReadOnly } from '../../store/store-context';
import { useWorkbenchStatus } from '../consume/use-workbench-status';
import { useWorkbench } from '../messages/WorkbenchProvider';
import { LiveActions } from '../time-travel/LiveActions';

export function LoadGeneratorPanel({ topics }: { topics: string[] }) {
  const client = useWorkbench();
  const readOnly = useReadOnly();
  const { status, refresh } = useWorkbenchStatus(client);
  const [topic, setTopic] = useState('');
  const [rate, setRate] = useState('100');
  const [keyKind, setKeyKind] = useState<KeyDistribution['kind']>('uniform');
  const [keyCount, setKeyCount] = useState('100');
  const [exponent, setExponent] = useState('1.1');
  const [fixedKeys, setFixedKeys] = useState('alpha,beta,gamma');
  const [template, setTemplate] = useState('{"seq":{{seq}},"key":"{{key}}","at":{{ts}}}');
  const [acks, setAcks] = useState<Acks>(1);
  const [compression, setCompression] = useState<CompressionCodecName>('none');
  const [error, setError] = useState<string | null>(null);
  const chosen = topic || topics[0] || '';
  const inputErrors = checkLoadGeneratorInputs({ rate, keyKind, keyCount, exponent, fixedKeys });
  const invalidFields = [inputErrors.rate && 'records/s', inputErrors.keyCount && 'distinct keys', inputErrors.exponent && 'exponent', inputErrors.fixedKeys && 'keys'].filter(Boolean);
  const whyDisabled = readOnly ? 'This view is read-only.' : !chosen ? 'Create a topic first.' : invalidFields.length > 0 ? `Fix ${invalidFields.join(', ')} first.` : null;
  const fieldError = (key: keyof typeof inputErrors) => inputErrors[key] && <span className="field-error" data-testid={`load-error-${key}`}>{inputErrors[key]}</span>;

  const keys = (): KeyDistribution => {
    switch (keyKind) {
      case 'none': return { kind: 'none' };
      case 'uniform': return { kind: 'uniform', keyCount: Number(keyCount) };
      case 'zipf': return { kind: 'zipf', keyCount: Number(keyCount), exponent: Number(exponent) };
      case 'fixed': return { kind: 'fixed', keys: fixedKeys.split(',').map((k) => k.trim()).filter(Boolean) };
    }
  };
  const start = async () => {
    setError(null);
    if (whyDisabled) return;
    try {
      await client.startLoadGenerator({ topic: chosen, recordsPerSec: Number(rate), keys: keys(), valueTemplate: template, acks, compression });
      refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <LiveActions>
    <section className="panel" data-testid="load-generator">
      <h2>Load generator <span className="hint">one kafkajs producer per generator (client.id kafka-lab-ui-load-N)</span></h2>
      <div className="toolbar">
        <label className="field">Topic<select value={chosen} onChange={(e) => setTopic(e.target.value)} data-testid="load-topic">{topics.map((t) => <option key={t}>{t}</option>)}</select></label>
        <label className="field" title={`Target records per second, ${LOAD_RATE_MIN}–${LOAD_RATE_MAX.toLocaleString('en')}: the generator sends a batch every 50 ms with one request in flight; "achieved" below shows what the cluster keeps up with.`}>
          Records/s ({LOAD_RATE_MIN}–{LOAD_RATE_MAX.toLocaleString('en')})<input value={rate} onChange={(e) => setRate(e.target.value)} size={7} inputMode="numeric" aria-invalid={!!inputErrors.rate} data-testid="load-rate" />{fieldError('rate')}
        </label>
        <label className="field">Keys
          <select value={keyKind} onChange={(e) => setKeyKind(e.target.value as KeyDistribution['kind'])} data-testid="load-keys">
            <option value="none">none (null keys)</option><option value="uniform">uniform</option><option value="zipf">zipf (hot keys)</option><option value="fixed">fixed set</option>
          </select>
        </label>
        {(keyKind === 'uniform' || keyKind === 'zipf') && <label className="field">Distinct keys<input value={keyCount} onChange={(e) => setKeyCount(e.target.value)} size={6} inputMode="numeric" aria-invalid={!!inputErrors.keyCount} data-testid="load-key-count" />{fieldError('keyCount')}</label>}
        {keyKind === 'zipf' && <label className="field">Exponent<input value={exponent} onChange={(e) => setExponent(e.target.value)} size={4} aria-invalid={!!inputErrors.exponent} />{fieldError('exponent')}</label>}
        {keyKind === 'fixed' && <label className="field">Keys (comma-separated)<input value={fixedKeys} onChange={(e) => setFixedKeys(e.target.value)} aria-invalid={!!inputErrors.fixedKeys} />{fieldError('fixedKeys')}</label>}
        <label className="field">acks<select value={acks} onChange={(e) => setAcks(Number(e.target.value) as Acks)}><option value={-1}>all</option><option value={1}>1</option><option value={0}>0</option></select></label>
        <label className="field">Compression<select value={compression} onChange={(e) => setCompression(e.target.value as CompressionCodecName)}>{(['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const).map((c) => <option key={c}>{c}</option>)}</select></label>
      </div>
      <label className="field">Value template <span className="hint">{'{{seq}} {{key}} {{ts}} {{rand}}'}</span><input value={template} onChange={(e) => setTemplate(e.target.value)} data-testid="load-template" /></label>
      <div className="form-actions">
        <button type="button" className={`btn btn-primary${whyDisabled ? ' btn-disabled' : ''}`} data-disabled={whyDisabled !== null} aria-describedby={whyDisabled ? 'load-start-disabled-reason' : undefined} title={whyDisabled ?? 'Start a kafkajs producer sending at this rate'} onClick={() => void start()} data-testid="load-start">Start generator</button>
        {whyDisabled && <span className="hint" id="load-start-disabled-reason" data-testid="load-start-disabled-reason">Start is disabled: {whyDisabled}</span>}
        {error && <span className="inline-error" role="alert">{error}</span>}
      </div>
      {status && status.loadGenerators.length > 0 && (
        <table className="replica-table" data-testid="load-list">
          <thead><tr><th>client.id</th><th>topic</th><th>target</th><th>achieved</th><th>sent</th><th>errors</th><th></th></tr></thead>
          <tbody>
            {status.loadGenerators.map((g) => (
              <tr key={g.id}>
                <td><code>{g.clientId}</code></td><td>{g.config.topic}</td><td>{formatRate(g.config.recordsPerSec)}</td><td>{formatRate(g.ratePerSec)}</td>
                <td>{formatInteger(g.sent)}</td><td className={g.errors > 0 ? 'count-bad' : 'count-muted'} title={g.lastError ?? undefined}>{formatInteger(g.errors)}{g.lastError ? ` (${g.lastError})` : ''}</td>
                <td><button type="button" className="btn btn-small btn-danger" disabled={readOnly} onClick={() => void client.stopLoadGenerator(g.id).then(refresh)}>Stop</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
    </LiveActions>
  );
}
