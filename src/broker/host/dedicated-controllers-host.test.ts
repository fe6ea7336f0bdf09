/** ClusterHost with dedicated KRaft controllers, seen by a real client (kafkajs) over real sockets. */
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterHost } from './cluster-host';
import { parseBrokerArgs } from './cli-args';
import { runControlCommand } from './control-commands';

const hosts: ClusterHost[] = [];
afterEach(async () => {
  while (hosts.length > 0) await hosts.pop()!.close();
});

async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('ClusterHost with --controllers', () => {
  it('parses --controllers (0 = combined mode) and refuses nonsense', () => {
    expect(parseBrokerArgs(['--controllers', '3'])).toMatchObject({ brokers: 3, controllers: 3 });
    expect(parseBrokerArgs(['--controllers', '0'])).not.toHaveProperty('controllers');
    expect(() => parseBrokerArgs(['--controllers', 'x'])).toThrow(/--controllers must be a whole number/);
    expect(() => parseBrokerArgs(['--controllers', '10'])).toThrow(/at most 9/);
  });

  it('clients see brokers only, admin requests still reach the controller, and the quorum survives losing its active node', async () => {
    // speed 10: the controller election (controller.quorum.election.timeout.ms) passes in a fraction of a wall-clock second.
    const host = await ClusterHost.start({ brokers: 3, controllers: 3, basePort: 0, seed: 5, speed: 10 });
    hosts.push(host);
    const view = host.snapshot();
    expect(view.controller).toMatchObject({ processRoles: 'dedicated', voters: [3000, 3001, 3002], activeControllerId: 3000 });
    expect(view.brokers.map((b) => b.brokerId)).toEqual([1, 2, 3]);
    expect(host.bootstrap.split(',')).toHaveLength(3);

    const kafka = new Kafka({ clientId: 'dedicated-controllers-test', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 500 } });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
      // A KRaft broker names a live broker as controller and forwards admin requests (KIP-590).
      expect([1, 2, 3]).toContain(cluster.controller);
      await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });

      expect(await runControlCommand(host, 'stop 3000')).toBe('ok stop 3000');
      expect(host.snapshot().controller.activeControllerId).toBeNull();
      const next = await waitFor(() => host.snapshot().controller.activeControllerId);
      expect([3001, 3002]).toContain(next);
      await admin.createTopics({ topics: [{ topic: 'payments', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
      expect((await admin.listTopics()).sort()).toEqual(['orders', 'payments']);
      expect(await runControlCommand(host, 'status')).toMatch(/ controllers=3000:stopped,3001:running,3002:running quorum=up:2\/3$/);
    } finally {
      await admin.disconnect();
    }
  });
});
