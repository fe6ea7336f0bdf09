/**
 * One replica's log: segments of stored batches (Kafka's UnifiedLog/LocalLog/LogSegment),
 * logStartOffset, logEndOffset and the leader epoch cache. Retention and compaction live in
 * ./retention.ts and ./compaction.ts; they operate on the segments here.
 *
 * Memory stays bounded on disk (issue 15): the log holds the newest batches of its active segment
 * only (ACTIVE_SEGMENT_HELD_BATCHES). A rolled segment keeps its bounds (base offset, batch count,
 * size, largest timestamp) and its batches are read back through the store — the `.log` file from
 * the position its offset index gives, as LogSegment.read does — with a small bounded cache of
 * recently read segments in the store (src/broker/storage/segment-read.ts). In memory (tests, swarm, `--in-memory`) every segment keeps its list: the same reads give
 * the same batches, so the event log is the same either way.
 */
import type { LogTask } from '../../../shared/cluster-view';
import { LeaderEpochCache } from './leader-epoch-cache';
import { readLog } from './log-read';
import { MEMORY_LOG_STORAGE, type RecoveredLog, type ReplicaLogStore } from './log-storage';
import type { StoredBatch } from './stored-batch';

export interface LogSegment {
  baseOffset: number;
  /**
   * The segment's batches the log holds: in memory, all of every segment's. On disk, the active
   * segment's newest ones only (at most ACTIVE_SEGMENT_HELD_BATCHES; the `batchCount −
   * batches.length` before them are read back like a rolled segment's), and null for a rolled
   * segment. Read a segment's batches with ReplicaLog.segmentBatches, never through this field.
   */
  batches: StoredBatch[] | null;
  /** Batches in the segment, held or not. */
  batchCount: number;
  sizeBytes: number;
  /** Largest record timestamp in the segment (ms), -1 when empty; retention.ms compares it. */
  maxTimestamp: number;
  /** Simulated time the segment was created (ms); segment.ms rolls against it. */
  createdTimeMs: number;
}

/**
 * On disk, the active segment holds at most this many of its newest batches (then keeps the newest
 * half): followers and caught-up consumers read there; older ones come back through the file and
 * its offset index. segment.bytes defaults to 1 GiB, so an active segment can hold a million batches.
 */
export const ACTIVE_SEGMENT_HELD_BATCHES = 1024;

export interface RollPolicy {
  segmentBytes: number;
  segmentMs: number;
}

export class ReplicaLog {
  segments: LogSegment[];
  logStartOffset = 0;
  logEndOffset = 0;
  /**
   * The flushed offset (Kafka's recoveryPoint, LocalLog.recoveryPoint): every batch below it was
   * fsynced and survives a power loss; batches at or above it live only in the OS page cache, which
   * a process crash keeps and a power loss drops (../brokers/power-loss.ts). Advanced by flush().
   */
  recoveryPoint = 0;
  /** Simulated time (ms) of the last flush that advanced recoveryPoint (LocalLog.lastFlushTime); flush.ms counts from it. */
  lastFlushTimeMs: number;
  readonly epochs = new LeaderEpochCache();
  /** Background tasks that failed on this log and are no longer run on it (./log-task-failure.ts); e.g. the cleaner: uncleanable. */
  readonly failures = new Map<LogTask, { reason: string; timeMs: number }>();

  /** Called after every change the cluster view shows (offsets, segments, sizes, failures): the owning replica flags its partition's view (../replication/replica.ts ReplicaViewWatch). */
  onViewChange: () => void = noViewChange;

  /** What opening the log found on disk (segments adopted below), or null for a new log. */
  readonly recovered: RecoveredLog | null;

