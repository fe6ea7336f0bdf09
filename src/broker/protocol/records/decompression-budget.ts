/**
 * How many bytes one batch's records may inflate to. Kafka bounds a produced batch only by its
 * compressed size (max.message.bytes, RecordTooLargeException) and inflates whatever follows
 * (DefaultRecordBatch.compressedIterator streams it); a 16 KiB zstd frame of zeros then becomes
 * 512 MiB. We bound every decompression while it streams.
 *
 * The rule: 32 × the larger of the topic's max.message.bytes and Kafka's default (1048588), i.e.
 * 32 MiB with Kafka's defaults. Why 32×: the decompressed side of a real batch is bounded by the
 * producers' own limits — librdkafka builds batches up to message.max.bytes / batch.size (1 MB,
 * counted before compression), the Java producer caps each record at max.request.size (1 MiB) and
 * fills batch.size by its *estimated* compressed size, so a batch's records reach a few times
 * batch.size — while record data (JSON, logs, text) compresses 3–15×. 32× a 1 MiB batch leaves
 * room for data twice as compressible as that; only deliberately degenerate payloads (long runs of
 * one byte) go past it. The floor keeps a topic with a tiny max.message.bytes from refusing
 * ordinary compressible batches.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 1048588;
export const DECOMPRESSION_RATIO = 32;

/** The decompression budget for a topic whose max.message.bytes is `maxMessageBytes`. */
export function decompressionBudget(maxMessageBytes: number = DEFAULT_MAX_MESSAGE_BYTES): number {
  return DECOMPRESSION_RATIO * Math.max(maxMessageBytes, DEFAULT_MAX_MESSAGE_BYTES);
}

/** The budget for readers that do not know the topic (scans, the app's kafkajs codecs): the default topic's. */
export const DEFAULT_DECOMPRESSION_BUDGET = decompressionBudget();

/** Thrown inside a codec when its output would pass the budget; compression.ts names it CORRUPT_MESSAGE. */
export class DecompressionBudgetExceeded extends Error {
  constructor(readonly budget: number) {
    super(`decompressed records exceed the ${budget}-byte decompression budget`);
    this.name = 'DecompressionBudgetExceeded';
  }
}
