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
