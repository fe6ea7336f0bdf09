/**
 * Issue 17: the remote ClusterSource polls the host's remote view at the profile's interval and
 * pushes each answer as a full snapshot; it refuses commands and passes the profile methods through.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClient } from '../test/fake-client';
import { createRemoteSource } from './remote-source';
import type { ConnectionProfileSummary, RemoteViewResult } from '../../shared/remote-contract';
import type { VersionedSnapshot } from '../../shared/snapshot-patch';

const profile: ConnectionProfileSummary = { id: 'p1', name: 'prod', colour: '#ef4444', readOnly: true, bootstrapServers: 'kafka-1:9093', securityProtocol: 'SSL', pollIntervalMs: 2000 };

afterEach(() => {
  vi.useRealTimers();
});

describe('createRemoteSource', () => {
  it('polls getRemoteView at the profile\'s interval, pushes full snapshots, and reports failures', async () => {
    vi.useFakeTimers();
    const base = new FakeClient();
    let polls = 0;
    let fail = false;
    base.getRemoteView = async (id) => {
      polls++;
      if (fail) return { ok: false, errorName: 'NETWORK_EXCEPTION', message: 'kafka-1:9093 closed the connection' };
      const result: RemoteViewResult = { profileId: id, fetchedAtMs: polls, view: { ...base.snapshot, clusterId: `poll-${polls}` }, panels: [{ api: 'Metadata', ok: true }] };
      return { ok: true, result };
    };
    const source = createRemoteSource(base, profile);
    const first = await source.getSnapshot();
    expect(first.view.clusterId).toBe('poll-1');
    const pushed: VersionedSnapshot[] = [];
    source.on('snapshot', (s) => pushed.push(s));
    await vi.advanceTimersByTimeAsync(1999);
    expect(pushed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(pushed.map((s) => [s.version, s.view.clusterId])).toEqual([[2, 'poll-2']]);
    fail = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(pushed).toHaveLength(1);
    expect(source.status().error).toBe('NETWORK_EXCEPTION: kafka-1:9093 closed the connection');
    expect(source.status().last?.view.clusterId).toBe('poll-2');
    source.close();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(polls).toBe(3);
  });

  it('is read-only: commands refused, other hosts\' methods unavailable, profile methods passed through', async () => {
    const base = new FakeClient();
    const source = createRemoteSource(base, profile);
    expect(await source.getHostInfo()).toEqual({ bootstrap: 'kafka-1:9093', seed: null, readOnly: true, mode: 'remote' });
    expect(await source.execute({ type: 'pause' })).toMatchObject({ ok: false, errorName: 'CLUSTER_AUTHORIZATION_FAILED' });
    await expect(source.getStorageInfo()).rejects.toThrow('Not available for a remote cluster in this version (getStorageInfo).');
    expect(await source.listConnectionProfiles()).toEqual({ profiles: [], secretStorage: 'memory' });
    expect(await source.getRecentEvents()).toEqual([]);
    source.close();
  });
});
