/** Connection backpressure: a client that sends but never reads cannot make the broker buffer without bound. */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection } from './connection';

const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length > 0) cleanup.pop()!();
});

function frame(correlationId: number): Buffer {
  const b = Buffer.alloc(12);
  b.writeInt32BE(8, 0);
  b.writeInt32BE(correlationId, 8);
  return b;
}

describe('Connection', () => {
  it('calls beforeWrite before a response reaches the socket (disk storage writes its held appends there)', async () => {
    const order: string[] = [];
    const server: Server = createServer((socket: Socket) => {
      const write = socket.write.bind(socket) as (chunk: Buffer) => boolean;
      socket.write = ((chunk: Buffer) => { order.push('socket.write'); return write(chunk); }) as typeof socket.write;
      new Connection('c1', 1, socket, {
        route: (f) => {
          const response = Buffer.alloc(8);
          response.writeInt32BE(4, 0);
          response.writeInt32BE(f.readInt32BE(4), 4);
          return { kind: 'response', response };
        },
        beforeWrite: () => order.push('beforeWrite'),
        onBytes: () => {},
        onClosed: () => {},
      }, { maxFrameBytes: 1024, highWaterBytes: 1024 * 1024, maxInFlightRequests: 8 });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => server.close());
    const client = connect({ host: '127.0.0.1', port: (server.address() as { port: number }).port });
    cleanup.push(() => client.destroy());
    await new Promise((r) => client.once('connect', r));
    const answered = new Promise((r) => client.once('data', r));
    client.write(frame(7));
    await answered;
    expect(order).toEqual(['beforeWrite', 'socket.write']);
  });

  it('stops reading while responses pile up unread, and resumes in order once the client reads', async () => {
    const RESPONSE_BYTES = 256 * 1024;
    // The bound does not depend on how the kernel chunks the pipelined frames: at most this many
    // are routed before their responses are flushed, and the flushed ones then hold the write
    // buffer above highWaterBytes while the client reads nothing.
    const MAX_IN_FLIGHT = 64;
    let connection: Connection | null = null;
    let routed = 0;
    const server: Server = createServer((socket: Socket) => {
      connection = new Connection('c1', 1, socket, {
        route: (f) => {
          routed++;
          const response = Buffer.alloc(RESPONSE_BYTES);
          response.writeInt32BE(RESPONSE_BYTES - 4, 0);
          response.writeInt32BE(f.readInt32BE(4), 4);
          return { kind: 'response', response };
        },
        onBytes: () => {},
        onClosed: () => {},
      }, { maxFrameBytes: 1024, highWaterBytes: 1024 * 1024, maxInFlightRequests: MAX_IN_FLIGHT });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => server.close());
    const port = (server.address() as { port: number }).port;
    const client = connect({ host: '127.0.0.1', port });
    cleanup.push(() => client.destroy());
    await new Promise((r) => client.once('connect', r));
    client.pause();
    const REQUESTS = 2000;
    for (let i = 0; i < REQUESTS; i++) client.write(frame(i));
    await new Promise((r) => setTimeout(r, 300));
    // 2000 × 256 KiB = 500 MiB of responses if the broker kept reading; it stopped at the in-flight bound.
    expect(routed).toBeGreaterThan(0);
    expect(routed).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    expect(connection!.socket.writableLength).toBeLessThan(64 * 1024 * 1024);
    expect(connection!.socket.isPaused()).toBe(true);

    let next = 0;
    let buffered = Buffer.alloc(0);
    let outOfOrder = false;
    const done = new Promise<void>((resolve) => {
      client.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        while (buffered.length >= 8 && buffered.length >= buffered.readInt32BE(0) + 4) {
          if (buffered.readInt32BE(4) !== next) outOfOrder = true;
          next++;
          buffered = buffered.subarray(buffered.readInt32BE(0) + 4);
        }
        if (next === REQUESTS) resolve();
      });
    });
    client.resume();
    await done;
    expect(outOfOrder).toBe(false);
    expect(routed).toBe(REQUESTS);
  }, 30_000);
});
