/**
 * Reassembles Kafka request frames from a TCP byte stream.
 *
 * Wire shape (protocol spec, "Protocol Primitives" / "Common Request and Response Structure"):
 * `[int32 size][size bytes of payload]`, big-endian, payload = request header + body. TCP
 * delivers arbitrary slices: one read may hold half a size field or several whole requests
 * (kafkajs and librdkafka pipeline), so the decoder buffers until a frame is complete.
 *
 * The size is checked against `socket.request.max.bytes` (Kafka default 104857600) BEFORE any
 * buffer of that size is allocated, as Kafka's NetworkReceive does: a hostile size field must
 * never make the broker allocate. A negative or oversized size is a FrameSizeError; the caller
 * closes that one connection (Kafka logs InvalidReceiveException and closes the channel).
 *
 * Copies: a frame inside one read is a view of that read's chunk. A frame split across reads
 * (kcat's ~25 KB produce requests in Node's 64 KiB reads: about one frame in three) is assembled
 * in ONE process-wide scratch buffer that is reused, instead of a fresh buffer per frame: fresh
 * memory is expensive (allocation, first-touch page faults, external-memory GC pressure). The
 * decoder reports the split frame's received pieces (`lastSplit`) so that the router can point
 * decoded byte fields back at them (split-frame.ts); the scratch view is valid only until the
 * next push() to any decoder. Produce needs neither: the model copies its record sets into log
 * memory while the request is handled (cluster/log/stored-batch.ts), so reads are not kept.
 */
import { ByteSlab } from '../cluster/log/byte-slab';

/** Kafka's default socket.request.max.bytes (100 MiB). */
export const DEFAULT_SOCKET_REQUEST_MAX_BYTES = 104_857_600;

/** The smallest payload that can hold a request header: apiKey int16 + apiVersion int16 + correlationId int32. */
export const MIN_REQUEST_HEADER_BYTES = 8;

export class FrameSizeError extends Error {
  constructor(readonly size: number, readonly maxBytes: number) {
    super(size < 0 ? `invalid negative frame size ${size}` : `frame size ${size} exceeds socket.request.max.bytes ${maxBytes}`);
    this.name = 'FrameSizeError';
  }
}

/**
 * A frame that arrived split across reads: its payload assembled in the shared scratch buffer
 * and the received chunk views it was assembled from.
 */
export interface SplitFrame {
  /** The payload (without size prefix), a view of the shared scratch: valid until the next push() to any FrameDecoder. */
  payload: Buffer;
  /** Views of the received chunks whose concatenation is `[int32 size][payload]`, oldest first. */
  pieces: Buffer[];
}

/** Split frames up to this size are assembled in the shared scratch; larger ones get their own buffer (rare, and the copy is small next to their size). */
export const SCRATCH_MAX_BYTES = 1024 * 1024;
let scratch: Buffer = Buffer.allocUnsafeSlow(0);

/** The shared scratch, grown (powers of two from 64 KiB) to hold `n` ≤ SCRATCH_MAX_BYTES bytes. */
function scratchFor(n: number): Buffer {
  if (scratch.length < n) {
    let size = 64 * 1024;
    while (size < n) size *= 2;
    // allocUnsafeSlow: its own ArrayBuffer, so views of it are recognisable (split-frame.ts).
    scratch = Buffer.allocUnsafeSlow(size);
  }
  return scratch;
}

/** Whether `b` is a view of the current shared scratch buffer (a split frame's assembly). */
export function isScratchView(b: Buffer): boolean {
  return b.buffer === scratch.buffer;
}

/**
 * Copies that outlive a push (byte fields straddling two reads in requests whose handler keeps
 * them, frames kept by their reader or waiting in a congested connection's backlog) are carved
 * from shared 1 MiB slabs instead of one allocation each: fewer external-memory allocations for
 * V8 to account and collect. A slab lives while any copy in it does.
 */
const copies = new ByteSlab(1024 * 1024, 256 * 1024);

/** A copy of `b` outside the shared scratch, in memory that is never reused. */
export function ownCopy(b: Buffer): Buffer {
  return copies.copy(b);
}

export class FrameDecoder {
  /** Chunks received but not yet consumed as whole frames, oldest first. */
  private chunks: Buffer[] = [];
  private bufferedBytes = 0;
  /** Size of the frame being assembled, once its 4-byte prefix is known; -1 before. */
  private expectedSize = -1;
  /** The split frame among the last push()'s frames (always its first), or null. */
  lastSplit: SplitFrame | null = null;

