/**
 * Consumers started from the UI: in a group (through the group coordinator, committing offsets)
 * or assigned to partitions (no group), read_committed or not. They are real kafkajs clients with
 * client.id kafka-lab-ui-consumer-N, so they appear in the clients and consumer-groups views.
 */
import { useMemo, useState } from 'react';
import type { ConsumerConfig, IsolationLevelName } from '../../../shared/workbench-contract';
import { formatInteger } from '../../components/format';
import { useApp, useReadOnly } from '../../store/store-context';
import { decodePayload } from '../messages/decode';
import { useWorkbench } from '../messages/WorkbenchProvider';
import { useWorkbenchStatus } from './use-workbench-status';
import { LiveActions } from '../time-travel/LiveActions';
import { ExplainButton } from '../explainers/ExplainButton';

export function ConsumePanel() {
  const client = useWorkbench();
  const readOnly = useReadOnly();
  const topics = useApp((s) => s.snapshot?.topics);
  const visible = useMemo(() => (topics ?? []).filter((t) => !t.internal).map((t) => t.name), [topics]);
  const { status, refresh } = useWorkbenchStatus(client, 700);
  const [topic, setTopic] = useState('');
  const [mode, setMode] = useState<ConsumerConfig['mode']>('group');
  const [groupId, setGroupId] = useState('kafka-lab-ui-group');
  const [partitions, setPartitions] = useState('');
  const [fromBeginning, setFromBeginning] = useState(true);
  const [isolationLevel, setIsolation] = useState<IsolationLevelName>('read_uncommitted');
  const [error, setError] = useState<string | null>(null);
  const chosen = topic || visible[0] || '';

  const partitionCount = topics?.find((t) => t.name === chosen)?.partitions.length ?? 0;
  const start = async () => {
    setError(null);
    // Checked before anything is sent: "0, 9" on a 3-partition topic used to consume partition 0
    // alone, without a word; "abc" ended as "no partition NaN".
    const checked = mode === 'assigned' ? parsePartitions(partitions, chosen, partitionCount) : { partitions: undefined };
    if ('error' in checked) return setError(checked.error);
    if (mode === 'group' && groupId.trim() === '') return setError('INVALID_GROUP_ID: a consumer group needs a non-empty group.id.');
    try {
      await client.startConsumer({
        topic: chosen, mode, groupId: mode === 'group' ? groupId : undefined, fromBeginning, isolationLevel,
        partitions: checked.partitions,
      });
      refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <LiveActions>
    <div data-testid="consume-panel">
      <section className="panel">
        <h2>Start a consumer <ExplainButton concept="consumer" /></h2>
        <div className="toolbar">
          <label className="field">Topic<select value={chosen} onChange={(e) => setTopic(e.target.value)} data-testid="consume-topic">{visible.map((t) => <option key={t}>{t}</option>)}</select></label>
          <label className="field">Mode
            <select value={mode} onChange={(e) => setMode(e.target.value as ConsumerConfig['mode'])} data-testid="consume-mode">
              <option value="group">in a group (subscribe)</option><option value="assigned">assigned partitions (no group)</option>
            </select>
          </label>
          {mode === 'group'
            ? <label className="field"><span>group.id <ExplainButton concept="consumer-group" /></span><input value={groupId} onChange={(e) => setGroupId(e.target.value)} data-testid="consume-group" /></label>
            : <label className="field">Partitions <span className="hint">empty = all</span><input value={partitions} onChange={(e) => setPartitions(e.target.value)} size={8} data-testid="consume-partitions" /></label>}
          <label className="field"><span>Start at <ExplainButton concept="offset" label="What is an offset, and where does a consumer start?" /></span><select value={fromBeginning ? 'earliest' : 'latest'} onChange={(e) => setFromBeginning(e.target.value === 'earliest')}><option value="earliest">earliest</option><option value="latest">latest</option></select></label>
          <label className="field"><span>Isolation <ExplainButton concept="transactions" label="What do isolation levels and transactions mean?" /></span><select value={isolationLevel} onChange={(e) => setIsolation(e.target.value as IsolationLevelName)} data-testid="consume-isolation"><option value="read_uncommitted">read_uncommitted</option><option value="read_committed">read_committed</option></select></label>
          <div className="form-actions"><button type="button" className="btn btn-primary" disabled={readOnly || !chosen} onClick={() => void start()} data-testid="consume-start">Start consumer</button></div>
        </div>
        {error && <p className="inline-error" role="alert" data-testid="consume-error">{error}</p>}
        {readOnly && <p className="hint" role="status" data-testid="consume-read-only">Read-only view: starting and stopping consumers needs the access token, and their records are not shown here (counts and positions are).</p>}
      </section>
      {(status?.consumers ?? []).map((c) => (
        <section key={c.id} className="panel" data-testid="ui-consumer" data-client-id={c.clientId} data-state={c.state}>
          <header className="toolbar">
            <h2><code>{c.clientId}</code> <span className="hint">{c.config.mode === 'group' ? `group ${c.config.groupId}` : 'assigned'} · {c.config.topic} · {c.config.isolationLevel}</span></h2>
            <span className={`state-pill ${c.state === 'running' ? 'state-running' : c.state === 'failed' ? 'state-stopped' : ''}`}>{c.state}</span>
            <button type="button" className="btn btn-small btn-danger" disabled={readOnly} onClick={() => void client.stopConsumer(c.id).then(refresh)} data-testid="consume-stop">Stop</button>
          </header>
          {c.error && <p className="inline-error" role="alert">{c.error}</p>}
          <dl className="broker-facts">
            <dt>consumed</dt><dd data-testid="consumed-count">{formatInteger(c.consumed)}</dd>
            {c.memberId && <><dt>memberId</dt><dd>{c.memberId}</dd></>}
            <dt>assignment</dt><dd>{c.assignment.map((a) => `${a.topic} [${a.partitions.join(', ')}]`).join('; ') || 'none yet'}</dd>
            <dt>positions</dt><dd>{c.positions.map((p) => `p${p.partition}@${p.offset}`).join(' ') || '—'}</dd>
          </dl>
          {c.recent.length > 0 && (
            <table className="replica-table"><thead><tr><th>partition</th><th>offset</th><th>key</th><th>value</th></tr></thead><tbody>
              {c.recent.slice(-8).reverse().map((r) => <tr key={`${r.partition}:${r.offset}`}><td>{r.partition}</td><td>{r.offset}</td><td>{decodePayload(r.key, 'auto').text}</td><td>{r.value === null ? 'null (tombstone)' : decodePayload(r.value, 'auto').text}</td></tr>)}
            </tbody></table>
          )}
        </section>
      ))}
    </div>
    </LiveActions>
  );
}

/**
 * The "Partitions" field: empty = every partition; else comma-separated partition numbers of the
 * topic. Anything else is refused with Kafka's UNKNOWN_TOPIC_OR_PARTITION (or a plain reason).
 */
export function parsePartitions(text: string, topic: string, partitionCount: number): { partitions: number[] | undefined } | { error: string } {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return { partitions: undefined };
  const bad = parts.find((p) => !/^\d+$/.test(p));
  if (bad !== undefined) return { error: `Partitions are whole numbers separated by commas (e.g. 0, 2), got "${bad}".` };
  const numbers = [...new Set(parts.map(Number))];
  const missing = numbers.filter((n) => n >= partitionCount);
  if (missing.length > 0) return { error: `UNKNOWN_TOPIC_OR_PARTITION: ${topic} has partitions 0–${partitionCount - 1}; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not among them.` };
  return { partitions: numbers.sort((a, b) => a - b) };
}
