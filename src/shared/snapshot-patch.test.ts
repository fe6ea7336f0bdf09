import { describe, expect, it } from 'vitest';
import { makeClusterView } from './cluster-view-fixtures';
import { applySnapshotPatch, diffSnapshot, jsonEqual } from './snapshot-patch';

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
});
