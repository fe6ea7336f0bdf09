/**
 * Wire-level containment (issue 11): no handler exception, throwing cluster call, decoder failure,
 * socket error or accept failure escapes its connection. The failing request gets its error
 * response (UNKNOWN_SERVER_ERROR in the request's shape, error-response.ts) or only its own
 * connection is closed; every other connection keeps being served. An exception that escaped
 * would fail these tests through vitest's unhandled-error check.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlerRegistry } from './handlers';
import { apiSchemas, describeCluster, metadata } from '../protocol';
import { HandlerRegistry } from './handler-registry';
import { defineHandler, type ApiHandler } from './handler';
import type { BrokerServices } from './broker-services';
import { fakeServices } from './testing/fake-cluster';
import { RawClient } from './testing/raw-client';
import { WireServer } from './wire-server';
import type { ConnectionLimits } from './connection-quotas';
import { KAFKA_DEFAULT_LIMITS } from './connection-quotas';

const METADATA = 3;
const API_VERSIONS = 18;
const CREATE_TOPICS = 19;
const DESCRIBE_CLUSTER = 60;
const UNKNOWN_SERVER_ERROR = -1;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** The real handlers, with some replaced (a handler that throws, one that rejects). */
function withHandlers(services: BrokerServices, replace: ApiHandler[]): BrokerServices {
  const real = createHandlerRegistry((apiKey) => apiSchemas.has(apiKey)).all();
  const keys = new Set(replace.map((h) => h.apiKey));
  return { ...services, handlers: new HandlerRegistry([...real.filter((h) => !keys.has(h.apiKey)), ...replace]) };
}

async function setup(adjust: (services: BrokerServices) => BrokerServices = (s) => s, limits?: () => ConnectionLimits) {
  const fake = fakeServices();
  const services = adjust(fake.services);
  const server = new WireServer(services, { maxFrameBytes: 1 << 20, ...(limits ? { limits } : {}) });
  const port = await server.listen(1, 0);
  fake.cluster.setBrokerEndpoint(1, '127.0.0.1', port);
  cleanups.push(() => server.close());
  const client = async () => {
    const c = await RawClient.connect(port);
    cleanups.push(() => c.close());
    return c;
  };
  return { server, logs: fake.logs, client };
}

async function served(c: RawClient, correlationId: number): Promise<boolean> {
  const before = c.frames.length;
  c.request(API_VERSIONS, 0, correlationId, {});
  await c.waitFrames(before + 1);
  return c.frames.length > before && c.decode(before, API_VERSIONS, 0).correlationId === correlationId;
}

describe('wire containment', () => {
  it('a handler that throws: its connection is closed (no errorCode in the response), the others keep working', async () => {
    const throwing = defineHandler(metadata, { advertised: { min: 0, max: 12 }, handle: () => {
      throw new TypeError('handler bug');
    } });
    const { client, logs, server } = await setup((s) => withHandlers(s, [throwing]));
    const bystander = await client();
    const victim = await client();
    victim.request(METADATA, 9, 1, { topics: null, allowAutoTopicCreation: false });
    expect(await victim.waitClosed()).toBe(true);
    expect(await served(bystander, 2)).toBe(true);
    expect(logs.some((l) => l.includes('Metadata v9') && l.includes('handler bug'))).toBe(true);
    expect(server.connectionCount(1)).toBe(1);
  });

  it('a handler whose promise rejects is answered UNKNOWN_SERVER_ERROR and the connection stays usable', async () => {
    const rejecting = defineHandler(describeCluster, { advertised: { min: 0, max: 1 }, handle: () => Promise.reject(new Error('async handler bug')) });
    const { client } = await setup((s) => withHandlers(s, [rejecting]));
    const bystander = await client();
    const c = await client();
    c.request(DESCRIBE_CLUSTER, 0, 5, { includeClusterAuthorizedOperations: false });
    await c.waitFrames(1);
    expect(c.decode<{ errorCode: number }>(0, DESCRIBE_CLUSTER, 0).body.errorCode).toBe(UNKNOWN_SERVER_ERROR);
    expect(await served(c, 6)).toBe(true);
    expect(await served(bystander, 7)).toBe(true);
  });

  it('a cluster call that throws inside a real handler is answered UNKNOWN_SERVER_ERROR per topic', async () => {
    // FakeCluster does not implement createTopics: the call throws inside the CreateTopics handler.
    const { client, logs } = await setup();
    const bystander = await client();
    const c = await client();
    c.request(CREATE_TOPICS, 5, 9, { topics: [{ name: 'x', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 1000, validateOnly: false });
    await c.waitFrames(1);
    const body = c.decode<{ topics: { name: string; errorCode: number }[] }>(0, CREATE_TOPICS, 5).body;
    expect(body.topics).toEqual([expect.objectContaining({ name: 'x', errorCode: UNKNOWN_SERVER_ERROR })]);
    expect(logs.some((l) => l.includes('FakeCluster.createTopics is not implemented'))).toBe(true);
    expect(await served(c, 10)).toBe(true);
    expect(await served(bystander, 11)).toBe(true);
  });

  it('cleanup that throws when a connection closes stays inside that connection', async () => {
    let failures = 0;
    const { client, logs, server } = await setup((s) => ({ ...s, connectionClosed: () => {
      failures++;
      throw new Error('cleanup bug');
    } }));
    const bystander = await client();
    const leaving = await client();
    expect(await served(leaving, 1)).toBe(true);
    leaving.close();
    const deadline = Date.now() + 5000;
    while (failures === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(failures).toBe(1);
    expect(await served(bystander, 2)).toBe(true);
    expect(logs.some((l) => l.includes('cleanup bug'))).toBe(true);
    expect(server.connectionCount(1)).toBe(1);
  });

  it('bookkeeping that throws while a request is read ends only that connection', async () => {
    const { client, server } = await setup((s) => {
      const bytes = s.connections.bytes.bind(s.connections);
      s.connections.bytes = (connectionId, bytesIn, bytesOut) => {
        if (connectionId === 'b1-2') throw new Error('registry bug');
        bytes(connectionId, bytesIn, bytesOut);
      };
      return s;
    });
    const bystander = await client();
    const victim = await client();
    victim.request(API_VERSIONS, 0, 1, {});
    expect(await victim.waitClosed()).toBe(true);
    expect(await served(bystander, 2)).toBe(true);
    expect(server.connectionCount(1)).toBe(1);
  });

  it('a client that resets its connection (socket error on the broker side) costs only that connection', async () => {
    const { client, server } = await setup();
    const bystander = await client();
    const c = await client();
    expect(await served(c, 1)).toBe(true);
    c.socket.resetAndDestroy();
    const deadline = Date.now() + 5000;
    while (server.connectionCount(1) > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(server.connectionCount(1)).toBe(1);
    expect(await served(bystander, 2)).toBe(true);
  });

  it('an accept that fails closes only the new connection', async () => {
    let calls = 0;
    const { client, logs } = await setup(undefined, () => {
      if (calls++ === 0) throw new Error('limits lookup bug');
      return KAFKA_DEFAULT_LIMITS;
    });
    const first = await client();
    expect(await first.waitClosed()).toBe(true);
    const second = await client();
    expect(await served(second, 1)).toBe(true);
    expect(logs.some((l) => l.includes('limits lookup bug'))).toBe(true);
  });
});
