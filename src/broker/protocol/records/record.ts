// One Record inside a v2 batch (protocol spec "Record"; KIP-82 for headers):
//   length varint | attributes int8 | timestampDelta varlong | offsetDelta varint |
//   keyLength varint | key | valueLength varint | value | headerCount varint |
//   [headerKeyLength varint | headerKey utf8 | headerValueLength varint | headerValue]…
// Lengths of -1 mean null (key, value, header value); header keys are never null.
import { RecordBatchError } from './errors';
import { Reader, sizeOfVarint, writeVarint } from './varint';

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

/** A decoded record. `offset` = baseOffset + offsetDelta; `timestamp` (ms) = baseTimestamp + timestampDelta, or the batch's maxTimestamp for LogAppendTime batches. */
export interface KafkaRecord {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
  attributes: number;
  offsetDelta: number;
  timestampDelta: number;
}

/** The wire fields of one record, before the batch gives it an offset and a timestamp. */
export interface RecordFields {
  attributes: number;
  timestampDelta: number;
  offsetDelta: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

function sizeOfNullableBytes(b: Buffer | null): number {
  return b === null ? 1 : sizeOfVarint(b.length) + b.length;
}

function bodySize(r: RecordFields, headerKeys: Buffer[]): number {
  let size = 1 + sizeOfVarint(r.timestampDelta) + sizeOfVarint(r.offsetDelta);
  size += sizeOfNullableBytes(r.key) + sizeOfNullableBytes(r.value) + sizeOfVarint(r.headers.length);
  for (let i = 0; i < r.headers.length; i++) {
    size += sizeOfVarint(headerKeys[i]!.length) + headerKeys[i]!.length + sizeOfNullableBytes(r.headers[i]!.value);
  }
  return size;
}

function writeNullableBytes(buf: Buffer, b: Buffer | null, pos: number): number {
  if (b === null) return writeVarint(buf, -1, pos);
  pos = writeVarint(buf, b.length, pos);
  b.copy(buf, pos);
  return pos + b.length;
}

/** Serialises one record (with its length prefix) into a new Buffer. */
export function encodeRecord(r: RecordFields): Buffer {
  const headerKeys = r.headers.map((h) => Buffer.from(h.key, 'utf8'));
  const body = bodySize(r, headerKeys);
  const buf = Buffer.allocUnsafe(sizeOfVarint(body) + body);
  let pos = writeVarint(buf, body, 0);
  buf.writeInt8(r.attributes, pos++);
  pos = writeVarint(buf, r.timestampDelta, pos);
  pos = writeVarint(buf, r.offsetDelta, pos);
  pos = writeNullableBytes(buf, r.key, pos);
  pos = writeNullableBytes(buf, r.value, pos);
  pos = writeVarint(buf, r.headers.length, pos);
  for (let i = 0; i < r.headers.length; i++) {
    pos = writeNullableBytes(buf, headerKeys[i]!, pos);
    pos = writeNullableBytes(buf, r.headers[i]!.value, pos);
  }
  if (pos !== buf.length) throw new Error(`record size mismatch: wrote ${pos} of ${buf.length} bytes`);
  return buf;
}

/**
 * Reads one record at the reader's position. Keys, values and header values are subarrays of the
 * reader's buffer (copy them if the buffer is reused).
 * @throws RecordBatchError INVALID_RECORD if the record is truncated or its length disagrees with its fields.
 */
export function readRecord(r: Reader): RecordFields {
  const length = r.varint();
  if (length < 0) throw new RecordBatchError('INVALID_RECORD', `negative record length ${length}`);
  const start = r.pos;
  const attributes = r.int8();
  const timestampDelta = r.varlong();
  const offsetDelta = r.varint();
  const key = r.bytes(r.varint());
  const value = r.bytes(r.varint());
  const count = r.varint();
  if (count < 0) throw new RecordBatchError('INVALID_RECORD', `invalid negative header count ${count}`);
  const headers: RecordHeader[] = [];
  for (let i = 0; i < count; i++) {
    const keyLength = r.varint();
    if (keyLength < 0) throw new RecordBatchError('INVALID_RECORD', `invalid negative header key size ${keyLength}`);
    const headerKey = r.bytes(keyLength)!.toString('utf8');
    headers.push({ key: headerKey, value: r.bytes(r.varint()) });
  }
  if (r.pos - start !== length) {
    throw new RecordBatchError('INVALID_RECORD', `invalid record size: expected ${length} bytes in record payload, read ${r.pos - start}`);
  }
  return { attributes, timestampDelta, offsetDelta, key, value, headers };
}

/** Skips one record, checking its structure as readRecord does but allocating nothing. */
export function skipRecord(r: Reader): void {
  const length = r.varint();
  if (length < 0) throw new RecordBatchError('INVALID_RECORD', `negative record length ${length}`);
  const start = r.pos;
  r.int8();
  r.varlong();
  r.varint();
  r.skip(r.varint());
  r.skip(r.varint());
  const count = r.varint();
  if (count < 0) throw new RecordBatchError('INVALID_RECORD', `invalid negative header count ${count}`);
  for (let i = 0; i < count; i++) {
    const keyLength = r.varint();
    if (keyLength < 0) throw new RecordBatchError('INVALID_RECORD', `invalid negative header key size ${keyLength}`);
    r.skip(keyLength);
    r.skip(r.varint());
  }
  if (r.pos - start !== length) {
    throw new RecordBatchError('INVALID_RECORD', `invalid record size: expected ${length} bytes in record payload, read ${r.pos - start}`);
  }
}

/** Checks that `count` records exactly fill `[start, end)` of `buf` without building them. Throws INVALID_RECORD. */
export function checkRecords(buf: Buffer, start: number, end: number, count: number): void {
  // Every produced record is walked: the common, well-formed case runs without the Reader's
  // per-byte bounds checks; anything unexpected is re-walked by the Reader for its exact error.
  if (fitsExactly(buf, start, end, count)) return;
  const r = new Reader(buf, start, end);
  for (let i = 0; i < count; i++) skipRecord(r);
  if (r.pos !== end) {
    throw new RecordBatchError('INVALID_RECORD', `incorrect declared batch size: ${end - r.pos} bytes remain after ${count} records`);
  }
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

/** Whether `count` well-formed records exactly fill [start, end) (the checks of skipRecord, no errors built). */
function fitsExactly(buf: Buffer, start: number, end: number, count: number): boolean {
  let pos = start;
  for (let i = 0; i < count; i++) {
    if (!readVarintAt(buf, pos, end, 5) || VARINT_VALUE < 0) return false;
    const recordEnd = VARINT_POS + VARINT_VALUE;
    if (recordEnd > end) return false;
    pos = VARINT_POS + 1; // attributes
    if (!readVarintAt(buf, pos, recordEnd, 10)) return false; // timestampDelta
    if (!readVarintAt(buf, VARINT_POS, recordEnd, 5)) return false; // offsetDelta
    if (!readVarintAt(buf, VARINT_POS, recordEnd, 5)) return false; // key length
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
