import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReplicaLog } from '../cluster/log/replica-log';
import { toStoredBatch } from '../cluster/log/stored-batch';
import { encodeRecordBatch } from '../protocol/records/index';
import { DiskLogStorage } from './disk-log-storage';
import { INDEX_INTERVAL_BYTES } from './disk-segment';
import { decodeOffsetIndex, lookupOffset } from './format/offset-index';
import { decodeTimeIndex } from './format/time-index';
import { decodeLeaderEpochCheckpoint } from './format/checkpoint-file';

const TOPIC_ID = '3q2-7wAAAAAAAAAAAAAAAQ';
let labDir: string;
beforeEach(() => {
  labDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-storage-'));
});
afterEach(() => fs.rmSync(labDir, { recursive: true, force: true }));

function batch(baseOffset: number, count: number, valueBytes = 100, epoch = 0) {
  const records = Array.from({ length: count }, (_, i) => ({ key: Buffer.from(`k${baseOffset + i}`), value: Buffer.alloc(valueBytes, 97 + ((baseOffset + i) % 26)), offsetDelta: i, timestamp: 1_700_000_000_000 + baseOffset + i }));
  return toStoredBatch(encodeRecordBatch({ baseOffset, partitionLeaderEpoch: epoch, records }), 0);
}

function open(storage = new DiskLogStorage(labDir, 'lab-cluster', () => 0)) {
  const store = storage.openReplica({ brokerId: 1, topic: 'orders', partition: 0, topicId: TOPIC_ID });
  return { storage, log: new ReplicaLog(0, store) };
}

/** Appends reach the files once the model's synchronous run returns (disk-segment.ts, WRITE_BUFFER_BYTES): let it. */
const afterThisRun = () => new Promise<void>((resolve) => setImmediate(resolve));

const partitionDir = () => path.join(labDir, 'broker-1', 'orders-0');
const logFile = (base = 0) => path.join(partitionDir(), `${String(base).padStart(20, '0')}.log`);

