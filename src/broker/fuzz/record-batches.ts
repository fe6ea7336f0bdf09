/**
 * Hostile record batches (protocol spec "Record Batch" and "Record"; KIP-98, KIP-110): well framed
 * enough to reach the produce path, wrong inside. Every kind except `bad-crc` carries a correct
 * CRC-32C over what it sends, so the broker cannot stop at the CRC and must look at the contents
 * as Kafka's LogValidator does. Kinds are named so a run can leave one out (KNOWN_OPEN).
 */
import { gzipSync } from 'node:zlib';
import { compressSync as snappyCompress } from 'snappy';
import { compressFrameSync } from 'lz4-napi';
import { compress, crc32c, encodeControlBatch, encodeRecordBatch, type RecordInput } from '../protocol/records';
import { writeVarint } from '../protocol/records/varint';
import type { Hostile } from './hostile';

export const RECORD_KINDS = ['valid', 'bad-compressed', 'codec-mismatch', 'bomb', 'bad-header', 'bad-records', 'attributes', 'bad-crc'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

const CODECS = ['gzip', 'snappy', 'lz4', 'zstd'] as const;
const CODEC_ID = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;
const RECORDS_AT = 61;

/** Recomputes the CRC-32C over attributes..end (offset 21), as a producer would. */
function sealed(batch: Buffer): Buffer {
  batch.writeUInt32BE(crc32c(batch.subarray(21)), 17);
  return batch;
}

function records(h: Hostile, n: number): RecordInput[] {
  return Array.from({ length: n }, (_, i) => ({
    key: h.chance(0.2) ? null : Buffer.from(`k${h.int(0, 5)}`),
    value: h.chance(0.1) ? null : Buffer.from(`fuzz-${i}-${'v'.repeat(h.int(0, 40))}`),
    headers: h.chance(0.2) ? [{ key: h.pick(['h', '', 'ü']), value: h.chance(0.5) ? null : Buffer.from('x') }] : [],
    timestamp: h.chance(0.9) ? 1_700_000_000_000 + i : h.pick([-1, 0, Number.MAX_SAFE_INTEGER]),
  }));
}

/** A batch header (61 bytes) around `payload`, claiming `count` records and codec `codec`. */
function batchAround(payload: Buffer, attributes: number, count: number, lastOffsetDelta = count - 1): Buffer {
  const b = Buffer.alloc(RECORDS_AT + payload.length);
  b.writeInt32BE(b.length - 12, 8);
  b.writeInt32BE(-1, 12);
  b.writeInt8(2, 16);
  b.writeUInt16BE(attributes & 0xffff, 21);
  b.writeInt32BE(lastOffsetDelta, 23);
  b.writeBigInt64BE(1_700_000_000_000n, 27);
  b.writeBigInt64BE(1_700_000_000_000n, 35);
  b.writeBigInt64BE(-1n, 43);
  b.writeInt16BE(-1, 51);
  b.writeInt32BE(-1, 53);
  b.writeInt32BE(count, 57);
  payload.copy(b, RECORDS_AT);
  return sealed(b);
}

/** Record bytes that do not parse: negative or overlong lengths, varints that never end, absurd counts. */
function badRecordBytes(h: Hostile): Buffer {
  const buf = Buffer.alloc(64);
  let pos = 0;
  const varint = (v: number): void => {
    pos = writeVarint(buf, v, pos);
  };
  switch (h.int(0, 5)) {
    case 0: varint(-5); break; // negative record length
    case 1: varint(1_000_000); buf[pos++] = 0; break; // length past the end
    case 2: varint(20); buf[pos++] = 0; varint(0); varint(0); varint(-7); break; // key length -7
    case 3: varint(20); buf[pos++] = 0; varint(0); varint(0); varint(-1); varint(2 ** 30); break; // value runs past
    case 4: varint(12); buf[pos++] = 0; varint(0); varint(0); varint(-1); varint(-1); varint(2 ** 30); break; // header count
    default: buf.fill(0xff, 0, 12); pos = 12; // a varint that never terminates
  }
  return buf.subarray(0, pos + h.int(0, 8));
}

let bombCache: Buffer[] | null = null;

const BOMB_BYTES = 300 * 1024 * 1024;
const ZSTD_BLOCK = 128 * 1024;

/**
 * A zstd frame (RFC 8878 §3.1.1) of RLE blocks: 4 bytes each inflate to 128 KiB of zeros. With
 * `declareSize` false the header omits Frame_Content_Size, as a streaming compressor writes it.
 */
function zstdRleBomb(bytes: number, declareSize: boolean): Buffer {
  const blocks = Math.ceil(bytes / ZSTD_BLOCK);
  const header = declareSize ? Buffer.alloc(14) : Buffer.alloc(6);
  header.writeUInt32LE(0xfd2fb528, 0);
  header[4] = declareSize ? 0xc0 : 0x00; // FCS_Flag 3 (8 bytes) or none; no single segment, no checksum
  header[5] = 0x38; // Window_Descriptor: 2^17 bytes
  if (declareSize) header.writeBigUInt64LE(BigInt(blocks * ZSTD_BLOCK), 6);
  const body = Buffer.alloc(blocks * 4);
  for (let i = 0; i < blocks; i++) {
    const last = i === blocks - 1 ? 1 : 0;
    body.writeUIntLE(last | (1 << 1) | (ZSTD_BLOCK << 3), i * 4, 3); // Block_Type 1 = RLE
  }
  return Buffer.concat([header, body]);
}

/**
 * Small payloads that inflate hugely (issue 11 finding 4), each past MAX_DECOMPRESSED_BYTES:
 * zstd without and with a declared content size, gzip (75 members of 4 MiB), an LZ4 frame of 75
 * independent 4 MiB blocks, a snappy block declaring 4 GiB, and a real 4 MiB snappy block. Built
 * once per process from 4 MiB of zeros, never the whole inflated size.
 */
function bombs(): Buffer[] {
  if (bombCache) return bombCache;
  const zeros = Buffer.alloc(4 * 1024 * 1024);
  const copies = BOMB_BYTES / zeros.length;
  const gzipMember = gzipSync(zeros, { level: 9 });
  // LZ4 frame: 7-byte header (FLG 0x60: independent blocks, no checksums; BD 4 MiB), blocks, end mark.
  const lz4 = compressFrameSync(zeros);
  const lz4Block = lz4.subarray(7, 11 + lz4.readUInt32LE(7));
  bombCache = [
    zstdRleBomb(BOMB_BYTES, false),
    zstdRleBomb(BOMB_BYTES, true),
    Buffer.concat(Array.from({ length: copies }, () => gzipMember)),
    Buffer.concat([lz4.subarray(0, 7), ...Array.from({ length: copies }, () => lz4Block), Buffer.alloc(4)]),
    Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x41]),
    Buffer.from(snappyCompress(zeros)),
  ];
  return bombCache;
}

