/**
 * One group: members (a colour each, the same in every generation: group-states.ts) and their partitions, per-partition committed offset,
 * highWatermark and lag in records and time, the lag history chart, the rebalance history with
 * generation numbers (host-sampled, plus the coordinator's events) and the offset reset.
 */
import { useEffect, useState } from 'react';
import type { GroupView } from '../../../shared/cluster-view';
import type { LagHistory } from '../../../shared/workbench-contract';
import { formatInteger, formatTime } from '../../components/format';
import { useApp } from '../../store/store-context';
import { useWorkbench } from '../messages/WorkbenchProvider';
import { formatDuration, groupStateDefinitions, memberColours, ownerOf, rememberedColour, stateTone } from './group-states';
import { LagChart } from './LagChart';
import { OffsetResetPanel } from './OffsetResetPanel';
import { ExplainButton } from '../explainers/ExplainButton';

export function GroupDetail({ group }: { group: GroupView }) {
  const client = useWorkbench();
  const timeZone = useApp((s) => s.settings.timeZone);
  const events = useApp((s) => s.events);
  const [history, setHistory] = useState<LagHistory | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => client.getLagHistory(group.groupId).then((h) => live && setHistory(h), () => {});
    load();
    const timer = setInterval(load, 1000);
    return () => { live = false; clearInterval(timer); };
  }, [client, group.groupId]);
  const colours = memberColours(group);
  const offsets = [...group.offsets].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  const groupEvents = events.filter((e) => 'groupId' in e && e.groupId === group.groupId && (e.type === 'group-rebalance-started' || e.type === 'group-stabilized' || e.type === 'group-member-left' || e.type === 'group-member-evicted' || e.type === 'group-member-joined')).slice(-12).reverse();

  return (
    <div className="wb-group-detail" data-testid="group-detail" data-group-id={group.groupId}>
      <section className="panel">
        <header className="toolbar">
          <h2>{group.groupId}</h2>
          <span className={`wb-state ${stateTone(group.state)}`} title={groupStateDefinitions[group.state]} data-testid="detail-state">{group.state}</span>
          <ExplainButton concept="consumer-group" label="What are a group's state and generationId?" />
          <span className="hint" data-testid="detail-generation">generationId {group.generationId} · coordinator broker {group.coordinatorId} · {group.protocolType}{group.protocol ? `/${group.protocol}` : ''}{group.readCommitted ? ' · lag vs lastStableOffset (read_committed)' : ''}</span>
        </header>
        <h3>Members <span className="hint">{group.members.length}</span></h3>
        {group.members.length === 0 ? <p className="hint">No members: the group is {group.state}.</p> : (
          <ul className="wb-members" data-testid="group-member-list">
            {group.members.map((m) => (
              <li key={m.memberId} data-testid="group-member" data-client-id={m.clientId}>
                <span className="wb-swatch" style={{ background: colours.get(m.memberId) }} />
                <code title={m.memberId}>{m.clientId}</code> <span className="hint">{m.clientHost}{m.groupInstanceId ? ` · static ${m.groupInstanceId}` : ''}{m.memberId === group.leaderId ? ' · leader' : ''}</span>
                <span className="wb-assignment" data-testid="member-assignment">{m.assignment.map((a) => `${a.topic} [${a.partitions.join(', ')}]`).join('; ') || 'no partitions'}</span>
              </li>
            ))}
          </ul>
        )}
        <table className="replica-table" data-testid="group-offsets">
          <thead><tr><th>topic</th><th>partition</th><th>member</th><th>committed offset <ExplainButton concept="offset" label="What is a committed offset?" /></th><th>highWatermark{group.readCommitted ? ' (LSO)' : ''} <ExplainButton concept="high-watermark" /></th><th>lag (records) <ExplainButton concept="consumer-group" label="What is consumer lag?" /></th><th>lag (time)</th></tr></thead>
          <tbody>{offsets.map((o) => {
            const owner = o.memberId ?? ownerOf(group, o.topic, o.partition);
            const member = group.members.find((m) => m.memberId === owner);
            return (
              <tr key={`${o.topic}:${o.partition}`} data-testid="group-offset-row" data-partition={o.partition} data-lag={o.lag}>
                <td>{o.topic}</td><td>{o.partition}</td>
                <td>{member ? <><span className="wb-swatch" style={{ background: colours.get(member.memberId) }} /> {member.clientId}</> : <span className="count-muted">unassigned</span>}</td>
                <td>{o.committedOffset < 0 ? 'none' : formatInteger(o.committedOffset)}</td><td>{formatInteger(o.endOffset)}</td>
                <td className={o.lag > 0 ? 'count-bad' : 'count-muted'}>{formatInteger(o.lag)}</td><td>{formatDuration(o.timeLagMs)}</td>
              </tr>
            );
          })}</tbody>
        </table>
      </section>
      {history && <LagChart samples={history.samples} intervalMs={history.intervalMs} />}
      <section className="panel" data-testid="rebalance-history">
        <h2>Rebalance history <span className="hint">each generation and its assignment, newest first</span></h2>
        {!history || history.rebalances.length === 0 ? <p className="hint">No generation seen yet.</p> : (
          <ol className="wb-rebalances">
            {[...history.rebalances].reverse().map((r) => (
              <li key={`${r.generationId}:${r.atMs}:${r.state}`} data-testid="rebalance-entry" data-generation={r.generationId}>
                <strong>generation {r.generationId}</strong> <span className="hint">{formatTime(r.atMs, timeZone)} · {r.state} · {r.members.length} member(s)</span>
                <div className="wb-assignment">{r.members.map((m, i) => {
                  const colour = rememberedColour(group.groupId, m.memberId);
                  return <span key={m.memberId} title={m.memberId}>{i > 0 ? ' | ' : ''}{colour && <span className="wb-swatch" style={{ background: colour }} />}{m.clientId}: {m.assignment.map((a) => `${a.topic} [${a.partitions.join(', ')}]`).join('; ') || '—'}</span>;
                })}</div>
              </li>
            ))}
          </ol>
        )}
        {groupEvents.length > 0 && (
          <ul className="wb-group-events">
            {groupEvents.map((e) => <li key={e.seq} className="hint">{e.type}{'generationId' in e ? ` (generation ${e.generationId})` : ''}{'reason' in e ? `: ${e.reason}` : ''}</li>)}
          </ul>
        )}
      </section>
      <OffsetResetPanel group={group} />
    </div>
  );
}
