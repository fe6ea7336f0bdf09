/**
 * Issue 15, with the real process: `kafka-lab broker --data-dir … --lab …` stopped by SIGTERM
 * keeps 100,000 records kcat (librdkafka) produced with acks=all, the offsets a kafkajs group
 * committed (the group resumes there), the topic's configs and its topic ID; stopped by SIGKILL
 * while a kafkajs acks=all produce is in flight, every acknowledged record reads back after the
 * restart, once each and in order, with valid CRCs, and a group that committed before the kill
 * resumes from its committed offset.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect } from 'vitest';
import { itWith, KCAT, missingKcat, run } from '../wire/conformance/tools';
import { labProcesses, portsOf, RawCaller, startLabProcess } from './testing/lab-process';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-process-'));
afterAll(() => {
  for (const c of labProcesses) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
});

const kafka = (bootstrap: string) => new Kafka({ clientId: 'restart-process', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 3, initialRetryTime: 50, maxRetryTime: 500 } });

/** The topic's ID as Metadata v12 reports it (kafkajs asks v6, which has none), once the broker knows the topic (it may still be catching up on the metadata after a start). */
async function topicIdOf(bootstrap: string, topic: string): Promise<string> {
  const caller = new RawCaller();
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const m = await caller.call(portsOf(bootstrap)[0]!, 3, 12, { topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: topic }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
      if (m.topics[0].errorCode === 0 || Date.now() > deadline) return String(m.topics[0].topicId);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    caller.close();
  }
}

/** Polls ListOffsets until the topic's highWatermark sum reaches `atLeast` (after a crash, followers must fetch first). */
async function waitForHighWatermark(bootstrap: string, topic: string, atLeast: number): Promise<number> {
  const admin = kafka(bootstrap).admin();
  await admin.connect();
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const high = (await admin.fetchTopicOffsets(topic)).reduce((n, o) => n + Number(o.high), 0);
      if (high >= atLeast || Date.now() > deadline) return high;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await admin.disconnect();
  }
}

/** A kafkajs group member reads `count` records of partition 0 from the beginning and commits offset `count`. */
async function readAndCommit(bootstrap: string, groupId: string, topic: string, count: number): Promise<void> {
  const consumer = kafka(bootstrap).consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500, maxBytesPerPartition: 64 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    let seen = 0;
    void consumer.run({ autoCommit: false, eachBatch: async ({ batch, pause }) => {
      if (seen >= count) return;
      seen += batch.messages.filter((m) => Number(m.offset) < count).length;
      if (seen >= count) {
        pause();
        await consumer.commitOffsets([{ topic, partition: 0, offset: String(count) }]).then(resolve, reject);
      }
    } });
  });
  await consumer.disconnect();
}

/** The first record a new member of `groupId` receives (it starts at the group's committed offset). */
async function firstAfterRestart(bootstrap: string, groupId: string, topic: string): Promise<{ offset: string; value: string }> {
  const consumer = kafka(bootstrap).consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const first = await new Promise<{ offset: string; value: string }>((resolve) => {
    void consumer.run({ autoCommit: false, eachMessage: async ({ message }) => resolve({ offset: message.offset, value: message.value!.toString() }) });
  });
  await consumer.disconnect();
  return first;
}

