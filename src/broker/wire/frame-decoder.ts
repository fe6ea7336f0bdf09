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
 */

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

export class FrameDecoder {
  /** Chunks received but not yet consumed as whole frames, oldest first. */
  private chunks: Buffer[] = [];
  private bufferedBytes = 0;
  /** Size of the frame being assembled, once its 4-byte prefix is known; -1 before. */
  private expectedSize = -1;

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
      this.expectedSize = -1;
    }
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

  /** Removes and returns the first `n` buffered bytes (n has been checked against the limit). */
  private take(n: number): Buffer {
    const head = this.chunks[0]!;
    if (head.length >= n) {
      const out = head.subarray(0, n);
      if (head.length === n) this.chunks.shift();
      else this.chunks[0] = head.subarray(n);
      this.bufferedBytes -= n;
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let written = 0;
    while (written < n) {
      const c = this.chunks[0]!;
      const need = n - written;
      if (c.length <= need) {
        c.copy(out, written);
        written += c.length;
        this.chunks.shift();
      } else {
        c.copy(out, written, 0, need);
        this.chunks[0] = c.subarray(need);
        written += need;
      }
    }
    this.bufferedBytes -= n;
    return out;
  }
}
