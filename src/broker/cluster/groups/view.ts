/**
 * GroupView for the ClusterView: state, members with their decoded assignment, and lag per
 * committed partition — endOffset − max(committedOffset, logStartOffset), ≥ 0, where endOffset is
 * the highWatermark, or the lastStableOffset for groups that commit through transactions
 * (their consumers read_committed) — plus the time lag: the age of the record at the committed
 * position, read from the partition leader's log (0 when caught up).
 */
import type { GroupMemberView, GroupPartitionLagView, GroupView } from '../../../shared/cluster-view';
import { decodeRecordBatch, RecordBatchError } from '../../protocol/records';
import type { GroupCoordinatorCore } from './coordinator-core';
import { decodeConsumerAssignment, decodeConsumerSubscription } from './consumer-protocol';
import { memberMetadataFor, type Group } from './group';
import type { CoordinatorHost } from './host';

/** lastStableOffset of a partition at its leader, or null to use the highWatermark. */
export type LastStableOffsetOf = (topic: string, partition: number) => number | null;

/** Timestamps by (topic, partition, offset), so snapshots at 2–10 Hz do not decode the same batch again. */
export class TimestampCache {
  private readonly cache = new Map<string, number | null>();

  constructor(private readonly host: CoordinatorHost) {}

  /** Timestamp (ms) of the first record at or after `offset` on the leader, or null if none. */
  timestampAt(topic: string, partition: number, offset: number): number | null {
    const key = `${topic}\u0000${partition}\u0000${offset}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const leader = this.host.leaderOf(topic, partition);
    let found: number | null = null;
    let undecodable = false;
    if (leader >= 0) {
      for (const batch of this.host.readLog(leader, topic, partition, offset)) {
        let decoded: ReturnType<typeof decodeRecordBatch>;
        try {
          decoded = decodeRecordBatch(batch, { verifyCrc: false });
        } catch (e) {
          // A stored batch whose records do not decode (issue 11: compressed records were not
          // validated on produce) has no record timestamp to show; the view must still build,
          // and the failure is remembered so 2-10 Hz snapshots do not decompress it again.
          if (!(e instanceof RecordBatchError)) throw e;
          undecodable = true;
          break;
        }
        const { header, records } = decoded;
        if (header.isControl) continue;
        const record = records.find((r) => r.offset >= offset);
        if (record !== undefined) {
          found = record.timestamp;
          break;
        }
      }
    }
    if (this.cache.size > 10_000) this.cache.clear();
    if (found !== null || undecodable) this.cache.set(key, found);
    return found;
  }
}

export function groupView(c: GroupCoordinatorCore, group: Group, timestamps: TimestampCache, lastStableOffsetOf: LastStableOffsetOf): GroupView {
  const owners = new Map<string, string>();
  const members: GroupMemberView[] = [...group.members.values()].map((m) => {
    const assignment = decodeConsumerAssignment(m.assignment)?.assignedPartitions ?? [];
    for (const a of assignment) for (const p of a.partitions) owners.set(`${a.topic}\u0000${p}`, m.memberId);
    const subscription = group.protocolType === 'consumer' ? decodeConsumerSubscription(memberMetadataFor(m, group.protocolName ?? m.protocols[0]?.name ?? null)) : null;
    const view: GroupMemberView = {
      memberId: m.memberId, groupInstanceId: m.groupInstanceId, clientId: m.clientId, clientHost: m.clientHost,
      assignment: assignment.map((a) => ({ topic: a.topic, partitions: [...a.partitions].sort((x, y) => x - y) })),
      sessionTimeoutMs: m.sessionTimeoutMs, rebalanceTimeoutMs: m.rebalanceTimeoutMs, lastHeartbeatMs: m.lastHeartbeatMs,
    };
    if (subscription !== null) {
      view.subscribedTopics = subscription.topics;
      view.subscriptionVersion = subscription.version;
    }
    return view;
  });
  const now = c.now();
  const offsets: GroupPartitionLagView[] = [];
  for (const o of group.offsets.values()) {
    const leader = c.host.leaderOf(o.topic, o.partition);
    const replica = leader >= 0 ? c.host.replicaOffsets(leader, o.topic, o.partition) : null;
    const highWatermark = replica?.highWatermark ?? o.offset;
    const logStartOffset = replica?.logStartOffset ?? 0;
    const endOffset = group.usesTransactions ? Math.min(lastStableOffsetOf(o.topic, o.partition) ?? highWatermark, highWatermark) : highWatermark;
    const position = Math.max(o.offset, logStartOffset);
    const lag = Math.max(0, endOffset - position);
    let timeLagMs = 0;
    if (lag > 0 && replica !== null) {
      const ts = timestamps.timestampAt(o.topic, o.partition, position);
      timeLagMs = ts === null ? 0 : Math.max(0, now - ts);
    }
    offsets.push({ topic: o.topic, partition: o.partition, committedOffset: o.offset, endOffset, lag, timeLagMs, memberId: owners.get(`${o.topic}\u0000${o.partition}`) ?? null });
  }
  offsets.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  return {
    groupId: group.groupId, state: group.state, protocolType: group.protocolType ?? '', protocol: group.protocolName ?? '',
    generationId: group.generationId, leaderId: group.leaderId, coordinatorId: c.brokerId, members, offsets,
    totalLag: offsets.reduce((sum, o) => sum + o.lag, 0), readCommitted: group.usesTransactions,
    offsetsPartition: group.offsetsPartition, stateTimestampMs: group.stateTimestampMs,
  };
}
