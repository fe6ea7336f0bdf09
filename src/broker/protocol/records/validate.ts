// Produce-path checks of one RecordBatch v2, in the order Kafka applies them
// (ByteBufferLogInputStream.nextBatchSize, ProduceRequest.validateRecords,
// UnifiedLog.analyzeAndValidateRecords, DefaultRecordBatch.ensureValid, LogValidator.validateBatch).
import { decompress } from './compression';
import { crc32c } from './crc32c';
import { RecordBatchError, type RecordBatchErrorName } from './errors';
import {
  ATTRIBUTES_OFFSET, CRC_OFFSET, CURRENT_MAGIC, LOG_OVERHEAD, MAGIC_OFFSET,
  RECORD_BATCH_OVERHEAD, magicError, readBatchHeader, type RecordBatchHeader, type TimestampType,
} from './header';
import { decompressionBudget } from './decompression-budget';
import { walkRecords, type RecordsSummary } from './record-walk';
import { MIN_BATCH_LENGTH } from './split';

export interface ValidateOptions {
  /** The topic's `max.message.bytes` (Kafka default 1048588), compared with the whole batch size including the 12-byte log overhead. */
  maxMessageBytes: number;
  /** Accept control batches (attributes bit 5). Clients may not write them; the transaction coordinator's markers may. */
  allowControl?: boolean;
  /** LogValidator's compactedTopic: the topic's cleanup.policy contains `compact` (`compact` or `delete,compact`). */
  compactedTopic?: boolean;
  /** The topic's message.timestamp.type (default CreateTime). */
  topicTimestampType?: TimestampType;
  /** `topic-partition`, for messages as Kafka writes them. */
  topicPartition?: string;
  /** Bytes a compressed batch's records may inflate to (default: decompressionBudget(maxMessageBytes)). */
  decompressionBudget?: number;
  /**
   * Walk the records (default true): decompress a compressed batch within the budget and check
   * every record. false checks the header and CRC only — for the benchmark that measures what
   * record validation costs, never for a broker.
   */
  checkRecords?: boolean;
}

/** KIP-467: one bad record, by its index in the batch (Produce v8+ record_errors). */
export interface BatchRecordError {
  batchIndex: number;
  message: string;
}

export type ValidateResult =
  | { ok: true; header: RecordBatchHeader; /** The records' largest timestamp (CreateTime), or header.maxTimestamp when records were not walked. */ recordsMaxTimestamp: number }
  | { ok: false; error: RecordBatchErrorName; message: string; recordErrors: BatchRecordError[] };

function fail(error: RecordBatchErrorName, message: string, recordErrors: BatchRecordError[] = []): ValidateResult {
  return { ok: false, error, message, recordErrors };
}

/**
 * Validates one complete batch (exactly `batchLength + 12` bytes) as a leader does on produce
 * (ProduceRequest.validateRecords, UnifiedLog.analyzeAndValidateRecords, DefaultRecordBatch.ensureValid,
 * LogValidator.validateBatch and validateRecord). Never throws: garbage yields an error result.
 * - CORRUPT_MESSAGE: buffer length ≠ batchLength + 12, batchLength < 14, a batch smaller than its
 *   61-byte header, magic outside 0–2, a CRC-32C mismatch; a compressed payload that does not
 *   decompress or inflates past the decompression budget (Kafka fails the first with a
 *   KafkaException, "Failed to decompress record stream", answered UNKNOWN_SERVER_ERROR; the
 *   named error tells the client what is wrong).
 * - INVALID_RECORD: magic 0 or 1 (Produce v3+ takes magic 2 only), recordCount ≤ 0,
 *   lastOffsetDelta ≠ recordCount − 1, a control batch unless allowed, a data batch with a
 *   producerId and a negative baseSequence; a record that does not read (record_errors names it)
 *   or records that do not fill the batch; and, with record_errors naming every bad record:
 *   a record without a key on a compacted topic (LogValidator.validateKey), an offsetDelta that is
 *   not the record's index (see below).
 * - INVALID_TIMESTAMP: a LogAppendTime batch from a producer (LogValidator.validateTimestamp).
 * - MESSAGE_TOO_LARGE: batch size > maxMessageBytes (RecordTooLargeException).
 * - UNSUPPORTED_COMPRESSION_TYPE: codec id 5–7. Kafka itself fails these with an
 *   IllegalArgumentException (UNKNOWN_SERVER_ERROR); a named error is kinder to clients.
 * offsetDeltas: Kafka rewrites a compressed batch whose records are not numbered 0…n−1 (its
 * "older clients" path in validateMessagesAndAssignOffsetsCompressed) and does not look at them in
 * an uncompressed one; we store batches byte-for-byte (ARCHITECTURE §3), so we refuse them instead
 * of storing records whose offsets disagree with the batch. Every client writes them in order.
 * Timestamp ranges (message.timestamp.before/after.max.ms) are not checked: the model's clock is
 * simulated time, which a paused or sped-up cluster moves away from the producers' clocks.
 */
