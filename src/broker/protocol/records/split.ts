// A Produce or Fetch `records` field is zero or more RecordBatches laid end to end (protocol spec
// "Record Batch"). Fetch responses may end with a partial batch cut at the byte limit; clients
// drop it, and so do we.
import { BATCH_LENGTH_OFFSET, LOG_OVERHEAD } from './header';

/** Smallest legal batchLength value; Kafka's ByteBufferLogInputStream rejects anything less (LegacyRecord.RECORD_OVERHEAD_V0). */
export const MIN_BATCH_LENGTH = 14;

export interface BatchScan {
  /** Complete batches, as subarrays of the input (no copies). */
  batches: Buffer[];
  /** Bytes after the last complete batch: a partial batch, or bytes after a corrupt length. */
  trailingBytes: number;
  /** Set when a batchLength field is impossible (< 14); scanning stopped there. Kafka: CORRUPT_MESSAGE. */
  corrupt?: string;
}

/** Splits a records field into its batches, reporting any trailing partial batch or corrupt length. Never throws. */
export function scanBatches(buf: Buffer): BatchScan {
  const batches: Buffer[] = [];
  let pos = 0;
  while (pos + LOG_OVERHEAD <= buf.length) {
    const batchLength = buf.readInt32BE(pos + BATCH_LENGTH_OFFSET);
    if (batchLength < MIN_BATCH_LENGTH) {
      return { batches, trailingBytes: buf.length - pos, corrupt: `batch at byte ${pos} has batchLength ${batchLength}, below the minimum ${MIN_BATCH_LENGTH}` };
    }
    const end = pos + LOG_OVERHEAD + batchLength;
    if (end > buf.length) break;
    batches.push(buf.subarray(pos, end));
    pos = end;
  }
  return { batches, trailingBytes: buf.length - pos };
}

/** The complete batches of a records field, as subarrays; a trailing partial batch is dropped (see scanBatches for details). */
export function splitBatches(buf: Buffer): Buffer[] {
  return scanBatches(buf).batches;
}
