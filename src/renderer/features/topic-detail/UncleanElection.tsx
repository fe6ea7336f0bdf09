/**
 * Unclean leader election for the selected partition: the "Elect unclean leader" button
 * (ElectLeaders with election type UNCLEAN), what unclean.leader.election.enable does for an
 * offline partition in KRaft (the controller's next maybeElectUncleanLeaders check, every
 * unclean.leader.election.interval.ms), and the records lost by this partition's elections.
 */
import type { BrokerView, PartitionView } from '../../../shared';
import { CommandButton } from '../../components/CommandButton';
import { formatDueIn, formatDuration } from '../../components/duration';
import { offsetRangeText, recordsLostReason } from '../../components/offset-range';
import { useApp } from '../../store/store-context';
import { topicByName } from '../topics/topic-rows';
import { uncleanCandidate, uncleanElectionBlocker, uncleanElectionCost } from './action-guards';

export function UncleanElectionButton({ topic, partition, brokers }: { topic: string; partition: PartitionView; brokers: BrokerView[] }) {
  const blocker = uncleanElectionBlocker(partition, brokers);
  const candidate = uncleanCandidate(partition, brokers);
  let title = 'ElectLeaders UNCLEAN: the first live replica leads even if it is not in the ISR; records beyond its logEndOffset are lost for good, acknowledged ones included.';
  if (!blocker && candidate !== null) {
    const cost = uncleanElectionCost(partition, candidate);
    const lost = cost.furthestLogEndOffset - cost.candidateLogEndOffset;
    title = `ElectLeaders UNCLEAN: broker ${candidate}, not in the ISR, becomes leader at logEndOffset ${cost.candidateLogEndOffset}. Records beyond its logEndOffset are lost for good, acknowledged ones included`
      + (lost > 0 ? ` — here ${offsetRangeText(cost.candidateLogEndOffset, cost.furthestLogEndOffset)} held by a replica that is down.` : '.');
  }
  return (
    <CommandButton command={{ type: 'elect-unclean-leader', topic, partition: partition.partition }} label={candidate !== null && !blocker ? `Elect unclean leader (broker ${candidate})` : 'Elect unclean leader'}
      variant="danger" title={title} testId="elect-unclean" disabledReason={blocker} />
  );
}

/** Why an offline partition stays offline, and when the controller elects an unclean leader for it. */
export function OfflineNote({ topic, partition }: { topic: string; partition: PartitionView }) {
  const enabled = useApp((s) => topicByName(s.snapshot, topic)?.configs.find((c) => c.name === 'unclean.leader.election.enable')?.value === 'true');
  const checks = useApp((s) => s.snapshot?.leaderChecks);
  const now = useApp((s) => s.snapshot?.simTimeMs ?? 0);
  if (partition.leader >= 0) return null;
  const interval = checks ? `unclean.leader.election.interval.ms = ${formatDuration(checks.uncleanLeaderElectionIntervalMs)}` : 'unclean.leader.election.interval.ms';
  const next = checks?.nextUncleanLeaderElectionCheckMs;
  const due = next !== null && next !== undefined ? `, next ${formatDueIn(next, now)}` : '';
  return (
    <p className="warning-note" role="note" data-testid="offline-note">
      Offline: no in-sync replica can lead (ISR [{partition.inSyncReplicas.join(', ')}]). Produce and fetch fail until one returns.{' '}
      {enabled
        ? `unclean.leader.election.enable is true for ${topic}: the controller elects a replica outside the ISR at its next unclean-election check (every ${interval}${due}), as KRaft does; "Elect unclean leader" does it now.`
        : `unclean.leader.election.enable is false for ${topic}. Enabling it lets the controller elect a replica outside the ISR at its next unclean-election check (every ${interval}${due}); "Elect unclean leader" does it now. Either way, records the new leader never had are lost.`}
    </p>
  );
}

/** The records this partition lost (records-lost events still in the UI's event list), newest first. */
export function LostRecords({ topic, partition }: { topic: string; partition: number }) {
  const events = useApp((s) => s.events);
  const lost = events.filter((e) => e.type === 'records-lost' && e.topic === topic && e.partition === partition).slice(-3).reverse();
  if (lost.length === 0) return null;
  return (
    <ul className="lost-records" data-testid="lost-records">
      {lost.map((e) => e.type === 'records-lost' && (
        <li key={e.seq} className="warning-note">Records LOST: {offsetRangeText(e.fromOffset, e.toOffset, e.count)} — {recordsLostReason(e.reason)}.</li>
      ))}
    </ul>
  );
}
