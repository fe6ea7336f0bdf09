/**
 * HostSession over real ClusterHosts on ephemeral ports (issue 13): "New cluster…" swaps the
 * cluster under the push hub and the listeners, keeps each broker id's port, closes the old
 * listeners' connections, and leaves the old cluster running when the new one cannot start.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shapeOf } from '../../shared/cluster-shape';
import type { ClusterPushes } from '../../shared/ipc-contract';
import type { HostStartOptions } from './cluster-host-like';
import { createHostedApi } from './hosted-api';
import { HostSession, type HostSessionDeps } from './host-session';
import { ScenarioControl } from './scenario-control';
import { startClusterHost } from './start-cluster-host';
import { unavailableWorkbench } from './unavailable-workbench';

const sessions: HostSession[] = [];
afterEach(async () => { for (const s of sessions.splice(0)) await s.close(); });

async function startSession(overrides: Partial<HostSessionDeps> = {}): Promise<HostSession> {
  const session = await HostSession.start({
    baseOptions: { brokers: 2, basePort: 0, seed: 7, log: () => {} } as HostStartOptions,
    startHost: (options) => startClusterHost({ ...options, log: () => {} } as HostStartOptions, false),
    startWorkbench: async () => null,
    noWorkbenchReason: () => 'no workbench in this test',
    ...overrides,
  });
  sessions.push(session);
  return session;
}

function portsOf(bootstrap: string): number[] {
  return bootstrap.split(',').map((hostPort) => Number(hostPort.split(':').pop()));
}

/** Resolves with a socket connected to `port`, or rejects with the connect error. */
function connectTo(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('HostSession.newCluster', () => {
  it('swaps in a cluster of the new shape on the same ports per broker id, and every viewer gets its snapshot', async () => {
    const session = await startSession();
    const oldPorts = portsOf(session.host.bootstrap);
    const client = await connectTo(oldPorts[0]!);
    const disconnected = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.on('error', () => {});
    const pushes: ClusterPushes['snapshot'][] = [];
    session.hub.subscribe((channel, payload) => { if (channel === 'snapshot') pushes.push(payload as ClusterPushes['snapshot']); });
    session.hub.tick();
    expect(pushes[0]!.view.sim?.session).toMatchObject({ generation: 1, origin: { kind: 'started' } });

    const result = await session.newCluster({ brokers: 3, controllers: 3, racks: ['rack-a', 'rack-b', 'rack-a'], seed: 99, brokerConfig: { 'min.insync.replicas': '2' } });
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining('3 brokers + 3 dedicated controllers') });
    await disconnected; // the old listener's connection was closed: the external client saw the disconnect
    const newPorts = portsOf(session.host.bootstrap);
    expect(newPorts.slice(0, 2)).toEqual(oldPorts);
    expect(newPorts).toHaveLength(3);
    (await connectTo(newPorts[2]!)).destroy();

    const view = session.host.snapshot();
    expect(shapeOf(view)).toEqual({ brokers: 3, controllers: 3 });
    expect(view.seed).toBe(99);
    expect(view.brokers.map((b) => b.rack)).toEqual(['rack-a', 'rack-b', 'rack-a']);
    session.hub.tick();
    // A full snapshot, not a patch against the old cluster, with the next generation.
    expect(pushes).toHaveLength(2);
    expect(pushes[1]!.view.sim?.session).toMatchObject({ generation: 2, origin: { kind: 'new-cluster' } });
    expect(pushes[1]!.view.controller.voters).toHaveLength(3);
    // The timeline starts fresh: the new host's history holds only its own startup.
    expect(session.host.eventHistory().significant.every((e) => e.type !== 'broker-stopped')).toBe(true);
  });

  it('refuses a bad request field by field and leaves the cluster alone', async () => {
    const session = await startSession();
    const before = session.host.bootstrap;
    const result = await session.newCluster({ brokers: 0, controllers: 2, seed: -1, brokerConfig: { 'min.insync.replicas': 'two', 'no.such.config': '1' } });
    expect(result.ok).toBe(false);
    const fields = (result as { fieldErrors: { field: string }[] }).fieldErrors.map((e) => e.field);
    expect(fields).toEqual(['brokers', 'seed', 'brokerConfig.min.insync.replicas', 'brokerConfig.no.such.config']);
    expect(session.host.bootstrap).toBe(before);
    expect(session.host.snapshot().sim?.session?.generation).toBe(1);
  });

  it('keeps the old cluster running, listeners reopened, when the new one fails to start', async () => {
    let starts = 0;
    const session = await startSession({
      startHost: async (options) => {
        if (starts++ > 0) throw new Error('port 1234 on 127.0.0.1 is not available (EADDRINUSE)');
        return startClusterHost({ ...options, log: () => {} } as HostStartOptions, false);
      },
    });
    const ports = portsOf(session.host.bootstrap);
    const result = await session.newCluster({ brokers: 3, controllers: 0 });
    expect(result).toEqual({ ok: false, errorName: 'BROKER_NOT_AVAILABLE', message: expect.stringContaining('the old cluster keeps running') });
    expect(session.host.snapshot().sim).toMatchObject({ paused: false, session: { generation: 1 } });
    for (const port of ports) (await connectTo(port)).destroy();
    expect(await session.host.execute({ type: 'create-topic', topic: 'still-here', partitions: 1, replicationFactor: 2 })).toMatchObject({ ok: true });
  });

  it('leaks no listeners or timers over repeated swaps, and closes the old host', async () => {
    const session = await startSession();
    const count = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;
    expect(await session.newCluster({ brokers: 2, controllers: 0 })).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 20));
    const servers = count('TCPServerWrap');
    const timers = count('Timeout');
    const replaced = session.started;
    for (let i = 0; i < 4; i++) expect(await session.newCluster({ brokers: 2, controllers: i % 2 === 0 ? 3 : 0 })).toMatchObject({ ok: true });
    // A closed server's handle is released on a later loop turn, so wait for the counts to settle.
    await vi.waitFor(() => expect(count('TCPServerWrap')).toBe(servers), { timeout: 5000, interval: 10 });
    expect(count('Timeout')).toBeLessThanOrEqual(timers);
    expect(await replaced.execute({ type: 'pause' })).toMatchObject({ ok: false, message: 'The cluster host is closed.' });
  });

  it('issue 16: keeps the lab\'s listeners and their security in the new cluster', async () => {
    const listeners = { listeners: 'PLAINTEXT://:0,SECURE://:0', 'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,SECURE:SASL_PLAINTEXT', 'listener.name.secure.sasl.enabled.mechanisms': 'SCRAM-SHA-512' };
    const session = await startSession({ baseOptions: { brokers: 2, basePort: 0, seed: 7, log: () => {}, brokerConfig: listeners } as HostStartOptions });
    const securePorts = (): number[] => session.host.snapshot().listenerSecurity!.listeners[1]!.endpoints.map((e) => e.port);
    const oldSecurePorts = securePorts();
    const result = await session.newCluster({ brokers: 3, controllers: 0, seed: 99, brokerConfig: { 'default.replication.factor': '3' } });
    expect(result).toMatchObject({ ok: true });
    const view = session.host.snapshot();
    expect(view.listenerSecurity!.listeners.map((l) => [l.name, l.securityProtocol, l.saslMechanisms, l.endpoints.length])).toEqual([['PLAINTEXT', 'PLAINTEXT', [], 3], ['SECURE', 'SASL_PLAINTEXT', ['SCRAM-SHA-512'], 3]]);
    // Brokers 1 and 2 keep their SECURE ports too (issue 13's rule for every listener).
    expect(securePorts().slice(0, 2)).toEqual(oldSecurePorts);
  }, 30_000);

  it('is refused for read-only viewers', async () => {
    const session = await startSession();
    const api = createHostedApi(session.host, session.hub, 'serve', true, unavailableWorkbench('none'), new ScenarioControl(session).commands);
    expect(await api.newCluster({ brokers: 1, controllers: 0 })).toMatchObject({ ok: false, errorName: 'CLUSTER_AUTHORIZATION_FAILED' });
    expect(session.host.snapshot().brokers).toHaveLength(2);
  });
});
