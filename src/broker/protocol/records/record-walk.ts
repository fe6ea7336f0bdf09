/**
 * Walks the records of one batch's (decompressed) records section as Kafka's LogValidator does on
 * produce: every record read through (DefaultRecord.readFrom: sizes, varints, header counts and
 * keys), the count matching the batch header ("Incorrect declared batch size"), and per record
 * what LogValidator.validateRecord / validateKey look at: whether it has a key, its offsetDelta,
 * its timestamp. Reads only; allocates no record.
 */
import { RecordBatchError } from './errors';
import { skipRecord } from './record';
import { Reader } from './varint';

export interface RecordsSummary {
  /** Largest timestampDelta (add the batch's baseTimestamp for the records' max timestamp). */
  maxTimestampDelta: number;
  /** Indexes of records without a key (keyLength −1); collected only when asked for (compacted topics). */
  keyless: number[];
  /** Indexes of records whose offsetDelta is not their index, with the offsetDelta found. */
  offsetDeltaMismatches: { index: number; offsetDelta: number }[];
}

/**
 * Walks `count` records that must exactly fill [start, end) of `buf`.
 * @throws RecordBatchError INVALID_RECORD naming the first record that does not read
 *   (`recordIndex`), or the bytes left after `count` records.
 */
export function walkRecords(buf: Buffer, start: number, end: number, count: number, collectKeyless = true): RecordsSummary {
  const summary: RecordsSummary = { maxTimestampDelta: 0, keyless: [], offsetDeltaMismatches: [] };
  KEYLESS = collectKeyless;
  // The common, well-formed case runs without the Reader's per-byte bounds checks; anything
  // unexpected is re-walked by the Reader for its exact error.
  if (fitsExactly(buf, start, end, count, summary)) return summary;
  const r = new Reader(buf, start, end);
  for (let i = 0; i < count; i++) {
    if (r.pos >= end) {
      throw new RecordBatchError('INVALID_RECORD', `Incorrect declared batch size, premature EOF reached: the batch declares ${count} records, record ${i} is missing`, i);
    }
    try {
      skipRecord(r);
    } catch (e) {
      if (e instanceof RecordBatchError) throw new RecordBatchError('INVALID_RECORD', `record ${i}: ${e.message}`, i);
      throw e;
    }
  }
  if (r.pos !== end) {
    throw new RecordBatchError('INVALID_RECORD', `Incorrect declared batch size, records still remaining: ${end - r.pos} bytes after ${count} records`, count);
  }
  // fitsExactly failed only on its own limits (a varint it reads differently): walk again for the summary.
  return summarize(buf, start, count, summary);
}

function summarize(buf: Buffer, start: number, count: number, summary: RecordsSummary): RecordsSummary {
  summary.keyless.length = 0;
  summary.offsetDeltaMismatches.length = 0;
  summary.maxTimestampDelta = 0;
  const r = new Reader(buf, start, buf.length);
  for (let i = 0; i < count; i++) {
    const length = r.varint();
    const recordEnd = r.pos + length;
    r.int8();
    const timestampDelta = r.varlong();
    const offsetDelta = r.varint();
    const keyLength = r.varint();
    note(summary, i, timestampDelta, offsetDelta, keyLength);
    r.pos = recordEnd;
  }
  return summary;
}

/** Whether the current walk collects keyless indexes (module state like VARINT_*: set once per walk). */
let KEYLESS = true;

function note(summary: RecordsSummary, index: number, timestampDelta: number, offsetDelta: number, keyLength: number): void {
  if (index === 0 || timestampDelta > summary.maxTimestampDelta) summary.maxTimestampDelta = timestampDelta;
  if (offsetDelta !== index) summary.offsetDeltaMismatches.push({ index, offsetDelta });
  if (keyLength === -1 && KEYLESS) summary.keyless.push(index);
}

/**
 * Zigzag varint at `pos` of at most `maxBytes` bytes, below `end`, into VARINT_VALUE and
 * VARINT_POS; false when truncated or too long. Module state instead of a result object: this runs
 * several times per record on the produce path.
 */
let VARINT_VALUE = 0;
let VARINT_POS = 0;
function readVarintAt(buf: Buffer, pos: number, end: number, maxBytes: number): boolean {
  // One- and two-byte varints (values −64…63 and −8192…8191: flags, deltas, key and value
  // lengths of small records) are nearly every varint on the produce path.
  if (pos < end) {
    const b0 = buf[pos]!;
    if (b0 < 0x80) {
      VARINT_VALUE = (b0 >>> 1) ^ -(b0 & 1);
      VARINT_POS = pos + 1;
      return true;
    }
    const b1 = pos + 1 < end ? buf[pos + 1]! : 0x80;
    if (b1 < 0x80) {
      const u = (b0 & 0x7f) | (b1 << 7);
      VARINT_VALUE = (u >>> 1) ^ -(u & 1);
      VARINT_POS = pos + 2;
      return true;
    }
  }
  return readVarintSlow(buf, pos, end, maxBytes);
}

function readVarintSlow(buf: Buffer, pos: number, end: number, maxBytes: number): boolean {
  let u = 0;
  let mul = 1;
  for (let i = 0; i < maxBytes && pos < end; i++) {
    const b = buf[pos++]!;
    u += (b & 0x7f) * mul;
    if ((b & 0x80) === 0) {
      VARINT_VALUE = u % 2 === 0 ? u / 2 : -(u + 1) / 2;
      VARINT_POS = pos;
      return true;
    }
    mul *= 128;
  }
  return false;
}

/** Whether `count` well-formed records exactly fill [start, end) (the checks of skipRecord, no errors built), noting each in `summary`. */
function fitsExactly(buf: Buffer, start: number, end: number, count: number, summary: RecordsSummary): boolean {
  let pos = start;
  for (let i = 0; i < count; i++) {
    if (!readVarintAt(buf, pos, end, 5) || VARINT_VALUE < 0) return false;
    const recordEnd = VARINT_POS + VARINT_VALUE;
    if (recordEnd > end) return false;
    pos = VARINT_POS + 1; // attributes
    if (!readVarintAt(buf, pos, recordEnd, 10)) return false;
    const timestampDelta = VARINT_VALUE;
    if (!readVarintAt(buf, VARINT_POS, recordEnd, 5)) return false;
    const offsetDelta = VARINT_VALUE;
    if (!readVarintAt(buf, VARINT_POS, recordEnd, 5)) return false; // key length
    note(summary, i, timestampDelta, offsetDelta, VARINT_VALUE);
    pos = VARINT_POS + (VARINT_VALUE > 0 ? VARINT_VALUE : 0);
    if (VARINT_VALUE < -1 || !readVarintAt(buf, pos, recordEnd, 5)) return false; // value length
    pos = VARINT_POS + (VARINT_VALUE > 0 ? VARINT_VALUE : 0);
    if (VARINT_VALUE < -1 || !readVarintAt(buf, pos, recordEnd, 5) || VARINT_VALUE < 0) return false; // header count
    let headers = VARINT_VALUE;
    pos = VARINT_POS;
    while (headers-- > 0) {
      if (!readVarintAt(buf, pos, recordEnd, 5) || VARINT_VALUE < 0) return false;
      pos = VARINT_POS + VARINT_VALUE;
      if (!readVarintAt(buf, pos, recordEnd, 5) || VARINT_VALUE < -1) return false;
      pos = VARINT_POS + (VARINT_VALUE > 0 ? VARINT_VALUE : 0);
    }
    if (pos !== recordEnd) return false;
  }
  return pos === end;
}
