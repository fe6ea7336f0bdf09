/**
 * The connection's framing and failure handling against a scripted server on a real socket:
 * responses matched by correlation id, a request timeout closing the connection (NetworkClient),
 * an oversized frame refused, the ApiVersions UNSUPPORTED_VERSION fallback (KIP-511), and the TCP
 * step's plain words for a closed port.
 */
import * as net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeRequestHeader, encodeApiVersionsFallback, encodeResponse } from '../broker/protocol';
import { KafkaClientError } from './errors';
import { KafkaConnection } from './kafka-connection';
import { connectTcp, parseBootstrapServers } from './socket-setup';

const servers: net.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A server that hands each request frame (after the size) to `onFrame`. */
async function scriptedServer(onFrame: (frame: Buffer, socket: net.Socket) => void): Promise<number> {
  const server = net.createServer((socket) => {
    let buf = Buffer.alloc(0);
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) {
        const size = buf.readInt32BE(0);
        onFrame(buf.subarray(4, 4 + size), socket);
        buf = buf.subarray(4 + size);
      }
    });
    socket.on('error', () => {});
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
}

async function connect(port: number, requestTimeoutMs = 30_000): Promise<KafkaConnection> {
  const socket = await connectTcp({ host: '127.0.0.1', port }, 5_000);
  return new KafkaConnection(socket, `127.0.0.1:${port}`, { clientId: 'test', requestTimeoutMs, maxResponseBytes: 1024 });
}

const RANGES = [{ apiKey: 18, minVersion: 0, maxVersion: 2 }, { apiKey: 3, minVersion: 0, maxVersion: 9 }];

describe('KafkaConnection', () => {
  it('asks ApiVersions v3, falls back to the broker\'s highest after UNSUPPORTED_VERSION, and picks versions both serve', async () => {
    const asked: number[] = [];
    const port = await scriptedServer((frame, socket) => {
      const { header } = decodeRequestHeader(frame);
      asked.push(header.apiVersion);
      if (header.apiVersion > 2) socket.write(encodeApiVersionsFallback(header.correlationId, 35, RANGES));
      else socket.write(encodeResponse(18, header.apiVersion, header.correlationId, { errorCode: 0, apiKeys: RANGES, throttleTimeMs: 0 }));
    });
    const connection = await connect(port);
    await connection.negotiateApiVersions();
    expect(asked).toEqual([3, 2]);
    expect(connection.versionFor(3)).toBe(9);
    expect(connection.versionFor(3, 4)).toBe(4);
    expect(() => connection.versionFor(19)).toThrow(/does not serve CreateTopics\(19\)/);
    connection.close();
  });

  it('fails a request that gets no answer within its timeout and closes the connection, as NetworkClient does', async () => {
    const port = await scriptedServer(() => { /* never answers */ });
    const connection = await connect(port, 200);
    const closed = new Promise<KafkaClientError>((r) => connection.onClose(r));
    const first = connection.send(18, {}, { version: 0 });
    const second = connection.send(18, {}, { version: 0, timeoutMs: 60_000 });
    await expect(first).rejects.toMatchObject({ code: 'REQUEST_TIMED_OUT', message: expect.stringContaining('ApiVersions(18)') });
    await expect(second).rejects.toMatchObject({ code: 'NETWORK_EXCEPTION' });
    expect((await closed).code).toBe('REQUEST_TIMED_OUT');
    expect(connection.closed).toBe(true);
    await expect(connection.send(18, {}, { version: 0 })).rejects.toMatchObject({ code: 'REQUEST_TIMED_OUT' });
  });

  it('refuses a frame above maxResponseBytes and a response to another correlation id', async () => {
    const big = await scriptedServer((_f, socket) => {
      const head = Buffer.alloc(8);
      head.writeInt32BE(10_000, 0);
      socket.write(head);
    });
    const c1 = await connect(big);
    await expect(c1.send(18, {}, { version: 0 })).rejects.toMatchObject({ code: 'INVALID_FRAME', message: expect.stringContaining('10000 bytes') });
    const wrong = await scriptedServer((frame, socket) => {
      const { header } = decodeRequestHeader(frame);
      socket.write(encodeResponse(18, 0, header.correlationId + 7, { errorCode: 0, apiKeys: RANGES }));
    });
    const c2 = await connect(wrong);
    await expect(c2.send(18, {}, { version: 0 })).rejects.toMatchObject({ code: 'CORRELATION_MISMATCH' });
  });

  it('names a closed port at the TCP step, and parses bootstrap.servers as Kafka does', async () => {
    const port = await scriptedServer(() => {});
    const server = servers.pop()!;
    await new Promise((r) => server.close(r));
    await expect(connectTcp({ host: '127.0.0.1', port }, 5_000)).rejects.toMatchObject({ step: 'tcp', code: 'ECONNREFUSED', message: expect.stringContaining('nothing listens') });
    expect(parseBootstrapServers(' a:1, [::1]:9093 ,')).toEqual([{ host: 'a', port: 1 }, { host: '::1', port: 9093 }]);
    expect(() => parseBootstrapServers('nohost')).toThrow('Invalid url in bootstrap.servers: nohost');
    expect(() => parseBootstrapServers('')).toThrow('bootstrap.servers is empty');
  });
});
