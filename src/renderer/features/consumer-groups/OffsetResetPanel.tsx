/**
 * Offset reset (earliest, latest, timestamp, offset) with a preview of the new offsets. Kafka
 * refuses to reset an active group; the panel says why and enables Apply once the group is Empty.
 */
import { useState } from 'react';
import type { GroupView } from '../../../shared/cluster-view';
import type { OffsetResetRequest, OffsetResetResult, OffsetResetTarget } from '../../../shared/workbench-contract';
import { formatInteger } from '../../components/format';
import { useReadOnly } from '../../store/store-context';
import { useWorkbench } from '../messages/WorkbenchProvider';
import { LiveActions } from '../time-travel/LiveActions';

export function OffsetResetPanel({ group }: { group: GroupView }) {
  const client = useWorkbench();
  const readOnly = useReadOnly();
  const topics = [...new Set([...group.offsets.map((o) => o.topic), ...group.members.flatMap((m) => m.assignment.map((a) => a.topic))])].sort();
  const [topic, setTopic] = useState('');
  const [kind, setKind] = useState<OffsetResetTarget['kind']>('earliest');
  const [param, setParam] = useState('');
  const [result, setResult] = useState<OffsetResetResult | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = topic || topics[0] || '';
  const parsed = resetTarget(kind, param);
  const request = (target: OffsetResetTarget): OffsetResetRequest => ({ groupId: group.groupId, topic: chosen, target, partitions: null });
  const run = async (apply: boolean) => {
    // A typo never becomes offset 0 or the epoch: it is refused here, with nothing sent.
    if ('error' in parsed) {
      setResult({ ok: false, errorName: 'INVALID_REQUEST', message: parsed.error, groupState: null, rows: [] });
      return;
    }
    const target = parsed.target;
    setBusy(true);
    try {
      setResult(apply ? await client.applyOffsetReset(request(target)) : await client.previewOffsetReset(request(target)));
    } catch (error) {
      setResult({ ok: false, errorName: 'NETWORK_EXCEPTION', message: String(error), groupState: null, rows: [] });
    }
    setBusy(false);
  };
  const active = group.state !== 'Empty' && group.state !== 'Dead';

  return (
    <LiveActions>
    <section className="panel" data-testid="offset-reset">
      <h2>Reset offsets <span className="hint">kafka-consumer-groups --reset-offsets; only while the group is Empty</span></h2>
      <div className="toolbar">
        <label className="field">Topic<select value={chosen} onChange={(e) => setTopic(e.target.value)} data-testid="reset-topic">{topics.map((t) => <option key={t}>{t}</option>)}</select></label>
        <label className="field">To
          <select value={kind} onChange={(e) => { setKind(e.target.value as OffsetResetTarget['kind']); setResult(null); }} data-testid="reset-kind">
            <option value="earliest">earliest (logStartOffset)</option><option value="latest">latest (highWatermark)</option><option value="timestamp">timestamp</option><option value="offset">offset</option>
          </select>
        </label>
        {(kind === 'timestamp' || kind === 'offset') && <label className="field">{kind === 'offset' ? 'Offset' : 'Timestamp (ISO or ms)'}<input value={param} onChange={(e) => { setParam(e.target.value); setResult(null); }} data-testid="reset-param" /></label>}
        <div className="form-actions">
          <button type="button" className="btn" disabled={busy || !chosen} onClick={() => void run(false)} data-testid="reset-preview">Preview</button>
          <button type="button" className="btn btn-danger" disabled={busy || !chosen || readOnly} onClick={() => void run(true)} data-testid="reset-apply"
            title={active ? `The group is ${group.state}: the broker will refuse. Stop its consumers first.` : undefined}>Apply</button>
        </div>
      </div>
      {active && <p className="hint" data-testid="reset-active-note">The group is {group.state} with {group.members.length} member(s): Kafka refuses a reset until it is Empty.</p>}
      {result && !result.ok && <p className="wb-result wb-result-error" role="alert" data-testid="reset-error" data-error={result.errorName}><strong>{result.errorName}</strong>: {result.message}</p>}
      {result?.ok && result.applied && (
        <p className="wb-result wb-result-ok" role="status" data-testid="reset-applied">
          Applied: the group's committed offsets for {chosen} now are the new offsets below.
          <span className="hint"> kafkajs applies a reset by joining the group for a moment as client.id kafka-lab-ui-admin, so the rebalance history shows two more generations.</span>
        </p>
      )}
      {result && result.rows.length > 0 && (
        <table className="replica-table" data-testid="reset-preview-table">
          <thead><tr><th>partition</th><th>committed {result.ok && result.applied ? 'before' : 'now'}</th><th>new offset</th><th>change</th><th>logStartOffset</th><th>highWatermark</th></tr></thead>
          <tbody>{result.rows.map((r) => (
            <tr key={r.partition}>
              <td>{r.partition}</td><td>{r.currentOffset < 0 ? 'none' : formatInteger(r.currentOffset)}</td><td data-testid="reset-new-offset"><strong>{formatInteger(r.newOffset)}</strong></td>
              <td>{r.currentOffset < 0 ? '' : `${r.newOffset - r.currentOffset >= 0 ? '+' : ''}${formatInteger(r.newOffset - r.currentOffset)}`}</td>
              <td>{formatInteger(r.logStartOffset)}</td><td>{formatInteger(r.highWatermark)}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </section>
    </LiveActions>
  );
}

/**
 * The reset target from the form, or why it is not one: an offset is a whole number ≥ 0
 * (kafka-consumer-groups --to-offset), a timestamp an ISO date-time or epoch ms (--to-datetime).
 */
export function resetTarget(kind: OffsetResetTarget['kind'], param: string): { target: OffsetResetTarget } | { error: string } {
  const text = param.trim();
  if (kind === 'offset') {
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) return { error: `The offset must be a whole number ≥ 0 (--to-offset), got "${param}".` };
    return { target: { kind, offset: Number(text) } };
  }
  if (kind === 'timestamp') {
    const timestampMs = /^\d+$/.test(text) ? Number(text) : /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
    if (!Number.isSafeInteger(timestampMs)) return { error: `The timestamp must be an ISO date-time such as 2026-01-01T12:00:00Z or epoch milliseconds (--to-datetime), got "${param}".` };
    return { target: { kind, timestampMs } };
  }
  return { target: { kind } };
}
