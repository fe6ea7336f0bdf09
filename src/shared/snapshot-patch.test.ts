import { describe, expect, it } from 'vitest';
import { makeClusterView } from './cluster-view-fixtures';
import { applySnapshotPatch, diffSnapshot, jsonEqual, partitionEqual, partitionsChangedSince } from './snapshot-patch';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('snapshot patches', () => {
  const base = makeClusterView({ topics: [{ name: 'a', partitions: 4, replicationFactor: 3, records: 10 }, { name: 'b', partitions: 2, replicationFactor: 1 }] });

  it('carries only changed partitions, and applying reproduces the next snapshot', () => {
    const next = clone(base);
    next.simTimeMs += 250;
    next.topics[0]!.partitions[2]!.highWatermark = 11;
    next.brokers[0]!.bytesInPerSec = 99;
    const patch = diffSnapshot(base, next, 1, 2);
    expect(patch.changed).toHaveLength(1);
    expect(patch.changed[0]).toMatchObject({ name: 'a', partitions: [{ partition: 2 }] });
    const applied = applySnapshotPatch(base, patch);
    expect(jsonEqual(applied, next)).toBe(true);
    expect(applied.topics[1]).toBe(base.topics[1]);
    expect(applied.topics[0]!.partitions[0]).toBe(base.topics[0]!.partitions[0]);
    // Inside the changed partition, what did not change is the base's too.
    expect(applied.topics[0]!.partitions[2]!.replicas).toBe(base.topics[0]!.partitions[2]!.replicas);
    expect(applied.topics[0]!.partitions[2]!.replicaStates[1]).toBe(base.topics[0]!.partitions[2]!.replicaStates[1]);
  });

  it('tells which partitions a patched topic replaced (per-topic aggregates recount only those)', () => {
    const next = clone(base);
    next.topics[0]!.partitions[1]!.highWatermark = 12;
    next.topics[0]!.partitions[3]!.leader = next.topics[0]!.partitions[3]!.replicas[1]!;
    next.topics[0]!.produceRatePerSec = 5;
    next.topics[1]!.produceRatePerSec = 7; // header only
    const applied = applySnapshotPatch(base, diffSnapshot(base, next, 1, 2));
    expect(partitionsChangedSince(applied.topics[0]!, base.topics[0]!.partitions)).toEqual([1, 3]);
    expect(partitionsChangedSince(applied.topics[1]!, base.topics[1]!.partitions)).toEqual([]);
    // Against anything but its base it does not know (callers compare every partition then).
    expect(partitionsChangedSince(applied.topics[0]!, clone(base).topics[0]!.partitions)).toBeNull();
    expect(partitionsChangedSince(next.topics[0]!, base.topics[0]!.partitions)).toBeNull();
  });

  it('shares closed segments of a growing replica log', () => {
    const next = clone(base);
    const replica = next.topics[0]!.partitions[1]!.replicaStates[0]!;
    replica.segments.push({ baseOffset: 10, endOffset: 12, sizeBytes: 200 });
    replica.logEndOffset = 12;
    const applied = applySnapshotPatch(base, diffSnapshot(base, clone(next), 1, 2));
    expect(jsonEqual(applied, next)).toBe(true);
    const segments = applied.topics[0]!.partitions[1]!.replicaStates[0]!.segments;
    expect(segments[0]).toBe(base.topics[0]!.partitions[1]!.replicaStates[0]!.segments[0]);
    expect(segments).toHaveLength(base.topics[0]!.partitions[1]!.replicaStates[0]!.segments.length + 1);
  });

  it('handles created, deleted and re-partitioned topics and header changes', () => {
    const next = clone(base);
    next.topics = [
      { ...next.topics[0]!, configs: next.topics[0]!.configs.map((c) => (c.name === 'retention.ms' ? { ...c, value: '1000' } : c)) },
      makeClusterView({ topics: [{ name: 'c', partitions: 1, replicationFactor: 1 }] }).topics[0]!,
    ];
    const applied = applySnapshotPatch(base, diffSnapshot(base, next, 1, 2));
    expect(jsonEqual(applied, next)).toBe(true);
    expect(applied.topics.map((t) => t.name)).toEqual(['a', 'c']);
  });

  it('refuses a patch that does not fit the base', () => {
    const next = clone(base);
    next.topics[1]!.partitions[0]!.highWatermark = 5;
    const patch = diffSnapshot(base, next, 1, 2);
    const other = makeClusterView({ topics: [{ name: 'a', partitions: 4, replicationFactor: 3 }] });
    expect(() => applySnapshotPatch(other, patch)).toThrow(/topic b/);
  });

  it('sends configs and top-level fields only when they changed', () => {
    const next = clone(base);
    next.topics[0]!.partitions[1]!.logEndOffset = 12;
    const patch = diffSnapshot(base, next, 1, 2);
    expect(patch.rest).toEqual({});
    expect(patch.changed[0]).not.toHaveProperty('configs');
    expect(patch.changed[0]).not.toHaveProperty('header.configs');
    const applied = applySnapshotPatch(base, patch);
    expect(jsonEqual(applied, next)).toBe(true);
    expect(applied.brokers).toBe(base.brokers);
    expect(applied.topics[0]!.configs).toBe(base.topics[0]!.configs);
    // Nothing changed at all: the base itself.
    expect(applySnapshotPatch(base, diffSnapshot(base, clone(base), 1, 2))).toBe(base);
  });

  it('drops an optional top-level field the new snapshot no longer has', () => {
    const withTransactions = { ...clone(base), transactions: [] };
    const applied = applySnapshotPatch(withTransactions, diffSnapshot(withTransactions, clone(base), 1, 2));
    expect(applied).not.toHaveProperty('transactions');
  });

  it('does not count a replica lastCaughtUpTimeMs moving with the clock as a change', () => {
    const next = clone(base);
    for (const t of next.topics) for (const p of t.partitions) for (const r of p.replicaStates) r.lastCaughtUpTimeMs += 500;
    expect(diffSnapshot(base, next, 1, 2).changed).toEqual([]);
    next.topics[0]!.partitions[3]!.replicaStates[1]!.highWatermark += 1;
    const patch = diffSnapshot(base, next, 1, 2);
    // The partition travels whole, with its current lastCaughtUpTimeMs.
    expect(patch.changed[0]).toMatchObject({ name: 'a', partitions: [{ partition: 3, replicaStates: next.topics[0]!.partitions[3]!.replicaStates }] });
  });

  it('partitionEqual compares every field of PartitionView and ReplicaView (add new fields there)', () => {
    const p = base.topics[0]!.partitions[0]!;
    const replicaFields = ['brokerId', 'logStartOffset', 'logEndOffset', 'highWatermark', 'flushedOffset', 'sizeBytes', 'segments', 'lastCaughtUpTimeMs', 'offline'];
    expect(Object.keys(p.replicaStates[0]!).sort()).toEqual([...replicaFields].sort());
    const changes: Record<string, (x: typeof p) => void> = {
      partition: (x) => { x.partition = 9; }, leader: (x) => { x.leader = -1; }, leaderEpoch: (x) => { x.leaderEpoch++; },
      replicas: (x) => { x.replicas = [...x.replicas].reverse(); }, inSyncReplicas: (x) => { x.inSyncReplicas.pop(); }, offlineReplicas: (x) => { x.offlineReplicas.push(1); },
      preferredLeader: (x) => { x.preferredLeader = 99; }, highWatermark: (x) => { x.highWatermark++; }, logStartOffset: (x) => { x.logStartOffset++; },
      logEndOffset: (x) => { x.logEndOffset++; }, lastStableOffset: (x) => { x.lastStableOffset--; },
      reassignment: (x) => { x.reassignment = { addingReplicas: [4], removingReplicas: [] }; },
      replicaStates: (x) => { x.replicaStates[0]!.segments[0]!.sizeBytes++; },
    };
    expect(Object.keys(p).sort()).toEqual(Object.keys(changes).sort());
    for (const [field, change] of Object.entries(changes)) {
      const q = clone(p);
      change(q);
      expect(partitionEqual(p, q), field).toBe(false);
    }
    for (const field of replicaFields.filter((f) => f !== 'lastCaughtUpTimeMs' && f !== 'segments')) {
      const q = clone(p);
      const r = q.replicaStates[1]! as unknown as Record<string, unknown>;
      r[field] = typeof r[field] === 'boolean' ? !r[field] : (r[field] as number) + 1;
      expect(partitionEqual(p, q), field).toBe(false);
    }
    expect(partitionEqual(p, clone(p))).toBe(true);
    // logFailures is optional (absent while no background log task has failed): a new entry is a change.
    const failed = clone(p);
    failed.logFailures = [{ brokerId: 1, task: 'cleaner', reason: 'zstd payload does not decompress', timeMs: 5 }];
    expect(partitionEqual(p, failed)).toBe(false);
    const otherReason = clone(failed);
    otherReason.logFailures![0]!.reason = 'other';
    expect(partitionEqual(failed, otherReason)).toBe(false);
    expect(partitionEqual(failed, clone(failed))).toBe(true);
  });
});
