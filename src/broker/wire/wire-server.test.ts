import { afterEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { encodeRequest } from '../protocol';
import { fakeServices } from './testing/fake-cluster';
import { RawClient, sizePrefixed } from './testing/raw-client';
import { WireServer } from './wire-server';

const METADATA = 3;
const PRODUCE = 0;
const API_VERSIONS = 18;

async function startServer(maxFrameBytes = 1 << 20) {
  const { services, cluster, logs } = fakeServices();
  const server = new WireServer(services, { maxFrameBytes });
  const port = await server.listen(1, 0);
  cluster.setBrokerEndpoint(1, '127.0.0.1', port);
  return { server, port, services, cluster, logs };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup(maxFrameBytes?: number) {
  const s = await startServer(maxFrameBytes);
  cleanups.push(() => s.server.close());
  const client = async () => {
    const c = await RawClient.connect(s.port);
    cleanups.push(() => c.close());
    return c;
  };
  return { ...s, client };
}

describe('WireServer', () => {
  it('answers ApiVersions v0-3 with the registry ranges and records the KIP-511 client software', async () => {
    const { client, services } = await setup();
    const c = await client();
    for (let v = 0; v <= 3; v++) c.request(API_VERSIONS, v, 100 + v, v >= 3 ? { clientSoftwareName: 'test-client', clientSoftwareVersion: '1.2.3' } : {});
    await c.waitFrames(4);
    for (let v = 0; v <= 3; v++) {
      const { correlationId, body } = c.decode<{ errorCode: number; apiKeys: { apiKey: number; minVersion: number; maxVersion: number }[] }>(v, API_VERSIONS, v);
      expect(correlationId).toBe(100 + v);
      expect(body.errorCode).toBe(0);
      expect(body.apiKeys).toEqual(services.handlers.advertised());
    }
    const view = services.connections.views()[0]!;
    expect(view.clientSoftwareName).toBe('test-client');
    expect(view.clientSoftwareVersion).toBe('1.2.3');
    expect(view.clientId).toBe('raw-client');
    expect(view.apis).toEqual([{ apiKey: 18, apiName: 'ApiVersions', versions: [0, 1, 2, 3], requests: 4 }]);
    expect(view.bytesIn).toBeGreaterThan(0);
    expect(view.bytesOut).toBeGreaterThan(0);
  });

  it('answers an ApiVersions version above its max in the v0 format with UNSUPPORTED_VERSION', async () => {
    const { client, services } = await setup();
    const c = await client();
    // v9 does not exist; the header is as v3+ (header v2), the body is not parsed.
    const frame = encodeRequest(API_VERSIONS, 3, 7, 'future', { clientSoftwareName: 'x', clientSoftwareVersion: '1' });
    frame.writeInt16BE(9, 6);
    c.send(frame);
    await c.waitFrames(1);
    const { correlationId, body } = c.decode<{ errorCode: number; apiKeys: unknown[] }>(0, API_VERSIONS, 0);
    expect(correlationId).toBe(7);
    expect(body.errorCode).toBe(35);
    expect(body.apiKeys).toEqual(services.handlers.advertised());
    // The ApiVersions response header is v0 whatever the version: correlation id then the body.
    expect(c.frames[0]!.readInt16BE(4)).toBe(35);
  });

  it('reassembles pipelined requests split at every boundary and answers in order', async () => {
    const { client } = await setup();
    const stream = Buffer.concat([1, 2, 3].map((id) => encodeRequest(METADATA, 9, id, 'pipeline', { topics: null, allowAutoTopicCreation: false })));
    const c = await client();
    for (let i = 0; i < stream.length; i += 7) c.send(stream.subarray(i, i + 7));
    c.send(Buffer.concat([4, 5].map((id) => encodeRequest(METADATA, 1, id, 'pipeline', { topics: null }))));
    await c.waitFrames(5);
    expect([0, 1, 2].map((i) => c.decode(i, METADATA, 9).correlationId)).toEqual([1, 2, 3]);
    expect([3, 4].map((i) => c.decode(i, METADATA, 1).correlationId)).toEqual([4, 5]);
    const body = c.decode<{ brokers: { nodeId: number; host: string }[]; topics: { name: string }[] }>(0, METADATA, 9).body;
    expect(body.brokers[0]).toMatchObject({ nodeId: 1, host: '127.0.0.1' });
    expect(body.topics.map((t) => t.name)).toEqual(['t']);
  });

  it('keeps request order while an acks=all produce waits, and never answers acks=0', async () => {
    const { client, cluster } = await setup();
    const c = await client();
    const produce = (acks: number) => ({ transactionalId: null, acks, timeoutMs: 1000, topicData: [{ name: 't', partitionData: [{ index: 0, records: Buffer.from('x') }] }] });
    c.request(PRODUCE, 7, 1, produce(-1));
    c.request(PRODUCE, 7, 2, produce(0));
    c.request(METADATA, 9, 3, { topics: null, allowAutoTopicCreation: false });
    await new Promise((r) => setTimeout(r, 100));
    expect(c.frames).toHaveLength(0);
    expect(cluster.produced).toHaveLength(2);
    cluster.releaseProduces();
    await c.waitFrames(2);
    expect(c.decode(0, PRODUCE, 7).correlationId).toBe(1);
    expect(c.decode(1, METADATA, 9).correlationId).toBe(3);
    await new Promise((r) => setTimeout(r, 50));
    expect(c.frames).toHaveLength(2);
  });

  it('closes only the connection that sends an oversized frame, before allocating it', async () => {
    const { client, server } = await setup(1024);
    const bad = await client();
    const good = await client();
    const size = Buffer.alloc(4);
    size.writeInt32BE(2_000_000_000);
    bad.send(size);
    expect(await bad.waitClosed()).toBe(true);
    good.request(METADATA, 1, 9, { topics: null });
    await good.waitFrames(1);
    expect(good.decode(0, METADATA, 1).correlationId).toBe(9);
    expect(server.connectionCount(1)).toBe(1);
  });

  it('closes connections that send unknown API keys, unserved versions or undecodable bodies', async () => {
    const { client } = await setup();
    const cases: Buffer[] = [
      sizePrefixed(Buffer.from([0x03, 0xe7, 0, 0, 0, 0, 0, 1, 0xff, 0xff])), // API key 999
      encodeRequest(PRODUCE, 3, 1, 'x', { transactionalId: null, acks: 1, timeoutMs: 1, topicData: [] }).fill(0, 6, 8), // Produce v0
      sizePrefixed(Buffer.from([0, 3, 0, 9, 0, 0, 0, 1, 0, 0, 0x7f])), // Metadata v9 with a truncated body
      sizePrefixed(Buffer.from([0, 3])), // shorter than a header
    ];
    for (const frame of cases) {
      const c = await client();
      c.send(frame);
      expect(await c.waitClosed()).toBe(true);
      expect(c.frames).toHaveLength(0);
    }
  });

  it('refuses connections while a broker is stopped and listens on the same port again', async () => {
    const { client, server, port } = await setup();
    const c = await client();
    await server.stop(1);
    expect(await c.waitClosed()).toBe(true);
    const refused = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve(false);
      });
      s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
    });
    expect(refused).toBe(true);
    expect(await server.listen(1)).toBe(port);
    const again = await client();
    again.request(API_VERSIONS, 0, 1, {});
    expect(await again.waitFrames(1)).toHaveLength(1);
  });
});
