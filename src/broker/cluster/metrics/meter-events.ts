/**
 * Which model moments mark which of Kafka's meters. Pure rules, so the tests and the docstrings
 * say the same thing.
 *
 * - IsrShrinksPerSec / IsrExpandsPerSec (kafka.server:type=ReplicaManager; Partition marks them
 *   through its IsrChangeListener when an ISR change commits): one mark per isr-shrunk /
 *   isr-expanded event — the moment the controller commits the new ISR, whether the leader asked
 *   (AlterPartition, KIP-497) or the controller removed a fenced broker — on the partition's leader
 *   (when the partition has none, on the active controller). Kafka's brokers count only the ISR
 *   changes their own AlterPartition made; the lab counts the controller's removals too, so a
 *   stopped leader shows on this meter as it does on the timeline.
 * - LeaderElectionRateAndTimeMs (kafka.controller:type=ControllerStats, a Yammer Timer): one mark
 *   per partition whose leader the controller changed (not the first leader of a new partition), on
 *   the active controller. The ZooKeeper-era controller timed each broker-change handling under
 *   this name; one per partition keeps the count equal to the elections on the timeline. Elections
 *   take no simulated time in the model, so the timer's duration part is not shown.
 * - UncleanLeaderElectionsPerSec (kafka.controller:type=ControllerStats): one mark per election
 *   of a leader from outside the ISR.
 * - FailedProduceRequestsPerSec (kafka.server:type=BrokerTopicMetrics): one mark per partition
 *   whose append failed at the leader (ReplicaManager.appendToLocalLog → processFailedRecord) —
 *   NOT_ENOUGH_REPLICAS, INVALID_RECORD, OUT_OF_ORDER_SEQUENCE_NUMBER, INVALID_PRODUCER_EPOCH… Kafka
 *   does not count the errors it answers without trying the append (NOT_LEADER_OR_FOLLOWER,
 *   UNKNOWN_TOPIC_OR_PARTITION, RECORD_TOO_LARGE, CORRUPT_MESSAGE, KAFKA_STORAGE_ERROR, listed in
 *   that catch), nor the outcomes of an append that succeeded and then waited for the ISR
 *   (NOT_ENOUGH_REPLICAS_AFTER_APPEND, REQUEST_TIMED_OUT from DelayedProduce). BROKER_NOT_AVAILABLE
 *   (the lab's answer from a stopped broker) is not an append either.
 */
import type { ClusterEvent } from '../../../shared/cluster-events';

/** Produce errors Kafka answers without marking FailedProduceRequestsPerSec (see above). */
export const PRODUCE_ERRORS_NOT_COUNTED: ReadonlySet<string> = new Set([
  'NONE',
  'NOT_LEADER_OR_FOLLOWER',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'UNKNOWN_TOPIC_ID',
  'RECORD_TOO_LARGE',
  'RECORD_BATCH_TOO_LARGE',
  'CORRUPT_MESSAGE',
  'KAFKA_STORAGE_ERROR',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'REQUEST_TIMED_OUT',
  'BROKER_NOT_AVAILABLE',
]);

export type MeterName = 'IsrShrinksPerSec' | 'IsrExpandsPerSec' | 'LeaderElectionRateAndTimeMs' | 'UncleanLeaderElectionsPerSec' | 'FailedProduceRequestsPerSec' | 'BytesInPerSec';

/** Where an event's mark lands: the partition's leader, or the active controller. */
export type MarkTarget = 'partition-leader' | 'active-controller';

/** The meters one cluster event marks (empty for most events). */
export function marksOf(event: ClusterEvent): { meter: MeterName; on: MarkTarget }[] {
  switch (event.type) {
    case 'isr-shrunk': return [{ meter: 'IsrShrinksPerSec', on: 'partition-leader' }];
    case 'isr-expanded': return [{ meter: 'IsrExpandsPerSec', on: 'partition-leader' }];
    case 'leader-elected': {
      if (event.reason === 'initial') return [];
      const marks: { meter: MeterName; on: MarkTarget }[] = [{ meter: 'LeaderElectionRateAndTimeMs', on: 'active-controller' }];
      if (event.unclean) marks.push({ meter: 'UncleanLeaderElectionsPerSec', on: 'active-controller' });
      return marks;
    }
    default: return [];
  }
}

/** How many partitions of a produce answer mark FailedProduceRequestsPerSec. */
export function failedProducePartitions(result: { topics: readonly { partitions: readonly { errorName: string }[] }[] }): number {
  let n = 0;
  for (const t of result.topics) for (const p of t.partitions) if (!PRODUCE_ERRORS_NOT_COUNTED.has(p.errorName)) n++;
  return n;
}
