/**
 * Controller upkeep around leader elections: the records-lost observation made at each election,
 * and the active controller's two periodic leader tasks (KRaft QuorumController):
 * - maybeBalancePartitionLeaders every leader.imbalance.check.interval.seconds, when
 *   auto.leader.rebalance.enable: preferred-leader elections (rebalanceLeaders below);
 * - maybeElectUncleanLeaders every unclean.leader.election.interval.ms (5 minutes): an offline
 *   partition of a topic with unclean.leader.election.enable gets an unclean leader. This is the
 *   only way a config change reaches an already offline partition in KRaft — Kafka's own
 *   documentation of unclean.leader.election.enable (ReplicationConfigs) says so and points to
 *   kafka-leader-election --election-type unclean for an immediate election (here ElectLeaders
 *   UNCLEAN, the `elect-unclean-leader` command).
 */
import type { ClusterCore } from '../core';
import { tpKey, type PartitionState } from '../metadata';
import { acknowledgedAmong, acknowledgedRanges } from '../replication/acknowledged';
import type { Replica } from '../replication/replica';
import type { Controller, ControllerTopic } from './controller';

/**
 * Observation only, at an election: records beyond the new leader's logEndOffset on any replica
 * can never be served again (followers will truncate to the new leader). Of those, the ones some
 * client was told about (../replication/acknowledged.ts: below a highWatermark, or answered to an
 * acks=0/1 producer) are reported `records-lost` — 'unclean-election' when committed records go,
 * else 'not-replicated-before-leader-change' (acks=0/1 writes). Records no producer was
 * acknowledged for (acks=all still waiting) are not lost: their truncation shows as
 * `log-truncated` and the producer retries, as on Kafka.
 */
export function reportLostRecords(core: ClusterCore, state: PartitionState, unclean: boolean): void {
  const key = tpKey(state.topic, state.partition);
  const leaderLog = core.broker(state.leader)?.replicas.get(key)?.log;
  if (!leaderLog) return;
  const from = leaderLog.logEndOffset;
  let committedEnd = 0;
  const unreported: Replica[] = [];
  for (const id of state.replicas) {
    const r = core.broker(id)?.replicas.get(key);
    if (!r) continue;
    committedEnd = Math.max(committedEnd, r.highWatermark);
    if (r.log.logEndOffset > from && r.lostReportedUpTo < r.log.logEndOffset) unreported.push(r);
    if (r.log.logEndOffset > from) r.lostReportedUpTo = r.log.logEndOffset;
  }
  if (unreported.length === 0) return;
  // Replicas beyond the new leader may hold the same records: report the replica losing the most.
  const ranges = acknowledgedRanges(core, state.topic, state.partition);
  let lost = { count: 0, firstOffset: -1, endOffset: -1 };
  for (const r of unreported) {
    const mine = acknowledgedAmong(r.log.read(from, Infinity, Infinity).batches, from, committedEnd, ranges);
    if (mine.count > lost.count) lost = mine;
  }
  if (lost.count === 0) return;
  const reason = unclean || from < committedEnd ? 'unclean-election' : 'not-replicated-before-leader-change';
  core.emit({ type: 'records-lost', topic: state.topic, partition: state.partition, fromOffset: lost.firstOffset, toOffset: lost.endOffset, count: lost.count, reason });
}

/** Simulated times (ms) of the next periodic checks; null before the controller's first activation. */
export interface LeaderCheckTimes {
  nextLeaderImbalanceCheckMs: number | null;
  nextUncleanLeaderElectionCheckMs: number | null;
}

/**
 * Arms the periodic leader tasks of the controller that just became active in `epoch`; they stop
 * when another controller takes over (a new epoch) or the quorum has no active controller.
 */
export function scheduleLeaderChecks(core: ClusterCore, controller: Controller, epoch: number): void {
  const active = () => controller.controllerEpoch === epoch && controller.activeControllerId !== null;
  const every = (intervalMs: () => number, key: keyof LeaderCheckTimes, label: string, run: () => void): void => {
    const arm = () => {
      const delay = intervalMs();
      controller.leaderChecks[key] = core.now() + delay;
      core.sim.schedule(delay, label, () => {
        if (!active()) return;
        run();
        arm();
      });
    };
    arm();
  };
  every(() => core.num('leader.imbalance.check.interval.seconds') * 1000, 'nextLeaderImbalanceCheckMs', 'leader-rebalance', () => {
    if (core.configs.bool('auto.leader.rebalance.enable')) rebalanceLeaders(core, controller);
  });
  every(() => core.num('unclean.leader.election.interval.ms'), 'nextUncleanLeaderElectionCheckMs', 'unclean-leader-election-check', () => electUncleanLeaders(controller));
}

/**
 * ReplicationControlManager.maybeTriggerUncleanLeaderElectionForLeaderlessPartitions: every
 * partition without a leader whose topic has unclean.leader.election.enable gets an election
 * that may pick a replica outside the ISR (PartitionChangeBuilder, Election.UNCLEAN).
 */
export function electUncleanLeaders(controller: Controller): void {
  controller.forEachPartition((topic, state) => {
    if (state.leader !== -1 || !topic.record.settings.uncleanLeaderElection) return;
    controller.elect(topic, state, 'unclean', {});
  });
}

/**
 * auto.leader.rebalance.enable: brokers leading fewer than (100 − leader.imbalance.per.broker.percentage)%
 * of the partitions they are preferred for get them back through preferred elections, when the
 * preferred replica is in the ISR and eligible. The per-broker threshold is the ZooKeeper
 * controller's rule (KafkaController.checkAndTriggerAutoLeaderRebalance: imbalance ratio =
 * partitions preferring the broker that it does not lead / partitions preferring it, acted on
 * above leader.imbalance.per.broker.percentage); KRaft's maybeBalancePartitionLeaders moves every
 * imbalanced partition and ignores the percentage. The lab keeps the percentage, which the health
 * list reports against.
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
