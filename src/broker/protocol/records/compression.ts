// Batch compression codecs (protocol spec "Record Batch", attribute bits 0–2; KIP-110 for zstd).
// The compressed payload is the records section only (after the 61-byte header).
//   gzip   — RFC 1952, node:zlib (pure compute, no I/O).
//   snappy — the `snappy` package (Rust's snap, native: snappyjs 0.7 loops forever on a literal
//            whose 4-byte length is negative, so 7 bytes stopped the process). Written raw (as
//            librdkafka and kafkajs do); read raw or xerial-framed (Java's SnappyOutputStream:
//            magic \x82SNAPPY\0, int32 BE version, int32 BE compat, then [uint32 BE length][raw
//            block]…; little-endian ints broke kafka-python#2414).
//   lz4    — the LZ4 *frame* format (magic 04 22 4D 18), never the bare block format.
//   zstd   — a standard zstd frame.
import { gunzipSync, gzipSync } from 'node:zlib';
import { compressSync as snappyCompress, uncompressSync as snappyUncompress } from 'snappy';
import { compressFrameSync } from 'lz4-napi';
import { compress as zstdCompress } from 'zstd-napi';
import { DEFAULT_DECOMPRESSION_BUDGET, DecompressionBudgetExceeded } from './decompression-budget';
import { RecordBatchError } from './errors';
import type { CompressionCodec } from './header';
import { lz4DecompressBounded } from './lz4-frame';
import { zstdDecompressBounded } from './zstd-bounded';

const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_BYTES = 16;

/** True if `data` starts with the xerial snappy-java stream header. */
export function isXerialSnappy(data: Buffer): boolean {
  return data.length >= XERIAL_HEADER_BYTES && data.subarray(0, 8).equals(XERIAL_MAGIC);
}

/**
 * A raw snappy block declares its uncompressed length in its first varint; the decoder allocates
 * that much before decoding. Refuse lengths above the budget, and lengths no block of this size can
 * produce (a copy element of 3 bytes yields at most 64: about 21.4×), so a 10-byte block cannot
 * make us allocate the whole budget.
 */
function snappyRaw(data: Buffer, budget: number): Buffer {
  const declared = snappyDeclaredLength(data);
  if (declared > budget) throw new DecompressionBudgetExceeded(budget);
  if (declared > 22 * data.length + 32) throw new Error(`snappy block of ${data.length} bytes cannot hold ${declared} bytes`);
  return snappyUncompress(data, { asBuffer: true }) as Buffer;
}

function snappyDeclaredLength(data: Buffer): number {
  let result = 0;
  for (let i = 0, mul = 1; i < 5 && i < data.length; i++, mul *= 128) {
    result += (data[i]! & 0x7f) * mul;
    if (data[i]! < 0x80) return result;
  }
  throw new Error('snappy block has no valid length');
}

function unxerial(data: Buffer, budget: number): Buffer {
  const blocks: Buffer[] = [];
  let total = 0;
  let pos = XERIAL_HEADER_BYTES;
  while (pos < data.length) {
    if (pos + 4 > data.length) throw new Error('truncated xerial block length');
    const length = data.readUInt32BE(pos);
    pos += 4;
    if (pos + length > data.length) throw new Error(`xerial block of ${length} bytes runs past the end`);
    const block = snappyRaw(data.subarray(pos, pos + length), budget - total);
    total += block.length;
    blocks.push(block);
    pos += length;
  }
  return Buffer.concat(blocks, total);
}

/** Encodes `data` with `codec`; 'none' returns `data` itself. Synchronous. */
export function compress(codec: CompressionCodec, data: Buffer): Buffer {
  switch (codec) {
    case 'none':
      return data;
    case 'gzip':
      return gzipSync(data);
    case 'snappy':
      return snappyCompress(data);
    case 'lz4':
      return compressFrameSync(data);
    case 'zstd':
      return zstdCompress(data);
  }
}

/**
 * Decodes `data` compressed with `codec`; 'none' returns `data` itself. Synchronous.
 * Snappy input may be raw or xerial-framed. Output is bounded by `budget` bytes while it streams
 * (decompression-budget.ts): gzip through zlib's maxOutputLength, snappy by the length its blocks
 * declare, LZ4 block by block (lz4-frame.ts), zstd chunk by chunk (zstd-bounded.ts), so a bomb
 * fails after at most `budget` bytes of work, never after inflating.
 * @throws RecordBatchError CORRUPT_MESSAGE if the payload does not decode or exceeds the budget.
 */
export function decompress(codec: CompressionCodec, data: Buffer, budget: number = DEFAULT_DECOMPRESSION_BUDGET): Buffer {
  try {
    switch (codec) {
      case 'none':
        return data;
      case 'gzip':
        return gunzipSync(data, { maxOutputLength: budget });
      case 'snappy':
        return isXerialSnappy(data) ? unxerial(data, budget) : snappyRaw(data, budget);
      case 'lz4':
        return lz4DecompressBounded(data, budget);
      case 'zstd':
        return zstdDecompressBounded(data, budget);
    }
  } catch (e) {
    if (e instanceof DecompressionBudgetExceeded || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new RecordBatchError('CORRUPT_MESSAGE', `${codec} payload inflates past the ${budget}-byte decompression budget`);
    }
    throw new RecordBatchError('CORRUPT_MESSAGE', `${codec} payload does not decompress: ${(e as Error).message}`);
  }
}
