/**
 * Failover seen by real clients (issue 3): a producer sends with acks=all to an RF=3,
 * min.insync.replicas=2 topic; the test stops the leader's broker mid-stream. The producer carries
 * on after its metadata refresh, every acknowledged message is read back afterwards, the stopped
 * broker's port refuses connections, and after start the broker catches up and rejoins the ISR.
 * Run with kafkajs (in-process) and librdkafka (confluent-kafka-python subprocess); a librdkafka
 * assigned consumer also follows its partition to the new leader.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import type { ClusterHost } from '../../host/cluster-host';
import { createTopic, portOf, readPartition, startHost, topicView, waitFor } from './harness';
import { itWith, missingConfluentKafka, PYTHON } from './tools';

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

type Fault = 'shutdown' | 'crash' | 'isolate';

/**
 * Takes the topic's leader out: a controlled shutdown or a crash closes its port (checked); an
 * isolation cuts it from the other brokers only, so clients still reach it and get its stale view.
 * Returns the broker id.
 */
async function stopLeader(host: ClusterHost, topic: string, fault: Fault = 'shutdown'): Promise<number> {
  const leader = topicView(host, topic)!.partitions[0]!.leader;
  const result = fault === 'isolate'
    ? await host.execute({ type: 'isolate-broker', brokerId: leader })
    : await host.execute({ type: 'stop-broker', brokerId: leader, controlled: fault === 'shutdown' });
  expect(result).toMatchObject({ ok: true });
  expect(await refusesConnections(portOf(host, leader))).toBe(fault !== 'isolate');
  return leader;
}

/** After the producer is done: no acknowledged message lost; the old leader returns to the ISR. */
async function checkAfterFailover(host: ClusterHost, topic: string, stopped: number, acked: string[], fault: Fault = 'shutdown'): Promise<void> {
  const view = topicView(host, topic)!.partitions[0]!;
  expect(view.leader).not.toBe(stopped);
  expect(view.leader).toBeGreaterThan(0);
  const stored = new Set((await readPartition(host, topic, 0)).map((r) => r.value));
  const lost = acked.filter((v) => !stored.has(v));
  expect(lost).toEqual([]);
  const back = fault === 'isolate' ? await host.execute({ type: 'heal-broker', brokerId: stopped }) : await host.execute({ type: 'start-broker', brokerId: stopped });
  expect(back).toMatchObject({ ok: true });
  await waitFor(`broker ${stopped} back in the ISR`, () => topicView(host, topic)!.partitions[0]!.inSyncReplicas.includes(stopped), 30_000);
  expect(await refusesConnections(portOf(host, stopped))).toBe(false);
}

