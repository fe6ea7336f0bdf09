// Builds RecordBatch v2 bytes (protocol spec "Record Batch" and "Record"; KIP-98).
import { compress } from './compression';
import { crc32c } from './crc32c';
import {
  ATTRIBUTES_OFFSET, BASE_OFFSET_OFFSET, BASE_SEQUENCE_OFFSET, BASE_TIMESTAMP_OFFSET, BATCH_LENGTH_OFFSET,
  CONTROL_BIT, CRC_OFFSET, CURRENT_MAGIC, DELETE_HORIZON_BIT, LAST_OFFSET_DELTA_OFFSET, LOG_OVERHEAD,
  MAGIC_OFFSET, MAX_TIMESTAMP_OFFSET, PARTITION_LEADER_EPOCH_OFFSET, PRODUCER_EPOCH_OFFSET, PRODUCER_ID_OFFSET,
  RECORD_BATCH_OVERHEAD, RECORD_COUNT_OFFSET, TIMESTAMP_TYPE_BIT, TRANSACTIONAL_BIT, codecId,
  type CompressionCodec, type TimestampType,
} from './header';
import { writeInt64 } from './int64';
import { encodeRecord, type RecordHeader } from './record';

export interface RecordInput {
  key: Buffer | null;
  value: Buffer | null;
  headers?: RecordHeader[];
  /** Milliseconds since the epoch; defaults to the batch's baseTimestamp. */
  timestamp?: number;
  /** Defaults to the record's index in the batch. */
  offsetDelta?: number;
  /** Record attributes byte; unused by Kafka so far, default 0. */
  attributes?: number;
}

export interface RecordBatchInput {
  /** Default 0; the leader overwrites it on append (patchBaseOffset). */
  baseOffset?: number;
  /** Default -1 (what a producer sends before the leader stamps it). */
  partitionLeaderEpoch?: number;
  compression?: CompressionCodec;
  timestampType?: TimestampType;
  isTransactional?: boolean;
  isControl?: boolean;
  /** KIP-534: baseTimestamp then holds the delete horizon of a compacted batch. */
  hasDeleteHorizon?: boolean;
  /** Default: the first record's timestamp, else 0. */
  baseTimestamp?: number;
  /** Default: the largest record timestamp, else baseTimestamp. */
  maxTimestamp?: number;
  /** Default: the last record's offsetDelta (compaction keeps the original value when it drops records, so it may be set). */
  lastOffsetDelta?: number;
  /** Default -1 (no idempotence). */
  producerId?: number;
  /** Default -1. */
  producerEpoch?: number;
  /** Default -1. */
  baseSequence?: number;
  records: RecordInput[];
}

/** Attributes int16 for the given flags (protocol spec "Record Batch"). */
export function batchAttributes(input: Pick<RecordBatchInput, 'compression' | 'timestampType' | 'isTransactional' | 'isControl' | 'hasDeleteHorizon'>): number {
  let a = codecId(input.compression ?? 'none');
  if (input.timestampType === 'LogAppendTime') a |= TIMESTAMP_TYPE_BIT;
  if (input.isTransactional) a |= TRANSACTIONAL_BIT;
  if (input.isControl) a |= CONTROL_BIT;
  if (input.hasDeleteHorizon) a |= DELETE_HORIZON_BIT;
  return a;
}

/**
 * Encodes a complete RecordBatch v2 with a correct CRC-32C, compressing the records section with
 * the chosen codec. Synchronous. Timestamps are ms since the epoch; record timestampDelta and
 * offsetDelta are relative to baseTimestamp and baseOffset.
 */
export function encodeRecordBatch(input: RecordBatchInput): Buffer {
  const records = input.records;
  const baseTimestamp = input.baseTimestamp ?? records[0]?.timestamp ?? 0;
  let maxTimestamp = input.maxTimestamp;
  if (maxTimestamp === undefined) {
    maxTimestamp = records.length === 0 ? baseTimestamp : -Infinity;
    for (const r of records) maxTimestamp = Math.max(maxTimestamp, r.timestamp ?? baseTimestamp);
  }
  const encoded = records.map((r, i) =>
    encodeRecord({
      attributes: r.attributes ?? 0,
      timestampDelta: (r.timestamp ?? baseTimestamp) - baseTimestamp,
      offsetDelta: r.offsetDelta ?? i,
      key: r.key,
      value: r.value,
      headers: r.headers ?? [],
    }),
  );
  const lastOffsetDelta = input.lastOffsetDelta ?? (records.length === 0 ? -1 : (records[records.length - 1]!.offsetDelta ?? records.length - 1));
  const codec = input.compression ?? 'none';
  const payload = compress(codec, Buffer.concat(encoded));

  const batch = Buffer.allocUnsafe(RECORD_BATCH_OVERHEAD + payload.length);
  writeInt64(batch, input.baseOffset ?? 0, BASE_OFFSET_OFFSET);
  batch.writeInt32BE(batch.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
  batch.writeInt32BE(input.partitionLeaderEpoch ?? -1, PARTITION_LEADER_EPOCH_OFFSET);
  batch.writeInt8(CURRENT_MAGIC, MAGIC_OFFSET);
  batch.writeInt16BE(batchAttributes(input), ATTRIBUTES_OFFSET);
  batch.writeInt32BE(lastOffsetDelta, LAST_OFFSET_DELTA_OFFSET);
  writeInt64(batch, baseTimestamp, BASE_TIMESTAMP_OFFSET);
  writeInt64(batch, maxTimestamp, MAX_TIMESTAMP_OFFSET);
  writeInt64(batch, input.producerId ?? -1, PRODUCER_ID_OFFSET);
  batch.writeInt16BE(input.producerEpoch ?? -1, PRODUCER_EPOCH_OFFSET);
  batch.writeInt32BE(input.baseSequence ?? -1, BASE_SEQUENCE_OFFSET);
  batch.writeInt32BE(records.length, RECORD_COUNT_OFFSET);
  payload.copy(batch, RECORD_BATCH_OVERHEAD);
  batch.writeUInt32BE(crc32c(batch.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return batch;
}
