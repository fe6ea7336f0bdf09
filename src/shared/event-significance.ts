/**
 * Which cluster events are routine and which are part of the cluster's story, and which topics
 * are Kafka's own. Shared by the host (which keeps every significant event since the cluster
 * started, and only a window of routine ones) and the timeline (which hides routine ones unless
 * asked, and folds internal-topic events into one line per cause).
 */
import type { ClusterEvent } from './cluster-events';

/**
 * Kafka's internal topics: `__consumer_offsets` and `__transaction_state` (Kafka's
 * `Topic.isInternal`), and by the same naming convention any topic starting with `__` (Kafka's
 * own tools, e.g. kafka-topics, treat names starting with `__` as internal-looking; KRaft's
 * `__cluster_metadata` is one).
 */
export function isInternalTopic(topic: string): boolean {
  return topic.startsWith('__');
}

/**
 * Routine events happen all the time while a cluster simply works and tell no story:
 * - `high-watermark-advanced`: every acknowledged produce moves a highWatermark;
 * - `offsets-committed`: every consumer commits every few seconds (kafkajs: autoCommitInterval,
 *   Java: auto.commit.interval.ms = 5000);
 * - `segment-rolled`: a new active segment every segment.bytes / segment.ms;
 * - `log-start-offset-advanced`: follows every segment deletion (the deletion itself is kept);
 * - coordinator loads and unloads of a __consumer_offsets / __transaction_state partition that
 *   holds no group or transactional id (50 of them move with every broker failure).
 * Everything else is significant. A failure (any `*-failed` event) is never routine.
 */
export function isRoutineEvent(event: ClusterEvent): boolean {
  switch (event.type) {
    case 'high-watermark-advanced':
    case 'offsets-committed':
    case 'segment-rolled':
    case 'log-start-offset-advanced':
      return true;
    case 'group-coordinator-loaded': return event.groups === 0 && event.offsets === 0;
    case 'group-coordinator-unloaded': return event.groups === 0;
    case 'transaction-coordinator-loaded': return event.transactionalIds === 0;
    default: return false;
  }
}
