// Test-only: compression bombs for the decompression-budget tests of the broker and the app.
import binding from 'zstd-napi/binding';

const MiB = 1024 * 1024;

/** A zstd frame of `mib` MiB of zeros WITHOUT a content size (streamed, contentSizeFlag off), as the 16 KiB → 512 MiB frame. */
export function sizelessZstdBomb(mib: number): Buffer {
  const cctx = new binding.CCtx();
  cctx.setParameter(binding.CParameter.contentSizeFlag, 0);
  const zeros = Buffer.alloc(MiB);
  const out: Buffer[] = [];
  const dst = Buffer.alloc(binding.cStreamOutSize());
  for (let i = 0; i < mib; i++) {
    let src = zeros;
    const last = i === mib - 1;
    for (;;) {
      const [remaining, produced, consumed] = cctx.compressStream2(dst, src, last ? binding.EndDirective.end : binding.EndDirective.continue);
      out.push(Buffer.from(dst.subarray(0, produced)));
      src = src.subarray(consumed);
      if (src.length === 0 && (!last || remaining === 0)) break;
    }
  }
  return Buffer.concat(out);
}
