/**
 * ClusterHost with real kafkajs clients: per-broker byte rates (BrokerView.bytesInPerSec /
 * bytesOutPerSec, client traffic from the listeners), the topics and group ids each connection
 * used (ConnectionView.produced/fetched/groupIds), and the startup events a newly opened UI
 * reads from recentEvents().
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { createTopic, startHost, waitFor } from '../wire/conformance/harness';
import type { ClusterHost } from './cluster-host';

describe('ClusterHost with kafkajs traffic', () => {
  let host: ClusterHost;
  beforeAll(async () => {
    host = await startHost({ seed: 41 });
  });
  afterAll(async () => {
    await host?.close();
  });

  it('has the startup events in recentEvents before any client connects: brokers started, controller elected', () => {
    const events = host.recentEvents();
    expect(events.filter((e) => e.type === 'broker-started').map((e) => (e as { brokerId: number }).brokerId)).toEqual([1, 2, 3]);
    expect(events.some((e) => e.type === 'controller-elected')).toBe(true);
    const seqs = events.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('reports bytes in and out per second per broker while kafkajs produces and consumes', async () => {
    expect(host.snapshot().brokers.every((b) => b.bytesInPerSec === 0 && b.bytesOutPerSec === 0)).toBe(true);
    const topic = await createTopic(host, 'traffic', 1, 3);
    const leader = topic.partitions[0]!.leader;
    const kafka = new Kafka({ clientId: 'traffic-test', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: 'traffic-group' });
    try {
      await producer.connect();
      const value = 'x'.repeat(1000);
      for (let i = 0; i < 20; i++) await producer.send({ topic: 'traffic', acks: -1, messages: Array.from({ length: 10 }, () => ({ value })) });
      await consumer.connect();
      await consumer.subscribe({ topic: 'traffic', fromBeginning: true });
      let seen = 0;
      await consumer.run({ eachMessage: async () => void seen++ });
      await waitFor('all consumed', () => seen >= 200, 30_000);
      const brokers = host.snapshot().brokers;
      const byId = new Map(brokers.map((b) => [b.brokerId, b]));
      // 200 kB produced to and fetched from the leader within the 5 s window: at least 200 kB / 5 s each way.
      expect(byId.get(leader)!.bytesInPerSec).toBeGreaterThanOrEqual(200_000 / 5);
      expect(byId.get(leader)!.bytesOutPerSec).toBeGreaterThanOrEqual(200_000 / 5);
      // Every broker answered at least Metadata/ApiVersions from some client.
      expect(brokers.filter((b) => b.bytesOutPerSec > 0).length).toBeGreaterThanOrEqual(1);
      expect(brokers.every((b) => b.bytesOutPerSec >= 0 && Number.isFinite(b.bytesOutPerSec))).toBe(true);
      // The registry knows what each connection touched: topics/partitions produced and fetched, group ids.
      const connections = host.snapshot().connections.filter((c) => c.clientId === 'traffic-test');
      expect(connections.flatMap((c) => c.produced ?? [])).toEqual([{ topic: 'traffic', partitions: [0] }]);
      expect(connections.flatMap((c) => c.fetched ?? []).filter((f) => f.topic === 'traffic')).toEqual([{ topic: 'traffic', partitions: [0] }]);
      expect(new Set(connections.flatMap((c) => c.groupIds ?? []))).toEqual(new Set(['traffic-group']));
      expect(connections.find((c) => c.produced)?.connectionId).toBe(connections.find((c) => c.produced && c.brokerId === leader)?.connectionId);
      // The coordinator's __consumer_offsets was created on demand: its event is in recentEvents too.
      expect(host.recentEvents().some((e) => e.type === 'topic-created' && e.topic === '__consumer_offsets')).toBe(true);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  }, 60_000);
});
