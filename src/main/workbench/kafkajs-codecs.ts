/**
 * Compression for kafkajs, which ships gzip only: snappy, lz4 and zstd (and gzip again, so all
 * five are tracked alike) are registered in kafkajs's process-wide CompressionCodecs table using
 * the broker's own codecs (src/broker/protocol/records/compression.ts: raw snappy, LZ4 frame,
 * standard zstd frame — the formats Kafka's clients write), so every decompression in the app's
 * scans and tails is bounded by the same byte budget as the broker's.
 *
 * kafkajs also hides which codec a fetched batch used (its batchContext has no attributes). Its
 * record decoder slices keys, values and header values out of the decompressed buffer without
 * copying, so every decompressed payload here gets an ArrayBuffer of its own and is remembered in
 * a WeakMap: `codecOfPayload(record.value)` then names the codec. Buffers not found there come
 * from an uncompressed batch (a slice of the fetch response itself).
 */
import kafkajs from 'kafkajs';
import { compress, DEFAULT_DECOMPRESSION_BUDGET, decompress, type CompressionCodec } from '../../broker/protocol/records';
import type { CompressionCodecName } from '../../shared/workbench-contract';

// A default import: Node's ESM loader cannot see these two among kafkajs's CommonJS exports.
const { CompressionCodecs, CompressionTypes } = kafkajs;


const codecByArrayBuffer = new WeakMap<ArrayBufferLike, CompressionCodec>();

function codecFor(codec: Exclude<CompressionCodec, 'none'>) {
  return () => ({
    async compress(encoder: { buffer: Buffer }): Promise<Buffer> {
      return compress(codec, encoder.buffer);
    },
    async decompress(buffer: Buffer): Promise<Buffer> {
      // Bounded while it streams (the default topic's budget, decompression-budget.ts): a batch
      // that inflates past it is a decode error for this fetch, never a large allocation.
      const plain = decompress(codec, buffer, DEFAULT_DECOMPRESSION_BUDGET);
      // A fresh ArrayBuffer (never Node's shared 8 KiB pool) so the WeakMap key is this batch's alone.
      const own = Buffer.from(new ArrayBuffer(plain.length));
      plain.copy(own);
      codecByArrayBuffer.set(own.buffer, codec);
      return own;
    },
  });
}

let registered = false;

/** Registers the codecs once per process (kafkajs's table is module-global). */
export function registerKafkajsCodecs(): void {
  if (registered) return;
  registered = true;
  const table = CompressionCodecs as unknown as Record<number, () => unknown>;
  table[CompressionTypes.GZIP] = codecFor('gzip');
  table[CompressionTypes.Snappy] = codecFor('snappy');
  table[CompressionTypes.LZ4] = codecFor('lz4');
  table[CompressionTypes.ZSTD] = codecFor('zstd');
}

/** kafkajs's CompressionTypes value for a codec name. */
export function kafkajsCompression(name: CompressionCodecName): number {
  switch (name) {
    case 'none': return CompressionTypes.None;
    case 'gzip': return CompressionTypes.GZIP;
    case 'snappy': return CompressionTypes.Snappy;
    case 'lz4': return CompressionTypes.LZ4;
    case 'zstd': return CompressionTypes.ZSTD;
  }
}

/**
 * The codec of the batch a record's payload came from: the first of the given buffers that
 * tells; 'none' for a slice of an uncompressed batch; 'unknown' when the record has no bytes at all.
 */
export function codecOfPayload(...buffers: (Buffer | null | undefined)[]): CompressionCodecName | 'unknown' {
  let sawBytes = false;
  for (const b of buffers) {
    if (!b) continue;
    sawBytes = true;
    const codec = codecByArrayBuffer.get(b.buffer);
    if (codec) return codec;
  }
  return sawBytes ? 'none' : 'unknown';
}
