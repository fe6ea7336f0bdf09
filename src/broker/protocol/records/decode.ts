// Decodes RecordBatch v2 bytes into records, for the UI, compaction and tests (the log itself
// keeps the raw bytes). Protocol spec "Record Batch" and "Record".
import { decompress } from './compression';
import { crc32c } from './crc32c';
import { RecordBatchError } from './errors';
import { ATTRIBUTES_OFFSET, LOG_OVERHEAD, RECORD_BATCH_OVERHEAD, readBatchHeader, type RecordBatchHeader } from './header';
import { readRecord, type KafkaRecord } from './record';
import { Reader } from './varint';

export interface DecodeOptions {
  /** Check the stored CRC-32C first (default true). */
  verifyCrc?: boolean;
  /** Bytes the records may inflate to (default DEFAULT_DECOMPRESSION_BUDGET, the default topic's). */
  decompressionBudget?: number;
}

/**
 * Decodes one batch (extra bytes after `batchLength + 12` are ignored), decompressing its records.
 * Record offsets are baseOffset + offsetDelta; timestamps are baseTimestamp + timestampDelta, or
 * maxTimestamp for every record of a LogAppendTime batch (as Kafka's DefaultRecordBatch reports).
 * Keys and values of uncompressed batches are subarrays of `batch`, not copies.
 * @throws RecordBatchError CORRUPT_MESSAGE (truncated batch, bad magic, CRC mismatch, undecodable
 *   payload), INVALID_RECORD (malformed records, count mismatch), UNSUPPORTED_COMPRESSION_TYPE.
 */
export function decodeRecordBatch(batch: Buffer, opts: DecodeOptions = {}): { header: RecordBatchHeader; records: KafkaRecord[] } {
  const header = readBatchHeader(batch);
  const size = header.batchLength + LOG_OVERHEAD;
  if (header.batchLength < RECORD_BATCH_OVERHEAD - LOG_OVERHEAD || size > batch.length) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `batchLength ${header.batchLength} does not fit the ${batch.length} bytes given`);
  }
  const bytes = batch.subarray(0, size);
  if (opts.verifyCrc !== false) {
    const computed = crc32c(bytes.subarray(ATTRIBUTES_OFFSET));
    if (computed !== header.crc) {
      throw new RecordBatchError('CORRUPT_MESSAGE', `record batch is corrupt: stored crc 0x${header.crc.toString(16)}, computed 0x${computed.toString(16)}`);
    }
  }
  if (header.recordCount < 0) throw new RecordBatchError('INVALID_RECORD', `invalid record count ${header.recordCount}`);
  const payload = decompress(header.compression, bytes.subarray(RECORD_BATCH_OVERHEAD), opts.decompressionBudget);
  const reader = new Reader(payload, 0, payload.length);
  const logAppendTime = header.timestampType === 'LogAppendTime' ? header.maxTimestamp : undefined;
  const records: KafkaRecord[] = [];
  for (let i = 0; i < header.recordCount; i++) {
    const r = readRecord(reader);
    records.push({
      offset: header.baseOffset + r.offsetDelta,
      timestamp: logAppendTime ?? header.baseTimestamp + r.timestampDelta,
      key: r.key,
      value: r.value,
      headers: r.headers,
      attributes: r.attributes,
      offsetDelta: r.offsetDelta,
      timestampDelta: r.timestampDelta,
    });
  }
  if (reader.pos !== payload.length) {
    throw new RecordBatchError('INVALID_RECORD', `incorrect declared batch size: ${payload.length - reader.pos} bytes remain after ${header.recordCount} records`);
  }
  return { header, records };
}
