/**
 * Workshop mode: brokers bind ClusterHostOptions.listenHost and advertise advertisedHost in
 * Metadata, FindCoordinator, DescribeCluster and the bootstrap string. Loopback only: bound on
 * 127.0.0.1, advertised as the loopback name `localhost` (so it differs from the default).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Caller } from '../wire/testing/caller';
import { ClusterHost, type ClusterHostOptions } from './cluster-host';

const hosts: ClusterHost[] = [];
const callers: Caller[] = [];
afterEach(async () => {
  while (callers.length > 0) callers.pop()!.close();
  while (hosts.length > 0) await hosts.pop()!.close();
});

async function advertised(opts: Partial<ClusterHostOptions>): Promise<{ bootstrap: string; metadata: string[]; coordinator: string; cluster: string[] }> {
  const host = await ClusterHost.start({ brokers: 2, basePort: 0, seed: 8, ...opts });
  hosts.push(host);
  const caller = new Caller(host);
  callers.push(caller);
  const metadata = await caller.call<{ brokers: { nodeId: number; host: string; port: number }[] }>(1, 3, 9, { topics: null, allowAutoTopicCreation: false });
  const described = await caller.call<{ brokers: { brokerId: number; host: string }[] }>(1, 60, 0, { includeClusterAuthorizedOperations: false });
  let coordinator: { errorCode: number; host: string };
  for (let attempt = 0; ; attempt++) {
    coordinator = await caller.call<{ errorCode: number; host: string }>(1, 10, 3, { key: 'workshop', keyType: 0 });
    if (coordinator.errorCode === 0 || attempt > 200) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(coordinator.errorCode).toBe(0);
  return { bootstrap: host.bootstrap, metadata: metadata.brokers.map((b) => b.host), coordinator: coordinator.host, cluster: described.brokers.map((b) => b.host) };
}

describe('ClusterHost listen and advertised host', () => {
  it('binds and advertises 127.0.0.1 by default', async () => {
    const seen = await advertised({});
    expect(seen.bootstrap).toMatch(/^127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$/);
    expect(seen).toMatchObject({ metadata: ['127.0.0.1', '127.0.0.1'], coordinator: '127.0.0.1', cluster: ['127.0.0.1', '127.0.0.1'] });
  });

  it('advertises the given host in Metadata, FindCoordinator, DescribeCluster and bootstrap, bound where asked', async () => {
    const seen = await advertised({ listenHost: '127.0.0.1', advertisedHost: 'localhost' });
    expect(seen.bootstrap).toMatch(/^localhost:\d+,localhost:\d+$/);
    expect(seen).toMatchObject({ metadata: ['localhost', 'localhost'], coordinator: 'localhost', cluster: ['localhost', 'localhost'] });
    expect(hosts[0]!.snapshot().brokers.map((b) => b.host)).toEqual(['localhost', 'localhost']);
  });

  it('refuses a wildcard listen address without an advertised host, before binding anything', async () => {
    await expect(ClusterHost.start({ brokers: 1, basePort: 0, listenHost: '0.0.0.0' })).rejects.toThrow(/advertised host/);
  });
});
