import { describe, expect, it } from 'vitest';
import { createCluster, type SimCluster } from '../cluster/cluster';
import { advance, batchOf, leaderOf, produceOne } from '../cluster/testing';
import { MemoryStorage } from './storage-commands';

function labWithRecords(): SimCluster {
  const c = createCluster({ seed: 7, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }] });
  // segment.bytes small enough that three batches roll a segment.
  c.createTopics(1, [{ name: 'orders', numPartitions: 2, replicationFactor: 3, configs: { 'segment.bytes': '200' } }], false);
  advance(c, 10);
  const leader = leaderOf(c, 'orders', 0);
  for (let i = 0; i < 5; i++) {
    produceOne(c, leader, 'orders', 0, batchOf([{ value: `v${i}-a`, timestamp: 1000 + i }, { value: `v${i}-b`, timestamp: 2000 + i }], { producerId: 11, producerEpoch: 2, baseSequence: i * 2 }), -1);
    advance(c, 50);
  }
  advance(c, 500);
  return c;
}

describe('MemoryStorage', () => {
  it('counts the bytes of every replica, per broker and per topic', async () => {
    const c = labWithRecords();
    const info = await new MemoryStorage(c).getStorageInfo();
    expect(info.kind).toBe('memory');
    expect(info.labs).toEqual([]);
    const orders = info.topics.find((t) => t.topic === 'orders')!;
    const p0 = orders.replicas.filter((r) => r.partition === 0);
    expect(p0.map((r) => r.brokerId).sort()).toEqual([1, 2, 3]);
    const leaderBytes = [...c.core.broker(leaderOf(c, 'orders', 0))!.replicas.values()].find((r) => r.topic === 'orders' && r.partition === 0)!.log.sizeBytes();
    expect(leaderBytes).toBeGreaterThan(0);
    // Every replica of partition 0 holds the same five batches; partition 1 is empty.
    expect(p0.every((r) => r.bytes === leaderBytes)).toBe(true);
    expect(orders.replicas.filter((r) => r.partition === 1).every((r) => r.bytes === 0)).toBe(true);
    expect(orders.bytes).toBe(3 * leaderBytes);
    expect(info.totalBytes).toBe(info.brokers.reduce((n, b) => n + b.bytes, 0));
    expect(info.totalBytes).toBe(info.topics.reduce((n, t) => n + t.bytes, 0));
  });

  it('lists a replica\'s segments with offsets, sizes, time range and the active one', async () => {
    const c = labWithRecords();
    const result = await new MemoryStorage(c).describeReplicaStorage('orders', 0, 2);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const r = result.value;
    expect(r).toMatchObject({ logStartOffset: 0, logEndOffset: 10, highWatermark: 10, dir: null });
    expect(r.segments.length).toBeGreaterThan(1);
    // The flushed offset (recoveryPoint): rolled segments are flushed, the active one is not (default flush.messages / flush.ms).
    expect(r.recoveryPoint).toBe(r.segments[r.segments.length - 1]!.baseOffset);
    expect(r.segments[0]).toMatchObject({ baseOffset: 0, firstTimestampMs: 1000, fileName: null, offsetIndexEntries: null, active: false });
    expect(r.segments.at(-1)!.active).toBe(true);
    expect(r.segments.at(-1)!.nextOffset).toBe(10);
    for (let i = 0; i + 1 < r.segments.length; i++) expect(r.segments[i]!.nextOffset).toBe(r.segments[i + 1]!.baseOffset);
    expect(r.segments.reduce((n, s) => n + s.batchCount, 0)).toBe(5);
    expect(Math.max(...r.segments.map((s) => s.maxTimestampMs))).toBe(2004);
  });

  it('pages through a segment\'s batches with their positions and producer fields', async () => {
    const c = labWithRecords();
    const storage = new MemoryStorage(c);
    const described = await storage.describeReplicaStorage('orders', 0, 1);
    if (!described.ok) throw new Error(described.message);
    const segment = described.value.segments[0]!;
    const first = await storage.inspectSegment('orders', 0, 1, segment.baseOffset, 0, 1);
    if (!first.ok) throw new Error(first.message);
    expect(first.value.totalBatches).toBe(segment.batchCount);
    expect(first.value.batches[0]).toMatchObject({ position: 0, baseOffset: 0, lastOffset: 1, count: 2, producerId: 11, producerEpoch: 2, baseSequence: 0, crcValid: true, isTransactional: false, isControl: false, compression: 'none', magic: 2 });
    expect(first.value.nextBatch).toBe(segment.batchCount > 1 ? 1 : null);
    if (segment.batchCount > 1) {
      const second = await storage.inspectSegment('orders', 0, 1, segment.baseOffset, 1, 500);
      if (!second.ok) throw new Error(second.message);
      expect(second.value.batches[0]).toMatchObject({ position: first.value.batches[0]!.sizeBytes, baseOffset: 2, baseSequence: 2 });
      expect(second.value.nextBatch).toBeNull();
    }
  });

  it('answers Kafka\'s errors for unknown partitions, brokers without a replica, bad arguments and deleteLab in memory', async () => {
    const c = labWithRecords();
    const storage = new MemoryStorage(c);
    expect(await storage.describeReplicaStorage('nope', 0, 1)).toMatchObject({ ok: false, errorName: 'UNKNOWN_TOPIC_OR_PARTITION' });
    expect(await storage.describeReplicaStorage('orders', 9, 1)).toMatchObject({ ok: false, errorName: 'UNKNOWN_TOPIC_OR_PARTITION' });
    expect(await storage.describeReplicaStorage('orders', 0, 42)).toMatchObject({ ok: false, errorName: 'NOT_LEADER_OR_FOLLOWER' });
    expect(await storage.describeReplicaStorage('orders', -1 as number, 1)).toMatchObject({ ok: false, errorName: 'INVALID_REQUEST' });
    expect(await storage.inspectSegment('orders', 0, 1, 0, 0, 501)).toMatchObject({ ok: false, errorName: 'INVALID_REQUEST' });
    expect(await storage.inspectSegment('orders', 0, 1, 0, 1.5, 10)).toMatchObject({ ok: false, errorName: 'INVALID_REQUEST' });
    expect(await storage.inspectSegment('orders', 0, 1, 12345, 0, 10)).toMatchObject({ ok: false, errorName: 'OFFSET_OUT_OF_RANGE' });
    expect(await storage.deleteLab('anything')).toMatchObject({ ok: false, errorName: 'INVALID_REQUEST' });
  });
});
