/**
 * The selected partition up close: every replica's log with lag, and the controls that act on
 * it in context: preferred and unclean leader election, reassignment, per replica stop/kill/power loss/start and
 * isolate/heal, and the faults of the link a follower fetches over (./LinkFaults.tsx).
 */
import { useState } from 'react';
import type { BrokerView, LogTask, PartitionView } from '../../../shared';
import { CommandButton } from '../../components/CommandButton';
import { FLUSHED_OFFSET_EXPLANATION, POWER_LOSS_TITLE } from '../../components/durability-text';
import { useApp, useAppStoreApi, useReadOnly } from '../../store/store-context';
import { PartitionLogBars } from './PartitionLogBars';
import { checkReassignment, preferredElectionBlocker } from './action-guards';
import { replicaStates } from './replica-state';
import { linkBetween, linkLabel } from './link-effects';
import { LinkFaults } from './LinkFaults';
import { LostRecords, OfflineNote, UncleanElectionButton } from './UncleanElection';
import { topicByName } from '../topics/topic-rows';
import { minInSyncReplicas } from '../overview/health';
import { LiveActions } from '../time-travel/LiveActions';
import { StorageButton } from '../storage/StorageButton';

/** The badge of a failed background log task (Kafka calls a partition whose cleaning failed "uncleanable"). */
const logFailureLabel: Record<LogTask, string> = { cleaner: 'uncleanable', retention: 'retention failed', 'segment-roll': 'segment roll failed' };

