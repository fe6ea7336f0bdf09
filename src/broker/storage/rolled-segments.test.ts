/**
 * Issue 15's bounded memory: a rolled segment on disk keeps no batch list in the process, only its
 * bounds and its index; reads go back through the `.log` file (segment-read.ts) with a bounded
 * cache of recently read segments. Counted through the storage's own accounting
 * (ReplicaLog.heldBatchCount, cachedSegmentBatchCount), and every read compared with the same log
 * kept in memory.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIVE_SEGMENT_HELD_BATCHES, ReplicaLog } from '../cluster/log/replica-log';
import { toStoredBatch, type StoredBatch } from '../cluster/log/stored-batch';
import { encodeRecordBatch } from '../protocol/records/index';
import { DiskLogStorage } from './disk-log-storage';
import { closeAllFiles } from './file-cache';
import { CACHED_SEGMENT_MAX_BYTES, cachedSegmentBatchCount, SEGMENT_CACHE_BATCHES } from './segment-read';

const TOPIC_ID = '3q2-7wAAAAAAAAAAAAAAAQ';
let labDir: string;
beforeEach(() => {
  labDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-rolled-'));
});
afterEach(() => {
  closeAllFiles();
  fs.rmSync(labDir, { recursive: true, force: true });
});

function batch(baseOffset: number, count: number, valueBytes: number): StoredBatch {
  const records = Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.alloc(valueBytes, 97 + ((baseOffset + i) % 26)), offsetDelta: i, timestamp: 1_700_000_000_000 + (baseOffset + i) * 10 }));
  return toStoredBatch(encodeRecordBatch({ baseOffset, partitionLeaderEpoch: 0, records }), 0);
}

const openDisk = () => new ReplicaLog(0, new DiskLogStorage(labDir, 'lab-cluster', () => 0).openReplica({ brokerId: 1, topic: 'orders', partition: 0, topicId: TOPIC_ID }));

/** The same batches appended to a disk log and a memory log, rolling every `perSegment` batches. */
function fill(segments: number, perSegment: number, recordsPerBatch: number, valueBytes: number): { disk: ReplicaLog; memory: ReplicaLog } {
  const disk = openDisk();
  const memory = new ReplicaLog(0);
  let offset = 0;
  for (let s = 0; s < segments; s++) {
    if (s > 0) for (const log of [disk, memory]) log.roll(0);
    for (let b = 0; b < perSegment; b++) {
      const stored = batch(offset, recordsPerBatch, valueBytes);
      disk.append(stored);
      memory.append(stored);
      offset += recordsPerBatch;
    }
  }
  return { disk, memory };
}

