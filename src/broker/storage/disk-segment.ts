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

/**
 * Appended bytes a segment holds before writing them (one writev for the `.log`, one per index):
 * the appends of one synchronous run of the model (a request handled, a simulated interval run) go
 * to the files together as soon as it returns (a microtask, before the event loop does anything
 * else), or at once past this size. A write syscall per batch and index entry was most of what disk
 * storage cost over memory on produce. They are written before any answer leaves for a client
 * (the host passes writeAllPending as WireServerOptions.beforeResponseWrite), so, as with Kafka's
 * FileChannel.write before its answer, a process crash never loses an acknowledged write. Other
 * readers of the files (dump-log) see the bytes once that run has returned.
 */
export const WRITE_BUFFER_BYTES = 1024 * 1024;

/** Segments with appended bytes not yet written, written together once the current synchronous run ends. */
const unwritten = new Set<DiskSegment>();
let writeScheduled = false;

/**
 * Writes every segment's appended bytes now (before a clean stop, a checkpoint, or at exit). A
 * segment whose write fails keeps the error and fails its next read (KAFKA_STORAGE_ERROR), as a
 * log directory that failed a write goes offline in Kafka (LogDirFailureChannel); the process stays up.
 */
export function writeAllPending(): void {
  writeScheduled = false;
  for (const seg of [...unwritten]) {
    try {
      seg.writePending();
    } catch (e) {
      seg.failWrites(e as Error);
    }
  }
}

function scheduleWrite(seg: DiskSegment): void {
  unwritten.add(seg);
  if (writeScheduled) return;
  writeScheduled = true;
  queueMicrotask(writeAllPending);
}

process.once('exit', writeAllPending);

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
    this.segment.beforeRead(this.position + this.sizeBytes);
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
  /** Bytes of the `.log`, appended ones not yet written included. */
  sizeBytes = 0;
  /** Bytes of the `.log` in the file; the rest (up to sizeBytes) waits in `pendingLog`. */
  writtenBytes = 0;
  private pendingLog: Buffer[] = [];
  private pendingIndex: Buffer[] = [];
  private pendingTimeIndex: Buffer[] = [];
  private writeError: Error | null = null;
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

  /**
   * Appends the batch bytes and, every INDEX_INTERVAL_BYTES, an index and time index entry; returns
   * the file-backed batch. `bytes` is kept (not copied) until written: stored batch bytes are never
   * mutated after append. They reach the file when the current synchronous run returns (a
   * microtask), or at once past WRITE_BUFFER_BYTES, and before any read of them from the file, a
   * truncation, a flush or a checkpoint.
   */
  append(batch: StoredBatch, bytes: Buffer): DiskBatch {
    const position = this.sizeBytes;
    this.pendingLog.push(bytes);
    this.sizeBytes += bytes.length;
    const kept = DiskBatch.of(this, position, batch);
    this.index(kept, true);
    if (this.sizeBytes - this.writtenBytes >= WRITE_BUFFER_BYTES) this.writePending();
    else scheduleWrite(this);
    return kept;
  }

  /** Writes the appended bytes and index entries still held (writev: one call per file). */
  writePending(): void {
    unwritten.delete(this);
    if (this.owner.detached) {
      this.dropPending();
      return;
    }
    if (this.pendingLog.length > 0) {
      const bytes = this.pendingLog;
      this.pendingLog = [];
      writevAll(fdFor(this.logPath), bytes);
      this.writtenBytes = this.sizeBytes;
    }
    if (this.pendingIndex.length > 0) {
      const entries = this.pendingIndex;
      this.pendingIndex = [];
      writevAll(fdFor(this.indexPath), entries);
    }
    if (this.pendingTimeIndex.length > 0) {
      const entries = this.pendingTimeIndex;
      this.pendingTimeIndex = [];
      writevAll(fdFor(this.timeIndexPath), entries);
    }
  }

  /** A background write failed: nothing more is written, and reads fail with the reason. */
  failWrites(e: Error): void {
    this.writeError = e;
    this.dropPending();
  }

  /** Before reading `.log` bytes up to `end` from the file: writes what is still held. */
  beforeRead(end: number): void {
    if (this.writeError) throw new Error(`KAFKA_STORAGE_ERROR: writing ${this.logPath} failed: ${this.writeError.message}`);
    if (end > this.writtenBytes) this.writePending();
  }

  /** Forgets the appended bytes not yet written (the segment is being deleted). */
  dropPending(): void {
    unwritten.delete(this);
    this.pendingLog = [];
    this.pendingIndex = [];
    this.pendingTimeIndex = [];
    this.writtenBytes = this.sizeBytes;
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
        this.pendingIndex.push(buf);
      }
      const lastTs = this.timeIndex[this.timeIndex.length - 1];
      if (!lastTs || this.maxTimestampSoFar > lastTs.timestampMs) {
        const t = { timestampMs: this.maxTimestampSoFar, offset: this.offsetOfMaxTimestampSoFar };
        this.timeIndex.push(t);
        if (write) {
          const tb = Buffer.alloc(TIME_INDEX_ENTRY_BYTES);
          writeTimeIndexEntry(tb, 0, this.baseOffset, t);
          this.pendingTimeIndex.push(tb);
        }
      }
      this.bytesSinceLastIndexEntry = 0;
    }
    this.bytesSinceLastIndexEntry += b.sizeBytes;
  }

  /** Creates the three files empty and keeps their descriptors open for the appends to come. */
  create(): void {
    fdFor(this.logPath);
    for (const p of [this.indexPath, this.timeIndexPath]) fs.ftruncateSync(fdFor(p), 0);
  }

  /** Rewrites both index files from the in-memory entries (after a rebuild or truncation). */
  writeIndexes(): void {
    this.pendingIndex = [];
    this.pendingTimeIndex = [];
    closeFile(this.indexPath);
    closeFile(this.timeIndexPath);
    fs.writeFileSync(this.indexPath, encodeOffsetIndex(this.baseOffset, this.offsetIndex));
    fs.writeFileSync(this.timeIndexPath, encodeTimeIndex(this.baseOffset, this.timeIndex));
  }

  /** Cuts the `.log` back to `keepBytes` and re-derives the indexes from the batches kept (LogSegment.truncateTo). */
  truncate(keepBytes: number, kept: readonly DiskBatch[]): void {
    this.writePending();
    closeFile(this.logPath);
    fs.truncateSync(this.logPath, keepBytes);
    this.sizeBytes = keepBytes;
    this.writtenBytes = keepBytes;
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
    this.writePending();
    try {
      fs.fsyncSync(fdFor(this.logPath));
    } catch {
      // A file already gone (deleted segment) has nothing to flush.
    }
  }

  delete(): void {
    this.dropPending();
    for (const p of [this.logPath, this.indexPath, this.timeIndexPath]) {
      closeFile(p);
      fs.rmSync(p, { force: true });
    }
  }
}

/** Writes every buffer, in order, with as few writev calls as the kernel allows (partial writes resumed). */
export function writevAll(fd: number, buffers: Buffer[]): void {
  let rest = buffers;
  while (rest.length > 0) {
    let written = fs.writevSync(fd, rest.length > 1024 ? rest.slice(0, 1024) : rest);
    let i = 0;
    while (i < rest.length && written >= rest[i]!.length) written -= rest[i++]!.length;
    rest = rest.slice(i);
    if (written > 0) rest[0] = rest[0]!.subarray(written);
  }
}

export function writeAll(fd: number, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}