export function bombSizes(): number[] {
  return bombs().map((b) => b.length);
}

function valid(h: Hostile): Buffer {
  const idempotent = h.chance(0.3);
  return encodeRecordBatch({
    compression: h.pick(['none', 'none', ...CODECS]),
    timestampType: h.chance(0.1) ? 'LogAppendTime' : 'CreateTime',
    producerId: idempotent ? h.producerId() : -1,
    producerEpoch: idempotent ? h.producerEpoch() : -1,
    baseSequence: idempotent ? h.pick([0, 0, 1, 5, -1, 2147483647]) : -1,
    records: records(h, h.int(1, 5)),
  });
}

function badCompressed(h: Hostile): Buffer {
  const codec = h.pick(CODECS);
  const good = compress(codec, Buffer.concat([badRecordBytes(h), Buffer.from('tail')]));
  let payload: Buffer;
  switch (h.int(0, 4)) {
    case 0: payload = good; break; // decompresses, records inside do not parse
    case 1: payload = good.subarray(0, h.int(0, Math.max(0, good.length - 1))); break; // truncated
    case 2: payload = Buffer.from(h.random.bytes(h.int(1, 64))); break; // not this codec at all
    case 3: payload = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.from(h.random.bytes(6))]); break; // ten bytes of "zstd"
    default: { // well-compressed valid records, but the count and offsets do not match them
      const inner = encodeRecordBatch({ records: records(h, 3) }).subarray(RECORDS_AT);
      return batchAround(compress(codec, inner), CODEC_ID[codec], h.pick([1, 5, 0, -1]));
    }
  }
  return batchAround(payload, CODEC_ID[codec], h.int(1, 3));
}

function bomb(h: Hostile): Buffer {
  const all = bombs();
  const i = h.int(0, all.length - 1);
  const codec = i <= 1 ? 4 : i === 2 ? 1 : i === 3 ? 3 : 2;
  return batchAround(all[i]!, codec, h.pick([1, 1, 1000]));
}

