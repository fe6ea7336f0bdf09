// Produce-path checks of one RecordBatch v2, in the order Kafka applies them
// (ByteBufferLogInputStream.nextBatchSize, ProduceRequest.validateRecords,
// UnifiedLog.analyzeAndValidateRecords, DefaultRecordBatch.ensureValid, LogValidator.validateBatch).
import { decompress } from './compression';
import { crc32c } from './crc32c';
import { RecordBatchError, type RecordBatchErrorName } from './errors';
import {
  ATTRIBUTES_OFFSET, CRC_OFFSET, CURRENT_MAGIC, LOG_OVERHEAD, MAGIC_OFFSET,
  RECORD_BATCH_OVERHEAD, magicError, readBatchHeader, type RecordBatchHeader,
} from './header';
import { checkRecords } from './record';
import { MIN_BATCH_LENGTH } from './split';

export interface ValidateOptions {
  /** The topic's `max.message.bytes` (Kafka default 1048588), compared with the whole batch size including the 12-byte log overhead. */
  maxMessageBytes: number;
  /** Accept control batches (attributes bit 5). Clients may not write them; the transaction coordinator's markers may. */
  allowControl?: boolean;
  /** Walk the records of an uncompressed batch to check they fill it exactly (default true). */
  checkRecords?: boolean;
  /**
   * Also decompress a compressed batch to walk its records (default false: the log stores
   * batches as received and decompresses only for the UI and compaction). Kafka's LogValidator
   * does decompress; turn this on to reject what Kafka would reject.
   */
  checkCompressedRecords?: boolean;
}

export type ValidateResult =
  | { ok: true; header: RecordBatchHeader }
  | { ok: false; error: RecordBatchErrorName; message: string };

function fail(error: RecordBatchErrorName, message: string): ValidateResult {
  return { ok: false, error, message };
}

/**
 * Validates one complete batch (exactly `batchLength + 12` bytes) as a leader does on produce.
 * Never throws: garbage yields an error result naming the Kafka error.
 * - CORRUPT_MESSAGE: buffer length ≠ batchLength + 12, batchLength < 14, a batch smaller than its
 *   61-byte header, magic outside 0–2, or a CRC-32C mismatch.
 * - INVALID_RECORD: magic 0 or 1 (Produce v3+ takes magic 2 only), recordCount ≤ 0,
 *   lastOffsetDelta ≠ recordCount − 1, a control batch unless allowed, a data batch with a producerId
 *   and a negative baseSequence, or records that do not fill the batch exactly (uncompressed; also
 *   compressed with checkCompressedRecords, where an undecodable payload is CORRUPT_MESSAGE).
 * - MESSAGE_TOO_LARGE: batch size > maxMessageBytes (RecordTooLargeException).
 * - UNSUPPORTED_COMPRESSION_TYPE: codec id 5–7. Kafka itself fails these with an
 *   IllegalArgumentException (UNKNOWN_SERVER_ERROR); a named error is kinder to clients.
 */
export function validateBatch(batch: Buffer, opts: ValidateOptions): ValidateResult {
  try {
    return validateOrThrow(batch, opts);
  } catch (e) {
    if (e instanceof RecordBatchError) return fail(e.errorName as RecordBatchErrorName, e.message);
    return fail('CORRUPT_MESSAGE', `record batch could not be read: ${(e as Error).message}`);
  }
}

function validateOrThrow(batch: Buffer, opts: ValidateOptions): ValidateResult {
  if (batch.length < LOG_OVERHEAD) return fail('CORRUPT_MESSAGE', `record batch of ${batch.length} bytes has no length field`);
  const batchLength = batch.readInt32BE(8);
  if (batchLength < MIN_BATCH_LENGTH) {
    return fail('CORRUPT_MESSAGE', `record size ${batchLength} is less than the minimum record overhead (${MIN_BATCH_LENGTH})`);
  }
  if (batchLength + LOG_OVERHEAD !== batch.length) {
    return fail('CORRUPT_MESSAGE', `batchLength ${batchLength} + ${LOG_OVERHEAD} does not match the ${batch.length} bytes received`);
  }
  const magic = batch.readInt8(MAGIC_OFFSET);
  if (magic !== CURRENT_MAGIC) {
    const e = magicError(magic);
    return fail(e.errorName as RecordBatchErrorName, e.message);
  }
  if (batch.length > opts.maxMessageBytes) {
    return fail('MESSAGE_TOO_LARGE', `the record batch is ${batch.length} bytes, larger than max.message.bytes ${opts.maxMessageBytes}`);
  }
  if (batch.length < RECORD_BATCH_OVERHEAD) {
    return fail('CORRUPT_MESSAGE', `record batch is corrupt: its size ${batch.length} is smaller than the minimum allowed overhead ${RECORD_BATCH_OVERHEAD}`);
  }
  const stored = batch.readUInt32BE(CRC_OFFSET);
  const computed = crc32c(batch.subarray(ATTRIBUTES_OFFSET));
  if (stored !== computed) {
    return fail('CORRUPT_MESSAGE', `record batch is corrupt: stored crc 0x${stored.toString(16)}, computed 0x${computed.toString(16)}`);
  }
  const header = readBatchHeader(batch);
  if (header.recordCount <= 0) return fail('INVALID_RECORD', `invalid reported count for record batch: ${header.recordCount}`);
  if (header.lastOffsetDelta < 0) {
    return fail('INVALID_RECORD', `batch has an invalid offset range: lastOffsetDelta ${header.lastOffsetDelta}`);
  }
  if (header.lastOffsetDelta !== header.recordCount - 1) {
    return fail('INVALID_RECORD', `inconsistent batch offset range (lastOffsetDelta ${header.lastOffsetDelta}) and count of records ${header.recordCount}`);
  }
  if (header.isControl && !opts.allowControl) return fail('INVALID_RECORD', 'clients are not allowed to write control records');
  // Transaction markers carry a producerId with baseSequence -1 by design.
  if (!header.isControl && header.producerId >= 0 && header.baseSequence < 0) {
    return fail('INVALID_RECORD', `invalid sequence number ${header.baseSequence} for producerId ${header.producerId}`);
  }
  if (header.compression === 'none') {
    if (opts.checkRecords !== false) checkRecords(batch, RECORD_BATCH_OVERHEAD, batch.length, header.recordCount);
  } else if (opts.checkCompressedRecords) {
    const payload = decompress(header.compression, batch.subarray(RECORD_BATCH_OVERHEAD));
    checkRecords(payload, 0, payload.length, header.recordCount);
  }
  return { ok: true, header };
}
