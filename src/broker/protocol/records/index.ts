// RecordBatch v2 (magic 2), the only record format Kafka Lab serves. Protocol spec "Record Batch",
// "Record"; KIP-98 (format, transactions), KIP-82 (headers), KIP-110 (zstd), KIP-534 (delete horizon).
//
// The leader's append path, as Kafka's LogValidator does it for an in-place v2 append:
//   const scan = scanBatches(partitionData.records)          // Produce v3+ allows exactly one batch
//   const v = validateBatch(batch, { maxMessageBytes, compactedTopic, … })   // reads every record (a
//                                                             // compressed one within its decompression
//                                                             // budget); error name + record_errors go
//                                                             // in the partition response
//   patchBaseOffset(batch, logEndOffset); patchPartitionLeaderEpoch(batch, leaderEpoch)
//   if (topic is LogAppendTime) patchMaxTimestampLogAppendTime(batch, now)   // recomputes the CRC
//   else setMaxTimestamp(batch, 'CreateTime', v.recordsMaxTimestamp)           // a no-op unless the header lied
// Everything else here only reads: stored batches stay byte-for-byte. Every decompression is
// bounded while it streams (decompression-budget.ts).
export { RecordBatchError, type RecordBatchErrorName } from './errors';
export {
  readBatchHeader, batchSizeAt, magicError, codecId,
  RECORD_BATCH_OVERHEAD, LOG_OVERHEAD, CURRENT_MAGIC,
  type CompressionCodec, type TimestampType, type RecordBatchHeader,
} from './header';
export { splitBatches, scanBatches, type BatchScan } from './split';
export { patchBaseOffset, patchPartitionLeaderEpoch, setMaxTimestamp, patchMaxTimestampLogAppendTime } from './patch';
export { validateBatch, type ValidateOptions, type ValidateResult, type BatchRecordError } from './validate';
export { encodeRecordBatch, batchAttributes, type RecordInput, type RecordBatchInput } from './encode';
export { decodeRecordBatch, type DecodeOptions } from './decode';
export { encodeControlBatch, decodeControlRecord, type ControlType, type ControlBatchOptions } from './control';
export { crc32c } from './crc32c';
export { compress, decompress, isXerialSnappy } from './compression';
export { decompressionBudget, DEFAULT_DECOMPRESSION_BUDGET, DECOMPRESSION_RATIO } from './decompression-budget';
export type { KafkaRecord, RecordHeader } from './record';
