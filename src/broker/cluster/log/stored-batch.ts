/**
 * A record batch as a replica log stores it: the raw RecordBatch v2 bytes (baseOffset and
 * partitionLeaderEpoch patched by the leader) plus the header fields the log consults, read once
 * on append so reads, retention and replication never re-parse the bytes.
 */
import { readBatchHeader, type RecordBatchHeader } from '../../protocol/records/index';
import { ByteSlab } from './byte-slab';

export interface StoredBatch {
  /** Whole batch bytes; never mutated after append (followers share the leader's Buffer). */
  buffer: Buffer;
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
 * Bytes handed over to the log by their producer (the wire server's freshly read request frames):
 * the caller promises never to read them back for their content, write or reuse them, so the leader
 * may patch and store them in place instead of copying. Anything not handed over (model API callers,
 * tests, replayed inputs, coordinators) is copied. Weak: a buffer never produced is simply collected.
 */
const handedOver = new WeakSet<Buffer>();

/** Marks `records` as owned by the log from now on (see handedOver); returns it. */
export function handOverRecords<T extends Buffer | null>(records: T): T {
  if (records) handedOver.add(records);
  return records;
}

/** Copies of batches up to 16 KiB share 64 KiB slabs. */
const batchCopies = new ByteSlab(64 * 1024, 16 * 1024);

/**
 * The buffer a leader stores for `batch`, a view of `records` (what the client sent): `batch`
 * itself when `records` was handed over and holds exactly this batch (once), else a copy. Copies of
 * small batches share a slab (a slab lives while any batch in it does, like a segment file).
 */
export function ownedBatchBytes(records: Buffer, batch: Buffer): Buffer {
  if (batch.length === records.length && handedOver.delete(records)) return batch;
  return batchCopies.copy(batch);
}

/** Reads the header of a stored (already patched) batch into a StoredBatch. */
export function toStoredBatch(buffer: Buffer, appendTimeMs: number): StoredBatch {
  const h = readBatchHeader(buffer);
  return {
    buffer,
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
