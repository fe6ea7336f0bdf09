/** Helpers shared by the e2e specs: topic creation and metadata through kafkajs. */
import type { Admin, Kafka, PartitionMetadata } from 'kafkajs';

export async function createTopic(kafka: Kafka, topic: string, numPartitions: number, replicationFactor = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions, replicationFactor }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/**
 * A topic's partitions as kafkajs's admin sees them, or null when the request failed: after a
 * broker stops, the admin's connection to it may be reset (ECONNRESET) and the next poll asks again,
 * as a client would. For use inside expect.poll, which does not retry a callback that throws.
 */
export async function partitionsOrNull(admin: Admin, topic: string): Promise<PartitionMetadata[] | null> {
  try {
    return (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions;
  } catch {
    return null;
  }
}
