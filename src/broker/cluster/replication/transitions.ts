/**
 * What a broker does when the metadata makes one of its replicas a leader, a follower, or removes
 * it (Kafka's Partition.makeLeader / makeFollower and ReplicaManager.applyDelta).
 */
import type { Broker } from '../brokers/broker';
import type { ClusterCore } from '../core';
import { tpKey } from '../metadata';
import { failDelayedProduces, maybeAdvanceHighWatermark } from './high-watermark';
import { FollowerFetcher } from './follower-fetcher';
import type { Replica } from './replica';

/**
 * A fetcher left without partitions is shut down (AbstractFetcherManager.shutdownIdleFetcherThreads,
 * after ReplicaManager applies a metadata delta), so a later leadership of that broker starts a
 * fresh fetcher instead of waiting on the idle one's request, possibly stuck until replica.socket.timeout.ms.
 */
function stopFetching(broker: Broker, key: string): void {
  for (const [leaderId, f] of [...broker.fetchers]) {
    f.remove(key);
    if (f.keys.size === 0) broker.fetchers.delete(leaderId);
  }
}

export function onBecomeLeader(core: ClusterCore, broker: Broker, replica: Replica): void {
  const key = tpKey(replica.topic, replica.partition);
  stopFetching(broker, key);
  replica.leaderEpochStartOffset = replica.log.logEndOffset;
  replica.log.epochs.assign(replica.leaderEpoch, replica.log.logEndOffset);
  replica.resetFollowers(core.now());
  replica.alterPartitionInFlight = false;
  replica.pendingIsr = null;
  replica.lostReportedUpTo = -1;
  if (replica.highWatermark > replica.log.logEndOffset) replica.highWatermark = replica.log.logEndOffset;
  core.leadershipChanged(broker.brokerId, replica.topic, replica.partition, true, replica.leaderEpoch);
  maybeAdvanceHighWatermark(core, broker, replica);
}

/** ISR or replica set changed while this broker stays leader in the same epoch. */
export function onLeaderStateUpdated(core: ClusterCore, broker: Broker, replica: Replica): void {
  replica.alterPartitionInFlight = false;
  replica.pendingIsr = null;
  for (const id of replica.state.replicas) {
    if (id !== broker.brokerId && !replica.followers.has(id)) {
      replica.followers.set(id, { logEndOffset: -1, lastFetchTimeMs: 0, lastFetchLeaderLogEndOffset: -1, lastCaughtUpTimeMs: 0 });
    }
  }
  for (const id of [...replica.followers.keys()]) if (!replica.state.replicas.includes(id)) replica.followers.delete(id);
  maybeAdvanceHighWatermark(core, broker, replica);
}

export function onBecomeFollower(core: ClusterCore, broker: Broker, replica: Replica, wasLeader: boolean): void {
  const key = tpKey(replica.topic, replica.partition);
  failDelayedProduces(replica, 'NOT_LEADER_OR_FOLLOWER');
  replica.followers.clear();
  replica.alterPartitionInFlight = false;
  replica.pendingIsr = null;
  stopFetching(broker, key);
  const leader = replica.state.leader;
  if (leader >= 0 && leader !== broker.brokerId) {
    let fetcher = broker.fetchers.get(leader);
    if (!fetcher) {
      fetcher = new FollowerFetcher(core, broker, leader);
      broker.fetchers.set(leader, fetcher);
    }
    fetcher.add(key);
  }
  if (wasLeader) core.leadershipChanged(broker.brokerId, replica.topic, replica.partition, false, replica.leaderEpoch);
  else core.notifyData(broker.brokerId, replica.topic, replica.partition);
}

export function onReplicaRemoved(core: ClusterCore, broker: Broker, replica: Replica, errorName: string): void {
  failDelayedProduces(replica, errorName);
  // A removed replica has no followers; fetch sessions holding it then fall back to a lookup (leader-fetch.ts).
  replica.followers.clear();
  stopFetching(broker, tpKey(replica.topic, replica.partition));
  // Kafka deletes the partition directory of a replica it no longer hosts (LogManager.asyncDelete).
  replica.log.store.deleteAll();
  if (replica.isLeader) core.leadershipChanged(broker.brokerId, replica.topic, replica.partition, false, replica.leaderEpoch);
  else core.notifyData(broker.brokerId, replica.topic, replica.partition);
}