  /** @param store where batch bytes live (./log-storage.ts); in memory unless the host injects disk storage. */
  constructor(nowMs: number, readonly store: ReplicaLogStore = MEMORY_LOG_STORAGE.openReplica({ brokerId: 0, topic: '', partition: 0, topicId: '' })) {
    this.segments = [newSegment(0, nowMs)];
    this.lastFlushTimeMs = nowMs;
    this.recovered = store.recovered;
    const found = store.recovered?.segments.filter((s) => s.batches.length > 0) ?? [];
    if (found.length > 0) {
      this.segments = found.map((s) => ({ baseOffset: s.baseOffset, batches: [...s.batches], batchCount: s.batches.length, sizeBytes: s.sizeBytes, maxTimestamp: s.maxTimestamp, createdTimeMs: nowMs }));
      const active = this.activeBatches;
      this.logEndOffset = active[active.length - 1]!.lastOffset + 1;
      // Epochs from leader-epoch-checkpoint first (the LeaderEpochFileCache constructor), less any
      // starting at or past the recovered logEndOffset (a torn tail cut them off), then any newer epoch a
      // batch carries (LogSegment.recover assigns an epoch above the latest one). Kafka flushes the file
      // on every new epoch; the lab writes it every CHECKPOINT_INTERVAL_MS, so the batches fill the gap.
      if (store.recovered!.leaderEpochs) this.epochs.loadCheckpoint(store.recovered!.leaderEpochs);
      this.epochs.truncateFromEnd(this.logEndOffset);
      for (const seg of this.segments) for (const b of seg.batches!) if (b.leaderEpoch >= 0) this.epochs.assign(b.leaderEpoch, b.baseOffset);
      this.logStartOffset = Math.min(Math.max(store.recovered!.logStartOffset, this.segments[0]!.baseOffset), this.logEndOffset);
      // Recovery's lists move into the log, and the rolled segments' go: they are read back through their files.
      for (const s of found) s.batches = [];
      for (const seg of this.segments.slice(0, -1)) this.release(seg);
      this.trimActive();
    } else if (store.recovered && store.recovered.logStartOffset > 0) {
      // Nothing left on disk but the offsets (all deleted by retention): the log resumes where it ended.
      this.segments = [newSegment(store.recovered.logStartOffset, nowMs)];
      this.logStartOffset = this.logEndOffset = store.recovered.logStartOffset;
    }
    if (store.recovered) {
      // Validated against the log as LogLoader.load does: no epoch starts at or beyond logEndOffset, none before logStartOffset.
      this.epochs.truncateFromEnd(this.logEndOffset);
      this.epochs.truncateFromStart(this.logStartOffset);
    }
    // What recovery read back from the files is on disk: the log opens flushed to its end.
    this.recoveryPoint = this.logEndOffset;
  }

  get activeSegment(): LogSegment {
    return this.segments[this.segments.length - 1]!;
  }

  /** The newest batches of the active segment, as the log holds them (on disk possibly not all: see LogSegment.batches). */
  get activeBatches(): StoredBatch[] {
    return this.activeSegment.batches ?? this.hold(this.activeSegment);
  }

  /**
   * A list holding every batch of segment `index` with lastOffset ≥ `fromOffset` (it may start
   * earlier), oldest first: the held list, or read back through the store (file and offset index).
   * `cache`: false for whole-log scans, which should not push recently read segments out of the store's cache.
   * `maxBytes`: the caller needs the batches from `fromOffset` only until they pass this many bytes.
   */
  segmentBatches(index: number, fromOffset = this.segments[index]!.baseOffset, cache = true, maxBytes = Infinity): readonly StoredBatch[] {
    const seg = this.segments[index]!;
    const held = seg.batches;
    if (held && (held.length === seg.batchCount || (held.length > 0 && held[0]!.baseOffset <= fromOffset))) return held;
    // A rolled segment on disk, or the active one's released head. The active segment changes with
    // every append, so its batches are never cached.
    return this.store.readSegment(seg.baseOffset, fromOffset, cache && index < this.segments.length - 1, maxBytes);
  }

  /** Batch headers the log itself holds in memory (the storage's accounting; read-back caches are the store's). */
  heldBatchCount(): number {
    let n = 0;
    for (const s of this.segments) n += s.batches?.length ?? 0;
    return n;
  }

  /** Makes `seg` hold all its batches (a truncation cuts it; it may become the active segment again). */
  private hold(seg: LogSegment): StoredBatch[] {
    if (!seg.batches || seg.batches.length < seg.batchCount) seg.batches = [...this.store.readSegment(seg.baseOffset, seg.baseOffset, false)];
    return seg.batches;
  }

  /** On disk: the active segment keeps its newest batches only (ACTIVE_SEGMENT_HELD_BATCHES). */
  private trimActive(): void {
    const held = this.activeSegment.batches;
    if (held && held.length > ACTIVE_SEGMENT_HELD_BATCHES && this.store.readsRolledSegments) held.splice(0, held.length - ACTIVE_SEGMENT_HELD_BATCHES / 2);
  }

