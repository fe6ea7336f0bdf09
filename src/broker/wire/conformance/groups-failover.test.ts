/**
 * Coordinator failover with kafkajs: stop the broker that coordinates an active group. The
 * group's __consumer_offsets partition elects a new leader, which loads the group and its
 * committed offsets from the log (group-coordinator-loaded); the members find the new
 * coordinator (NOT_COORDINATOR → FindCoordinator), keep consuming from their positions, and
 * every record is consumed with none before the committed offsets read twice. The same with a
 * confluent-kafka-python (librdkafka) member committing synchronously across the move.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { ClusterHost } from '../../host/cluster-host';
import { createTopic, topicView, waitFor } from './harness';
import { groupView, kafkaFor, produceNumbered, startGroupHost } from './groups-harness';
import { itWith, missingConfluentKafka, PYTHON } from './tools';

describe('group coordinator failover with kafkajs', () => {
  let host: ClusterHost;
  let kafka: Kafka;
  let producer: Producer;
  const consumers: Consumer[] = [];
  const consumed: string[] = [];

  beforeAll(async () => {
    host = await startGroupHost(81);
    kafka = kafkaFor(host, 'groups-failover');
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });
  afterAll(async () => {
    for (const c of consumers) await c.disconnect().catch(() => {});
    await producer?.disconnect();
    await host?.close();
  });

  it('moves the group to the new leader of its __consumer_offsets partition; consumption continues from the committed positions', async () => {
    await createTopic(host, 'grp-failover', 6, 3);
    await produceNumbered(producer, 'grp-failover', 'f', 0, 600);
    for (let i = 0; i < 2; i++) {
      const c = kafka.consumer({ groupId: 'g-failover', sessionTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 200 });
      await c.connect();
      await c.subscribe({ topic: 'grp-failover', fromBeginning: true });
      await c.run({ autoCommitInterval: 100, eachMessage: async ({ message }) => void consumed.push(message.value!.toString()) });
      consumers.push(c);
    }
    const before = await waitFor('600 consumed and committed', () => {
      const g = groupView(host, 'g-failover');
      return consumed.length >= 600 && g?.state === 'Stable' && g.offsets.reduce((n, o) => n + o.committedOffset, 0) === 600 ? g : undefined;
    }, 30_000);
    const oldCoordinator = before.coordinatorId;
    const loadsBefore = host.recentEvents(10_000).filter((e) => e.type === 'group-coordinator-loaded').length;

    const stopped = await host.execute({ type: 'stop-broker', brokerId: oldCoordinator });
    expect(stopped.ok).toBe(true);

    const after = await waitFor('group Stable at a new coordinator', () => {
      const g = groupView(host, 'g-failover');
      return g && g.coordinatorId !== oldCoordinator && g.state === 'Stable' ? g : undefined;
    }, 30_000);
    // The new coordinator knows the offsets only from the log it loaded.
    const loaded = host.recentEvents(10_000).filter((e) => e.type === 'group-coordinator-loaded').slice(loadsBefore);
    expect(loaded.some((e) => e.type === 'group-coordinator-loaded' && e.brokerId === after.coordinatorId && e.partition === before.offsetsPartition)).toBe(true);
    expect(after.offsets.reduce((n, o) => n + o.committedOffset, 0)).toBeGreaterThanOrEqual(600);

    // A fresh producer once every partition has a live leader (see the kafkajs sendMessages note below).
    await waitFor('leaders on the running brokers', () => topicView(host, 'grp-failover')!.partitions.every((p) => p.leader >= 0 && p.leader !== oldCoordinator));
    const afterStop = kafkaFor(host, 'groups-failover-2').producer({ idempotent: true, maxInFlightRequests: 1 });
    await afterStop.connect();
    await produceNumbered(afterStop, 'grp-failover', 'f', 600, 900);
    await afterStop.disconnect();
    await waitFor('the 300 new records consumed', () => new Set(consumed).size === 900, 30_000);
    await waitFor('900 committed at the new coordinator', () => groupView(host, 'g-failover')?.offsets.reduce((n, o) => n + o.committedOffset, 0) === 900, 20_000);
    // Records below the committed positions were not read again after the move.
    const counts = new Map<string, number>();
    for (const v of consumed) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect([...counts.entries()].filter(([v, n]) => n > 1 && Number(v.slice(2)) < 600)).toEqual([]);
    for (let i = 0; i < 900; i++) expect(counts.has(`f-${i}`), `f-${i}`).toBe(true);
  }, 90_000);

  itWith(missingConfluentKafka, 'a confluent-kafka-python (librdkafka) group follows its coordinator to the new leader and keeps committing', async () => {
    const failover = await startGroupHost(83);
    try {
      await createTopic(failover, 'grp-failover-py', 4, 3);
      const feeder = kafkaFor(failover, 'groups-failover-py').producer({ idempotent: true, maxInFlightRequests: 1 });
      await feeder.connect();
      await produceNumbered(feeder, 'grp-failover-py', 'p', 0, 200);
      await feeder.disconnect();
      // The script gives up a phase after 90 s and says how far it got; the test waits longer, so a slow
      // phase fails with the script's own report (seen, errors, seconds) instead of a blind timeout.
      const child = spawn(PYTHON, ['-c', readFileSync(join(__dirname, 'groups-failover-consumer.py'), 'utf8'), failover.bootstrap, 'grp-failover-py', '200', '400', '90'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const lines: { phase: string; seen?: unknown; errors?: string[]; seconds?: number }[] = [];
      let stderr = '';
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        let nl;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          lines.push(JSON.parse(buffered.slice(0, nl)));
          buffered = buffered.slice(nl + 1);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
      try {
        const committed = await waitFor('librdkafka member committed 200', () => lines.find((l) => l.phase === 'committed'), 60_000).catch((e) => { throw new Error(`${e.message}\n${stderr}`); });
        expect(committed, JSON.stringify(committed)).toMatchObject({ seen: 200 });
        const before = await waitFor('200 committed', () => {
          const g = groupView(failover, 'g-failover-librdkafka');
          return g && g.offsets.reduce((n, o) => n + o.committedOffset, 0) === 200 ? g : undefined;
        });
        expect((await failover.execute({ type: 'stop-broker', brokerId: before.coordinatorId })).ok).toBe(true);
        // A fresh producer once every partition has a live leader: kafkajs 2.2.4's send retry skips brokers that
        // already answered (sendMessages' responsePerBroker), silently dropping partitions whose leader moved to one.
        await waitFor('leaders on the running brokers', () => topicView(failover, 'grp-failover-py')!.partitions.every((p) => p.leader >= 0 && p.leader !== before.coordinatorId));
        const afterStop = kafkaFor(failover, 'groups-failover-py-2').producer({ idempotent: true, maxInFlightRequests: 1 });
        await afterStop.connect();
        await produceNumbered(afterStop, 'grp-failover-py', 'p', 200, 400);
        await afterStop.disconnect();
        await waitFor('400 records in the topic', () => topicView(failover, 'grp-failover-py')!.partitions.reduce((n, p) => n + p.highWatermark, 0) === 400, 10_000);
        child.stdin.write('\n');
        const done = await waitFor('librdkafka member consumed the rest', () => lines.find((l) => l.phase === 'done'), 120_000).catch((e) => { throw new Error(`${e.message}\n${stderr}`); });
        process.stdout.write(`librdkafka member: phase 1 ${committed.seconds} s, phase 2 ${done.seconds} s, last errors ${JSON.stringify((done.errors ?? []).slice(-4))}\n`);
        const seen = done.seen as string[];
        // What the group looked like when the member gave up, so a stalled run says where it stalled.
        const stalled = () => JSON.stringify({ errors: (done.errors ?? []).slice(-8), group: groupView(failover, 'g-failover-librdkafka'), highWatermarks: topicView(failover, 'grp-failover-py')!.partitions.map((p) => [p.partition, p.leader, p.highWatermark]) });
        expect(new Set(seen).size, stalled()).toBe(400);
        // Nothing below the committed offsets was read again after the move.
        expect(seen.length).toBe(400);
        const after = groupView(failover, 'g-failover-librdkafka')!;
        expect(after.coordinatorId).not.toBe(before.coordinatorId);
        expect(after.offsets.reduce((n, o) => n + o.committedOffset, 0)).toBe(400);
      } finally {
        child.kill('SIGKILL');
      }
    } finally {
      await failover.close();
    }
  }, 240_000);
});
