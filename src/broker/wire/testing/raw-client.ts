/**
 * A bare Kafka client over node:net for wire tests: sends request frames as given (so tests can
 * split, pipeline or corrupt them) and collects response frames in arrival order.
 */
import { connect, type Socket } from 'node:net';
import { decodeResponse, encodeRequest } from '../../protocol';
import { FrameDecoder } from '../frame-decoder';

export class RawClient {
  readonly frames: Buffer[] = [];
  closed = false;
  private waiters: (() => void)[] = [];
  private readonly decoder = new FrameDecoder(1 << 30);

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.decoder.pushOwned(chunk)) this.frames.push(frame);
      this.notify();
    });
    socket.on('close', () => {
      this.closed = true;
      this.notify();
    });
    socket.on('error', () => {});
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  request(apiKey: number, apiVersion: number, correlationId: number, body: object, clientId: string | null = 'raw-client'): void {
    this.send(encodeRequest(apiKey, apiVersion, correlationId, clientId, body));
  }

  /** Waits until `count` response frames have arrived (or the connection closed, or timeoutMs passed). */
  async waitFrames(count: number, timeoutMs = 5000): Promise<Buffer[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length < count && !this.closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.frames.slice(0, count);
  }

  async waitClosed(timeoutMs = 5000): Promise<boolean> {
    await this.waitFrames(Number.MAX_SAFE_INTEGER, timeoutMs);
    return this.closed;
  }

  /** Decodes response frame `index` as `apiKey` v`apiVersion`. */
  decode<T = Record<string, unknown>>(index: number, apiKey: number, apiVersion: number): { correlationId: number; body: T } {
    return decodeResponse<T>(apiKey, apiVersion, this.frames[index]!);
  }

  close(): void {
    this.socket.destroy();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/** `[int32 size][payload]` around raw bytes. */
export function sizePrefixed(payload: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return Buffer.concat([size, payload]);
}