  /** Drops a rolled segment's batch list when the store can read it back. */
  private release(seg: LogSegment): void {
    if (this.store.readsRolledSegments) seg.batches = null;
  }

  /** The log cleaner's result for rolled segment `index`: `kept` replaces its batches (stored by the store, `.cleaned` → `.swap` → `.log` on disk). */
  replaceSegment(index: number, kept: readonly StoredBatch[]): void {
    const seg = this.segments[index]!;
    const stored = this.store.replaceSegment(seg.baseOffset, kept);
    seg.batches = stored;
    seg.batchCount = stored.length;
    seg.sizeBytes = stored.reduce((n, b) => n + b.sizeBytes, 0);
    seg.maxTimestamp = Math.max(seg.maxTimestamp, maxTimestampOf(stored));
    if (index < this.segments.length - 1) this.release(seg);
    this.onViewChange();
  }

  sizeBytes(): number {
    let n = 0;
    for (const s of this.segments) n += s.sizeBytes;
    return n;
  }

  /**
   * Whether appending `incomingBytes` needs a new segment first (LogSegment.shouldRoll:
   * segment.bytes exceeded, or segment.ms elapsed since the segment was created).
   */
  shouldRoll(incomingBytes: number, nowMs: number, policy: RollPolicy): boolean {
    const active = this.activeSegment;
    if (active.batchCount === 0) return false;
    return active.sizeBytes + incomingBytes > policy.segmentBytes || nowMs - active.createdTimeMs >= policy.segmentMs;
  }

  /**
   * Starts a new active segment at logEndOffset; returns its base offset. The rolled segment is
   * flushed (UnifiedLog.roll schedules flushUptoOffsetExclusive(newSegment.baseOffset)), so the
   * recoveryPoint reaches the new base offset.
   */
  roll(nowMs: number): number {
    this.release(this.activeSegment);
    this.segments.push(newSegment(this.logEndOffset, nowMs));
    this.flush(this.logEndOffset, nowMs);
    this.onViewChange();
    return this.logEndOffset;
  }

  /** Messages appended since the last flush (LocalLog.unflushedMessages: logEndOffset − recoveryPoint). */
  get unflushedMessages(): number {
    return this.logEndOffset - this.recoveryPoint;
  }

  /**
   * fsyncs the log up to `offset` (exclusive, capped at logEndOffset) and advances recoveryPoint
   * (UnifiedLog.flush → LocalLog.markFlushed, which also sets lastFlushTime). Returns whether it advanced.
   */
  flush(offset: number, nowMs: number): boolean {
    const upTo = Math.min(offset, this.logEndOffset);
    if (upTo <= this.recoveryPoint) return false;
    this.store.flush();
    this.recoveryPoint = upTo;
    this.lastFlushTimeMs = nowMs;
    this.onViewChange();
    return true;
  }

  /** Appends a batch whose baseOffset is logEndOffset (leader) or as fetched (follower). */
  append(batch: StoredBatch): void {
    const seg = this.activeSegment;
    const batches = seg.batches ?? this.hold(seg);
    if (seg.batchCount === 0) seg.baseOffset = batch.baseOffset;
    batches.push(this.store.append(seg.baseOffset, batch));
    seg.batchCount++;
    if (batches.length > ACTIVE_SEGMENT_HELD_BATCHES) this.trimActive();
    seg.sizeBytes += batch.sizeBytes;
    if (batch.maxTimestamp > seg.maxTimestamp) seg.maxTimestamp = batch.maxTimestamp;
    this.logEndOffset = batch.lastOffset + 1;
    if (batch.leaderEpoch >= 0) this.epochs.assign(batch.leaderEpoch, batch.baseOffset);
    this.onViewChange();
  }

  /**
   * Whole batches from the one containing `fromOffset`, stopping before maxBytes would be exceeded
   * (the first batch is always included, KIP-74) and before any batch starting at or after
   * `upToOffset` (exclusive; the highWatermark for clients, logEndOffset for followers). ./log-read.ts.
   */
  read(fromOffset: number, maxBytes: number, upToOffset: number, minOneBatch = true): { batches: StoredBatch[]; bytes: number } {
    return readLog(this, fromOffset, maxBytes, upToOffset, minOneBatch);
  }

