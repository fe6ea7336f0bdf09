/**
 * Handlers are typed by their schema (handler.ts defineHandler, protocol/typed.ts). The
 * `@ts-expect-error` lines are the test proper: `npm run typecheck` fails if any of them stops
 * being an error, i.e. if a handler could read or return a field its schema lacks.
 */
import { describe, expect, it } from 'vitest';
import { apiSchemas, metadata, type MetadataResponse } from '../protocol';
import { defineHandler, type RequestContext } from './handler';
import { API_HANDLERS } from './handlers';

const advertised = { min: 0, max: 12 };

/** Top-level, nested and mapped fields the Metadata schema lacks, and a field it lacks read from the request. */
export const rejected = [
  // @ts-expect-error bogusTop is not a MetadataResponse field
  defineHandler(metadata, { advertised, handle: () => ({ brokers: [], topics: [], bogusTop: 1 }) }),
  // @ts-expect-error a broker has no bogusNested field
  defineHandler(metadata, { advertised, handle: () => ({ brokers: [{ nodeId: 1, host: 'h', port: 1, bogusNested: 2 }], topics: [] }) }),
  // @ts-expect-error a topic built in a map callback has no bogusInMap field
  defineHandler(metadata, { advertised, handle: (request) => ({ brokers: [], topics: (request.topics ?? []).map((t) => ({ errorCode: 0, name: t.name, partitions: [], bogusInMap: 1 })) }) }),
  // @ts-expect-error MetadataRequest has no noSuchField
  defineHandler(metadata, { advertised, handle: (request) => ({ brokers: [], topics: [], throttleTimeMs: request.noSuchField }) }),
  // @ts-expect-error errorCode is an int16 (number), not a string
  defineHandler(metadata, { advertised, handle: () => ({ brokers: [], topics: [{ errorCode: 'NONE', name: 't', partitions: [] }] }) }),
  // @ts-expect-error topics is in every version and has no default: it may not be omitted
  defineHandler(metadata, { advertised, handle: () => ({ brokers: [] }) }),
];

/** Fields with a default (throttleTimeMs, clusterId, controllerId), or not in every version, may be omitted. */
export const accepted = defineHandler(metadata, { advertised, handle: () => ({ brokers: [], topics: [{ errorCode: 0, name: 't', partitions: [] }] }) });

describe('handlers typed by their schema', () => {
  it('a handler within its schema compiles and answers what it returns', () => {
    const echo = defineHandler(metadata, {
      advertised,
      handle: (request) => ({ brokers: [], topics: (request.topics ?? []).map((t) => ({ errorCode: 3, name: t.name, partitions: [] })) }),
    });
    expect(echo.apiKey).toBe(3);
    expect(echo.apiName).toBe('Metadata');
    const body = echo.handle(
      { topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'x' }], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false },
      {} as RequestContext,
    ) as MetadataResponse;
    expect(body.topics).toEqual([{ errorCode: 3, name: 'x', partitions: [] }]);
    expect(rejected).toHaveLength(6);
    expect(accepted.apiKey).toBe(3);
  });

  it('every registered handler carries the schema the codec uses for its API key', () => {
    for (const handler of API_HANDLERS) {
      expect(handler.schema, handler.apiName).toBe(apiSchemas.get(handler.apiKey));
      expect(handler.apiName).toBe(handler.schema.name);
    }
  });
});