const shape = (batches: readonly StoredBatch[]) => batches.map((b) => `${b.baseOffset}-${b.lastOffset}:${b.buffer.toString('hex')}`);
const afterThisRun = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('rolled segments on disk', () => {
  it('keep no batch list in the log, and reads through the files give what the memory log gives', async () => {
    const { disk, memory } = fill(40, 25, 3, 60);
    await afterThisRun();
    expect(disk.segments).toHaveLength(40);
    expect(disk.segments.slice(0, -1).every((s) => s.batches === null && s.batchCount === 25)).toBe(true);
    expect(disk.heldBatchCount()).toBe(25);
    expect(memory.heldBatchCount()).toBe(1000);

    // Fetch-shaped reads from every offset, across segment boundaries, with a small and a large maxBytes.
    for (let from = 0; from < disk.logEndOffset; from += 7) {
      for (const maxBytes of [1, 5000]) {
        const d = disk.read(from, maxBytes, disk.logEndOffset);
        const m = memory.read(from, maxBytes, memory.logEndOffset);
        expect(d.bytes).toBe(m.bytes);
        expect(shape(d.batches)).toEqual(shape(m.batches));
      }
    }
    expect(shape([...disk.allBatches()])).toEqual(shape([...memory.allBatches()]));
    for (let i = 0; i < disk.segments.length; i++) expect(shape(disk.segmentBatches(i, disk.segments[i]!.baseOffset + 40, false)).slice(-3)).toEqual(shape(memory.segmentBatches(i)).slice(-3));
    // Reading kept no lists in the log; what was read sits in the store's bounded cache.
    expect(disk.heldBatchCount()).toBe(25);
    expect(cachedSegmentBatchCount()).toBeGreaterThan(0);
    expect(cachedSegmentBatchCount()).toBeLessThanOrEqual(SEGMENT_CACHE_BATCHES);
  });

  it('bounds the cache of read-back headers however many segments are read', async () => {
    const segments = Math.ceil((SEGMENT_CACHE_BATCHES * 1.5) / 400);
    const { disk } = fill(segments, 400, 1, 1);
    await afterThisRun();
    let seen = 0;
    for (let from = 0; from < disk.logEndOffset; from += 400) {
      seen += disk.read(from, 1 << 20, disk.logEndOffset).batches.length > 0 ? 1 : 0;
      expect(cachedSegmentBatchCount()).toBeLessThanOrEqual(SEGMENT_CACHE_BATCHES);
    }
    expect(seen).toBe(segments);
    expect(disk.heldBatchCount()).toBe(400);
  });

  it('reads a segment larger than the cache takes from its indexed position, up to the bytes asked for', async () => {
    const { disk, memory } = fill(3, 700, 4, 2000);
    await afterThisRun();
    expect(disk.segments[0]!.sizeBytes).toBeGreaterThan(CACHED_SEGMENT_MAX_BYTES);
    const cachedBefore = cachedSegmentBatchCount();
    for (const from of [0, 1, 1234, 2799, 2800, 4321, 5599]) {
      for (const maxBytes of [1, 30_000, 1 << 20]) {
        const d = disk.read(from, maxBytes, disk.logEndOffset);
        expect(shape(d.batches), `from ${from}, maxBytes ${maxBytes}`).toEqual(shape(memory.read(from, maxBytes, memory.logEndOffset).batches));
      }
    }
    // A bounded read scans from the index, not the whole segment: only as many headers as the bytes need.
    expect(disk.segmentBatches(0, 2000, true, 30_000).length).toBeLessThan(30);
    expect(cachedSegmentBatchCount()).toBe(cachedBefore);
  });

  it('holds only the newest batches of a large active segment; older ones read back through its file, and a truncation into them', async () => {
    const cachedBefore = cachedSegmentBatchCount();
    const { disk, memory } = fill(1, 3000, 1, 20);
    await afterThisRun();
    expect(disk.segments).toHaveLength(1);
    expect(disk.activeSegment.batchCount).toBe(3000);
    expect(disk.heldBatchCount()).toBeLessThanOrEqual(ACTIVE_SEGMENT_HELD_BATCHES);
    expect(disk.heldBatchCount()).toBeGreaterThanOrEqual(ACTIVE_SEGMENT_HELD_BATCHES / 2);
    for (const from of [0, 17, 1500, 2400, 2999]) {
      for (const maxBytes of [1, 4000]) expect(shape(disk.read(from, maxBytes, disk.logEndOffset).batches)).toEqual(shape(memory.read(from, maxBytes, memory.logEndOffset).batches));
    }
    expect(shape([...disk.allBatches()])).toEqual(shape([...memory.allBatches()]));
    // The active segment's batches are never cached: it changes with every append.
    expect(cachedSegmentBatchCount()).toBe(cachedBefore);
    for (const log of [disk, memory]) log.truncateTo(100, 0);
    expect(disk.logEndOffset).toBe(100);
    expect(shape([...disk.allBatches()])).toEqual(shape([...memory.allBatches()]));
    const next = batch(100, 1, 20);
    disk.append(next);
    memory.append(next);
    await afterThisRun();
    expect(shape(disk.read(50, 1 << 20, disk.logEndOffset).batches)).toEqual(shape(memory.read(50, 1 << 20, memory.logEndOffset).batches));
  });

  it('truncates into a rolled segment (it becomes the active one again), appends on, and reopens holding only the active list', async () => {
    const { disk, memory } = fill(12, 10, 2, 40);
    await afterThisRun();
    const cut = 10 * 2 * 7 + 9;
    for (const log of [disk, memory]) log.truncateTo(cut, 0);
    expect(disk.segments).toHaveLength(8);
    expect(disk.logEndOffset).toBe(memory.logEndOffset);
    expect(disk.activeSegment.batches).not.toBeNull();
    expect(shape([...disk.allBatches()])).toEqual(shape([...memory.allBatches()]));
    const next = batch(disk.logEndOffset, 2, 40);
    disk.append(next);
    memory.append(next);
    await afterThisRun();
    expect(shape([...disk.allBatches()])).toEqual(shape([...memory.allBatches()]));

    const reopened = openDisk();
    expect(reopened.logEndOffset).toBe(memory.logEndOffset);
    expect(reopened.segments).toHaveLength(8);
    expect(reopened.heldBatchCount()).toBe(reopened.activeSegment.batchCount);
    expect(reopened.recovered!.segments.every((s) => s.batches.length === 0 && s.batchCount > 0)).toBe(true);
    expect(shape([...reopened.allBatches()])).toEqual(shape([...memory.allBatches()]));
  });
});
