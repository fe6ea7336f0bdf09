// The codecs kafkajs uses in the app's scans and tails decompress within the same byte budget as
// the broker (issue 11 finding 4): a size-less zstd frame that inflates to 64 MiB is a decode error
// after at most the budget, never a 64 MiB buffer.
import { describe, expect, it } from 'vitest';
import kafkajs from 'kafkajs';
import binding from 'zstd-napi/binding';
import { compressFrameSync } from 'lz4-napi';
import { sizelessZstdBomb } from '../../broker/protocol/records/test-bombs';
import { registerKafkajsCodecs } from './kafkajs-codecs';

const { CompressionCodecs, CompressionTypes } = kafkajs;
const MiB = 1024 * 1024;

describe('kafkajs codec adapters', () => {
  registerKafkajsCodecs();
  const codec = (type: number) => (CompressionCodecs as unknown as Record<number, () => { decompress(b: Buffer): Promise<Buffer> }>)[type]!();

  it('refuse zstd and lz4 bombs past the decompression budget', async () => {
    const bomb = sizelessZstdBomb(64);
    expect(binding.getFrameContentSize(bomb)).toBeNull();
    await expect(codec(CompressionTypes.ZSTD).decompress(bomb)).rejects.toThrow(/budget/);
    await expect(codec(CompressionTypes.LZ4).decompress(compressFrameSync(Buffer.alloc(40 * MiB)))).rejects.toThrow(/budget/);
  });

  it('still decode what fits', async () => {
    expect((await codec(CompressionTypes.ZSTD).decompress(sizelessZstdBomb(2))).length).toBe(2 * MiB);
  });
});