  constructor(private readonly maxFrameBytes = DEFAULT_SOCKET_REQUEST_MAX_BYTES) {}

  /** Bytes held waiting for the rest of a frame (for memory accounting and tests). */
  get pendingBytes(): number {
    return this.bufferedBytes;
  }

  /**
   * Feeds one chunk; returns every frame payload (without its size prefix) completed by it, in
   * order. Payloads may be views into `chunk` (no copy when a frame lies inside one chunk).
   * @throws FrameSizeError when a size prefix is negative or above the limit; the decoder must not be used afterwards.
   */
  push(chunk: Buffer): Buffer[] {
    const frames: Buffer[] = [];
    this.lastSplit = null;
    if (this.bufferedBytes === 0) {
      // Fast path: slice whole frames straight out of the chunk.
      let offset = 0;
      while (chunk.length - offset >= 4) {
        const size = chunk.readInt32BE(offset);
        this.checkSize(size);
        if (chunk.length - offset - 4 < size) break;
        frames.push(chunk.subarray(offset + 4, offset + 4 + size));
        offset += 4 + size;
      }
      if (offset < chunk.length) this.append(chunk.subarray(offset));
      return frames;
    }
    this.append(chunk);
    for (;;) {
      if (this.expectedSize < 0) {
        if (this.bufferedBytes < 4) break;
        const size = this.peekSize();
        this.checkSize(size);
        this.expectedSize = size;
      }
      if (this.bufferedBytes < 4 + this.expectedSize) break;
      const whole = this.take(4 + this.expectedSize);
      frames.push(whole.subarray(4));
      if (this.pieces !== null) {
        this.lastSplit = { payload: frames[frames.length - 1]!, pieces: this.pieces };
        this.pieces = null;
      }
      this.expectedSize = -1;
    }
    return frames;
  }

  /** push() for callers that keep frames: a split frame is copied out of the shared scratch. */
  pushOwned(chunk: Buffer): Buffer[] {
    const frames = this.push(chunk);
    if (this.lastSplit !== null) frames[0] = ownCopy(frames[0]!);
    return frames;
  }

  private checkSize(size: number): void {
    if (size < 0 || size > this.maxFrameBytes) throw new FrameSizeError(size, this.maxFrameBytes);
  }

  private append(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bufferedBytes += chunk.length;
    if (this.expectedSize < 0 && this.bufferedBytes >= 4) {
      const size = this.peekSize();
      this.checkSize(size);
      this.expectedSize = size;
    }
  }

  private peekSize(): number {
    const head = this.chunks[0]!;
    if (head.length >= 4) return head.readInt32BE(0);
    const four = Buffer.concat(this.chunks, Math.min(4, this.bufferedBytes)).subarray(0, 4);
    return four.readInt32BE(0);
  }

  /** Pieces of the frame take() last assembled in the scratch, for push() to report. */
  private pieces: Buffer[] | null = null;

  /**
   * Removes and returns the first `n` buffered bytes (n has been checked against the limit): a
   * view of the head chunk when it holds them all, else assembled in the shared scratch (with
   * `pieces` set) or, above SCRATCH_MAX_BYTES, in a buffer of its own.
   */
  private take(n: number): Buffer {
    const head = this.chunks[0]!;
    if (head.length >= n) {
      const out = head.subarray(0, n);
      if (head.length === n) this.chunks.shift();
      else this.chunks[0] = head.subarray(n);
      this.bufferedBytes -= n;
      return out;
    }
    const inScratch = n <= SCRATCH_MAX_BYTES;
    const out = inScratch ? scratchFor(n).subarray(0, n) : Buffer.allocUnsafe(n);
    const pieces: Buffer[] = [];
    let written = 0;
    while (written < n) {
      const c = this.chunks[0]!;
      const need = n - written;
      const piece = c.length <= need ? c : c.subarray(0, need);
      out.set(piece, written);
      pieces.push(piece);
      written += piece.length;
      if (piece === c) this.chunks.shift();
      else this.chunks[0] = c.subarray(need);
    }
    this.bufferedBytes -= n;
    this.pieces = inScratch ? pieces : null;
    return out;
  }
}