  /** Every batch, oldest first (rolled segments on disk read back one at a time, not cached). */
  *allBatches(): Generator<StoredBatch> {
    for (let i = 0; i < this.segments.length; i++) yield* this.segmentBatches(i, this.segments[i]!.baseOffset, false);
  }

  /**
   * Removes every batch containing offsets ≥ offset (a batch straddling it goes whole, as
   * LogSegment.truncateTo does). Returns the batches removed.
   */
  truncateTo(offset: number, nowMs: number): StoredBatch[] {
    const removed: StoredBatch[] = [];
    while (this.segments.length) {
      const seg = this.activeSegment;
      const batches = this.hold(seg);
      const sizeBefore = seg.sizeBytes;
      while (batches.length && batches[batches.length - 1]!.lastOffset >= offset) {
        const b = batches.pop()!;
        seg.sizeBytes -= b.sizeBytes;
        removed.unshift(b);
      }
      seg.batchCount = batches.length;
      if (batches.length === 0 && this.segments.length > 1 && seg.baseOffset >= offset) {
        this.store.deleteSegment(seg.baseOffset);
        this.segments.pop();
        continue;
      }
      if (seg.sizeBytes !== sizeBefore) {
        this.store.truncateSegment(seg.baseOffset, batches);
        seg.maxTimestamp = maxTimestampOf(batches);
      }
      break;
    }
    const active = this.activeBatches;
    const last = active[active.length - 1];
    this.logEndOffset = last ? last.lastOffset + 1 : Math.min(this.logEndOffset, Math.max(offset, this.logStartOffset));
    if (!last && this.segments.length === 1) {
      this.store.deleteSegment(this.segments[0]!.baseOffset);
      this.segments[0] = newSegment(this.logEndOffset, nowMs);
    }
    this.epochs.truncateFromEnd(this.logEndOffset);
    if (this.logStartOffset > this.logEndOffset) this.logStartOffset = this.logEndOffset;
    // LocalLog.truncateTo: the recovery point never lies beyond the log end.
    if (this.recoveryPoint > this.logEndOffset) this.recoveryPoint = this.logEndOffset;
    this.onViewChange();
    return removed;
  }

  /** Discards everything and restarts the log at offset (follower behind the leader's logStartOffset). */
  truncateFullyAndStartAt(offset: number, nowMs: number): StoredBatch[] {
    const removed = [...this.allBatches()];
    for (const s of this.segments) this.store.deleteSegment(s.baseOffset);
    this.segments = [newSegment(offset, nowMs)];
    this.logStartOffset = offset;
    this.logEndOffset = offset;
    this.recoveryPoint = offset;
    this.epochs.entries = [];
    this.onViewChange();
    return removed;
  }

  /**
   * Advances logStartOffset (DeleteRecords, retention, leader's start offset seen by a follower)
   * and drops segments that end at or before it. Returns the dropped segments.
   */
  advanceLogStartOffset(offset: number): LogSegment[] {
    if (offset <= this.logStartOffset) return [];
    this.logStartOffset = Math.min(offset, this.logEndOffset);
    const dropped: LogSegment[] = [];
    while (this.segments.length > 1) {
      const next = this.segments[1]!;
      if (next.baseOffset <= this.logStartOffset) {
        const gone = this.segments.shift()!;
        this.store.deleteSegment(gone.baseOffset);
        dropped.push(gone);
      } else break;
    }
    this.epochs.truncateFromStart(this.logStartOffset);
    this.onViewChange();
    return dropped;
  }

  /** First offset of the segment after seg (its exclusive end), or logEndOffset for the active one. */
  segmentEndOffset(index: number): number {
    const next = this.segments[index + 1];
    return next ? next.baseOffset : this.logEndOffset;
  }
}

function noViewChange(): void {}

function newSegment(baseOffset: number, nowMs: number): LogSegment {
  return { baseOffset, batches: [], batchCount: 0, sizeBytes: 0, maxTimestamp: -1, createdTimeMs: nowMs };
}

/** Largest maxTimestamp of `batches`, -1 when none. */
export function maxTimestampOf(batches: readonly StoredBatch[]): number {
  let m = -1;
  for (const b of batches) if (b.maxTimestamp > m) m = b.maxTimestamp;
  return m;
}
