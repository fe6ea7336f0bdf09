/**
 * Connection limits as broker configs of a real ClusterHost: set with --config (brokerConfig),
 * listed by DescribeConfigs with their source, changed at runtime with IncrementalAlterConfigs
 * (max.connections.per.ip is a dynamic cluster-wide config in Kafka), validated like Kafka.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RawClient } from '../wire/testing/raw-client';
import { ClusterHost } from './cluster-host';

const DESCRIBE_CONFIGS = 32;
const INCREMENTAL_ALTER_CONFIGS = 44;
const API_VERSIONS = 18;
const BROKER = 4;
const STATIC_BROKER_CONFIG = 4;
const DEFAULT_CONFIG = 5;
const DYNAMIC_DEFAULT_BROKER_CONFIG = 3;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

type Entry = { name: string; value: string | null; configSource: number; readOnly: boolean };

async function connect(port: number): Promise<RawClient> {
  const c = await RawClient.connect(port);
  cleanups.push(() => c.close());
  return c;
}

async function request<T>(c: RawClient, apiKey: number, version: number, body: object): Promise<T> {
  const index = c.frames.length;
  c.request(apiKey, version, 1000 + index, body);
  await c.waitFrames(index + 1);
  return c.decode<T>(index, apiKey, version).body;
}

async function describe1(c: RawClient): Promise<Map<string, Entry>> {
  const body = await request<{ results: { errorCode: number; configs: Entry[] }[] }>(c, DESCRIBE_CONFIGS, 4, {
    resources: [{ resourceType: BROKER, resourceName: '1', configurationKeys: ['max.connections', 'max.connections.per.ip', 'max.connections.per.ip.overrides', 'connections.max.idle.ms'] }],
    includeSynonyms: false,
    includeDocumentation: false,
  });
  expect(body.results[0]!.errorCode).toBe(0);
  return new Map(body.results[0]!.configs.map((e) => [e.name, e]));
}

async function alter(c: RawClient, name: string, value: string): Promise<number> {
  const body = await request<{ responses: { errorCode: number }[] }>(c, INCREMENTAL_ALTER_CONFIGS, 1, {
    resources: [{ resourceType: BROKER, resourceName: '', configs: [{ name, configOperation: 0, value }] }],
    validateOnly: false,
  });
  return body.responses[0]!.errorCode;
}

describe('connection limits as broker configs', () => {
  it('are set by --config, described with their source, and max.connections.per.ip changes at runtime', async () => {
    const logs: string[] = [];
    const host = await ClusterHost.start({ brokers: 1, basePort: 0, seed: 1, brokerConfig: { 'max.connections.per.ip': '2' }, log: (level, m) => void logs.push(`${level}: ${m}`) });
    cleanups.push(() => host.close());
    const port = Number(host.bootstrap.split(':').at(-1));

    const admin = await connect(port);
    const configs = await describe1(admin);
    expect(configs.get('max.connections.per.ip')).toMatchObject({ value: '2', configSource: STATIC_BROKER_CONFIG, readOnly: false });
    // The lab default (not Kafka's 2147483647): one process hosts every broker.
    expect(configs.get('max.connections')).toMatchObject({ value: '1000', configSource: DEFAULT_CONFIG });
    expect(configs.get('connections.max.idle.ms')).toMatchObject({ value: '600000', configSource: DEFAULT_CONFIG });

    const second = await connect(port);
    expect(await request<{ errorCode: number }>(second, API_VERSIONS, 0, {})).toMatchObject({ errorCode: 0 });
    const third = await connect(port);
    expect(await third.waitClosed()).toBe(true);
    expect(logs.some((l) => l.includes('rejected connection from 127.0.0.1, address already has the configured maximum of 2 connections'))).toBe(true);

    expect(await alter(admin, 'max.connections.per.ip', '3')).toBe(0);
    expect((await describe1(admin)).get('max.connections.per.ip')).toMatchObject({ value: '3', configSource: DYNAMIC_DEFAULT_BROKER_CONFIG });
    const fourth = await connect(port);
    expect(await request<{ errorCode: number }>(fourth, API_VERSIONS, 0, {})).toMatchObject({ errorCode: 0 });

    // Kafka's validation: at least 0 (INVALID_CONFIG = 40).
    expect(await alter(admin, 'max.connections', '-1')).toBe(40);
    // Static in Kafka: INVALID_REQUEST (42) "Cannot update these configs dynamically".
    expect(await alter(admin, 'connections.max.idle.ms', '1000')).toBe(42);
    expect(await alter(admin, 'max.connections', '500')).toBe(0);
    expect((await describe1(admin)).get('max.connections')).toMatchObject({ value: '500', configSource: DYNAMIC_DEFAULT_BROKER_CONFIG });
  }, 30_000);
});
