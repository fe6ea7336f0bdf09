// int64 fields (offsets, timestamps, producerId) as JS numbers without BigInt: two 32-bit halves.
// Exact for |value| ≤ 2^53, which holds for every offset, millisecond timestamp and producerId a
// cluster produces; readBigInt64BE/BigInt() cost ~100 ns each, a measurable share of the append path.

const TWO_32 = 4294967296;

/** Signed big-endian int64 at `offset`, as a number. */
export function readInt64(buf: Buffer, offset: number): number {
  return buf.readInt32BE(offset) * TWO_32 + buf.readUInt32BE(offset + 4);
}

/** Writes `value` (an integer, |value| ≤ 2^53) as a signed big-endian int64 at `offset`. */
export function writeInt64(buf: Buffer, value: number, offset: number): void {
  const hi = Math.floor(value / TWO_32);
  buf.writeInt32BE(hi, offset);
  buf.writeUInt32BE(value - hi * TWO_32, offset + 4);
}
