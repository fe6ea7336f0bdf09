/** How one replica of a partition is drawn: the chip conventions of kafka-ui and Cruise Control. */
import type { BrokerView, PartitionView } from '../../../shared';

export type ReplicaRole = 'leader' | 'in-sync' | 'out-of-sync' | 'offline';

export interface ReplicaState {
  brokerId: number;
  role: ReplicaRole;
  isPreferred: boolean;
  adding: boolean;
  removing: boolean;
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  /** Offset below which this replica's log is fsynced (recoveryPoint); a power loss drops the rest. */
  flushedOffset: number;
  /** Leader's logEndOffset − this replica's logEndOffset (0 for the leader). */
  lag: number;
}

/** Classifies every replica of a partition. `brokers` decides offline-ness when the replica view lags. */
export function replicaStates(p: PartitionView, brokers: readonly BrokerView[]): ReplicaState[] {
  const leaderState = p.replicaStates.find((r) => r.brokerId === p.leader);
  const leaderEnd = leaderState?.logEndOffset ?? p.logEndOffset;
  return p.replicas.map((brokerId) => {
    const r = p.replicaStates.find((x) => x.brokerId === brokerId);
    const broker = brokers.find((b) => b.brokerId === brokerId);
    const offline = !!r?.offline || p.offlineReplicas.includes(brokerId) || (broker !== undefined && broker.state === 'stopped');
    const role: ReplicaRole = offline ? 'offline' : brokerId === p.leader ? 'leader' : p.inSyncReplicas.includes(brokerId) ? 'in-sync' : 'out-of-sync';
    const logEndOffset = r?.logEndOffset ?? 0;
    return {
      brokerId, role,
      isPreferred: brokerId === p.preferredLeader,
      adding: p.reassignment?.addingReplicas.includes(brokerId) ?? false,
      removing: p.reassignment?.removingReplicas.includes(brokerId) ?? false,
      logStartOffset: r?.logStartOffset ?? 0,
      logEndOffset,
      highWatermark: r?.highWatermark ?? 0,
      flushedOffset: r?.flushedOffset ?? 0,
      lag: brokerId === p.leader ? 0 : Math.max(0, leaderEnd - logEndOffset),
    };
  });
}

/** Words for a chip's tooltip: who it is, its role, its leaderEpoch and offsets. */
export function replicaTooltip(p: PartitionView, s: ReplicaState): string {
  const role = { leader: 'leader', 'in-sync': 'follower, in sync', 'out-of-sync': 'follower, OUT OF SYNC', offline: 'offline' }[s.role];
  return [
    `broker ${s.brokerId} · ${role}${s.isPreferred ? ' · preferred leader' : ''}`,
    `leaderEpoch ${p.leaderEpoch}`,
    `logStartOffset ${s.logStartOffset} · highWatermark ${s.highWatermark} · logEndOffset ${s.logEndOffset} · flushed ${s.flushedOffset}`,
    s.role === 'leader' ? '' : `lag ${s.lag} records`,
    s.adding ? 'being added by a reassignment' : s.removing ? 'being removed by a reassignment' : '',
  ].filter(Boolean).join('\n');
}