describe('DiskLogStorage', () => {
  it('keeps batches byte for byte in the .log file and reads them back after reopening', async () => {
    const { log } = open();
    const written = [batch(0, 5), batch(5, 3), batch(8, 10)];
    for (const b of written) log.append(b);
    expect(fs.statSync(logFile()).size).toBe(0);
    await afterThisRun();
    expect(fs.readFileSync(logFile())).toEqual(Buffer.concat(written.map((b) => b.buffer)));
    expect(fs.readFileSync(path.join(partitionDir(), 'partition.metadata'), 'utf8')).toBe(`version: 0\ntopic_id: ${TOPIC_ID}\n`);
    const again = open().log;
    expect(again.logEndOffset).toBe(18);
    expect([...again.allBatches()].map((b) => b.buffer)).toEqual(written.map((b) => b.buffer));
    expect(again.recovered?.truncatedBytes).toBe(0);
  });

  it('writes an index entry every index.interval.bytes and a lookup through it finds the batch', async () => {
    const { log } = open();
    for (let off = 0; off < 200; off += 4) log.append(batch(off, 4, 500));
    await afterThisRun();
    const index = decodeOffsetIndex(0, fs.readFileSync(logFile().replace('.log', '.index')));
    const timeIndex = decodeTimeIndex(0, fs.readFileSync(logFile().replace('.log', '.timeindex')));
    const size = batch(0, 4, 500).sizeBytes;
    // Kafka: an entry once more than index.interval.bytes were appended since the last one.
    expect(index.length).toBe(Math.floor((50 - 1) / (Math.floor(INDEX_INTERVAL_BYTES / size) + 1)));
    expect(timeIndex.length).toBe(index.length);
    const bytes = fs.readFileSync(logFile());
    for (const target of [0, 57, 133, 199]) {
      const at = lookupOffset(index, 0, target).position;
      let pos = at;
      // Scan forward from the indexed position, as LogSegment.translateOffset does.
      while (Number(bytes.readBigInt64BE(pos)) + bytes.readInt32BE(pos + 23) < target) pos += bytes.readInt32BE(pos + 8) + 12;
      const base = Number(bytes.readBigInt64BE(pos));
      expect(base <= target && target < base + 4).toBe(true);
    }
  });

  it('truncates a torn final batch on recovery and reports the bytes dropped', async () => {
    const { log } = open();
    log.append(batch(0, 5));
    log.append(batch(5, 5));
    await afterThisRun();
    const whole = fs.statSync(logFile()).size;
    fs.truncateSync(logFile(), whole - 40);
    const again = open().log;
    expect(again.logEndOffset).toBe(5);
    expect(again.recovered?.truncatedBytes).toBe(batch(5, 5).sizeBytes - 40);
    expect(again.recovered?.truncationReason).toMatch(/file ends/);
    expect(fs.statSync(logFile()).size).toBe(batch(0, 5).sizeBytes);
  });

  it('drops a batch whose CRC fails after an unclean shutdown, and everything after it', () => {
    const { log } = open();
    log.append(batch(0, 5));
    log.append(batch(5, 5));
    log.roll(0);
    log.append(batch(10, 5));
    const bytes = fs.readFileSync(logFile());
    bytes[bytes.length - 3] ^= 0xff;
    fs.writeFileSync(logFile(), bytes);
    const again = open().log;
    expect(again.logEndOffset).toBe(5);
    expect(again.recovered?.truncationReason).toMatch(/CRC/);
    expect(fs.existsSync(logFile(10))).toBe(false);
  });

  it('trusts a clean shutdown: no CRC check', () => {
    const { log, storage } = open();
    log.append(batch(0, 5));
    storage.markCleanShutdown([1]);
    const bytes = fs.readFileSync(logFile());
    bytes[bytes.length - 3] ^= 0xff;
    fs.writeFileSync(logFile(), bytes);
    expect(open().log.logEndOffset).toBe(5);
  });

  it('truncation, retention and compaction work on the files', () => {
    const { log } = open();
    log.append(batch(0, 5));
    log.append(batch(5, 5));
    log.roll(0);
    log.append(batch(10, 5));
    log.truncateTo(7, 0);
    expect(fs.existsSync(logFile(10))).toBe(false);
    expect(fs.statSync(logFile()).size).toBe(batch(0, 5).sizeBytes);
    log.roll(0);
    log.append(batch(5, 5));
    log.advanceLogStartOffset(5);
    expect(fs.existsSync(logFile(0))).toBe(false);
    const kept = [batch(5, 5)];
    log.segments[0]!.batches = log.store.replaceSegment(5, kept);
    expect(fs.readFileSync(logFile(5))).toEqual(kept[0]!.buffer);
    expect(fs.readdirSync(partitionDir()).filter((n) => n.endsWith('.cleaned') || n.endsWith('.swap'))).toEqual([]);
    expect(log.segments[0]!.batches[0]!.buffer).toEqual(kept[0]!.buffer);
  });

  it('refuses a log directory of another cluster and deletes a directory of an older topic with the same name', () => {
    const { log } = open();
    log.append(batch(0, 5));
    expect(() => open(new DiskLogStorage(labDir, 'another', () => 0))).toThrow(/cluster/);
    const storage = new DiskLogStorage(labDir, 'lab-cluster', () => 0);
    const fresh = new ReplicaLog(0, storage.openReplica({ brokerId: 1, topic: 'orders', partition: 0, topicId: 'AAAAAAAAAAAAAAAAAAAAAQ' }));
    expect(fresh.logEndOffset).toBe(0);
  });

  it('writes checkpoints in Kafka\'s format and uses them on reopen', () => {
    const { log, storage } = open();
    log.append(batch(0, 5, 100, 3));
    storage.writeCheckpoints([{ brokerId: 1, topic: 'orders', partition: 0, logStartOffset: 2, highWatermark: 4, recoveryPoint: 0, epochs: log.epochs.entries }], [1]);
    expect(fs.readFileSync(path.join(labDir, 'broker-1', 'replication-offset-checkpoint'), 'utf8')).toBe('0\n1\norders 0 4\n');
    expect(decodeLeaderEpochCheckpoint(fs.readFileSync(path.join(partitionDir(), 'leader-epoch-checkpoint'), 'utf8'))).toEqual([{ epoch: 3, startOffset: 0 }]);
    const again = open().log;
    expect(again.recovered?.highWatermark).toBe(4);
    expect(again.logStartOffset).toBe(2);
  });
});
