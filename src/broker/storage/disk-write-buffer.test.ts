/**
 * Issue 15: appends are written per synchronous run of the model (one writev per file), never
 * later than a read of their bytes, a truncation, a checkpoint or a clean stop; a new log has its
 * first segment's files from the start, as Kafka's has.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ReplicaLog } from '../cluster/log/replica-log';
import { toStoredBatch } from '../cluster/log/stored-batch';
import { encodeRecordBatch } from '../protocol/records/index';
import { DiskLogStorage } from './disk-log-storage';
import { DiskSegment, WRITE_BUFFER_BYTES } from './disk-segment';
import { closeAllFiles } from './file-cache';

let labDir: string;
beforeEach(() => { labDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-writes-')); });
afterEach(() => { closeAllFiles(); fs.rmSync(labDir, { recursive: true, force: true }); });

function batch(baseOffset: number, count: number, valueBytes = 100) {
  const records = Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.alloc(valueBytes, 97 + ((baseOffset + i) % 26)), offsetDelta: i, timestamp: 1_700_000_000_000 + i }));
  return toStoredBatch(encodeRecordBatch({ baseOffset, partitionLeaderEpoch: 0, records }), 0);
}

const segmentFiles = (dir: string) => fs.readdirSync(dir).filter((f) => /^\d{20}\.(log|index|timeindex)$/.test(f)).sort();

it('a new log has its first segment files before any produce', () => {
  const storage = new DiskLogStorage(labDir, 'c', () => 0);
  storage.openReplica({ brokerId: 1, topic: 't', partition: 0, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' });
  const dir = path.join(labDir, 'broker-1', 't-0');
  expect(segmentFiles(dir)).toEqual(['00000000000000000000.index', '00000000000000000000.log', '00000000000000000000.timeindex']);
  expect(fs.statSync(path.join(dir, '00000000000000000000.log')).size).toBe(0);
});

it('an empty first segment goes when the log starts at another offset (a follower starting at its leader\'s logStartOffset)', async () => {
  const storage = new DiskLogStorage(labDir, 'c', () => 0);
  const log = new ReplicaLog(0, storage.openReplica({ brokerId: 1, topic: 't', partition: 0, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }));
  log.truncateFullyAndStartAt(40, 0);
  log.append(batch(40, 3));
  await new Promise<void>((resolve) => setImmediate(resolve));
  expect(segmentFiles(path.join(labDir, 'broker-1', 't-0'))).toEqual(['00000000000000000040.index', '00000000000000000040.log', '00000000000000000040.timeindex']);
  expect(log.read(40, Infinity, 43).batches.map((b) => b.buffer)).toEqual([batch(40, 3).buffer]);
});

it('reading a batch from the file writes what is still held first', () => {
  const seg = new DiskSegment(labDir, 0);
  seg.create();
  const stored = [batch(0, 2), batch(2, 2)];
  const kept = stored.map((b) => seg.append(b, b.buffer));
  expect(fs.statSync(seg.logPath).size).toBe(0);
  // Not in the byte cache (append alone does not remember): read through the file.
  expect(kept[1]!.buffer).toEqual(stored[1]!.buffer);
  expect(fs.statSync(seg.logPath).size).toBe(stored[0]!.sizeBytes + stored[1]!.sizeBytes);
});

it(`writes at once past ${WRITE_BUFFER_BYTES} bytes held, and a truncation or a clean stop writes the rest`, () => {
  const storage = new DiskLogStorage(labDir, 'c', () => 0);
  const log = new ReplicaLog(0, storage.openReplica({ brokerId: 1, topic: 't', partition: 0, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }));
  const file = path.join(labDir, 'broker-1', 't-0', '00000000000000000000.log');
  const one = batch(0, 100, 1000).sizeBytes;
  let offset = 0;
  while (offset * one / 100 <= WRITE_BUFFER_BYTES) { log.append(batch(offset, 100, 1000)); offset += 100; }
  const written = fs.statSync(file).size;
  expect(written).toBeGreaterThanOrEqual(WRITE_BUFFER_BYTES);
  log.append(batch(offset, 100, 1000));
  expect(fs.statSync(file).size).toBe(written);
  storage.markCleanShutdown([1]);
  expect(fs.statSync(file).size).toBe(log.activeSegment.sizeBytes);
});
