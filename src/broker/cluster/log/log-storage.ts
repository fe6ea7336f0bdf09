/**
 * The storage interface under every replica log (issue 15). The pure model keeps each batch's
 * header fields (StoredBatch) and its segment structure; where the batch BYTES live is the
 * storage's business: in process memory (MemoryLogStorage, below: the default for tests, the
 * swarm, scenarios and `--in-memory`), or in Kafka's own segment files on disk
 * (src/broker/storage/disk-log-storage.ts, injected by the host). Both are synchronous, like
 * Kafka's appends to the page cache, so the model stays deterministic: the same inputs give the
 * same event log whichever storage holds the bytes.
 *
 * Mirrors Kafka's split between UnifiedLog (offsets, epochs: the model) and LocalLog/LogSegment
 * (FileRecords, OffsetIndex, TimeIndex: the storage).
 */
import type { ProducerSnapshotRow } from '../producers/producer-state';
import type { StoredBatch } from './stored-batch';

/** A segment found on disk when a replica log was opened. */
export interface RecoveredSegment {
  baseOffset: number;
  /**
   * Its batches as read by recovery. The log takes them on open (ReplicaLog's constructor) and
   * empties this list, keeping only the active segment's: a rolled segment is read back through
   * its file (ReplicaLogStore.readSegment).
   */
  batches: StoredBatch[];
  /** How many batches recovery found in the segment (kept after `batches` is emptied). */
  batchCount: number;
  sizeBytes: number;
  maxTimestamp: number;
}

/** What opening an existing replica log found (LogLoader). */
export interface RecoveredLog {
  segments: RecoveredSegment[];
  /** logStartOffset from log-start-offset-checkpoint (or the first segment's base offset). */
  logStartOffset: number;
  /** highWatermark from replication-offset-checkpoint, or 0 when none was written. */
  highWatermark: number;
  /** Bytes cut from the end of the log by recovery (a torn or corrupt tail batch), 0 when clean. */
  truncatedBytes: number;
  /** Why bytes were cut (e.g. "batch at position 4096 is 120 bytes but the file ends after 37"), or null. */
  truncationReason: string | null;
  /**
   * The replica's `leader-epoch-checkpoint` entries (epoch, first offset of the epoch), as written;
   * null when the file is missing or unreadable (the epochs then come from the batches alone).
   * Kafka's LeaderEpochFileCache starts from this file; LogLoader then validates it against the log.
   */
  leaderEpochs: { epoch: number; startOffset: number }[] | null;
  /**
   * The newest readable producer state snapshot at or below the log end offset (`<offset>.snapshot`:
   * taken at each segment roll and at a clean stop), or null: the state is then rebuilt from the
   * whole log. The replica loads it and replays the batches from its offset on (UnifiedLog.loadProducerState).
   */
  producerSnapshot: { offset: number; rows: ProducerSnapshotRow[] } | null;
}

/** One replica's byte store: a segment's batches in order, by the segment's base offset. */
export interface ReplicaLogStore {
  /** What was on disk when the replica was opened; null for a new (or in-memory) log. */
  readonly recovered: RecoveredLog | null;
  /**
   * Stores `batch` at the end of the segment at `segmentBaseOffset` (created on its first batch)
   * and returns the batch as this replica keeps it: the same object in memory, a file-backed
   * batch on disk (a follower's copy of its leader's batch lives in the follower's own file).
   */
  append(segmentBaseOffset: number, batch: StoredBatch): StoredBatch;
  /** Cuts the segment back to the batches it keeps, `keptBatches` (as append returned them; LogSegment.truncateTo). */
  truncateSegment(segmentBaseOffset: number, keptBatches: readonly StoredBatch[]): void;
  /** Removes a segment and its indexes (retention, truncation; LocalLog.deleteSegmentFiles). */
  deleteSegment(segmentBaseOffset: number): void;
  /** Replaces a segment's batches by `batches` (the log cleaner's `.cleaned` → `.swap` → `.log`); returns them as kept. */
  replaceSegment(segmentBaseOffset: number, batches: readonly StoredBatch[]): StoredBatch[];
  /** Removes the whole replica log (topic deleted, replica moved away). */
  deleteAll(): void;
  /** Makes every byte appended so far durable (fsync of the unflushed segments; UnifiedLog.flush). */
  flush(): void;
  /** Keeps the producer state at `offset` (a segment roll: ProducerStateManager.takeSnapshot); absent in memory, where nothing restarts. */
  takeProducerSnapshot?(offset: number, rows: readonly ProducerSnapshotRow[]): void;
  /**
   * Whether a rolled segment's batches can be read back from this store (disk: from the `.log`
   * file through its offset index). When true, the log keeps no batch list for a rolled segment,
   * only its bounds, and reads them with readSegment; when false (memory), the log keeps them all.
   */
  readonly readsRolledSegments: boolean;
  /**
   * The batches of the segment at `segmentBaseOffset` with lastOffset ≥ `fromOffset`, oldest first,
   * read back from the store (header fields; bytes read when `.buffer` is asked for). Starts at the
   * position the segment's offset index gives for `fromOffset` (OffsetIndex.lookup, as
   * LogSegment.read does) and scans from there. `cache` keeps the headers in a small bounded cache
   * of recently read segments (Fetch and replication read the same segments again); a whole-log
   * scan (producer state rebuild) passes false so it does not push them out.
   * `maxBytes`: the reader needs batches from `fromOffset` only until they pass this many bytes
   * (Fetch's limit), so a large segment is not read to its end; Infinity for every one.
   * Throws (KAFKA_STORAGE_ERROR) when the store cannot read back (memory) or the file is unreadable.
   */
  readSegment(segmentBaseOffset: number, fromOffset: number, cache: boolean, maxBytes?: number): readonly StoredBatch[];
}

export interface ReplicaLogAddress {
  brokerId: number;
  topic: string;
  partition: number;
  /** The topic's ID (partition.metadata), base64url. */
  topicId: string;
}

/** Opens replica logs for the brokers of one cluster. */
export interface LogStorage {
  readonly kind: 'memory' | 'disk';
  openReplica(address: ReplicaLogAddress): ReplicaLogStore;
}

/** Today's behaviour: batch bytes stay in process memory (log memory slabs, ./stored-batch.ts). */
class MemoryReplicaLogStore implements ReplicaLogStore {
  readonly recovered = null;
  append(_segmentBaseOffset: number, batch: StoredBatch): StoredBatch {
    return batch;
  }
  truncateSegment(): void {}
  deleteSegment(): void {}
  replaceSegment(_segmentBaseOffset: number, batches: readonly StoredBatch[]): StoredBatch[] {
    return [...batches];
  }
  deleteAll(): void {}
  flush(): void {}
  readonly readsRolledSegments = false;
  readSegment(segmentBaseOffset: number): readonly StoredBatch[] {
    throw new Error(`KAFKA_STORAGE_ERROR: the in-memory log keeps every segment's batches; segment ${segmentBaseOffset} has none to read back`);
  }
}

const MEMORY_STORE = new MemoryReplicaLogStore();

export const MEMORY_LOG_STORAGE: LogStorage = {
  kind: 'memory',
  openReplica: () => MEMORY_STORE,
};
