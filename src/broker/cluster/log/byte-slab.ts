/**
 * Copies of byte ranges carved from shared slabs: one allocation per slab instead of one per copy,
 * so V8 accounts and collects far fewer external buffers. A slab lives while any copy in it does
 * (like a segment file holding many batches); copies are never written after they are handed out.
 */
export class ByteSlab {
  private slab: Buffer = Buffer.allocUnsafeSlow(0);
  private offset = 0;

  /**
   * @param slabBytes size of each slab (bytes)
   * @param maxPooledBytes copies larger than this get a buffer of their own (they would waste a slab's tail)
   */
  constructor(private readonly slabBytes: number, private readonly maxPooledBytes: number) {}

  /** A copy of `bytes` in memory nobody else writes. */
  copy(bytes: Uint8Array): Buffer {
    if (bytes.length > this.maxPooledBytes) {
      const own = Buffer.allocUnsafeSlow(bytes.length);
      own.set(bytes);
      return own;
    }
    if (this.offset + bytes.length > this.slab.length) {
      this.slab = Buffer.allocUnsafeSlow(this.slabBytes);
      this.offset = 0;
    }
    const out = this.slab.subarray(this.offset, this.offset + bytes.length);
    out.set(bytes);
    // 8-byte aligned starts keep a record batch's int64 fields aligned.
    this.offset += (bytes.length + 7) & ~7;
    return out;
  }
}
