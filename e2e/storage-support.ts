/**
 * What the storage specs produce: topic `ledger` (1 partition, RF 3) and three idempotent
 * acks=all batches of two records each (offsets 0–5), so a segment holds batches with producer
 * fields to inspect.
 */
import type { Kafka } from 'kafkajs';

export async function produceLedgerBatches(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'ledger', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (let i = 0; i < 3; i++) await producer.send({ topic: 'ledger', acks: -1, messages: [{ key: `k${i}`, value: `a${i}` }, { key: `k${i}`, value: `b${i}` }] });
  await producer.disconnect();
}
