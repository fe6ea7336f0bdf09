/**
 * Kafka error names this module can produce. Each is the name of a Kafka protocol error code
 * (protocol spec, "Error Codes"): CORRUPT_MESSAGE (2), MESSAGE_TOO_LARGE (10),
 * UNSUPPORTED_FOR_MESSAGE_FORMAT (43), UNSUPPORTED_COMPRESSION_TYPE (76), INVALID_RECORD (87).
 */
export type RecordBatchErrorName =
  | 'CORRUPT_MESSAGE'
  | 'INVALID_RECORD'
  | 'MESSAGE_TOO_LARGE'
  | 'UNSUPPORTED_COMPRESSION_TYPE'
  | 'UNSUPPORTED_FOR_MESSAGE_FORMAT';

/** Thrown by the throwing readers (readBatchHeader, decodeRecordBatch, decompress); `errorName` is the Kafka error name. */
export class RecordBatchError extends Error {
  readonly errorName: string;

  constructor(errorName: RecordBatchErrorName, message: string) {
    super(message);
    this.name = 'RecordBatchError';
    this.errorName = errorName;
  }
}
