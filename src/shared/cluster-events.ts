/**
 * ClusterEvent: the typed event stream of the cluster, for the timeline and for tests that
 * assert on a readable event log. Past-tense discriminated union; every event carries the
 * simulated time it happened at (ms) and a sequence number that orders ties.
 */

import type { AclView } from './security-view';

export type TopicPartitionRef = { topic: string; partition: number };

export type ClusterEventBody =
  | { type: 'broker-started'; brokerId: number }
  /** powerLoss: the `power-loss-broker` fault (a crash that also drops the OS page cache; `unflushed-records-dropped` follows per replica). */
  | { type: 'broker-stopped'; brokerId: number; controlled: boolean; powerLoss?: boolean }
  /** One run of a broker's periodic task (heartbeat, ISR expiration, retention, cleaner) threw; the task runs again at its next interval. */
  | { type: 'broker-task-failed'; brokerId: number; task: string; reason: string }
  | { type: 'broker-isolated'; brokerId: number }
  | { type: 'broker-healed'; brokerId: number }
  | { type: 'broker-fenced'; brokerId: number; reason: string }
  | { type: 'broker-unfenced'; brokerId: number }
  | { type: 'controller-elected'; controllerId: number; controllerEpoch: number }
  | { type: 'controller-lost'; controllerId: number; controllerEpoch: number }
  /** A dedicated KRaft controller node (process.roles=controller) stopped, started, was cut off the network or healed. */
  | { type: 'controller-node-changed'; nodeId: number; change: 'stopped' | 'started' | 'isolated' | 'healed' }
  /**
   * The KRaft quorum lost its majority (Raft: a leader needs votes from more than half the voters):
   * no controller can be active, so metadata cannot change (no leader elections, no topic changes,
   * no ISR changes, no fencing). reachableVoters: the largest group of running voters that reach
   * each other; stoppedVoters: not running; cutOffVoters: running but outside that group.
   */
  | { type: 'quorum-lost'; voters: number[]; reachableVoters: number[]; stoppedVoters: number[]; cutOffVoters: number[] }
  /** A majority of voters is back and elected an active controller, lostForMs after the quorum-lost. */
  | { type: 'quorum-restored'; controllerId: number; controllerEpoch: number; lostForMs: number }
  /**
   * autoCreated (absent for CreateTopics and the UI): a Metadata request for a missing topic created
   * it with the broker defaults named here (auto.create.topics.enable, num.partitions and
   * default.replication.factor as configured, the RF capped at the broker count).
   */
  | { type: 'topic-created'; topic: string; topicId: string; partitions: number; replicationFactor: number; autoCreated?: { numPartitions: number; defaultReplicationFactor: number } }
  | { type: 'topic-deleted'; topic: string; topicId: string }
  | { type: 'partitions-added'; topic: string; previousCount: number; newCount: number }
  | { type: 'topic-config-changed'; topic: string; name: string; value: string | null }
  | ({ type: 'leader-elected'; leader: number; previousLeader: number; leaderEpoch: number; unclean: boolean; reason: 'broker-failure' | 'controlled-shutdown' | 'preferred' | 'reassignment' | 'initial' | 'unclean' } & TopicPartitionRef)
  | ({ type: 'partition-offline'; leaderEpoch: number; previousLeader: number } & TopicPartitionRef)
  | ({ type: 'isr-shrunk'; removed: number[]; inSyncReplicas: number[] } & TopicPartitionRef)
  | ({ type: 'isr-expanded'; added: number[]; inSyncReplicas: number[] } & TopicPartitionRef)
  /** Coalesced: emitted at most once per partition per coalescing window. */
  | ({ type: 'high-watermark-advanced'; highWatermark: number } & TopicPartitionRef)
  | ({ type: 'log-truncated'; brokerId: number; fromLogEndOffset: number; toLogEndOffset: number } & TopicPartitionRef)
  /** Records that were acknowledged or appended and are now gone for good (unclean election, acks=1 leader loss). */
  | ({ type: 'records-lost'; fromOffset: number; toOffset: number; count: number; reason: string } & TopicPartitionRef)
  | ({ type: 'reassignment-started'; addingReplicas: number[]; removingReplicas: number[]; targetReplicas: number[] } & TopicPartitionRef)
  | ({ type: 'partition-reassigned'; replicas: number[] } & TopicPartitionRef)
  | ({ type: 'segment-rolled'; brokerId: number; baseOffset: number } & TopicPartitionRef)
  /**
   * Issue 15: a replica log was opened on data already on disk (LogLoader): its offsets after
   * recovery, and the bytes recovery cut from the end of the active segment (a torn or corrupt
   * batch after a crash: LogSegment.recover), 0 when the tail was whole.
   */
  | ({ type: 'log-recovered'; brokerId: number; logStartOffset: number; logEndOffset: number; highWatermark: number; truncatedBytes: number; reason: string | null } & TopicPartitionRef)
  /**
   * Issue 15, power loss: this replica's log lost every batch at or above its flushed offset
   * (recoveryPoint): `count` records, offsets [flushedOffset, fromLogEndOffset). Another replica may
   * still hold them; `records-lost` (reason 'power-loss') follows when none does.
   */
  | ({ type: 'unflushed-records-dropped'; brokerId: number; flushedOffset: number; fromLogEndOffset: number; count: number } & TopicPartitionRef)
  | ({ type: 'segment-deleted'; brokerId: number; baseOffset: number; endOffset: number; reason: 'retention.ms' | 'retention.bytes' | 'delete-records' | 'log-start-offset' } & TopicPartitionRef)
  | ({ type: 'log-start-offset-advanced'; logStartOffset: number } & TopicPartitionRef)
  | ({ type: 'log-compacted'; brokerId: number; removedRecords: number; removedTombstones: number } & TopicPartitionRef)
  /** The log cleaner failed on this replica and marked the partition uncleanable on that broker (Kafka's LogCleanerManager.markPartitionUncleanable); other partitions are still cleaned. */
  | ({ type: 'log-cleaner-failed'; brokerId: number; reason: string } & TopicPartitionRef)
  /** Retention failed on this replica; its segments are no longer deleted on that broker, the rest of the cluster goes on. */
  | ({ type: 'log-retention-failed'; brokerId: number; reason: string } & TopicPartitionRef)
  /** Rolling a new segment failed; appends go on into the active segment. */
  | ({ type: 'segment-roll-failed'; brokerId: number; reason: string } & TopicPartitionRef)
  | { type: 'link-changed'; fromBrokerId: number; toBrokerId: number; latencyMs: number; lossRate: number; cut: boolean }
  // -- classic group coordinator (src/broker/cluster/groups)
  /** A broker became coordinator of a __consumer_offsets partition and loaded its groups from the log. */
  | { type: 'group-coordinator-loaded'; brokerId: number; partition: number; leaderEpoch: number; groups: number; offsets: number }
  /** A broker stopped coordinating a __consumer_offsets partition (leadership moved); its groups' requests now get NOT_COORDINATOR. */
  | { type: 'group-coordinator-unloaded'; brokerId: number; partition: number; groups: number }
  /**
   * Loading a __consumer_offsets partition failed on bad stored data: the broker does not coordinate
   * its groups (NOT_COORDINATOR, Kafka CoordinatorRuntime's FAILED state) until the next leader epoch.
   */
  | { type: 'group-coordinator-load-failed'; brokerId: number; partition: number; leaderEpoch: number; reason: string }
  | { type: 'group-state-changed'; groupId: string; from: 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead'; to: 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead'; generationId: number; coordinatorId: number }
  | { type: 'group-rebalance-started'; groupId: string; generationId: number; reason: string; memberCount: number }
  /** SyncGroup delivered the leader's assignment: the generation is Stable. */
  | { type: 'group-stabilized'; groupId: string; generationId: number; protocol: string | null; leaderId: string | null; members: string[] }
  | { type: 'group-member-joined'; groupId: string; memberId: string; groupInstanceId: string | null; clientId: string }
  | { type: 'group-member-left'; groupId: string; memberId: string; groupInstanceId: string | null; reason: string }
  /** The coordinator removed a member: no heartbeat within session.timeout.ms, no rejoin within the rebalance timeout, or no SyncGroup. */
  | { type: 'group-member-evicted'; groupId: string; memberId: string; groupInstanceId: string | null; reason: 'session-timeout' | 'rebalance-timeout' | 'sync-timeout' | 'fenced-static-member' }
  /**
   * Coalesced: at most one per group per second of simulated time. count = partition offsets
   * written in the window, summed over its commits (3 partitions committed 10 times = 30);
   * commits = OffsetCommit requests (or transaction commits) in the window; partitions = distinct
   * partitions among them.
   */
  | { type: 'offsets-committed'; groupId: string; count: number; transactional: boolean; commits: number; partitions: number }
  | { type: 'offsets-deleted'; groupId: string; count: number; reason: 'offset-delete' | 'retention' | 'group-deleted' | 'transaction-aborted' }
  | { type: 'group-deleted'; groupId: string }
  // -- transaction coordinator (src/broker/cluster/transactions)
  | { type: 'transaction-coordinator-loaded'; brokerId: number; partition: number; leaderEpoch: number; transactionalIds: number }
  /** Loading a __transaction_state partition failed on bad stored data: NOT_COORDINATOR for its ids until the next leader epoch. */
  | { type: 'transaction-coordinator-load-failed'; brokerId: number; partition: number; leaderEpoch: number; reason: string }
  /** A coordinator's background task (timer, marker completion, expiration) threw; it was stopped and the cluster went on. */
  | { type: 'coordinator-task-failed'; coordinator: 'group' | 'transaction'; brokerId: number; task: string; reason: string }
  | { type: 'transaction-begun'; transactionalId: string; producerId: number; producerEpoch: number }
  | { type: 'transaction-committed'; transactionalId: string; producerId: number; producerEpoch: number; partitions: number }
  | { type: 'transaction-aborted'; transactionalId: string; producerId: number; producerEpoch: number; partitions: number; reason: 'client' | 'timeout' | 'fenced' | 'init-producer-id' }
  /** A newer InitProducerId (or a timeout abort) bumped the epoch: the older producer is a zombie (PRODUCER_FENCED). */
  | { type: 'producer-fenced'; transactionalId: string; producerId: number; fencedEpoch: number; newEpoch: number }
  /** A dynamic broker config was set (value) or deleted (null): on one broker, or cluster-wide (brokerId null, Kafka's default resource ""). */
  | { type: 'broker-config-changed'; brokerId: number | null; name: string; value: string | null }
  /** Issue 16: an ACL was added to (CreateAcls) or removed from (DeleteAcls) the cluster metadata; `acl` is AclBinding in Kafka's words. */
  | { type: 'acl-created'; acl: AclView }
  | { type: 'acl-deleted'; acl: AclView }
  /**
   * Issue 16: the authorizer denied a request (Kafka logs it on the kafka.authorizer.logger). Repeats
   * of the same principal, operation and resource within a second are not emitted; `count` is 1 plus
   * the repeats held back since the previous event of that kind.
   */
  | { type: 'authorization-failed'; principal: string; host: string; operation: string; resourceType: string; resourceName: string; apiName: string; count: number }
  /** Issue 16: AlterClientQuotas set (value) or removed (null) one quota of an entity (`user=alice, client-id=<default>`). */
  | { type: 'client-quota-altered'; entity: string; key: string; value: number | null }
  /** Issue 18: a request fault rule was added (description: src/shared/request-faults.ts describeRequestFault). */
  | { type: 'request-fault-added'; faultId: number; description: string }
  /** Issue 18: request fault rules removed by the user before they were used up. */
  | { type: 'request-fault-removed'; faultIds: number[] }
  /**
   * Issue 18: a rule hit a real client's request: `action` is the Kafka error name, `delay <ms> ms`
   * or `disconnect`; `remaining` is how many more requests the rule will hit.
   */
  | { type: 'request-fault-injected'; faultId: number; brokerId: number; apiName: string; clientId: string | null; action: string; remaining: number };

export type ClusterEvent = ClusterEventBody & { timeMs: number; seq: number };

export type ClusterEventType = ClusterEvent['type'];