function badHeader(h: Hostile): Buffer {
  const b = encodeRecordBatch({ records: records(h, h.int(1, 4)) });
  switch (h.int(0, 8)) {
    case 0: b.writeInt32BE(h.pick([-1, -61, -2147483648, 0, 1]), 8); return b; // negative or tiny batchLength
    case 1: b.writeInt32BE(b.readInt32BE(8) + h.pick([1, 7, 1000, 2147483000]), 8); return b; // longer than sent
    case 2: b.writeInt32BE(h.pick([0, -1, 2147483647, b.readInt32BE(57) + 1]), 57); return sealed(b); // record count
    case 3: b.writeInt32BE(h.pick([-1, 0, 5, -2147483648]), 23); return sealed(b); // lastOffsetDelta
    case 4: b.writeInt8(h.pick([0, 1, 3, -1]), 16); return b; // magic
    case 5: b.writeBigInt64BE(BigInt(h.pick([-1, 5, 2 ** 40])), 0); return b; // baseOffset the leader overwrites
    case 6: return b.subarray(0, h.int(1, b.length - 1)); // truncated mid-batch
    case 7: return Buffer.concat([b, encodeRecordBatch({ records: records(h, 1) })]); // two batches (v3+ allows one)
    default: return Buffer.concat([b, Buffer.from(h.random.bytes(h.int(1, 20)))]); // trailing garbage
  }
}

function badRecords(h: Hostile): Buffer {
  return batchAround(badRecordBytes(h), 0, h.pick([1, 2, 3]));
}

/** Valid records compressed with one codec under attributes that name another (or none): LogValidator must decompress to notice. */
function codecMismatch(h: Hostile): Buffer {
  const payloadCodec = h.pick(['none', ...CODECS] as const);
  const inner = compress(payloadCodec, encodeRecordBatch({ records: records(h, 2) }).subarray(RECORDS_AT));
  const claimed = h.pick([0, 1, 2, 3, 4].filter((c) => c !== CODEC_ID[payloadCodec]));
  return batchAround(inner, claimed, 2);
}

/**
 * Attribute bits a client must not send or that do not fit the producer: codecs 5-7, the control
 * bit (only the coordinator writes markers), the transactional bit without a transactional
 * producer, the delete-horizon bit, unused high bits; with hostile producerId, epoch and sequence.
 */
function attributes(h: Hostile): Buffer {
  if (h.chance(0.15)) {
    // A well-formed COMMIT/ABORT marker, as only a transaction coordinator may write it (KIP-98).
    return encodeControlBatch({ type: h.pick(['abort', 'commit'] as const), coordinatorEpoch: h.pick([0, -1, 2147483647]), producerId: h.producerId(), producerEpoch: h.producerEpoch(), baseOffset: 0, partitionLeaderEpoch: -1, timestamp: 1_700_000_000_000 });
  }
  const inner = encodeRecordBatch({ records: records(h, 2) }).subarray(RECORDS_AT);
  const claimed = h.chance(0.4) ? h.pick([5, 6, 7]) : 0;
  const bits = h.pick([0, 0x08, 0x10, 0x20, 0x30, 0x40, 0x80, 0xff00]);
  const b = batchAround(inner, claimed | bits, 2);
  b.writeBigInt64BE(BigInt(h.producerId()), 43);
  b.writeInt16BE(h.producerEpoch(), 51);
  b.writeInt32BE(h.pick([-1, 0, 1, 2147483647, -2147483648]), 53);
  return sealed(b);
}

function badCrc(h: Hostile): Buffer {
  const b = valid(h);
  b.writeUInt32BE((b.readUInt32BE(17) ^ (1 << h.int(0, 31))) >>> 0, 17);
  return b;
}

const MAKERS: Record<RecordKind, (h: Hostile) => Buffer> = {
  valid, 'bad-compressed': badCompressed, 'codec-mismatch': codecMismatch, bomb, 'bad-header': badHeader, 'bad-records': badRecords, attributes, 'bad-crc': badCrc,
};

/** One batch of `kind`. */
export function recordBatch(h: Hostile, kind: RecordKind): Buffer {
  return MAKERS[kind](h);
}

/** A `records` field value for a request filled from its schema: null, empty, or a batch of an allowed kind. */
export function hostileRecords(h: Hostile): Buffer | null {
  if (h.chance(0.05)) return null;
  if (h.chance(0.05)) return Buffer.alloc(0);
  return recordBatch(h, h.pick(h.recordKinds));
}
