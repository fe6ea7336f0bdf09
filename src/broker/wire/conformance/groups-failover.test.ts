/**
 * Coordinator failover with kafkajs: stop the broker that coordinates an active group. The
 * group's __consumer_offsets partition elects a new leader, which loads the group and its
 * committed offsets from the log (group-coordinator-loaded); the members find the new
 * coordinator (NOT_COORDINATOR → FindCoordinator), keep consuming from their positions, and
 * every record is consumed with none before the committed offsets read twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { ClusterHost } from '../../host/cluster-host';
import { createTopic, waitFor } from './harness';
import { groupView, kafkaFor, produceNumbered, startGroupHost } from './groups-harness';

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

    await produceNumbered(producer, 'grp-failover', 'f', 600, 900);
    await waitFor('the 300 new records consumed', () => new Set(consumed).size === 900, 30_000);
    await waitFor('900 committed at the new coordinator', () => groupView(host, 'g-failover')?.offsets.reduce((n, o) => n + o.committedOffset, 0) === 900, 20_000);
    // Records below the committed positions were not read again after the move.
    const counts = new Map<string, number>();
    for (const v of consumed) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect([...counts.entries()].filter(([v, n]) => n > 1 && Number(v.slice(2)) < 600)).toEqual([]);
    for (let i = 0; i < 900; i++) expect(counts.has(`f-${i}`), `f-${i}`).toBe(true);
  }, 90_000);
});
