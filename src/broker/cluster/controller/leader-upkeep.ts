/**
 * Controller upkeep around leader elections: the records-lost observation made at each election,
 * and the automatic preferred-leader rebalance (auto.leader.rebalance.enable).
 */
import type { ClusterCore } from '../core';
import { tpKey, type PartitionState } from '../metadata';
import type { Controller, ControllerTopic } from './controller';

/**
 * Observation only: records beyond the new leader's logEndOffset on any replica can never be
 * served again (followers will truncate to the new leader), so the view reports them lost.
 * 'unclean-election' when records below the old highWatermark go; otherwise the lost records were
 * never committed (only acks=0/1 writes can have been acknowledged).
 */
export function reportLostRecords(core: ClusterCore, state: PartitionState, unclean: boolean): void {
  const key = tpKey(state.topic, state.partition);
  const leaderLog = core.broker(state.leader)?.replicas.get(key)?.log;
  if (!leaderLog) return;
  const from = leaderLog.logEndOffset;
  let maxEnd = from;
  let count = 0;
  let committedEnd = 0;
  for (const id of state.replicas) {
    const r = core.broker(id)?.replicas.get(key);
    if (!r) continue;
    committedEnd = Math.max(committedEnd, r.highWatermark);
    if (r.log.logEndOffset > maxEnd && r.lostReportedUpTo < r.log.logEndOffset) {
      maxEnd = r.log.logEndOffset;
      count = 0;
      for (const b of r.log.read(from, Infinity, Infinity).batches) count += b.lastOffset + 1 - Math.max(b.baseOffset, from);
    }
    if (r.log.logEndOffset > from) r.lostReportedUpTo = r.log.logEndOffset;
  }
  if (maxEnd > from) {
    const reason = unclean || from < committedEnd ? 'unclean-election' : 'not-replicated-before-leader-change';
    core.emit({ type: 'records-lost', topic: state.topic, partition: state.partition, fromOffset: from, toOffset: maxEnd, count, reason });
  }
}

/**
 * auto.leader.rebalance.enable: brokers leading fewer than (100 − leader.imbalance.per.broker.percentage)%
 * of the partitions they are preferred for get them back through preferred elections, when the
 * preferred replica is in the ISR and eligible (KRaft QuorumController.maybeBalancePartitionLeaders).
 */
export function rebalanceLeaders(core: ClusterCore, controller: Controller): void {
  const preferred = new Map<number, { total: number; notLed: { topic: ControllerTopic; state: PartitionState }[] }>();
  controller.forEachPartition((topic, state) => {
    const p = state.replicas[0]!;
    const entry = preferred.get(p) ?? { total: 0, notLed: [] };
    entry.total++;
    if (state.leader !== p) entry.notLed.push({ topic, state });
    preferred.set(p, entry);
  });
  const threshold = core.num('leader.imbalance.per.broker.percentage') / 100;
  for (const [brokerId, entry] of [...preferred.entries()].sort((a, b) => a[0] - b[0])) {
    if (entry.notLed.length / entry.total <= threshold || !controller.isEligibleLeader(brokerId)) continue;
    for (const { topic, state } of entry.notLed) {
      const current = topic.partitions[state.partition];
      if (current && current.isr.includes(brokerId) && controller.topics.get(topic.record.name) === topic) controller.elect(topic, current, 'preferred', { preferred: brokerId });
    }
  }
}