describe('kafka-lab broker on a lab directory, stopped and restarted', () => {
  itWith(missingKcat, 'SIGTERM: 100,000 kcat records, a kafkajs group\'s committed offsets, configs and the topic ID survive', async () => {
    const first = await startLabProcess(root, 'sigterm');
    const admin = kafka(first.bootstrap).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'bulk', numPartitions: 1, replicationFactor: 3, configEntries: [{ name: 'retention.ms', value: '604800001' }, { name: 'min.insync.replicas', value: '2' }] }], waitForLeaders: true });
    const topicId = await topicIdOf(first.bootstrap, 'bulk');
    expect(topicId).not.toBe('AAAAAAAAAAAAAAAAAAAAAA');
    const lines = Array.from({ length: 100_000 }, (_, i) => `record-${i}`).join('\n') + '\n';
    const produced = await run(KCAT, ['-P', '-b', first.bootstrap, '-t', 'bulk', '-p', '0', '-X', 'acks=all', '-X', 'linger.ms=20'], { input: lines, timeoutMs: 120_000 });
    expect(produced.code, produced.stderr).toBe(0);
    // A kafkajs group reads part of the topic and commits where it stopped.
    await readAndCommit(first.bootstrap, 'readers', 'bulk', 30_000);
    const committed = (await admin.fetchOffsets({ groupId: 'readers', topics: ['bulk'] }))[0]!.partitions[0]!.offset;
    expect(committed).toBe('30000');
    await admin.disconnect();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.readdirSync(path.join(root, 'sigterm', 'broker-1', 'bulk-0')).some((n) => n.endsWith('.index'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'sigterm', 'broker-1', '.kafka_cleanshutdown'))).toBe(true);

    const second = await startLabProcess(root, 'sigterm');
    expect(second.stderr()).toMatch(/recovered \d+ topic/);
    expect(await topicIdOf(second.bootstrap, 'bulk')).toBe(topicId);
    const consumed = await run(KCAT, ['-C', '-b', second.bootstrap, '-t', 'bulk', '-p', '0', '-o', 'beginning', '-e', '-q', '-X', 'check.crcs=true'], { timeoutMs: 120_000 });
    expect(consumed.code, consumed.stderr).toBe(0);
    expect(consumed.stdout).toBe(lines);
    const admin2 = kafka(second.bootstrap).admin();
    await admin2.connect();
    const configs = await admin2.describeConfigs({ resources: [{ type: 2, name: 'bulk', configNames: ['retention.ms', 'min.insync.replicas'] }], includeSynonyms: false });
    const value = (n: string) => configs.resources[0]!.configEntries.find((e) => e.configName === n)?.configValue;
    expect([value('retention.ms'), value('min.insync.replicas')]).toEqual(['604800001', '2']);
    expect((await admin2.fetchOffsets({ groupId: 'readers', topics: ['bulk'] }))[0]!.partitions[0]!.offset).toBe(committed);
    await admin2.disconnect();
    // The group resumes from its committed offset: its first record is the one at that offset.
    const firstAfter = await firstAfterRestart(second.bootstrap, 'readers', 'bulk');
    expect(firstAfter).toEqual({ offset: committed, value: `record-${committed}` });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 300_000);

  itWith(missingKcat, 'SIGKILL mid-produce: every acknowledged acks=all record survives the restart', async () => {
    const first = await startLabProcess(root, 'sigkill');
    const admin = kafka(first.bootstrap).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'crash', numPartitions: 1, replicationFactor: 3, configEntries: [{ name: 'min.insync.replicas', value: '2' }] }], waitForLeaders: true });
    await admin.disconnect();
    const topicId = await topicIdOf(first.bootstrap, 'crash');
    const producer = kafka(first.bootstrap).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const acknowledged: string[] = [];
    let inFlight: string[] | null = null;
    let n = 0;
    const loop = (async (): Promise<string[]> => {
      for (;;) {
        const batch = Array.from({ length: 20 }, () => `v-${n++}`);
        inFlight = batch;
        try {
          await producer.send({ topic: 'crash', acks: -1, messages: batch.map((value) => ({ value })) });
        } catch {
          return batch;
        }
        inFlight = null;
        acknowledged.push(...batch);
      }
    })();
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < 2000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(acknowledged.length).toBeGreaterThanOrEqual(2000);
    // Meanwhile a kafkajs group reads the first 500 records and commits offset 500.
    await readAndCommit(first.bootstrap, 'crash-readers', 'crash', 500);
    while (acknowledged.length < 3000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // Kill while a send is outstanding (the loop always has one between its acknowledgements).
    while (inFlight === null) await new Promise((r) => setImmediate(r));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    // The send that was in flight fails (the process is gone); every earlier one was acknowledged.
    const unacknowledged = await loop;
    expect(unacknowledged.length).toBe(20);
    const acked = [...acknowledged];
    expect(acked).not.toContain(unacknowledged[0]);
    void producer.disconnect().catch(() => undefined);
    // No clean-shutdown marker: the next start takes the unclean path (every batch's CRC checked).
    expect(fs.existsSync(path.join(root, 'sigkill', 'broker-1', '.kafka_cleanshutdown'))).toBe(false);

    const second = await startLabProcess(root, 'sigkill');
    expect(await topicIdOf(second.bootstrap, 'crash')).toBe(topicId);
    const admin2 = kafka(second.bootstrap).admin();
    await admin2.connect();
    const configs = await admin2.describeConfigs({ resources: [{ type: 2, name: 'crash', configNames: ['min.insync.replicas'] }], includeSynonyms: false });
    expect(configs.resources[0]!.configEntries.find((e) => e.configName === 'min.insync.replicas')?.configValue).toBe('2');
    await admin2.disconnect();
    expect(await waitForHighWatermark(second.bootstrap, 'crash', acked.length)).toBeGreaterThanOrEqual(acked.length);
    const consumed = await run(KCAT, ['-C', '-b', second.bootstrap, '-t', 'crash', '-o', 'beginning', '-e', '-q', '-X', 'check.crcs=true'], { timeoutMs: 60_000 });
    expect(consumed.code, consumed.stderr).toBe(0);
    const values = consumed.stdout.split('\n').filter(Boolean);
    // Once each (idempotent producer) and in the order acknowledged: the acknowledged values are the log's prefix.
    expect(values.slice(0, acked.length)).toEqual(acked);
    expect(values.length - acked.length === 0 || values.slice(acked.length).join() === unacknowledged.join()).toBe(true);
    expect(await firstAfterRestart(second.bootstrap, 'crash-readers', 'crash')).toEqual({ offset: '500', value: acked[500] });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000);
});
