/** Helpers shared by the workbench specs: topic creation through kafkajs. */
import type { Kafka } from 'kafkajs';

export async function createTopic(kafka: Kafka, topic: string, numPartitions: number, replicationFactor = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions, replicationFactor }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}
