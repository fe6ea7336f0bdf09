/**
 * A record batch as a replica log stores it: the raw RecordBatch v2 bytes (baseOffset and
 * partitionLeaderEpoch patched by the leader) plus the header fields the log consults, read once
 * on append so reads, retention and replication never re-parse the bytes.
 */
import { readBatchHeader, type RecordBatchHeader } from '../../protocol/records/index';
import { ByteSlab } from './byte-slab';

export interface StoredBatch {
  /**
   * Whole batch bytes, never mutated after append. In memory: a view of log memory (followers
   * share the leader's Buffer). On disk: read from the replica's `.log` file when asked for
   * (src/broker/storage/disk-batch.ts), so read it only where the bytes are needed.
   */
  readonly buffer: Buffer;
  /** Length of the batch in bytes (batchLength + 12), without reading it. */
  sizeBytes: number;
  baseOffset: number;
  /** Offset of the last record (baseOffset + lastOffsetDelta). */
  lastOffset: number;
  recordCount: number;
  /** partitionLeaderEpoch stamped by the leader that appended it. */
  leaderEpoch: number;
  /** Largest record timestamp (ms); for LogAppendTime topics the broker's append time. */
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  isTransactional: boolean;
  isControl: boolean;
  /** Simulated time (ms) this replica appended the batch. */
  appendTimeMs: number;
}

/**
 * Log memory: where every batch a replica log stores lives, like the segment files of a Kafka
 * broker. The model never keeps a caller's Buffer: a produced record set is copied in when the
 * model accepts the request (ownRecordSet), so the wire server's socket reads are free again as
 * soon as their request is handled and the allocator reuses them, instead of every read staying
 * alive for as long as one of its batches does. Batches share 256 KiB slabs (a slab lives while
 * any batch in it does, as a segment does); a batch over 64 KiB gets a buffer of its own.
 */
const logMemory = new ByteSlab(256 * 1024, 64 * 1024);

/**
 * Record sets copied into log memory by ownRecordSet: the model owns them, so the leader may patch
 * and store the batch in place. Weak: a copy never appended (a rejected produce) is simply collected.
 */
const ownedRecordSets = new WeakSet<Buffer>();

/** A copy of a produced record set in log memory, owned by the model from now on (null stays null). */
export function ownRecordSet(records: Buffer | null): Buffer | null {
  if (records === null) return null;
  const copy = logMemory.copy(records);
  ownedRecordSets.add(copy);
  return copy;
}

/**
 * The buffer a leader stores for `batch`, a view of `records` (the produced record set): `batch`
 * itself when `records` is an owned copy (ownRecordSet) holding exactly this batch, used once; else
 * a copy in log memory (coordinators' own writes, record sets holding more than the batch).
 */
export function ownedBatchBytes(records: Buffer, batch: Buffer): Buffer {
  if (batch.length === records.length && ownedRecordSets.delete(records)) return batch;
  return logMemory.copy(batch);
}

/** Reads the header of a stored (already patched) batch into a StoredBatch. */
export function toStoredBatch(buffer: Buffer, appendTimeMs: number): StoredBatch {
  const h = readBatchHeader(buffer);
  return {
    buffer,
    sizeBytes: buffer.length,
    baseOffset: h.baseOffset,
    lastOffset: h.baseOffset + h.lastOffsetDelta,
    recordCount: h.recordCount,
    leaderEpoch: h.partitionLeaderEpoch,
    maxTimestamp: h.maxTimestamp,
    producerId: h.producerId,
    producerEpoch: h.producerEpoch,
    baseSequence: h.baseSequence,
    isTransactional: h.isTransactional,
    isControl: h.isControl,
    appendTimeMs,
  };
}

/**
 * The StoredBatch toStoredBatch would read back from `buffer`, built from the header the produce
 * path already read (validateBatch) and the values the leader has just patched in (baseOffset,
 * partitionLeaderEpoch, maxTimestamp for LogAppendTime): one header parse per produced batch, not two.
 */
export function storedBatchFromHeader(buffer: Buffer, header: RecordBatchHeader, baseOffset: number, leaderEpoch: number, maxTimestamp: number, appendTimeMs: number): StoredBatch {
  return {
    buffer,
    sizeBytes: buffer.length,
    baseOffset,
    lastOffset: baseOffset + header.lastOffsetDelta,
    recordCount: header.recordCount,
    leaderEpoch,
    maxTimestamp,
    producerId: header.producerId,
    producerEpoch: header.producerEpoch,
    baseSequence: header.baseSequence,
    isTransactional: header.isTransactional,
    isControl: header.isControl,
    appendTimeMs,
  };
}