describe('failover seen by real clients', () => {
  let host: ClusterHost | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  // Controlled shutdown moves leadership first; a crash or an isolation leaves it to the controller,
  // which fences the broker after broker.session.timeout.ms (shortened so the test stays quick).
  // An isolated leader still answers clients from its stale view until they time out and move on.
  const seeds: Record<Fault, number> = { shutdown: 51, crash: 53, isolate: 54 };
  const described: Record<Fault, string> = { shutdown: 'controlled shutdown', crash: 'crash', isolate: 'isolation from the other brokers' };
  for (const fault of ['shutdown', 'crash', 'isolate'] as const) {
    it(`kafkajs: acks=all producer survives its leader's ${described[fault]}; nothing acknowledged is lost`, async () => {
      host = await startHost({ seed: seeds[fault], brokerConfig: { 'broker.session.timeout.ms': '2000', 'broker.heartbeat.interval.ms': '500' } });
      const topic = `failover-kafkajs-${fault}`;
      await createTopic(host, topic, 1, 3, { 'min.insync.replicas': '2' });
      const kafka = new Kafka({ clientId: 'failover-kafkajs', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 50, maxRetryTime: 1000 } });
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      const acked: string[] = [];
      let failures = 0;
      let target = 150;
      const loop = (async () => {
        for (let i = 0; acked.length < target; i++) {
          const value = `m-${i}`;
          try {
            await producer.send({ topic, acks: -1, timeout: 3000, messages: [{ value }] });
            acked.push(value);
          } catch {
            failures++;
          }
        }
      })();
      await waitFor('first acknowledgements', () => acked.length >= 50, 30_000);
      const stopped = await stopLeader(host, topic, fault);
      const ackedAtStop = acked.length;
      target = ackedAtStop + 100;
      await loop;
      await producer.disconnect();
      expect(acked.length).toBeGreaterThanOrEqual(ackedAtStop + 100);
      expect(failures).toBeLessThan(5);
      await checkAfterFailover(host, topic, stopped, acked, fault);
    }, 120_000);
  }

  itWith(missingConfluentKafka, 'librdkafka: acks=all idempotent producer survives the leader stopping; nothing acknowledged is lost', async () => {
    host = await startHost({ seed: 52 });
    const h = host;
    const topic = 'failover-librdkafka';
    await createTopic(h, topic, 1, 3, { 'min.insync.replicas': '2' });
    const script = readFileSync(join(__dirname, 'failover-producer.py'), 'utf8');
    const child = spawn(PYTHON, ['-c', script, h.bootstrap, topic, '1000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    let stopped = -1;
    let lastReported = 0;
    let reportedAtStop = -1;
    let stopping: Promise<number> | null = null;
    let finalLine = '';
    let buffered = '';
    child.stdout.on('data', (b: Buffer) => {
      buffered += b.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const m = /^acked (\d+)$/.exec(line);
        if (m) lastReported = Number(m[1]);
        if (m && lastReported >= 200 && !stopping) {
          stopping = stopLeader(h, topic).then((id) => {
            reportedAtStop = lastReported;
            return (stopped = id);
          });
        }
        if (line.startsWith('{')) finalLine = line;
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    await stopping;
    expect(stopped).toBeGreaterThan(0);
    const out = JSON.parse(finalLine) as { acked: string[]; errors: string[]; errorCount: number; sent: number };
    expect(out.errors).toEqual([]);
    expect(out.acked.length).toBeGreaterThanOrEqual(1000);
    // The stop happened mid-stream: most acknowledgements came after it.
    expect(reportedAtStop).toBeGreaterThan(0);
    expect(reportedAtStop).toBeLessThan(700);
    await checkAfterFailover(h, topic, stopped, out.acked);
  }, 120_000);

  itWith(missingConfluentKafka, 'librdkafka: an assigned consumer follows the partition to its new leader and reads everything', async () => {
    host = await startHost({ seed: 55 });
    const h = host;
    const topic = 'failover-librdkafka-consumer';
    await createTopic(h, topic, 1, 3, { 'min.insync.replicas': '2' });
    const kafka = new Kafka({ clientId: 'failover-feeder', brokers: h.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 50, maxRetryTime: 1000 } });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const TOTAL = 1000;
    // Half before the consumer starts, half while it runs and the leader stops.
    for (let i = 0; i < TOTAL / 2; i += 50) {
      await producer.send({ topic, acks: -1, messages: Array.from({ length: 50 }, (_, j) => ({ value: `c-${i + j}` })) });
    }
    const script = readFileSync(join(__dirname, 'failover-consumer.py'), 'utf8');
    const child = spawn(PYTHON, ['-c', script, h.bootstrap, topic, String(TOTAL)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    let finalLine = '';
    let buffered = '';
    let stopping: Promise<number> | null = null;
    child.stdout.on('data', (b: Buffer) => {
      buffered += b.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const m = /^consumed (\d+)$/.exec(line);
        if (m && Number(m[1]) >= 200 && !stopping) stopping = stopLeader(h, topic);
        if (line.startsWith('{')) finalLine = line;
      }
    });
    await waitFor('the leader stopped', () => stopping, 30_000);
    const stopped = await stopping!;
    for (let i = TOTAL / 2; i < TOTAL; i += 50) {
      await producer.send({ topic, acks: -1, messages: Array.from({ length: 50 }, (_, j) => ({ value: `c-${i + j}` })) });
    }
    await producer.disconnect();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    const out = JSON.parse(finalLine) as { consumed: number; errors: string[] };
    expect(out.consumed).toBe(TOTAL);
    expect(topicView(h, topic)!.partitions[0]!.leader).not.toBe(stopped);
    await h.execute({ type: 'start-broker', brokerId: stopped });
  }, 120_000);
});
