/**
 * One replica's log: segments of stored batches (Kafka's UnifiedLog/LocalLog/LogSegment, in
 * memory), logStartOffset, logEndOffset and the leader epoch cache. Retention and compaction live
 * in ./retention.ts and ./compaction.ts; they operate on the segments here.
 */
import type { LogTask } from '../../../shared/cluster-view';
import { LeaderEpochCache } from './leader-epoch-cache';
import { MEMORY_LOG_STORAGE, type RecoveredLog, type ReplicaLogStore } from './log-storage';
import type { StoredBatch } from './stored-batch';

export interface LogSegment {
  baseOffset: number;
  batches: StoredBatch[];
  sizeBytes: number;
  /** Largest record timestamp in the segment (ms), -1 when empty; retention.ms compares it. */
  maxTimestamp: number;
  /** Simulated time the segment was created (ms); segment.ms rolls against it. */
  createdTimeMs: number;
}

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
      this.segments = found.map((s) => ({ baseOffset: s.baseOffset, batches: [...s.batches], sizeBytes: s.sizeBytes, maxTimestamp: s.maxTimestamp, createdTimeMs: nowMs }));
      const last = this.activeSegment.batches[this.activeSegment.batches.length - 1]!;
      this.logEndOffset = last.lastOffset + 1;
      // Epochs from leader-epoch-checkpoint first (the LeaderEpochFileCache constructor), less any
      // starting at or past the recovered logEndOffset (a torn tail cut them off), then any newer epoch a
      // batch carries (LogSegment.recover assigns an epoch above the latest one). Kafka flushes the file
      // on every new epoch; the lab writes it every CHECKPOINT_INTERVAL_MS, so the batches fill the gap.
      if (store.recovered!.leaderEpochs) this.epochs.loadCheckpoint(store.recovered!.leaderEpochs);
      this.epochs.truncateFromEnd(this.logEndOffset);
      for (const seg of this.segments) for (const b of seg.batches) if (b.leaderEpoch >= 0) this.epochs.assign(b.leaderEpoch, b.baseOffset);
      this.logStartOffset = Math.min(Math.max(store.recovered!.logStartOffset, this.segments[0]!.baseOffset), this.logEndOffset);
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
    if (active.batches.length === 0) return false;
    return active.sizeBytes + incomingBytes > policy.segmentBytes || nowMs - active.createdTimeMs >= policy.segmentMs;
  }

  /**
   * Starts a new active segment at logEndOffset; returns its base offset. The rolled segment is
   * flushed (UnifiedLog.roll schedules flushUptoOffsetExclusive(newSegment.baseOffset)), so the
   * recoveryPoint reaches the new base offset.
   */
  roll(nowMs: number): number {
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
    if (seg.batches.length === 0) seg.baseOffset = batch.baseOffset;
    seg.batches.push(this.store.append(seg.baseOffset, batch));
    seg.sizeBytes += batch.sizeBytes;
    if (batch.maxTimestamp > seg.maxTimestamp) seg.maxTimestamp = batch.maxTimestamp;
    this.logEndOffset = batch.lastOffset + 1;
    if (batch.leaderEpoch >= 0) this.epochs.assign(batch.leaderEpoch, batch.baseOffset);
    this.onViewChange();
  }

  /** Index of the first batch with lastOffset ≥ offset within a segment, or -1. */
  private static batchIndex(seg: LogSegment, offset: number): number {
    let lo = 0;
    let hi = seg.batches.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (seg.batches[mid]!.lastOffset >= offset) {
        found = mid;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    return found;
  }

  /** Index of the segment that may hold offset (last segment with baseOffset ≤ offset). */
  private segmentIndex(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.segments[mid]!.baseOffset <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /**
   * Whole batches from the one containing `fromOffset`, stopping before maxBytes would be exceeded
   * (the first batch is always included, KIP-74) and before any batch starting at or after
   * `upToOffset` (exclusive; the highWatermark for clients, logEndOffset for followers).
   */
  read(fromOffset: number, maxBytes: number, upToOffset: number, minOneBatch = true): { batches: StoredBatch[]; bytes: number } {
    const out: StoredBatch[] = [];
    let bytes = 0;
    if (fromOffset >= upToOffset || fromOffset >= this.logEndOffset) return { batches: out, bytes };
    const firstSegment = this.segmentIndex(fromOffset);
    for (let si = firstSegment; si < this.segments.length; si++) {
      const seg = this.segments[si]!;
      let bi = si === firstSegment ? ReplicaLog.batchIndex(seg, fromOffset) : 0;
      if (bi < 0) continue;
      for (; bi < seg.batches.length; bi++) {
        const b = seg.batches[bi]!;
        if (b.baseOffset >= upToOffset) return { batches: out, bytes };
        if ((out.length > 0 || !minOneBatch) && bytes + b.sizeBytes > maxBytes) return { batches: out, bytes };
        out.push(b);
        bytes += b.sizeBytes;
      }
    }
    return { batches: out, bytes };
  }

  /** Every batch, oldest first. */
  *allBatches(): Generator<StoredBatch> {
    for (const s of this.segments) yield* s.batches;
  }

  /**
   * Removes every batch containing offsets ≥ offset (a batch straddling it goes whole, as
   * LogSegment.truncateTo does). Returns the batches removed.
   */
  truncateTo(offset: number, nowMs: number): StoredBatch[] {
    const removed: StoredBatch[] = [];
    while (this.segments.length) {
      const seg = this.activeSegment;
      const sizeBefore = seg.sizeBytes;
      while (seg.batches.length && seg.batches[seg.batches.length - 1]!.lastOffset >= offset) {
        const b = seg.batches.pop()!;
        seg.sizeBytes -= b.sizeBytes;
        removed.unshift(b);
      }
      if (seg.batches.length === 0 && this.segments.length > 1 && seg.baseOffset >= offset) {
        this.store.deleteSegment(seg.baseOffset);
        this.segments.pop();
        continue;
      }
      if (seg.sizeBytes !== sizeBefore) this.store.truncateSegment(seg.baseOffset, seg.batches);
      break;
    }
    const last = this.activeSegment.batches[this.activeSegment.batches.length - 1];
    this.logEndOffset = last ? last.lastOffset + 1 : Math.min(this.logEndOffset, Math.max(offset, this.logStartOffset));
    if (!last && this.segments.length === 1) {
      this.store.deleteSegment(this.segments[0]!.baseOffset);
      this.segments[0] = newSegment(this.logEndOffset, nowMs);
    }
    for (const s of this.segments) s.maxTimestamp = segmentMaxTimestamp(s);
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
  return { baseOffset, batches: [], sizeBytes: 0, maxTimestamp: -1, createdTimeMs: nowMs };
}

export function segmentMaxTimestamp(seg: LogSegment): number {
  let m = -1;
  for (const b of seg.batches) if (b.maxTimestamp > m) m = b.maxTimestamp;
  return m;
}
