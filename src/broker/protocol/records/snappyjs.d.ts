// snappyjs ships no types. Raw snappy (no framing); the return type follows the input type.
declare module 'snappyjs' {
  export function compress(uncompressed: Buffer): Buffer;
  export function uncompress(compressed: Buffer, maxLength?: number): Buffer;
}
