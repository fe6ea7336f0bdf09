import { describe, expect, it } from 'vitest';
import { SIM_EPOCH_MS } from '../sim/clock';
import { createCluster } from './cluster';
import { decodeRecordBatch } from '../protocol/records/index';
import { advance, batchOf, eventLines, produceOne } from './testing';

describe('cluster basics', () => {
  it('creates a topic, replicates an acks=all write and serves it to a consumer', () => {
    const c = createCluster({ seed: 1, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }] });
    const res = c.createTopics(1, [{ name: 'orders', numPartitions: 3, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }], false);
    expect(res[0]!.errorName).toBe('NONE');
    advance(c, 10);
    const md = c.metadata(1, ['orders'], false);
    const p0 = md.topics[0]!.partitions[0]!;
    expect(p0.inSyncReplicas.length).toBe(3);
    const h = produceOne(c, p0.leaderId, 'orders', 0, batchOf([{ key: 'k', value: 'v1' }, { key: 'k', value: 'v2' }]));
    expect(h.result).toBeNull();
    advance(c, 50);
    expect(h.result?.errorName).toBe('NONE');
    expect(h.result?.baseOffset).toBe(0);
    const f = c.fetch(p0.leaderId, { isolationLevel: 0, maxBytes: 1 << 20, partitions: [{ topic: 'orders', partition: 0, fetchOffset: 0, currentLeaderEpoch: -1, partitionMaxBytes: 1 << 20 }] });
    expect(f.partitions[0]!.highWatermark).toBe(2);
    expect(f.partitions[0]!.records.length).toBe(1);
    const other = [1, 2, 3].find((b) => b !== p0.leaderId)!;
    const nl = produceOne(c, other, 'orders', 0, batchOf([{ value: 'x' }]));
    expect(nl.result?.errorName).toBe('NOT_LEADER_OR_FOLLOWER');
    expect(nl.result?.currentLeader?.leaderId).toBe(p0.leaderId);
    expect(eventLines(c, ['topic-created'])).toEqual(['t=0 topic-created orders partitions=3 rf=3']);
  });
});

describe('simulated start time', () => {
  it('starts at the given wall-clock instant (hosted), so client CreateTime stays within retention, ListOffsets by time finds it, and replay keeps the start', () => {
    const wallClockAtHostStart = 1_763_700_000_000; // what a host read from its clock (2025-11-21)
    const c = createCluster({ seed: 3, brokers: [{ brokerId: 1 }], startTimeMs: wallClockAtHostStart, brokerConfig: { 'log.retention.check.interval.ms': '1000' } });
    expect(c.now()).toBe(wallClockAtHostStart);
    c.createTopics(1, [{ name: 't', numPartitions: 1, replicationFactor: 1, configs: { 'retention.ms': '60000', 'segment.ms': '1000' } }], false);
    advance(c, 10);
    produceOne(c, 1, 't', 0, batchOf([{ value: 'v', timestamp: wallClockAtHostStart + 5 }]), 1);
    advance(c, 5000);
    const byTime = c.listOffsets(1, 0, [{ topic: 't', partition: 0, timestamp: wallClockAtHostStart, currentLeaderEpoch: -1 }])[0]!;
    expect(byTime).toMatchObject({ offset: 0, timestamp: wallClockAtHostStart + 5 });
    expect(eventLines(c, ['segment-deleted'])).toEqual([]);
    expect(c.exportTrace().config.startTimeMs).toBe(wallClockAtHostStart);
    expect(() => createCluster({ seed: 1, brokers: [{ brokerId: 1 }], startTimeMs: 1.5 })).toThrow(/startTimeMs/);
  });

  it('keeps the fixed 2024 epoch by default (tests and scenarios)', () => {
    expect(createCluster({ seed: 1, brokers: [{ brokerId: 1 }] }).now()).toBe(SIM_EPOCH_MS);
  });
});

describe('input log budget', () => {
  const produceKiB = (c: ReturnType<typeof createCluster>, n: number) => {
    for (let i = 0; i < n; i++) produceOne(c, 1, 't', 0, batchOf([{ value: 'x'.repeat(1024) }]), 1);
  };
  const withTopic = (opts: { inputLogLimitBytes?: number; recordInputLog?: boolean }) => {
    const c = createCluster({ seed: 4, brokers: [{ brokerId: 1 }], ...opts });
    c.createTopics(1, [{ name: 't', numPartitions: 1, replicationFactor: 1 }], false);
    advance(c, 10);
    return c;
  };

  it('keeps the whole log while it fits the budget, then drops it and refuses export with the reason', () => {
    const c = withTopic({ inputLogLimitBytes: 64 * 1024 });
    produceKiB(c, 20);
    expect(c.inputLogStatus()).toMatchObject({ state: 'full', exportable: true, entries: 21, limitBytes: 64 * 1024 });
    expect(c.inputLogStatus().bytes).toBeGreaterThan(20 * 1024);
    expect(c.exportTrace().inputLog.length).toBe(21);
    produceKiB(c, 100);
    expect(c.inputLogStatus()).toMatchObject({ state: 'dropped', exportable: false, entries: 0, bytes: 0 });
    expect(c.inputLogStatus().reason).toContain('can no longer be exported');
    expect(() => c.exportTrace()).toThrow(/budget/);
    // The model itself is unaffected: every record is in the log.
    expect(c.listOffsets(1, 0, [{ topic: 't', partition: 0, timestamp: -1, currentLeaderEpoch: -1 }])[0]!.offset).toBe(120);
  });

  it('records nothing with recordInputLog: false, and keeps everything by default', () => {
    const off = withTopic({ recordInputLog: false });
    expect(off.inputLogStatus()).toMatchObject({ state: 'off', exportable: false, entries: 0 });
    expect(() => off.exportTrace()).toThrow(/off/);
    const full = withTopic({});
    produceKiB(full, 200);
    expect(full.inputLogStatus()).toMatchObject({ state: 'full', exportable: true, entries: 201, limitBytes: null });
  });
});

