// RecordBatch v2 header layout (protocol spec, "Record Batch"; KIP-98). All integers big-endian.
//   baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 | crc uint32 |
//   attributes int16 | lastOffsetDelta int32 | baseTimestamp int64 | maxTimestamp int64 |
//   producerId int64 | producerEpoch int16 | baseSequence int32 | recordCount int32 | records…
// batchLength counts the bytes after itself; the CRC-32C covers attributes to the end.
import { RecordBatchError } from './errors';
import { readInt64 } from './int64';

export type CompressionCodec = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
export type TimestampType = 'CreateTime' | 'LogAppendTime';

export const BASE_OFFSET_OFFSET = 0;
export const BATCH_LENGTH_OFFSET = 8;
export const PARTITION_LEADER_EPOCH_OFFSET = 12;
export const MAGIC_OFFSET = 16;
export const CRC_OFFSET = 17;
export const ATTRIBUTES_OFFSET = 21;
export const LAST_OFFSET_DELTA_OFFSET = 23;
export const BASE_TIMESTAMP_OFFSET = 27;
export const MAX_TIMESTAMP_OFFSET = 35;
export const PRODUCER_ID_OFFSET = 43;
export const PRODUCER_EPOCH_OFFSET = 51;
export const BASE_SEQUENCE_OFFSET = 53;
export const RECORD_COUNT_OFFSET = 57;
/** Size of the fixed batch header; records start here. */
export const RECORD_BATCH_OVERHEAD = 61;
/** Bytes before batchLength's count begins: baseOffset + batchLength. */
export const LOG_OVERHEAD = 12;
export const CURRENT_MAGIC = 2;

// Attribute bits (protocol spec "Record Batch"; KIP-98 for bits 4–5, KIP-534 for bit 6).
export const COMPRESSION_MASK = 0x07;
export const TIMESTAMP_TYPE_BIT = 0x08;
export const TRANSACTIONAL_BIT = 0x10;
export const CONTROL_BIT = 0x20;
export const DELETE_HORIZON_BIT = 0x40;

export const CODECS: readonly CompressionCodec[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

/** Codec id (attribute bits 0–2) for a codec name. */
export function codecId(codec: CompressionCodec): number {
  return CODECS.indexOf(codec);
}

/** Every field of a RecordBatch v2 header, decoded. Offsets, timestamps (ms) and producerId are JS numbers. */
export interface RecordBatchHeader {
  baseOffset: number;
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  /** Stored CRC-32C, unsigned. */
  crc: number;
  attributes: number;
  compression: CompressionCodec;
  timestampType: TimestampType;
  isTransactional: boolean;
  isControl: boolean;
  hasDeleteHorizon: boolean;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

/**
 * The error Kafka gives a produced batch whose magic is not 2: magic 0 and 1 are real but older
 * formats, refused by Produce v3+ with INVALID_RECORD ("only allowed to contain record batches
 * with magic version 2", ProduceRequest.validateRecords); any other magic is CORRUPT_MESSAGE
 * ("Invalid magic found in record", ByteBufferLogInputStream).
 */
export function magicError(magic: number): RecordBatchError {
  return magic === 0 || magic === 1
    ? new RecordBatchError('INVALID_RECORD', `record batches with magic ${magic} are not supported; only magic version 2 is allowed`)
    : new RecordBatchError('CORRUPT_MESSAGE', `invalid magic found in record: ${magic}`);
}

/** Total size in bytes of the batch starting at `offset` (batchLength + 12), or -1 if its length field is not readable. */
export function batchSizeAt(buf: Buffer, offset = 0): number {
  if (offset + LOG_OVERHEAD > buf.length) return -1;
  return buf.readInt32BE(offset + BATCH_LENGTH_OFFSET) + LOG_OVERHEAD;
}

/**
 * Decodes the 61-byte RecordBatch header at `offset`. Checks only that the header fits and the
 * compression id is known; the CRC and length consistency are validateBatch's job.
 * @throws RecordBatchError CORRUPT_MESSAGE if fewer than 61 bytes remain; for magic ≠ 2 see
 *   magicError; UNSUPPORTED_COMPRESSION_TYPE for codec ids 5–7.
 */
export function readBatchHeader(buf: Buffer, offset = 0): RecordBatchHeader {
  if (offset < 0 || offset + RECORD_BATCH_OVERHEAD > buf.length) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `record batch header needs ${RECORD_BATCH_OVERHEAD} bytes, ${Math.max(0, buf.length - offset)} available`);
  }
  const magic = buf.readInt8(offset + MAGIC_OFFSET);
  if (magic !== CURRENT_MAGIC) throw magicError(magic);
  const attributes = buf.readInt16BE(offset + ATTRIBUTES_OFFSET);
  const codec = CODECS[attributes & COMPRESSION_MASK];
  if (codec === undefined) {
    throw new RecordBatchError('UNSUPPORTED_COMPRESSION_TYPE', `unknown compression type id ${attributes & COMPRESSION_MASK}`);
  }
  return {
    baseOffset: readInt64(buf, offset + BASE_OFFSET_OFFSET),
    batchLength: buf.readInt32BE(offset + BATCH_LENGTH_OFFSET),
    partitionLeaderEpoch: buf.readInt32BE(offset + PARTITION_LEADER_EPOCH_OFFSET),
    magic,
    crc: buf.readUInt32BE(offset + CRC_OFFSET),
    attributes,
    compression: codec,
    timestampType: attributes & TIMESTAMP_TYPE_BIT ? 'LogAppendTime' : 'CreateTime',
    isTransactional: (attributes & TRANSACTIONAL_BIT) !== 0,
    isControl: (attributes & CONTROL_BIT) !== 0,
    hasDeleteHorizon: (attributes & DELETE_HORIZON_BIT) !== 0,
    lastOffsetDelta: buf.readInt32BE(offset + LAST_OFFSET_DELTA_OFFSET),
    baseTimestamp: readInt64(buf, offset + BASE_TIMESTAMP_OFFSET),
    maxTimestamp: readInt64(buf, offset + MAX_TIMESTAMP_OFFSET),
    producerId: readInt64(buf, offset + PRODUCER_ID_OFFSET),
    producerEpoch: buf.readInt16BE(offset + PRODUCER_EPOCH_OFFSET),
    baseSequence: buf.readInt32BE(offset + BASE_SEQUENCE_OFFSET),
    recordCount: buf.readInt32BE(offset + RECORD_COUNT_OFFSET),
  };
}
