/** What the group tools read through the Admin client: committed offsets and each partition's offset range. */
import type { Admin } from 'kafkajs';

/** Committed offsets of a group by `topic:partition` (kafkajs fetchOffsets, -1 = none). */
export async function committedOffsets(admin: Admin, groupId: string): Promise<Map<string, { topic: string; partition: number; offset: string }>> {
  const committed = new Map<string, { topic: string; partition: number; offset: string }>();
  for (const t of await admin.fetchOffsets({ groupId })) {
    for (const p of t.partitions) if (p.offset !== '-1') committed.set(`${t.topic}:${p.partition}`, { topic: t.topic, partition: p.partition, offset: p.offset });
  }
  return committed;
}

/** Each partition's logStartOffset (low) and logEndOffset (high) of these topics. */
export async function topicOffsets(admin: Admin, topics: Iterable<string>): Promise<Map<string, { low: string; high: string }>> {
  const result = new Map<string, { low: string; high: string }>();
  for (const topic of new Set(topics)) {
    for (const p of await admin.fetchTopicOffsets(topic)) result.set(`${topic}:${p.partition}`, { low: p.low, high: p.high });
  }
  return result;
}
