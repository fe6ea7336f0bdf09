/**
 * Kafka error names this module can produce. Each is the name of a Kafka protocol error code
 * (protocol spec, "Error Codes"): CORRUPT_MESSAGE (2), MESSAGE_TOO_LARGE (10),
 * INVALID_TIMESTAMP (32), UNSUPPORTED_FOR_MESSAGE_FORMAT (43), UNSUPPORTED_COMPRESSION_TYPE (76), INVALID_RECORD (87).
 */
export type RecordBatchErrorName =
  | 'CORRUPT_MESSAGE'
  | 'INVALID_RECORD'
  | 'INVALID_TIMESTAMP'
  | 'MESSAGE_TOO_LARGE'
  | 'UNSUPPORTED_COMPRESSION_TYPE'
  | 'UNSUPPORTED_FOR_MESSAGE_FORMAT';

/** Thrown by the throwing readers (readBatchHeader, decodeRecordBatch, decompress); `errorName` is the Kafka error name. */
export class RecordBatchError extends Error {
  readonly errorName: string;
  /** The index within its batch of the record that failed to read, when one did (KIP-467's batch_index). */
  readonly recordIndex: number | undefined;

  constructor(errorName: RecordBatchErrorName, message: string, recordIndex?: number) {
    super(message);
    this.name = 'RecordBatchError';
    this.errorName = errorName;
    this.recordIndex = recordIndex;
  }
}