export function PartitionPanel({ topic, partition, brokers }: { topic: string; partition: PartitionView; brokers: BrokerView[] }) {
  const readOnly = useReadOnly();
  const links = useApp((s) => s.snapshot?.links);
  const minIsr = useApp((s) => { const t = topicByName(s.snapshot, topic); return t ? minInSyncReplicas(t) : 1; });
  const selectedBrokerId = useApp((s) => s.selectedBrokerId);
  const states = replicaStates(partition, brokers);
  const p = partition.partition;
  const leaderBroker = brokers.find((b) => b.brokerId === partition.leader);
  return (
    <section className="panel partition-panel" data-testid="partition-panel">
      <h2>
        {topic}-{p} <span className="hint">leader {partition.leader < 0 ? 'none (offline)' : `broker ${partition.leader}`} · leaderEpoch {partition.leaderEpoch} · inSyncReplicas [{partition.inSyncReplicas.join(', ')}] · preferred leader {partition.preferredLeader}</span>
      </h2>
      {leaderBroker && leaderBroker.state !== 'running' && (
        <p className="warning-note" role="note" data-testid="leader-down-note">
          Broker {partition.leader} is {leaderBroker.state} but the controller still names it leader: it has not noticed yet. It fences a broker
          whose heartbeats stop for broker.session.timeout.ms and then elects a new leader from the in-sync replicas; until then produce and
          fetch requests for this partition fail and clients retry.
        </p>
      )}
      {partition.logFailures?.map((f) => (
        <p className="warning-note" role="note" key={`${f.brokerId}-${f.task}`} data-testid={`log-failure-${f.task}-${f.brokerId}`}>
          <span className="badge badge-bad">{logFailureLabel[f.task]}</span> broker {f.brokerId}: {f.reason}
        </p>
      ))}
      <OfflineNote topic={topic} partition={partition} />
      <LostRecords topic={topic} partition={p} />
      <PartitionLogBars partition={partition} states={states} />
      <table className="replica-table">
        <thead><tr><th>Replica</th><th>Role</th><th>Lag</th><th title={FLUSHED_OFFSET_EXPLANATION}>Flushed / logEndOffset</th><th>Link from leader</th><th>Log</th>{!readOnly && <th>Actions</th>}</tr></thead>
        <tbody>
          {states.map((s) => {
            const broker = brokers.find((b) => b.brokerId === s.brokerId);
            const link = partition.leader >= 0 ? linkBetween(links, partition.leader, s.brokerId) : null;
            const follower = s.brokerId !== partition.leader && leaderBroker?.state === 'running';
            // A fenced broker is running (the controller has not accepted it back yet): it can be stopped or isolated, not started.
            const up = broker?.state === 'running' || broker?.state === 'fenced';
            return (
              <tr key={s.brokerId} className={s.brokerId === selectedBrokerId ? 'selected' : ''}>
                <td>broker {s.brokerId}{s.isPreferred ? ' (preferred)' : ''}</td>
                <td className={`role-${s.role}`}>{s.role}{broker && broker.state !== 'running' ? ` · broker ${broker.state}` : ''}</td>
                <td>{s.role === 'leader' ? '—' : `${s.lag} ${s.lag === 1 ? 'record' : 'records'}`}</td>
                <td data-testid={`flushed-${s.brokerId}`} title={`${s.logEndOffset - s.flushedOffset} record offsets above the flushed offset ${s.flushedOffset}: in the OS page cache only, lost if broker ${s.brokerId} loses power`}>
                  {s.flushedOffset} / {s.logEndOffset}{s.logEndOffset > s.flushedOffset && <span className="hint"> ({s.logEndOffset - s.flushedOffset} unflushed)</span>}
                </td>
                <td data-testid={`link-${s.brokerId}`}>{!follower ? '—' : linkLabel(link)}</td>
                {/* Issue 15: this replica's segments in the Storage view. */}
                <td><StorageButton topic={topic} partition={p} brokerId={s.brokerId} /></td>
                {!readOnly && (
                  <td className="row-actions">
                    {up && <CommandButton command={{ type: 'stop-broker', brokerId: s.brokerId, controlled: true }} label={`Stop broker ${s.brokerId}`} variant="danger" title="Controlled shutdown: leadership moves away first" testId={`panel-stop-${s.brokerId}`} />}
                    {up && <CommandButton command={{ type: 'stop-broker', brokerId: s.brokerId, controlled: false }} label="Kill" variant="danger" title="Crash: leadership moves only after the controller misses the broker's heartbeats" testId={`panel-kill-${s.brokerId}`} />}
                    {up && <CommandButton command={{ type: 'power-loss-broker', brokerId: s.brokerId }} label="Power loss" variant="danger" title={POWER_LOSS_TITLE} testId={`panel-power-loss-${s.brokerId}`} />}
                    {broker?.state === 'stopped' && <CommandButton command={{ type: 'start-broker', brokerId: s.brokerId }} label={`Start broker ${s.brokerId}`} testId={`panel-start-${s.brokerId}`} />}
                    {up && <CommandButton command={{ type: 'isolate-broker', brokerId: s.brokerId }} label="Isolate" variant="danger" title="Cut the broker off the network; it keeps running" testId={`panel-isolate-${s.brokerId}`} />}
                    {broker?.state === 'isolated' && <CommandButton command={{ type: 'heal-broker', brokerId: s.brokerId }} label="Heal" testId={`panel-heal-${s.brokerId}`} />}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint" data-testid="flushed-explanation">{FLUSHED_OFFSET_EXPLANATION}</p>
      <LinkFaults partition={partition} followers={states.filter((s) => s.brokerId !== partition.leader && brokers.find((b) => b.brokerId === s.brokerId)?.state === 'running').map((s) => s.brokerId)}
        minInSyncReplicas={minIsr} />
      {!readOnly && (
        <div className="partition-actions">
          <CommandButton command={{ type: 'elect-preferred-leader', topic, partition: p }} label={`Elect preferred leader (broker ${partition.preferredLeader})`}
            title="Move leadership back to the first replica, if it is in sync" testId="elect-preferred"
            disabledReason={preferredElectionBlocker(partition, brokers)} showReason />
          <UncleanElectionButton topic={topic} partition={partition} brokers={brokers} />
          <ReassignForm topic={topic} partition={partition} brokers={brokers} />
        </div>
      )}
    </section>
  );
}

function ReassignForm({ topic, partition, brokers }: { topic: string; partition: PartitionView; brokers: BrokerView[] }) {
  const store = useAppStoreApi();
  const [text, setText] = useState(partition.replicas.join(','));
  const [refusal, setRefusal] = useState<string | null>(null);
  // Checked as the user types, against the brokers the cluster has (ids need not be 1..N).
  const check = checkReassignment(text, brokers);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if ('error' in check) return;
    const result = await store.getState().execute({ type: 'reassign-partition', topic, partition: partition.partition, replicas: check.replicas });
    setRefusal(result.ok ? null : `${result.errorName}: ${result.message}`);
  };
  const error = 'error' in check ? check.error : refusal;
  return (
    <form className="reassign" onSubmit={submit}>
      <LiveActions>
      <label>Reassign replicas to <input value={text} onChange={(e) => { setText(e.target.value); setRefusal(null); }} size={10} data-testid="reassign-input" aria-label="New replica list"
        aria-invalid={'error' in check} /></label>
      <button type="submit" className="btn" disabled={'error' in check} aria-disabled={'error' in check} title={'error' in check ? check.error : undefined} data-testid="reassign-submit">Reassign</button>
      <span className="hint">the first one becomes the preferred leader</span>
      {error && <span className="inline-error" role="alert" data-testid="reassign-error">{error}</span>}
      {/* Only for a changed list: the current one is no reassignment, so its down brokers are the panel's news, not the form's. */}
      {!('error' in check) && check.warning && check.replicas.join(',') !== partition.replicas.join(',') && <span className="reassign-warning" role="note" data-testid="reassign-warning">{check.warning}</span>}
      </LiveActions>
    </form>
  );
}
