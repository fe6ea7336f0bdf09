/**
 * OffsetCommit (key 8) and TxnOffsetCommit (key 28) refuse offsets of partitions the broker's
 * metadata does not know with UNKNOWN_TOPIC_OR_PARTITION and send only the rest to the group
 * coordinator, as Kafka's KafkaApis does (metadataCache.contains) before GroupCoordinator runs.
 */
import type { RequestContext } from '../handler';

interface TopicPartitions<P extends { partitionIndex: number }> { name: string; partitions: P[] }

export interface SplitPartitions<P extends { partitionIndex: number }> {
  /** What the coordinator is asked to commit (topics without known partitions dropped). */
  known: TopicPartitions<P>[];
  /** Answers the request in its order: the coordinator's error for known partitions, UNKNOWN_TOPIC_OR_PARTITION for the rest. */
  answer(coordinatorErrors: { name: string; partitions: { partitionIndex: number; errorName: string }[] }[]): { name: string; partitions: { partitionIndex: number; errorName: string }[] }[];
}

/** `deniedTopics` (issue 16: READ denied on the topic) are answered TOPIC_AUTHORIZATION_FAILED and not sent. */
export function splitUnknownPartitions<P extends { partitionIndex: number }>(context: RequestContext, topics: TopicPartitions<P>[], deniedTopics: ReadonlySet<string> = new Set()): SplitPartitions<P> {
  const names = [...new Set(topics.map((t) => t.name))];
  const counts = new Map<string, number>();
  if (names.length > 0) {
    for (const t of context.services.cluster.metadata(context.brokerId, names, false).topics) {
      if (t.errorName === 'NONE') counts.set(t.name, t.partitions.length);
    }
  }
  const exists = (topic: string, partition: number): boolean => !deniedTopics.has(topic) && partition >= 0 && partition < (counts.get(topic) ?? 0);
  const known = topics
    .map((t) => ({ name: t.name, partitions: t.partitions.filter((p) => exists(t.name, p.partitionIndex)) }))
    .filter((t) => t.partitions.length > 0);
  return {
    known,
    answer(coordinatorErrors) {
      const errors = new Map<string, string>();
      for (const t of coordinatorErrors) for (const p of t.partitions) errors.set(`${t.name}\u0000${p.partitionIndex}`, p.errorName);
      return topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          errorName: deniedTopics.has(t.name) ? 'TOPIC_AUTHORIZATION_FAILED' : exists(t.name, p.partitionIndex) ? (errors.get(`${t.name}\u0000${p.partitionIndex}`) ?? 'UNKNOWN_SERVER_ERROR') : 'UNKNOWN_TOPIC_OR_PARTITION',
        })),
      }));
    },
  };
}
