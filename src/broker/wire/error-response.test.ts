/**
 * An unexpected handler exception is answered UNKNOWN_SERVER_ERROR (-1) in the request's shape
 * (Kafka's getErrorResponse) where the response schema has an errorCode; otherwise the connection
 * closes, as before. Handlers that throw (or reject) are injected into a real WireServer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { apiSchemas } from '../protocol';
import { errorResponseBody } from './error-response';
import { defineHandler, type ApiHandler } from './handler';
import { HandlerRegistry } from './handler-registry';
import { fakeServices } from './testing/fake-cluster';
import { RawClient } from './testing/raw-client';
import { WireServer } from './wire-server';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function failing(apiKey: number, apiName: string, max: number, async: boolean): ApiHandler {
  return defineHandler(apiSchemas.get(apiKey)!, {
    advertised: { min: 0, max },
    handle: () => {
      if (async) return Promise.reject(new Error(`injected ${apiName} failure`));
      throw new Error(`injected ${apiName} failure`);
    },
  });
}

async function serverWith(handlers: ApiHandler[]) {
  const { services, logs } = fakeServices();
  const server = new WireServer({ ...services, handlers: new HandlerRegistry(handlers) }, { maxFrameBytes: 1 << 20 });
  const port = await server.listen(1, 0);
  cleanups.push(() => server.close());
  const client = async (): Promise<RawClient> => {
    const c = await RawClient.connect(port);
    cleanups.push(() => c.close());
    return c;
  };
  return { client, logs };
}

describe('UNKNOWN_SERVER_ERROR for a failing handler', () => {
  it('answers a throwing Produce handler per partition and keeps the connection open', async () => {
    const { client, logs } = await serverWith([failing(0, 'Produce', 9, false), failing(18, 'ApiVersions', 3, true)]);
    const c = await client();
    c.request(0, 9, 5, { transactionalId: null, acks: -1, timeoutMs: 1000, topicData: [{ name: 'orders', partitionData: [{ index: 0, records: null }, { index: 2, records: null }] }] });
    await c.waitFrames(1);
    const { correlationId, body } = c.decode<{ responses: { name: string; partitionResponses: { index: number; errorCode: number }[] }[] }>(0, 0, 9);
    expect(correlationId).toBe(5);
    expect(body.responses).toEqual([{ name: 'orders', partitionResponses: [expect.objectContaining({ index: 0, errorCode: -1 }), expect.objectContaining({ index: 2, errorCode: -1 })] }]);
    // A rejected promise is answered too (top-level errorCode), on the same connection.
    c.request(18, 3, 6, { clientSoftwareName: 'x', clientSoftwareVersion: '1' });
    await c.waitFrames(2);
    expect(c.decode<{ errorCode: number }>(1, 18, 3).body.errorCode).toBe(-1);
    expect(c.closed).toBe(false);
    expect(logs.some((l) => l.includes('injected Produce failure'))).toBe(true);
  });

  it('closes the connection when the response has no errorCode to carry it (Metadata for all topics)', async () => {
    const { client } = await serverWith([failing(3, 'Metadata', 12, false)]);
    const c = await client();
    c.request(3, 9, 1, { topics: null, allowAutoTopicCreation: false });
    expect(await c.waitClosed()).toBe(true);
    expect(c.frames).toHaveLength(0);
  });

  it('mirrors the request shape from the schema: Fetch by name and by topicId, DeleteTopics names, DescribeGroups ids', () => {
    const fetch = apiSchemas.get(1)!.response;
    expect(errorResponseBody(fetch, 12, { topics: [{ topic: 't', partitions: [{ partition: 3, fetchOffset: 7 }] }], forgottenTopicsData: [] }, -1)).toEqual({
      errorCode: -1,
      responses: [{ topic: 't', partitions: [{ partitionIndex: 3, errorCode: -1 }] }],
    });
    expect(errorResponseBody(fetch, 13, { topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAQ', partitions: [{ partition: 1 }] }] }, -1)).toMatchObject({
      responses: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAQ', partitions: [{ partitionIndex: 1, errorCode: -1 }] }],
    });
    expect(errorResponseBody(apiSchemas.get(20)!.response, 3, { topicNames: ['a', 'b'], timeoutMs: 1 }, -1)).toEqual({ responses: [{ name: 'a', errorCode: -1 }, { name: 'b', errorCode: -1 }] });
    expect(errorResponseBody(apiSchemas.get(15)!.response, 5, { groups: ['g'] }, -1)).toMatchObject({ groups: [{ groupId: 'g', errorCode: -1 }] });
  });
});
