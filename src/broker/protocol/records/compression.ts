// Batch compression codecs (protocol spec "Record Batch", attribute bits 0–2; KIP-110 for zstd).
// The compressed payload is the records section only (after the 61-byte header).
//   gzip   — RFC 1952, node:zlib (pure compute, no I/O).
//   snappy — written raw (as librdkafka and kafkajs do); read raw or xerial-framed (Java's
//            SnappyOutputStream: magic \x82SNAPPY\0, int32 BE version, int32 BE compat, then
//            [uint32 BE length][raw block]…; little-endian ints broke kafka-python#2414).
//   lz4    — the LZ4 *frame* format (magic 04 22 4D 18), never the bare block format.
//   zstd   — a standard zstd frame.
import { gunzipSync, gzipSync } from 'node:zlib';
import * as snappy from 'snappyjs';
import { compressFrameSync, decompressFrameSync } from 'lz4-napi';
import { compress as zstdCompress, decompress as zstdDecompress } from 'zstd-napi';
import { RecordBatchError } from './errors';
import type { CompressionCodec } from './header';

/** Refuse to inflate beyond this many bytes (guards against compression bombs in fuzzed or hostile input). */
export const MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_BYTES = 16;

/** True if `data` starts with the xerial snappy-java stream header. */
export function isXerialSnappy(data: Buffer): boolean {
  return data.length >= XERIAL_HEADER_BYTES && data.subarray(0, 8).equals(XERIAL_MAGIC);
}

function snappyRaw(data: Buffer, budget: number): Buffer {
  return snappy.uncompress(data, budget);
}

function unxerial(data: Buffer): Buffer {
  const blocks: Buffer[] = [];
  let total = 0;
  let pos = XERIAL_HEADER_BYTES;
  while (pos < data.length) {
    if (pos + 4 > data.length) throw new Error('truncated xerial block length');
    const length = data.readUInt32BE(pos);
    pos += 4;
    if (pos + length > data.length) throw new Error(`xerial block of ${length} bytes runs past the end`);
    const block = snappyRaw(data.subarray(pos, pos + length), MAX_DECOMPRESSED_BYTES - total);
    total += block.length;
    blocks.push(block);
    pos += length;
  }
  return Buffer.concat(blocks, total);
}

/**
 * The Frame_Content_Size a zstd frame header declares (RFC 8878 §3.1.1.1), or undefined when
 * absent or unreadable. zstd-napi allocates that many bytes up front, so a tiny hostile frame could
 * demand gigabytes; we refuse declared sizes above MAX_DECOMPRESSED_BYTES first.
 */
export function zstdDeclaredContentSize(data: Buffer): number | undefined {
  if (data.length < 5 || data.readUInt32LE(0) !== 0xfd2fb528) return undefined;
  const descriptor = data[4]!;
  const singleSegment = (descriptor >> 5) & 1;
  const fcsFlag = descriptor >> 6;
  const fcsBytes = fcsFlag === 0 ? singleSegment : 1 << fcsFlag;
  if (fcsBytes === 0) return undefined;
  const at = 5 + (singleSegment ? 0 : 1) + [0, 1, 2, 4][descriptor & 3]!;
  if (at + fcsBytes > data.length) return undefined;
  switch (fcsBytes) {
    case 1:
      return data[at]!;
    case 2:
      return data.readUInt16LE(at) + 256;
    case 4:
      return data.readUInt32LE(at);
    default:
      return Number(data.readBigUInt64LE(at));
  }
}

/** Encodes `data` with `codec`; 'none' returns `data` itself. Synchronous. */
export function compress(codec: CompressionCodec, data: Buffer): Buffer {
  switch (codec) {
    case 'none':
      return data;
    case 'gzip':
      return gzipSync(data);
    case 'snappy':
      return snappy.compress(data);
    case 'lz4':
      return compressFrameSync(data);
    case 'zstd':
      return zstdCompress(data);
  }
}

/**
 * Decodes `data` compressed with `codec`; 'none' returns `data` itself. Synchronous.
 * Snappy input may be raw or xerial-framed.
 * Output is capped at MAX_DECOMPRESSED_BYTES for gzip, snappy and zstd frames that declare their
 * size; LZ4 (ratio ≤ ~255:1) and size-less zstd frames are not capped.
 * @throws RecordBatchError CORRUPT_MESSAGE if the payload does not decode or exceeds the cap.
 */
export function decompress(codec: CompressionCodec, data: Buffer): Buffer {
  try {
    switch (codec) {
      case 'none':
        return data;
      case 'gzip':
        return gunzipSync(data, { maxOutputLength: MAX_DECOMPRESSED_BYTES });
      case 'snappy':
        return isXerialSnappy(data) ? unxerial(data) : snappyRaw(data, MAX_DECOMPRESSED_BYTES);
      case 'lz4':
        return decompressFrameSync(data);
      case 'zstd': {
        const declared = zstdDeclaredContentSize(data);
        if (declared !== undefined && declared > MAX_DECOMPRESSED_BYTES) {
          throw new Error(`frame declares ${declared} bytes, above the ${MAX_DECOMPRESSED_BYTES}-byte limit`);
        }
        return zstdDecompress(data);
      }
    }
  } catch (e) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `${codec} payload does not decompress: ${(e as Error).message}`);
  }
}
