/**
 * Issue 15's bounded memory with real clients over real sockets: on disk, a rolled segment keeps no
 * batch list in the process (ReplicaLog.heldBatchCount counts what the logs hold), yet kafkajs reads
 * every record back across many rolled segments (Fetch), ListOffsets by timestamp finds the right
 * offset in a rolled segment, a follower that was stopped catches up by replicating from its leader's
 * rolled segments byte for byte, and the log cleaner compacts rolled segments read back from files.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { SimCluster } from '../cluster/cluster';
import { tpKey } from '../cluster/metadata';
import { waitFor } from '../wire/conformance/harness';
import { ClusterHost } from './cluster-host';

let root = '';
const hosts: ClusterHost[] = [];
afterEach(async () => {
  while (hosts.length) await hosts.pop()!.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const T0 = 1_760_000_000_000;
const MESSAGES = 1500;

function replicaLog(host: ClusterHost, brokerId: number, topic: string) {
  if (!(host.cluster instanceof SimCluster)) throw new Error('the host runs no SimCluster');
  return host.cluster.core.broker(brokerId)!.replicas.get(tpKey(topic, 0))!.log;
}

describe('rolled segments on disk (kafkajs over real sockets)', () => {
  it('Fetch, ListOffsets by timestamp, follower catch-up and compaction read through the files; the logs hold only their active segment', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-rolled-'));
    const host = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 15, storage: { labDir: path.join(root, 'rolled'), labName: 'rolled' }, brokerConfig: { 'log.cleaner.backoff.ms': '200', 'offsets.topic.num.partitions': '1' }, log: () => {} });
    hosts.push(host);
    const kafka = new Kafka({ clientId: 'rolled-segments-test', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 100 } });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: 'rolled', replicaAssignment: [{ partition: 0, replicas: [1, 2, 3] }], configEntries: [{ name: 'segment.bytes', value: '4096' }, { name: 'min.insync.replicas', value: '1' }] },
        { topic: 'latest', replicaAssignment: [{ partition: 0, replicas: [1, 2, 3] }], configEntries: [{ name: 'segment.bytes', value: '2048' }, { name: 'cleanup.policy', value: 'compact' }, { name: 'min.cleanable.dirty.ratio', value: '0.01' }] },
      ],
      waitForLeaders: true,
    });
    // Broker 3 misses everything, then catches up from the leader's rolled segments.
    expect(await host.execute({ type: 'stop-broker', brokerId: 3, controlled: true })).toMatchObject({ ok: true });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    for (let i = 0; i < MESSAGES; i += 50) {
      await producer.send({ topic: 'rolled', acks: -1, messages: Array.from({ length: 50 }, (_, j) => ({ value: `rolled-${i + j}-${'x'.repeat(60)}`, timestamp: String(T0 + (i + j) * 1000) })) });
    }
    for (let round = 0; round < 30; round++) {
      await producer.send({ topic: 'latest', acks: -1, messages: Array.from({ length: 10 }, (_, k) => ({ key: `k${k}`, value: `v${round}-${k}-${'y'.repeat(80)}` })) });
    }
    await producer.disconnect();
    expect(await host.execute({ type: 'start-broker', brokerId: 3 })).toMatchObject({ ok: true });

    const leader = replicaLog(host, 1, 'rolled').logEndOffset > 0 ? 1 : 2;
    const leaderLog = replicaLog(host, leader, 'rolled');
    expect(leaderLog.segments.length).toBeGreaterThan(10);
    await waitFor('broker 3 caught up on rolled', () => replicaLog(host, 3, 'rolled').logEndOffset === MESSAGES, 60_000);
    const bytesOf = (brokerId: number) => [...replicaLog(host, brokerId, 'rolled').allBatches()].map((b) => b.buffer.toString('hex'));
    expect(bytesOf(3)).toEqual(bytesOf(leader));

    // Fetch from the beginning: every record, in order, across every rolled segment.
    // A short rebalance timeout: a JoinGroup the client gave up on under load leaves a pending member
    // the coordinator waits for (Kafka's rebalance.timeout.ms; kafkajs' default is 60 s).
    const consumer = kafka.consumer({ groupId: 'rolled-reader', maxBytes: 8192, sessionTimeout: 10_000, rebalanceTimeout: 10_000 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'rolled', fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => { seen.push(message.value!.toString()); } });
    await waitFor('every record consumed', () => seen.length >= MESSAGES, 120_000).catch((e: Error) => {
      throw new Error(`${e.message}: ${seen.length} of ${MESSAGES} read, the last ${seen.at(-1)?.slice(0, 14)}`);
    });
    await consumer.disconnect();
    expect(seen.map((v) => v.split('-')[1])).toEqual(Array.from({ length: MESSAGES }, (_, i) => String(i)));

    // ListOffsets by timestamp lands in a rolled segment (the first record at or after the time).
    for (const k of [1, 333, 777, 1234]) {
      const [found] = await admin.fetchTopicOffsetsByTimestamp('rolled', T0 + k * 1000 - 500);
      expect(found!.offset).toBe(String(k));
    }

    // The cleaner read the rolled segments of `latest` back from their files and compacted them.
    const compacted = () => [1, 2, 3].every((b) => replicaLog(host, b, 'latest').segments.slice(0, -1).reduce((n, s) => n + s.batchCount, 0) > 0 && [...replicaLog(host, b, 'latest').allBatches()].reduce((n, x) => n + x.recordCount, 0) < 300);
    await waitFor('latest compacted on every broker', compacted, 60_000);

    // What the logs hold in memory: the active segment's batches, nothing of the rolled ones.
    for (const brokerId of [1, 2, 3]) {
      for (const topic of ['rolled', 'latest']) {
        const log = replicaLog(host, brokerId, topic);
        expect(log.segments.slice(0, -1).every((s) => s.batches === null), `${topic} on broker ${brokerId}`).toBe(true);
        expect(log.heldBatchCount()).toBe(log.activeSegment.batchCount);
      }
    }
    await admin.disconnect();
  }, 180_000);
});