export function validateBatch(batch: Buffer, opts: ValidateOptions): ValidateResult {
  try {
    return validateOrThrow(batch, opts);
  } catch (e) {
    if (e instanceof RecordBatchError) {
      const name = e.errorName as RecordBatchErrorName;
      const recordErrors = e.recordIndex === undefined ? [] : [{ batchIndex: e.recordIndex, message: e.message }];
      return fail(name, e.message, recordErrors);
    }
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
  if (opts.checkRecords === false) return { ok: true, header, recordsMaxTimestamp: header.maxTimestamp };
  const payload = header.compression === 'none'
    ? batch.subarray(RECORD_BATCH_OVERHEAD)
    : decompress(header.compression, batch.subarray(RECORD_BATCH_OVERHEAD), opts.decompressionBudget ?? decompressionBudget(opts.maxMessageBytes));
  const summary = walkRecords(payload, 0, payload.length, header.recordCount, opts.compactedTopic === true && !header.isControl);
  const recordErrors = recordErrorsOf(header, summary, opts);
  if (recordErrors.length > 0) {
    if (recordErrors.some((e) => e.timestamp)) {
      return fail('INVALID_TIMESTAMP', 'One or more records have been rejected due to invalid timestamp', recordErrors.map(stripKind));
    }
    const shown = recordErrors.slice(0, 3).map((e) => `${e.batchIndex}: ${e.message}`).join('; ');
    return fail('INVALID_RECORD', `One or more records have been rejected due to ${recordErrors.length} record errors in total, and only showing the first three errors at most: [${shown}]`, recordErrors.map(stripKind));
  }
  return { ok: true, header, recordsMaxTimestamp: header.baseTimestamp + summary.maxTimestampDelta };
}

type KindedRecordError = BatchRecordError & { timestamp: boolean };

function stripKind(e: KindedRecordError): BatchRecordError {
  return { batchIndex: e.batchIndex, message: e.message };
}

/** LogValidator.validateRecord per record, in its order: the key first, then the timestamp; one error per record. */
function recordErrorsOf(header: RecordBatchHeader, summary: RecordsSummary, opts: ValidateOptions): KindedRecordError[] {
  const where = opts.topicPartition ? ` in topic partition ${opts.topicPartition}` : '';
  const byIndex = new Map<number, KindedRecordError>();
  for (const m of summary.offsetDeltaMismatches) {
    byIndex.set(m.index, { batchIndex: m.index, timestamp: false, message: `Record ${m.index} has offsetDelta ${m.offsetDelta}; the records of a batch must carry offsetDeltas 0 to ${header.recordCount - 1} in order${where}` });
  }
  if (opts.compactedTopic && !header.isControl) {
    for (const i of summary.keyless) {
      if (!byIndex.has(i)) byIndex.set(i, { batchIndex: i, timestamp: false, message: `Compacted topic cannot accept message without key${where}` });
    }
  }
  // A LogAppendTime batch reports maxTimestamp as every record's timestamp: Kafka range-checks it on
  // a CreateTime topic, and refuses it when the topic is LogAppendTime or the timestamp is −1.
  const topicType = opts.topicTimestampType ?? 'CreateTime';
  if (header.timestampType === 'LogAppendTime' && !header.isControl && (topicType === 'LogAppendTime' || header.maxTimestamp === -1)) {
    for (let i = 0; i < header.recordCount; i++) {
      if (!byIndex.has(i)) byIndex.set(i, { batchIndex: i, timestamp: true, message: 'Invalid timestamp type in message: producer should not set timestamp type to LogAppendTime' });
    }
  }
  return [...byIndex.values()].sort((a, b) => a.batchIndex - b.batchIndex);
}
