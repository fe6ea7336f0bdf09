/**
 * Issue 15: the storage methods of a viewer. Reads open to everyone; "Reset lab" and "Delete lab"
 * refused for read-only viewers; "Reset lab" over real ClusterHosts restarts an empty cluster of
 * the same shape, configs and seed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shapeOf } from '../../shared/cluster-shape';
import type { HostStartOptions } from './cluster-host-like';
import { createHostedApi } from './hosted-api';
import { HostSession } from './host-session';
import { startClusterHost } from './start-cluster-host';
import { unavailableWorkbench } from './unavailable-workbench';
import { noHostSession } from './hosted-session-api';

const sessions: HostSession[] = [];
afterEach(async () => { for (const s of sessions.splice(0)) await s.close(); });

async function startSession(): Promise<HostSession> {
  const session = await HostSession.start({
    baseOptions: { brokers: 2, basePort: 0, seed: 5, controllers: 0, brokerConfig: { 'min.insync.replicas': '2' }, log: () => {} } as HostStartOptions,
    startHost: (options) => startClusterHost({ ...options, log: () => {} } as HostStartOptions, false),
    startWorkbench: async () => null,
    noWorkbenchReason: () => 'no workbench in this test',
  });
  sessions.push(session);
  return session;
}

const none = unavailableWorkbench('none');

describe('storage methods of a viewer', () => {
  it('lets a read-only viewer read storage but refuses reset and delete with CLUSTER_AUTHORIZATION_FAILED', async () => {
    const session = await startSession();
    let resets = 0;
    const viewer = createHostedApi(session.host, session.hub, 'serve', true, none, noHostSession, async () => { resets++; return { ok: true, message: 'reset' }; });
    expect(await session.host.execute({ type: 'create-topic', topic: 'kept', partitions: 1, replicationFactor: 2 })).toMatchObject({ ok: true });
    // The brokers create their replicas once they apply the topic from the metadata log.
    await vi.waitFor(async () => expect((await viewer.getStorageInfo()).topics.map((t) => t.topic)).toContain('kept'), { timeout: 10_000 });
    expect(await viewer.describeReplicaStorage('kept', 0, 1)).toMatchObject({ ok: true, value: { topic: 'kept', logEndOffset: 0 } });
    expect(await viewer.resetLab()).toMatchObject({ ok: false, errorName: 'CLUSTER_AUTHORIZATION_FAILED' });
    expect(await viewer.deleteLab('lab')).toMatchObject({ ok: false, errorName: 'CLUSTER_AUTHORIZATION_FAILED' });
    expect(resets).toBe(0);
    expect(session.host.snapshot().topics.map((t) => t.name)).toContain('kept');
  });

  it('resets the lab: an empty cluster of the same shape, broker configs and seed; deleteLab in memory is refused', async () => {
    const session = await startSession();
    const writer = createHostedApi(session.host, session.hub, 'serve', false, none, noHostSession, () => session.resetLab());
    expect(await session.newCluster({ brokers: 3, controllers: 1, brokerConfig: { 'min.insync.replicas': '2' } })).toMatchObject({ ok: true });
    const seed = session.host.seed;
    expect(await session.host.execute({ type: 'create-topic', topic: 'gone', partitions: 2, replicationFactor: 3 })).toMatchObject({ ok: true });
    const result = await writer.resetLab();
    expect(result).toMatchObject({ ok: true, value: { labName: 'in-memory' } });
    const view = session.host.snapshot();
    expect(view.topics.map((t) => t.name)).not.toContain('gone');
    expect(shapeOf(view)).toEqual({ brokers: 3, controllers: 1 });
    expect(session.host.seed).toBe(seed);
    const minIsr = view.brokerConfigs?.find((b) => b.brokerId === 1)?.configs.find((e) => e.name === 'min.insync.replicas');
    expect(minIsr?.value).toBe('2');
    expect(await writer.deleteLab('in-memory')).toMatchObject({ ok: false, errorName: 'INVALID_REQUEST' });
  });
});
