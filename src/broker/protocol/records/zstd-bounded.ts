/**
 * zstd decompression bounded while it streams. zstd-napi's one-shot decompress allocates the
 * frame's declared content size up front and, for frames without one, keeps growing its output
 * until the frame ends (the 16 KiB → 512 MiB bomb of issue 11). Here every frame goes through the
 * library's public low-level binding (`zstd-napi/binding`: DCtx.decompressStream, the wrapper of
 * ZSTD_decompressStream) into output chunks whose total never passes the budget; one byte more and
 * decoding stops with DecompressionBudgetExceeded. Frames that declare a content size within the
 * budget take the one-shot path (one allocation of exactly that size; zstd checks the size).
 * Concatenated and skippable frames are read as zstd-jni's ZstdInputStream (Kafka's reader) does.
 */
// A default import: the binding is a CommonJS module whose exports Node's ESM loader cannot list.
import binding from 'zstd-napi/binding';
import { DecompressionBudgetExceeded } from './decompression-budget';

const CHUNK = binding.dStreamOutSize();
let shared: binding.DCtx | null = null;

function context(): binding.DCtx {
  shared ??= new binding.DCtx();
  // A previous call may have stopped mid-frame (an error, the budget): start from a clean session.
  shared.reset(binding.ResetDirective.sessionOnly);
  return shared;
}

/**
 * Sum of the content sizes every frame declares, or null if any frame does not declare one.
 * Stops (returning what it has, above the budget) as soon as the sum passes `budget`, so a frame
 * declaring 2^40 bytes is refused even when its blocks are missing.
 */
function declaredTotal(data: Buffer, budget: number): number | null {
  let total = 0;
  let rest = data;
  while (rest.length > 0) {
    const size = binding.getFrameContentSize(rest);
    if (size === null) return null;
    total += size;
    if (total > budget) return total;
    rest = rest.subarray(binding.findFrameCompressedSize(rest));
  }
  return total;
}

export function zstdDecompressBounded(data: Buffer, budget: number): Buffer {
  if (data.length === 0) throw new Error('empty zstd payload');
  const dctx = context();
  let declared: number | null;
  try {
    declared = declaredTotal(data, budget);
  } catch {
    declared = null; // unreadable frame headers: let decompressStream name the error
  }
  if (declared !== null) {
    if (declared > budget) throw new DecompressionBudgetExceeded(budget);
    const out = Buffer.allocUnsafe(declared);
    const n = dctx.decompress(out, data);
    if (n !== declared) throw new Error(`frame declared ${declared} bytes, decoded ${n}`);
    return out;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  let inPos = 0;
  let size = Math.max(CHUNK, data.length * 4);
  for (;;) {
    // One byte past the budget is enough to know it is exceeded.
    const room = budget + 1 - total;
    const out = Buffer.allocUnsafe(Math.min(size, room));
    const [remaining, produced, consumed] = dctx.decompressStream(out, data.subarray(inPos));
    inPos += consumed;
    total += produced;
    if (produced > 0) chunks.push(out.subarray(0, produced));
    if (total > budget) throw new DecompressionBudgetExceeded(budget);
    if (remaining === 0 && inPos === data.length) break;
    if (inPos === data.length && produced < out.length) throw new Error('zstd frame is truncated');
    if (produced === 0 && consumed === 0) throw new Error('zstd decoder made no progress');
    size = Math.min(size * 2, 8 * 1024 * 1024);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}
