/**
 * The batches of a segment's `.log` bytes, summarised as Kafka's DumpLogSegments prints them
 * (`kafka-dump-log --files 00000000000000000000.log`: baseOffset, lastOffset, count, position,
 * size, magic, compresscodec, crc and isvalid, producerId, producerEpoch, baseSequence,
 * isTransactional, isControl, partitionLeaderEpoch, CreateTime/LogAppendTime).
 *
 * Pure: bytes in, summaries out. Bounded and safe on hostile bytes, as Kafka's FileLogInputStream
 * is: the walk reads 12 bytes per batch to find the next one; a batchLength below the v2 header
 * (61 bytes) or a magic other than 2 stops it with a `corrupt` tail (Kafka: CorruptRecordException),
 * a batch running past the end stops it with a `torn` tail (Kafka's nextBatch returns null and
 * DumpLogSegments reports "Found N invalid bytes at the end of <file>"). Only the batches of the
 * requested page are CRC-checked, so paging through a large file costs one page of CRC work.
 * Header fields come from the record-batch code in src/broker/protocol/records/.
 */
import type { CompressionName, SegmentBatch } from '../../../shared/storage-contract';
import { crc32c, LOG_OVERHEAD, readBatchHeader, RECORD_BATCH_OVERHEAD } from '../../protocol/records/index';

/** Byte offset of the magic byte in a batch (after baseOffset, batchLength, partitionLeaderEpoch). */
const MAGIC_POSITION = 16;
/** Byte offset where the CRC-32C's coverage starts (the attributes field). */
const CRC_COVERAGE_START = 21;

/** Why the walk stopped before the end of the bytes. */
export interface LogTail {
  kind: 'torn' | 'corrupt';
  /** Byte position of the first byte not part of a whole, readable batch. */
  position: number;
  /** Bytes from `position` to the end. */
  bytes: number;
  reason: string;
}

export interface LogSummary {
  /** The requested page of batches, in file order. */
  batches: SegmentBatch[];
  /** Whole batches in the bytes (all pages). */
  totalBatches: number;
  /** Bytes up to the end of the last whole batch (Kafka's validBytes). */
  validBytes: number;
  /** null when the bytes end exactly after a whole batch. */
  tail: LogTail | null;
}

export interface SummaryPage {
  /** Index of the first batch to summarise (default 0). */
  fromBatch?: number;
  /** Most batches to summarise (default: all). */
  limit?: number;
}

/** Where each whole batch of `bytes` starts and how long it is, plus what stops the walk. Never throws. */
export function walkBatches(bytes: Buffer): { batches: { position: number; size: number }[]; validBytes: number; tail: LogTail | null } {
  const batches: { position: number; size: number }[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const remaining = bytes.length - pos;
    if (remaining < LOG_OVERHEAD + 5) {
      return { batches, validBytes: pos, tail: { kind: 'torn', position: pos, bytes: remaining, reason: `${remaining} bytes at position ${pos} are too few for a batch header` } };
    }
    const batchLength = bytes.readInt32BE(pos + 8);
    const magic = bytes.readInt8(pos + MAGIC_POSITION);
    if (magic !== 2) {
      return { batches, validBytes: pos, tail: { kind: 'corrupt', position: pos, bytes: remaining, reason: `batch at position ${pos} has magic ${magic}; only magic 2 record batches can be read` } };
    }
    if (batchLength < RECORD_BATCH_OVERHEAD - LOG_OVERHEAD) {
      return { batches, validBytes: pos, tail: { kind: 'corrupt', position: pos, bytes: remaining, reason: `batch at position ${pos} has batchLength ${batchLength}, below the ${RECORD_BATCH_OVERHEAD - LOG_OVERHEAD} bytes of a v2 header` } };
    }
    const size = batchLength + LOG_OVERHEAD;
    if (size > remaining) {
      return { batches, validBytes: pos, tail: { kind: 'torn', position: pos, bytes: remaining, reason: `batch at position ${pos} needs ${size} bytes, only ${remaining} remain` } };
    }
    batches.push({ position: pos, size });
    pos += size;
  }
  return { batches, validBytes: pos, tail: null };
}

/** One whole batch (exactly its bytes) at `position`, as DumpLogSegments prints it. */
export function summariseBatch(batch: Buffer, position: number): SegmentBatch {
  const h = readBatchHeader(batch);
  return {
    position,
    baseOffset: h.baseOffset,
    lastOffset: h.baseOffset + h.lastOffsetDelta,
    count: h.recordCount,
    sizeBytes: batch.length,
    magic: h.magic,
    crcValid: batch.length >= RECORD_BATCH_OVERHEAD && crc32c(batch.subarray(CRC_COVERAGE_START)) === h.crc,
    compression: h.compression as CompressionName,
    timestampType: h.timestampType,
    baseTimestampMs: h.baseTimestamp,
    maxTimestampMs: h.maxTimestamp,
    producerId: h.producerId,
    producerEpoch: h.producerEpoch,
    baseSequence: h.baseSequence,
    isTransactional: h.isTransactional,
    isControl: h.isControl,
    partitionLeaderEpoch: h.partitionLeaderEpoch,
  };
}

/**
 * A page of the batches in a `.log` file's bytes. A batch whose header cannot be read (an
 * unknown compression id) ends the walk there as a corrupt tail; the batches before it stand.
 */
export function summariseLog(bytes: Buffer, page: SummaryPage = {}): LogSummary {
  const walk = walkBatches(bytes);
  const from = Math.max(0, Math.floor(page.fromBatch ?? 0));
  const limit = page.limit === undefined ? Infinity : Math.max(0, Math.floor(page.limit));
  const batches: SegmentBatch[] = [];
  for (let i = from; i < walk.batches.length && batches.length < limit; i++) {
    const { position, size } = walk.batches[i]!;
    try {
      batches.push(summariseBatch(bytes.subarray(position, position + size), position));
    } catch (error) {
      const reason = `batch at position ${position}: ${error instanceof Error ? error.message : String(error)}`;
      return { batches, totalBatches: i, validBytes: position, tail: { kind: 'corrupt', position, bytes: bytes.length - position, reason } };
    }
  }
  return { batches, totalBatches: walk.batches.length, validBytes: walk.validBytes, tail: walk.tail };
}
