/**
 * A record batch as a replica log stores it: the raw RecordBatch v2 bytes (baseOffset and
 * partitionLeaderEpoch patched by the leader) plus the header fields the log consults, read once
 * on append so reads, retention and replication never re-parse the bytes.
 */
import { readBatchHeader } from '../../protocol/records/index';

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