describe('extension inputs', () => {
  it('are logged and replayed through the extension', async () => {
    const { replayTrace } = await import('../sim/trace');
    const seen: unknown[] = [];
    const ext = { name: 'echo', replayInput: (input: unknown) => seen.push(input) };
    const c = createCluster({ seed: 2, brokers: [{ brokerId: 1 }] });
    c.registerExtension(ext);
    expect(c.extensionInput('echo', { groupId: 'g' }, () => 42)).toBe(42);
    advance(c, 10);
    replayTrace(c.exportTrace(), (r) => r.registerExtension(ext));
    expect(seen).toEqual([{ groupId: 'g' }]);
  });
});

describe('produce', () => {
  it('copies produced record sets: the caller may overwrite its buffers as soon as produce returns', () => {
    const c = createCluster({ seed: 2, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }] });
    c.createTopics(1, [{ name: 'reuse', numPartitions: 1, replicationFactor: 3 }], false);
    advance(c, 10);
    const leader = c.metadata(1, ['reuse'], false).topics[0]!.partitions[0]!.leaderId;
    // One buffer reused for every produce, as the wire server's socket reads are.
    const scratch = Buffer.alloc(4096);
    const results: ReturnType<typeof produceOne>[] = [];
    for (let i = 0; i < 3; i++) {
      const batch = batchOf([{ key: `k${i}`, value: `value-${i}` }]);
      batch.copy(scratch);
      results.push(produceOne(c, leader, 'reuse', 0, scratch.subarray(0, batch.length)));
      scratch.fill(0xee);
    }
    advance(c, 50);
    expect(results.map((r) => r.result?.errorName)).toEqual(['NONE', 'NONE', 'NONE']);
    for (const brokerId of [1, 2, 3]) {
      const f = c.fetch(brokerId, { isolationLevel: 0, maxBytes: 1 << 20, partitions: [{ topic: 'reuse', partition: 0, fetchOffset: 0, currentLeaderEpoch: -1, partitionMaxBytes: 1 << 20 }] });
      const p = f.partitions[0]!;
      if (brokerId !== leader) {
        expect(p.errorName).toBe('NOT_LEADER_OR_FOLLOWER');
        continue;
      }
      const values = p.records.flatMap((b) => decodeRecordBatch(b, { verifyCrc: true }).records.map((r) => `${r.offset}:${r.key?.toString()}=${r.value?.toString()}`));
      expect(values).toEqual(['0:k0=value-0', '1:k1=value-1', '2:k2=value-2']);
      expect(p.records.every((b) => b.buffer !== scratch.buffer)).toBe(true);
    }
    // The followers hold the same bytes (replicas share the leader's copy in log memory).
    const view = c.snapshot().topics.find((t) => t.name === 'reuse')!.partitions[0]!;
    expect(view.replicaStates.map((r) => r.logEndOffset)).toEqual([3, 3, 3]);
  });
});

describe('the per-request partition bound applies after defaults (issue 11, found by the semantic fuzzer)', () => {
  it('refuses to auto-create or create with -1 a topic whose num.partitions default is beyond 10000', () => {
    const c = createCluster({ seed: 1, brokers: [{ brokerId: 1 }], brokerConfig: { 'num.partitions': '100000', 'default.replication.factor': '1' } });
    advance(c, 10);
    const md = c.metadata(1, ['auto-created'], true);
    expect(md.topics[0]!.partitions).toHaveLength(0);
    const created = c.createTopics(1, [{ name: 'defaulted', numPartitions: -1, replicationFactor: 1, configs: {} }], false);
    expect(created[0]!.errorName).toBe('POLICY_VIOLATION');
    expect(c.snapshot().topics.filter((t) => !t.name.startsWith('__')).map((t) => t.name)).toEqual([]);
  });
});

describe('Metadata auto-creation is one batch under the per-request partition bound (issue 11)', () => {
  const names = (n: number) => Array.from({ length: n }, (_, i) => `auto-${i}`);
  const userTopics = (c: ReturnType<typeof createCluster>) => c.snapshot().topics.filter((t) => !t.name.startsWith('__'));

  it('refuses the whole batch when the new topics times num.partitions pass 10000, as the controller does', () => {
    const c = createCluster({ seed: 1, brokers: [{ brokerId: 1 }], brokerConfig: { 'num.partitions': '50', 'default.replication.factor': '1' } });
    advance(c, 10);
    // 201 x 50 = 10050: before the bound each topic was created on its own (10050 partitions here,
    // 100000 for 2000 names, which blocked the event loop for seconds per simulated second).
    const md = c.metadata(1, names(201), true);
    advance(c, 10);
    expect(md.topics.map((t) => t.errorName)).toEqual(Array.from({ length: 201 }, () => 'UNKNOWN_TOPIC_OR_PARTITION'));
    expect(userTopics(c)).toEqual([]);
    // 200 x 50 = 10000 is within the bound; repeated names are one topic.
    c.metadata(1, [...names(200), ...names(200)], true);
    advance(c, 10);
    expect(userTopics(c)).toHaveLength(200);
    expect(userTopics(c).reduce((sum, t) => sum + t.partitions.length, 0)).toBe(10_000);
  });
});
