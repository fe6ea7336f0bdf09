/**
 * Leader-side highWatermark and ISR upkeep (Kafka's Partition.maybeIncrementLeaderHW,
 * maybeShrinkIsr, maybeExpandIsr, AlterPartitionManager). The highWatermark is the minimum
 * logEndOffset over the ISR — including replicas whose addition is still in flight ("maximal ISR",
 * KIP-497), so it never passes a replica about to join.
 */
import type { Broker } from '../brokers/broker';
import type { ClusterCore } from '../core';
import { tpKey } from '../metadata';
import type { Replica } from './replica';

/** How long a leader waits for an AlterPartition answer before it may try again (ms). */
export const ALTER_PARTITION_TIMEOUT_MS = 5000;

function maximalIsr(replica: Replica): readonly number[] {
  const pending = replica.pendingIsr;
  if (!pending) return replica.state.isr;
  return [...new Set([...replica.state.isr, ...pending])];
}

export function maybeAdvanceHighWatermark(core: ClusterCore, broker: Broker, replica: Replica): void {
  if (!replica.isLeader) return;
  let hw = replica.log.logEndOffset;
  for (const id of maximalIsr(replica)) {
    if (id === broker.brokerId) continue;
    const f = replica.followers.get(id);
    if (!f || f.logEndOffset < 0) return;
    if (f.logEndOffset < hw) hw = f.logEndOffset;
  }
  if (hw > replica.highWatermark) {
    replica.highWatermark = hw;
    core.events.highWatermarkAdvanced(replica.topic, replica.partition, hw);
    core.notifyData(broker.brokerId, replica.topic, replica.partition);
  }
  completeDelayedProduces(broker, replica);
}

/**
 * Partition.checkEnoughReplicasReachOffset for the waiting acks=all produces. They queue in
 * append order (rising requiredOffset), so completion stops at the first one still waiting.
 */
export function completeDelayedProduces(broker: Broker, replica: Replica): void {
  const waiting = replica.delayedProduces;
  if (waiting.length === 0 || waiting[0]!.requiredOffset > replica.highWatermark) return;
  const minIsr = broker.topicRecord(replica.topic)?.settings.minInSyncReplicas ?? 1;
  const errorName = replica.state.isr.length >= minIsr ? 'NONE' : 'NOT_ENOUGH_REPLICAS_AFTER_APPEND';
  let n = 0;
  while (n < waiting.length && waiting[n]!.requiredOffset <= replica.highWatermark) n++;
  for (const w of waiting.splice(0, n)) w.complete(errorName);
}

/** Fails every waiting produce (leadership lost, replica removed, broker stopped). */
export function failDelayedProduces(replica: Replica, errorName: string): void {
  for (const w of replica.delayedProduces.splice(0)) w.complete(errorName);
}

/** Sends an AlterPartition with a new ISR to the active controller; one in flight at a time. */
export function sendAlterPartition(core: ClusterCore, broker: Broker, replica: Replica, newIsr: number[]): void {
  const controllerId = core.controller.activeControllerId;
  if (controllerId === null || replica.alterPartitionInFlight) return;
  replica.alterPartitionInFlight = true;
  replica.pendingIsr = newIsr;
  const token = ++replica.alterPartitionToken;
  const key = tpKey(replica.topic, replica.partition);
  const { leaderEpoch, partitionEpoch } = replica.state;
  const clear = () => {
    if (broker.replicas.get(key) !== replica || replica.alterPartitionToken !== token) return;
    replica.alterPartitionInFlight = false;
    replica.pendingIsr = null;
  };
  const incarnation = broker.incarnation;
  const alive = () => broker.running && broker.incarnation === incarnation;
  // The leader stops waiting (and its connection with it) after ALTER_PARTITION_TIMEOUT_MS.
  const giveUpAtMs = core.now() + ALTER_PARTITION_TIMEOUT_MS;
  core.network.send(broker.brokerId, controllerId, 'alter-partition', () => {
    if (core.controller.activeControllerId !== controllerId || !alive()) return;
    const result = core.controller.alterPartition(broker.brokerId, replica.topic, replica.partition, leaderEpoch, partitionEpoch, newIsr);
    core.network.send(controllerId, broker.brokerId, 'alter-partition-response', () => {
      if (!alive()) return;
      clear();
      if (result.state && broker.replicas.get(key) === replica) broker.applyPartitionState(result.state, false);
    }, giveUpAtMs - core.now());
  }, ALTER_PARTITION_TIMEOUT_MS);
  broker.later(ALTER_PARTITION_TIMEOUT_MS, 'alter-partition-timeout', clear);
}

/**
 * Periodic ISR expiration on a broker (ReplicaManager's "isr-expiration" task, every
 * replica.lag.time.max.ms / 2): Partition.getOutOfSyncReplicas. A follower is out of sync when
 * its logEndOffset differs from the leader's AND it has not caught up for replica.lag.time.max.ms
 * (Replica.isCaughtUp: `leaderEndOffset == logEndOffset || now - lastCaughtUpTimeMs <= maxLag`) —
 * so a follower that stopped fetching stays in the ISR while the leader has nothing it lacks (an
 * idle partition), and leaves at the first check after a write once it is past the lag.
 */
export function expireIsr(core: ClusterCore, broker: Broker): void {
  // A restarted broker leads nothing until it has caught up with the metadata log: its replicas'
  // leadership is the dead incarnation's, and a shrink from it could leave only itself in the ISR
  // (with what survived a power loss) and be elected on that.
  if (!broker.caughtUp) return;
  const now = core.now();
  for (const replica of broker.replicas.values()) {
    if (!replica.isLeader || replica.alterPartitionInFlight) continue;
    const lagMax = core.num('replica.lag.time.max.ms', broker.brokerId);
    const leaderEnd = replica.log.logEndOffset;
    const out = replica.state.isr.filter((id) => {
      if (id === broker.brokerId) return false;
      const f = replica.followers.get(id);
      if (f && f.logEndOffset === leaderEnd) return false;
      return now - (f?.lastCaughtUpTimeMs ?? 0) > lagMax;
    });
    if (out.length) sendAlterPartition(core, broker, replica, replica.state.isr.filter((id) => !out.includes(id)));
  }
}

/** After a follower fetch: a caught-up follower outside the ISR asks to join (Partition.maybeExpandIsr). */
export function maybeExpandIsr(core: ClusterCore, broker: Broker, replica: Replica, followerId: number): void {
  if (replica.alterPartitionInFlight || replica.state.isr.includes(followerId)) return;
  const f = replica.followers.get(followerId);
  if (!f || broker.fencedBrokers.has(followerId)) return;
  if (f.logEndOffset >= replica.highWatermark && f.logEndOffset >= replica.leaderEpochStartOffset) {
    sendAlterPartition(core, broker, replica, [...replica.state.isr, followerId]);
  }
}
