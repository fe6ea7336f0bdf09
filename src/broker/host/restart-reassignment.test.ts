/**
 * Issue 15: a partition reassignment in progress when the lab stops resumes after the restart, as
 * Kafka's controller resumes it from PartitionRecord / PartitionChangeRecord's AddingReplicas and
 * RemovingReplicas. kafkajs moves `moving-0` from broker 1 to broker 3 while broker 3 is stopped
 * (so the new replica cannot catch up and the reassignment stays in progress), the lab is closed,
 * its metadata log holds the reassignment, and after a restart on the same directory broker 3
 * catches up, the reassignment completes (replicas [3], none listed in progress) and the records
 * produced before are read back from the new replica.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { metadataPartitionDir } from '../storage/kraft/metadata-log-dir';
import { recoverMetadataLog } from '../storage/kraft/metadata-log';
import { ClusterHost } from './cluster-host';

let root = '';
const hosts: ClusterHost[] = [];
afterEach(async () => {
  while (hosts.length) await hosts.pop()!.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

async function startLab(labDir: string): Promise<ClusterHost> {
  const host = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 33, storage: { labDir, labName: 'reassign' }, log: () => {} });
  hosts.push(host);
  return host;
}

const kafkaFor = (host: ClusterHost) => new Kafka({ clientId: 'reassign-test', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 50 } });

/** Polls (no timed assertion: a loaded machine only takes longer) until `check` holds; fails with `what` after `limitMs`. */
async function eventually<T>(what: string, probe: () => Promise<T>, check: (v: T) => boolean, limitMs = 60_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const v = await probe();
    if (check(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a reassignment in progress across a restart', () => {
  it('resumes and completes once the added replica catches up', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-reassign-'));
    const labDir = path.join(root, 'reassign');
    const first = await startLab(labDir);
    const kafka = kafkaFor(first);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'moving', replicaAssignment: [{ partition: 0, replicas: [1] }] }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'moving', acks: -1, messages: Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
    await producer.disconnect();
    expect((await first.execute({ type: 'stop-broker', brokerId: 3, controlled: true })).ok).toBe(true);
    await admin.alterPartitionReassignments({ topics: [{ topic: 'moving', partitionAssignment: [{ partition: 0, replicas: [3] }] }] });
    const ongoing = await admin.listPartitionReassignments({});
    // kafkajs names the fields name / partition (its types say topic / partitionIndex).
    expect(ongoing.topics).toEqual([{ name: 'moving', partitions: [expect.objectContaining({ partition: 0, addingReplicas: [3], removingReplicas: [1] })] }]);
    await admin.disconnect();
    await hosts.pop()!.close();

    // The metadata log holds the reassignment as Kafka's PartitionChangeRecord does.
    const changes = recoverMetadataLog(metadataPartitionDir(labDir), 0).records.filter((r) => r.name === 'PartitionChangeRecord' && Array.isArray(r.data!.addingReplicas));
    expect(changes.at(-1)?.data).toMatchObject({ replicas: [3, 1], addingReplicas: [3], removingReplicas: [1] });

    const second = await startLab(labDir);
    const kafka2 = kafkaFor(second);
    const admin2 = kafka2.admin();
    await admin2.connect();
    try {
      const replicas = await eventually('replicas of moving-0', async () => (await admin2.fetchTopicMetadata({ topics: ['moving'] })).topics[0]!.partitions[0]!.replicas, (r) => r.join() === '3');
      expect(replicas).toEqual([3]);
      expect((await admin2.listPartitionReassignments({})).topics).toEqual([]);
    } finally {
      await admin2.disconnect();
    }
    const consumer = kafka2.consumer({ groupId: 'reassign-reader' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'moving', fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => { seen.push(message.value!.toString()); } });
    await eventually('records read back', async () => seen.length, (n) => n >= 20);
    await consumer.disconnect();
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`));
  }, 180_000);
});
