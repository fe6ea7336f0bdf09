/**
 * Issue 15: a lab on disk survives a restart of its host. kafkajs produces (acks=all,
 * idempotent) and a group commits offsets over real sockets; the host closes (a clean stop);
 * a new host on the same lab directory serves the same topics (IDs, configs), every acknowledged
 * record intact, and the group resumes from its committed offsets.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect } from 'vitest';
import { waitForBrokersToKnow } from '../wire/conformance/harness';
import { itWith, KCAT, missingKcat, run } from '../wire/conformance/tools';
import { ClusterHost } from './cluster-host';

let labDir: string;
const hosts: ClusterHost[] = [];
afterEach(async () => {
  while (hosts.length) await hosts.pop()!.close();
  fs.rmSync(path.dirname(labDir), { recursive: true, force: true });
});

async function startLab(): Promise<ClusterHost> {
  const host = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 15, storage: { labDir, labName: 'restart-test' }, log: () => {} });
  hosts.push(host);
  return host;
}

const client = (host: ClusterHost) => new Kafka({ clientId: 'restart-test', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 50 } });

async function consumeAll(host: ClusterHost, groupId: string, topic: string, expected: number): Promise<string[]> {
  const consumer = client(host).consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`consumed ${seen.length} of ${expected}`)), 30_000);
    void consumer.run({
      autoCommit: true,
      autoCommitInterval: 50,
      eachMessage: async ({ message }) => {
        seen.push(message.value!.toString());
        if (seen.length >= expected) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return seen;
}

describe('a lab on disk across a restart (kafkajs over real sockets)', () => {
  itWith(missingKcat, 'keeps topics, topic IDs, configs, records and committed offsets', async () => {
    labDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-restart-')), 'restart-test');
    const first = await startLab();
    const admin = client(first).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 2, replicationFactor: 3, configEntries: [{ name: 'retention.ms', value: '86400000' }] }], waitForLeaders: true });
    const producer = client(first).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (let round = 0; round < 4; round++) {
      await producer.send({ topic: 'orders', acks: -1, messages: Array.from({ length: 50 }, (_, i) => ({ key: `k${i % 7}`, value: `before-${round * 50 + i}` })) });
    }
    // The storage contract reports the files.
    const info = await first.storage().getStorageInfo();
    expect(info).toMatchObject({ kind: 'disk', labName: 'restart-test', labDir });
    expect(info.labs.find((l) => l.current)?.name).toBe('restart-test');
    const leader = first.snapshot().topics.find((t) => t.name === 'orders')!.partitions[0]!.leader;
    const replica = await first.storage().describeReplicaStorage('orders', 0, leader);
    expect(replica.ok && replica.value.segments[0]).toMatchObject({ fileName: '00000000000000000000.log', baseOffset: 0 });
    expect(replica.ok && replica.value.dir).toBe(path.join(labDir, `broker-${leader}`, 'orders-0'));
    const consumedBefore = await consumeAll(first, 'g1', 'orders', 200);
    expect(new Set(consumedBefore).size).toBe(200);
    const idsBefore = (await admin.fetchTopicMetadata({ topics: ['orders'] })) && first.snapshot().topics.find((t) => t.name === 'orders')?.topicId;
    await producer.disconnect();
    await admin.disconnect();
    await hosts.pop()!.close();

    expect(fs.readdirSync(path.join(labDir, 'broker-1')).sort()).toEqual(expect.arrayContaining(['meta.properties', 'orders-0', 'orders-1', 'replication-offset-checkpoint', 'recovery-point-offset-checkpoint', 'log-start-offset-checkpoint', '.kafka_cleanshutdown']));

    const second = await startLab();
    await waitForBrokersToKnow(second, 'orders', 2);
    expect(second.snapshot().topics.find((t) => t.name === 'orders')?.topicId).toBe(idsBefore);
    const admin2 = client(second).admin();
    await admin2.connect();
    const configs = await admin2.describeConfigs({ resources: [{ type: 2, name: 'orders', configNames: ['retention.ms'] }], includeSynonyms: false });
    expect(configs.resources[0]!.configEntries.find((e) => e.configName === 'retention.ms')?.configValue).toBe('86400000');
    const offsets = await admin2.fetchTopicOffsets('orders');
    expect(offsets.reduce((n, o) => n + Number(o.high), 0)).toBe(200);
    // The group resumes where it committed: only records produced after the restart arrive.
    const producer2 = client(second).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer2.connect();
    await producer2.send({ topic: 'orders', acks: -1, messages: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `after-${i}` })) });
    const resumed = await consumeAll(second, 'g1', 'orders', 10);
    expect(resumed.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `after-${i}`).sort());
    // Every record produced before the restart reads back intact (librdkafka, without a group).
    const all = await run(KCAT, ['-C', '-b', second.bootstrap, '-t', 'orders', '-o', 'beginning', '-e', '-q'], { timeoutMs: 30_000 });
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout.split('\n').filter((v) => v.startsWith('before-')).sort()).toEqual(consumedBefore.sort());
    await producer2.disconnect();
    await admin2.disconnect();
  }, 90_000);
});
