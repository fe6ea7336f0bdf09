/**
 * Decoded requests of a split frame (one that arrived across socket reads, frame-decoder.ts) hold
 * byte fields that are views of the shared scratch buffer, which the next split frame overwrites.
 * rehomeScratchViews points each such view back at the received chunk it came from (no copy),
 * or copies it when it straddles two reads. Produce skips this (handler.ts keepsNoRequestBytes):
 * the model copies its record sets into log memory while the request is handled.
 */
import { isScratchView, ownCopy, type SplitFrame } from './frame-decoder';

/**
 * The same bytes as `view` (a view of the scratch holding `split`, whose payload starts 4 bytes
 * into it) outside the scratch: a view of the received piece holding them all, else a copy.
 */
function rehome(view: Buffer, split: SplitFrame): Buffer {
  // The scratch holds [int32 size][payload] from its start (FrameDecoder.take).
  const start = view.byteOffset - split.payload.byteOffset + 4;
  const end = start + view.length;
  let base = 0;
  for (const piece of split.pieces) {
    const next = base + piece.length;
    if (start >= base && end <= next) return piece.subarray(start - base, end - base);
    if (start < next) break;
    base = next;
  }
  return ownCopy(view);
}

/**
 * Replaces, in place, every Buffer in the decoded request `value` (plain objects and arrays, as
 * the codec builds them) that is a view of the scratch holding `split`; returns `value`.
 * Call before anything keeps a reference to the request.
 */
export function rehomeScratchViews<T>(value: T, split: SplitFrame): T {
  return mapByteFields(value, (b) => (isScratchView(b) ? rehome(b, split) : b), 0) as T;
}

/**
 * Replaces, in place, every Buffer in the decoded request `value` with null; returns `value`. For
 * a request whose handler keeps no bytes (handler.ts keepsNoRequestBytes) but whose shape the
 * router still needs later (an error answer to a failed Promise): its byte fields are views of a
 * socket read, which would otherwise stay alive as long as the request does.
 */
export function dropByteFields<T>(value: T): T {
  return mapByteFields(value, () => null, 0) as T;
}

function mapByteFields(value: unknown, map: (b: Buffer) => Buffer | null, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Buffer.isBuffer(value)) return map(value);
  // Decoded bodies nest a handful of levels (request → topics → partitions → fields).
  if (depth > 32) throw new Error('decoded request nests deeper than 32 levels');
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== null && typeof v === 'object') value[i] = mapByteFields(v, map, depth + 1);
    }
    return value;
  }
  const o = value as Record<string, unknown>;
  for (const key in o) {
    const v = o[key];
    if (v !== null && typeof v === 'object') o[key] = mapByteFields(v, map, depth + 1);
  }
  return value;
}
