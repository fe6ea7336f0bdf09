/**
 * One segment on disk (Kafka's LogSegment): `<base>.log` holding record batches exactly as
 * stored, `<base>.index` and `<base>.timeindex` written as Kafka writes them — an entry after
 * every `index.interval.bytes` (default 4096) of appended batches: the batch's last offset and
 * its position, and the largest timestamp so far with its offset (LogSegment.append).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StoredBatch } from '../cluster/log/stored-batch';
import { BATCH_CACHE_BYTES, BatchByteCache, closeFile, fdFor, readExactly } from './file-cache';
import { INDEX_SUFFIX, LOG_SUFFIX, segmentFileName, TIME_INDEX_SUFFIX } from './format/file-names';
import { encodeOffsetIndex, OFFSET_INDEX_ENTRY_BYTES, writeOffsetIndexEntry, type OffsetIndexEntry } from './format/offset-index';
import { encodeTimeIndex, TIME_INDEX_ENTRY_BYTES, writeTimeIndexEntry, type TimeIndexEntry } from './format/time-index';

/** Kafka's default index.interval.bytes. */
export const INDEX_INTERVAL_BYTES = 4096;

/** Batch bytes recently appended or read, shared by every segment of the process. */
const recentBytes = new BatchByteCache<DiskBatch>(BATCH_CACHE_BYTES);

/** A batch whose bytes live in a segment file: header fields in memory, bytes read on demand. */
export class DiskBatch implements StoredBatch {
  constructor(
    readonly segment: DiskSegment,
    /** Byte position of the batch in the `.log` file. */
    readonly position: number,
    readonly sizeBytes: number,
    readonly baseOffset: number,
    readonly lastOffset: number,
    readonly recordCount: number,
    readonly leaderEpoch: number,
    readonly maxTimestamp: number,
    readonly producerId: number,
    readonly producerEpoch: number,
    readonly baseSequence: number,
    readonly isTransactional: boolean,
    readonly isControl: boolean,
    readonly appendTimeMs: number,
  ) {}

  get buffer(): Buffer {
    const cached = recentBytes.get(this);
    if (cached) return cached;
    if (this.segment.owner.detached) throw new Error(`KAFKA_STORAGE_ERROR: the lab directory of ${this.segment.logPath} was taken over or closed`);
    const bytes = readExactly(this.segment.logPath, this.position, this.sizeBytes);
    recentBytes.set(this, bytes);
    return bytes;
  }

  static of(segment: DiskSegment, position: number, b: StoredBatch): DiskBatch {
    return new DiskBatch(segment, position, b.sizeBytes, b.baseOffset, b.lastOffset, b.recordCount, b.leaderEpoch, b.maxTimestamp, b.producerId, b.producerEpoch, b.baseSequence, b.isTransactional, b.isControl, b.appendTimeMs);
  }
}

export function rememberBytes(batch: DiskBatch, bytes: Buffer): void {
  recentBytes.set(batch, bytes);
}

export class DiskSegment {
  readonly logPath: string;
  readonly indexPath: string;
  readonly timeIndexPath: string;
  sizeBytes = 0;
  offsetIndex: OffsetIndexEntry[] = [];
  timeIndex: TimeIndexEntry[] = [];
  private bytesSinceLastIndexEntry = 0;
  private maxTimestampSoFar = -1;
  private offsetOfMaxTimestampSoFar = -1;

  constructor(dir: string, readonly baseOffset: number, readonly owner: { detached: boolean } = { detached: false }) {
    this.logPath = path.join(dir, segmentFileName(baseOffset, LOG_SUFFIX));
    this.indexPath = path.join(dir, segmentFileName(baseOffset, INDEX_SUFFIX));
    this.timeIndexPath = path.join(dir, segmentFileName(baseOffset, TIME_INDEX_SUFFIX));
  }

  /** Appends the batch bytes and, every INDEX_INTERVAL_BYTES, an index and time index entry; returns the file-backed batch. */
  append(batch: StoredBatch, bytes: Buffer): DiskBatch {
    const position = this.sizeBytes;
    writeAll(fdFor(this.logPath), bytes);
    this.sizeBytes += bytes.length;
    const kept = DiskBatch.of(this, position, batch);
    this.index(kept, true);
    return kept;
  }

  /** Updates the in-memory indexes for a batch at its position (append, or a rebuild when `write` is false). */
  index(b: DiskBatch | { position: number; sizeBytes: number; lastOffset: number; maxTimestamp: number }, write: boolean): void {
    if (b.maxTimestamp > this.maxTimestampSoFar) {
      this.maxTimestampSoFar = b.maxTimestamp;
      this.offsetOfMaxTimestampSoFar = b.lastOffset;
    }
    if (this.bytesSinceLastIndexEntry > INDEX_INTERVAL_BYTES) {
      const entry = { offset: b.lastOffset, position: b.position };
      this.offsetIndex.push(entry);
      if (write) {
        const buf = Buffer.alloc(OFFSET_INDEX_ENTRY_BYTES);
        writeOffsetIndexEntry(buf, 0, this.baseOffset, entry);
        writeAll(fdFor(this.indexPath), buf);
      }
      const lastTs = this.timeIndex[this.timeIndex.length - 1];
      if (!lastTs || this.maxTimestampSoFar > lastTs.timestampMs) {
        const t = { timestampMs: this.maxTimestampSoFar, offset: this.offsetOfMaxTimestampSoFar };
        this.timeIndex.push(t);
        if (write) {
          const tb = Buffer.alloc(TIME_INDEX_ENTRY_BYTES);
          writeTimeIndexEntry(tb, 0, this.baseOffset, t);
          writeAll(fdFor(this.timeIndexPath), tb);
        }
      }
      this.bytesSinceLastIndexEntry = 0;
    }
    this.bytesSinceLastIndexEntry += b.sizeBytes;
  }

  /** Rewrites both index files from the in-memory entries (after a rebuild or truncation). */
  writeIndexes(): void {
    closeFile(this.indexPath);
    closeFile(this.timeIndexPath);
    fs.writeFileSync(this.indexPath, encodeOffsetIndex(this.baseOffset, this.offsetIndex));
    fs.writeFileSync(this.timeIndexPath, encodeTimeIndex(this.baseOffset, this.timeIndex));
  }

  /** Cuts the `.log` back to `keepBytes` and re-derives the indexes from the batches kept (LogSegment.truncateTo). */
  truncate(keepBytes: number, kept: readonly DiskBatch[]): void {
    closeFile(this.logPath);
    fs.truncateSync(this.logPath, keepBytes);
    this.sizeBytes = keepBytes;
    this.rebuildIndexes(kept);
  }

  rebuildIndexes(batches: readonly { position: number; sizeBytes: number; lastOffset: number; maxTimestamp: number }[]): void {
    this.offsetIndex = [];
    this.timeIndex = [];
    this.bytesSinceLastIndexEntry = 0;
    this.maxTimestampSoFar = -1;
    this.offsetOfMaxTimestampSoFar = -1;
    for (const b of batches) this.index(b, false);
    this.writeIndexes();
  }

  /** Makes the written bytes durable (Kafka flushes a segment when it rolls, LocalLog.roll → flush). */
  flush(): void {
    try {
      fs.fsyncSync(fdFor(this.logPath));
    } catch {
      // A file already gone (deleted segment) has nothing to flush.
    }
  }

  delete(): void {
    for (const p of [this.logPath, this.indexPath, this.timeIndexPath]) {
      closeFile(p);
      fs.rmSync(p, { force: true });
    }
  }
}

export function writeAll(fd: number, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}
