// Containment of background log work (issue 11 finding 2): a batch the cleaner cannot decode marks
// its partition uncleanable on each broker (LogCleanerManager.markPartitionUncleanable), reports it
// once per replica, and the cluster keeps producing, fetching and cleaning every other partition.
// The same for retention and segment roll. Deterministic: two runs give the same event log.
import { describe, expect, it } from 'vitest';
import { createCluster, type SimCluster } from '../cluster';
import { crc32c, encodeRecordBatch } from '../../protocol/records/index';
import { tpKey } from '../metadata';
import { advance, batchOf, eventLines, leaderOf, produceOne } from '../testing';

const COMPACT = { 'cleanup.policy': 'compact', 'segment.ms': '100', 'min.cleanable.dirty.ratio': '0.01', 'min.compaction.lag.ms': '0' };

/** A batch whose header and CRC are valid and whose zstd payload is ten bytes that do not decompress. */
function undecodableZstdBatch(): Buffer {
  const good = encodeRecordBatch({ compression: 'zstd', records: [{ key: Buffer.from('k'), value: Buffer.from('v') }] });
  const b = Buffer.concat([good.subarray(0, 61), Buffer.from('28b52ffd0000deadbeef', 'hex')]);
  b.writeInt32BE(b.length - 12, 8);
  b.writeUInt32BE(crc32c(b.subarray(21)), 17);
  return b;
}

function cluster(): SimCluster {
  const c = createCluster({ seed: 11, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig: { 'log.cleaner.backoff.ms': '1000' }, recordInputLog: false });
  for (const name of ['bad', 'good']) {
    const r = c.createTopics(1, [{ name, numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [1, 2, 3] }], configs: COMPACT }], false);
    expect(r[0]!.errorName).toBe('NONE');
  }
  advance(c, 500);
  return c;
}

function produceOk(c: SimCluster, topic: string, key: string, value: string): void {
  const h = produceOne(c, leaderOf(c, topic, 0), topic, 0, batchOf([{ key, value }]));
  advance(c, 200);
  expect(h.result?.errorName, `${topic} ${key}=${value}`).toBe('NONE');
}

function runWithBadBatch(): SimCluster {
  const c = cluster();
  for (const topic of ['bad', 'good']) produceOk(c, topic, 'a', '1');
  // Get the batch past produce validation, as one stored before validation existed would be.
  c.core.validateRecordsOnProduce = false;
  const h = produceOne(c, leaderOf(c, 'bad', 0), 'bad', 0, undecodableZstdBatch());
  advance(c, 200);
  expect(h.result?.errorName).toBe('NONE');
  c.core.validateRecordsOnProduce = true;
  for (let i = 2; i <= 4; i++) for (const topic of ['bad', 'good']) produceOk(c, topic, 'a', String(i));
  advance(c, 5000);
  return c;
}

describe('log cleaner failure', () => {
  it('marks the partition uncleanable on every replica, reports it once, and the cluster goes on', () => {
    const c = runWithBadBatch();
    const failed = eventLines(c, ['log-cleaner-failed']);
    expect(failed).toHaveLength(3);
    expect(failed.every((l) => /log-cleaner-failed bad-0 broker=\d reason=".*zstd payload does not decompress/.test(l))).toBe(true);
    // The other compacted topic is still cleaned.
    expect(eventLines(c, ['log-compacted']).some((l) => l.includes('good-0'))).toBe(true);
    const view = c.snapshot().topics.find((t) => t.name === 'bad')!.partitions[0]!;
    expect(view.logFailures?.map((f) => [f.brokerId, f.task])).toEqual([[1, 'cleaner'], [2, 'cleaner'], [3, 'cleaner']]);
    expect(c.snapshot().topics.find((t) => t.name === 'good')!.partitions[0]!.logFailures).toBeUndefined();
    // Still serving: produce and fetch on the uncleanable partition.
    produceOk(c, 'bad', 'b', 'after');
    const leader = leaderOf(c, 'bad', 0);
    const f = c.fetch(leader, { isolationLevel: 0, maxBytes: 1 << 20, partitions: [{ topic: 'bad', partition: 0, fetchOffset: 0, currentLeaderEpoch: -1, partitionMaxBytes: 1 << 20 }] });
    expect(f.partitions[0]!.errorName).toBe('NONE');
    expect(f.partitions[0]!.records.length).toBeGreaterThan(0);
    // More cleaner rounds report nothing new.
    advance(c, 10_000);
    expect(eventLines(c, ['log-cleaner-failed'])).toHaveLength(3);
  });

  it('is deterministic: the same run gives the same event log', () => {
    expect(eventLines(runWithBadBatch())).toEqual(eventLines(runWithBadBatch()));
  });
});

describe('retention and segment roll failures', () => {
  it('a failing retention marks and reports that replica only', () => {
    const c = createCluster({ seed: 5, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig: { 'log.retention.check.interval.ms': '1000' }, recordInputLog: false });
    for (const name of ['logs', 'other']) c.createTopics(1, [{ name, numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [1, 2, 3] }], configs: { 'segment.bytes': '200', 'retention.bytes': '300' } }], false);
    advance(c, 500);
    // On the leader: followers also move their logStartOffset when the leader's moves (a replication path, not retention).
    const leader = leaderOf(c, 'logs', 0);
    const replica = c.core.broker(leader)!.replicas.get(tpKey('logs', 0))!;
    replica.log.advanceLogStartOffset = () => {
      throw new Error('injected: segment files could not be deleted');
    };
    for (let i = 0; i < 8; i++) for (const topic of ['logs', 'other']) produceOk(c, topic, `k${i}`, 'x'.repeat(60));
    advance(c, 3000);
    expect(eventLines(c, ['log-retention-failed'])).toEqual([expect.stringMatching(new RegExp(`log-retention-failed logs-0 broker=${leader} reason="injected: segment files could not be deleted"`))]);
    // Retention went on everywhere else: the followers of logs-0, and the other topic on the same broker.
    const deleted = eventLines(c, ['segment-deleted']);
    expect(deleted.some((l) => /logs-0 broker=\d/.test(l) && !l.includes(`broker=${leader}`))).toBe(true);
    expect(deleted.some((l) => l.includes(`other-0 broker=${leader}`))).toBe(true);
    expect(c.snapshot().topics.find((t) => t.name === 'logs')!.partitions[0]!.logFailures).toEqual([expect.objectContaining({ brokerId: leader, task: 'retention' })]);
    produceOk(c, 'logs', 'after', 'x');
  });

  it('a failing roll is reported once and the append still lands in the active segment', () => {
    const c = createCluster({ seed: 5, brokers: [{ brokerId: 1 }], recordInputLog: false });
    c.createTopics(1, [{ name: 'r', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [1] }], configs: { 'segment.bytes': '200' } }], false);
    advance(c, 500);
    c.core.broker(1)!.replicas.get(tpKey('r', 0))!.log.roll = () => {
      throw new Error('injected: cannot open a new segment');
    };
    for (let i = 0; i < 6; i++) produceOk(c, 'r', `k${i}`, 'x'.repeat(60));
    expect(eventLines(c, ['segment-roll-failed'])).toHaveLength(1);
    expect(c.snapshot().topics[0]!.partitions[0]!.logEndOffset).toBe(6);
  });
});
