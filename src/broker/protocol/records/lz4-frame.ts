/**
 * LZ4 frame decoding bounded while it streams (LZ4 Frame Format 1.6; Kafka's Lz4BlockInputStream).
 * lz4-napi offers only a one-shot frame decoder with no output limit, so the frame is walked here
 * block by block and each compressed block goes to lz4-napi's public block decoder
 * (uncompressSync, size-prepended) with an output size it cannot exceed: the frame's block
 * maximum, ≤ 256 × the block's compressed size (an LZ4 sequence byte adds at most 255 bytes), and
 * the budget left. What Kafka's reader refuses, we refuse: a version other than 01, reserved bits,
 * dependent blocks ("Dependent block stream is unsupported"), a block larger than the block
 * maximum, a wrong header checksum. Like Kafka we do not verify the content checksum, and we read
 * block checksums without verifying them: the batch's CRC-32C already covers these bytes.
 */
import { uncompressSync } from 'lz4-napi';
import { DecompressionBudgetExceeded } from './decompression-budget';

const MAGIC = 0x184d2204;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const UNCOMPRESSED_BIT = 0x80000000;

export function lz4DecompressBounded(data: Buffer, budget: number): Buffer {
  const out: Buffer[] = [];
  let total = 0;
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > data.length) throw new Error(`LZ4 frame truncated at byte ${pos}`);
  };
  let frames = 0;
  while (pos < data.length) {
    need(4);
    const magic = data.readUInt32LE(pos);
    if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      need(8);
      const skip = data.readUInt32LE(pos + 4);
      pos += 8;
      need(skip);
      pos += skip;
      continue;
    }
    if (magic !== MAGIC) throw new Error(frames === 0 ? 'not an LZ4 frame (bad magic)' : `bytes after the LZ4 frame at ${pos}`);
    frames++;
    pos += 4;
    const descriptorStart = pos;
    need(3);
    const flg = data[pos]!;
    const bd = data[pos + 1]!;
    if (flg >> 6 !== 1) throw new Error(`LZ4 frame version ${flg >> 6} is unsupported`);
    if ((flg & 0x03) !== 0) throw new Error('LZ4 frame: reserved bits must be 0 (dictionary ids are unsupported)');
    if (((flg >> 5) & 1) !== 1) throw new Error('LZ4 frame: dependent block stream is unsupported');
    const blockSizeValue = (bd >> 4) & 7;
    if ((bd & 0x8f) !== 0 || blockSizeValue < 4) throw new Error(`LZ4 frame: invalid block descriptor 0x${bd.toString(16)}`);
    const blockMax = 1 << (2 * blockSizeValue + 8);
    const blockChecksums = (flg & 0x10) !== 0;
    const contentChecksum = (flg & 0x04) !== 0;
    pos += 2;
    if (flg & 0x08) {
      need(8);
      pos += 8;
    }
    need(1);
    const hc = (xxh32(data, descriptorStart, pos - descriptorStart) >>> 8) & 0xff;
    if (data[pos] !== hc) throw new Error('LZ4 frame descriptor checksum mismatch');
    pos++;
    for (;;) {
      need(4);
      const word = data.readUInt32LE(pos);
      pos += 4;
      if (word === 0) break;
      const size = (word & ~UNCOMPRESSED_BIT) >>> 0;
      if (size > blockMax) throw new Error(`LZ4 block size ${size} exceeds the frame's maximum ${blockMax}`);
      need(size + (blockChecksums ? 4 : 0));
      const block = data.subarray(pos, pos + size);
      pos += size + (blockChecksums ? 4 : 0);
      let plain: Buffer;
      if (word & UNCOMPRESSED_BIT) {
        plain = block;
      } else {
        const limit = Math.min(blockMax, 256 * size + 16, budget - total + 1);
        const prefixed = Buffer.allocUnsafe(4 + size);
        prefixed.writeUInt32LE(limit, 0);
        block.copy(prefixed, 4);
        try {
          plain = uncompressSync(prefixed);
        } catch (e) {
          if (limit === budget - total + 1) throw new DecompressionBudgetExceeded(budget);
          throw e;
        }
      }
      total += plain.length;
      if (total > budget) throw new DecompressionBudgetExceeded(budget);
      out.push(plain);
    }
    if (contentChecksum) {
      need(4);
      pos += 4;
    }
  }
  if (frames === 0) throw new Error('no LZ4 frame');
  return out.length === 1 ? out[0]! : Buffer.concat(out, total);
}

// xxHash32 (seed 0), for the one-byte frame descriptor checksum only.
const P1 = 0x9e3779b1;
const P2 = 0x85ebca77;
const P3 = 0xc2b2ae3d;
const P4 = 0x27d4eb2f;
const P5 = 0x165667b1;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function round(acc: number, lane: number): number {
  return Math.imul(rotl((acc + Math.imul(lane, P2)) | 0, 13), P1);
}

export function xxh32(buf: Buffer, start: number, length: number): number {
  const end = start + length;
  let p = start;
  let h: number;
  if (length >= 16) {
    let v1 = (P1 + P2) | 0;
    let v2 = P2;
    let v3 = 0;
    let v4 = -P1 | 0;
    for (; p + 16 <= end; p += 16) {
      v1 = round(v1, buf.readInt32LE(p));
      v2 = round(v2, buf.readInt32LE(p + 4));
      v3 = round(v3, buf.readInt32LE(p + 8));
      v4 = round(v4, buf.readInt32LE(p + 12));
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) | 0;
  } else {
    h = P5;
  }
  h = (h + length) | 0;
  for (; p + 4 <= end; p += 4) h = Math.imul(rotl((h + Math.imul(buf.readInt32LE(p), P3)) | 0, 17), P4);
  for (; p < end; p++) h = Math.imul(rotl((h + Math.imul(buf[p]!, P5)) | 0, 11), P1);
  h ^= h >>> 15;
  h = Math.imul(h, P2);
  h ^= h >>> 13;
  h = Math.imul(h, P3);
  h ^= h >>> 16;
  return h >>> 0;
}
