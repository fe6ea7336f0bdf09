import { describe, expect, it } from 'vitest';
import { apiSchemas, API_NAMES } from '../../protocol';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_HANDLERS, createHandlerRegistry } from '.';

describe('handler registry', () => {
  it('advertises only versions the codec can read and write', () => {
    for (const handler of API_HANDLERS) {
      const schema = apiSchemas.get(handler.apiKey);
      expect(schema, `schema for ${handler.apiName}`).toBeDefined();
      expect(schema!.name).toBe(handler.apiName);
      expect(API_NAMES.get(handler.apiKey)).toBe(handler.apiName);
      const low = handler.servedMin ?? handler.advertised.min;
      expect(schema!.request.validVersions.min, handler.apiName).toBeLessThanOrEqual(low);
      expect(schema!.request.validVersions.max, handler.apiName).toBeGreaterThanOrEqual(handler.advertised.max);
      expect(schema!.response.validVersions.max, handler.apiName).toBeGreaterThanOrEqual(handler.advertised.max);
    }
  });

  it('advertises the issue-3 ranges', () => {
    const ranges = Object.fromEntries(createHandlerRegistry().advertised().map((a) => [API_NAMES.get(a.apiKey), `${a.minVersion}-${a.maxVersion}`]));
    expect(ranges).toMatchObject({
      Produce: '0-11', Fetch: '4-16', ListOffsets: '0-8', Metadata: '0-12', ApiVersions: '0-3', CreateTopics: '0-7', DeleteTopics: '0-6',
      DeleteRecords: '0-2', InitProducerId: '0-5', OffsetForLeaderEpoch: '2-4', DescribeConfigs: '0-4', AlterConfigs: '0-2',
      DescribeLogDirs: '0-4', CreatePartitions: '0-3', ElectLeaders: '0-2', IncrementalAlterConfigs: '0-1',
      AlterPartitionReassignments: '0-0', ListPartitionReassignments: '0-0', DescribeCluster: '0-1',
    });
  });

  it('has one file per API key, named NN-api-name.ts and opening with a two-line header', () => {
    const dir = __dirname;
    const files = readdirSync(dir).filter((f) => /^\d\d-.*\.ts$/.test(f) && !f.endsWith('.test.ts'));
    const keysWithFiles = new Set(files.map((f) => Number(f.slice(0, 2))));
    for (const handler of createHandlerRegistry().all()) expect(keysWithFiles.has(handler.apiKey), handler.apiName).toBe(true);
    expect(new Set(files.map((f) => f.slice(0, 2))).size).toBe(files.length);
    for (const f of files) {
      const [first, second] = readFileSync(join(dir, f), 'utf8').split('\n');
      expect(first, f).toMatch(/^\/\/ .*versions? /);
      expect(second, f).toMatch(/^\/\/ /);
    }
  });
});
