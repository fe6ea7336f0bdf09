/** Helpers shared by the workbench specs: topic creation through kafkajs and the group-API gate. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kafka } from 'kafkajs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** True once the group coordinator is served over the wire (issue 4's JoinGroup handler exists). */
export const groupApisServed = existsSync(join(root, 'src/broker/wire/handlers/11-join-group.ts'));

export async function createTopic(kafka: Kafka, topic: string, numPartitions: number, replicationFactor = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions, replicationFactor }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}
