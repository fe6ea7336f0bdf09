import { describe, expect, it } from 'vitest';
import { makeClusterView } from '../../shared/cluster-view-fixtures';
import { FakeClient, event, loadedStore, manualFrames } from '../test/fake-client';
import { createAppStore } from './app-store';
import { diffSnapshot } from '../../shared/snapshot-patch';

describe('createAppStore', () => {
  it('loads host info, snapshot and recent events when the client is open', async () => {
    const client = new FakeClient();
    client.recent = [event({ type: 'broker-started', brokerId: 1 }, 1)];
    const { store } = await loadedStore(client);
    const s = store.getState();
    expect(s.hostInfo?.bootstrap).toContain('9092');
    expect(s.snapshot?.topics[0]?.name).toBe('orders');
    expect(s.events.map((e) => e.seq)).toEqual([1]);
  });

  it('applies any number of pushes as one store update per frame, latest snapshot winning', async () => {
    const { store, client, frames } = await loadedStore();
    let updates = 0;
    store.subscribe(() => updates++);
    const a = makeClusterView({ simTimeMs: 1000 });
    const b = makeClusterView({ simTimeMs: 2000 });
    client.pushSnapshot(a);
    client.push('events', [event({ type: 'broker-stopped', brokerId: 2, controlled: false }, 5)]);
    client.pushSnapshot(b);
    client.push('events', [event({ type: 'broker-started', brokerId: 2 }, 6)]);
    expect(updates).toBe(0);
    expect(frames.pending).toBe(1);
    frames.flush();
    expect(updates).toBe(1);
    expect(store.getState().snapshot).toBe(b);
    expect(store.getState().events.map((e) => e.seq)).toEqual([5, 6]);
  });

  it('drops events it already has (initial fetch and first push overlap)', async () => {
    const client = new FakeClient();
    client.recent = [event({ type: 'broker-started', brokerId: 1 }, 1), event({ type: 'broker-started', brokerId: 2 }, 2)];
    const { store, frames } = await loadedStore(client);
    client.push('events', [event({ type: 'broker-started', brokerId: 2 }, 2), event({ type: 'broker-started', brokerId: 3 }, 3)]);
    frames.flush();
    expect(store.getState().events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('turns a throwing transport into an error result', async () => {
    const client = new FakeClient();
    client.execute = async () => { throw new Error('socket closed'); };
    const { store } = await loadedStore(client);
    const result = await store.getState().execute({ type: 'pause' });
    expect(result).toEqual({ ok: false, errorName: 'NETWORK_EXCEPTION', message: 'socket closed' });
    expect(store.getState().lastResult?.result.ok).toBe(false);
  });

  it('reloads everything when the connection opens again', async () => {
    const client = new FakeClient();
    client.state = 'connecting';
    const frames = manualFrames();
    const store = createAppStore(client, { scheduleFrame: frames.schedule });
    expect(store.getState().connection).toBe('connecting');
    expect(store.getState().snapshot).toBeNull();
    client.setConnection('open');
    await new Promise((r) => setTimeout(r, 0));
    frames.flush();
    expect(store.getState().connection).toBe('open');
    expect(store.getState().snapshot).not.toBeNull();
  });

  it('applies patches to the version they name and resynchronises on a gap', async () => {
    const { store, client, frames } = await loadedStore();
    const base = client.snapshot;
    const next = JSON.parse(JSON.stringify(base)) as typeof base;
    next.topics[0]!.partitions[1]!.highWatermark = 77;
    client.push('snapshotPatch', diffSnapshot(base, next, client.version, client.version + 1));
    frames.flush();
    const applied = store.getState().snapshot!;
    expect(applied.topics[0]!.partitions[1]!.highWatermark).toBe(77);
    expect(applied.topics[0]!.partitions[0]).toBe(base.topics[0]!.partitions[0]);
    // A patch against a version this viewer never had: fetch the current snapshot instead.
    client.version = 9;
    client.snapshot = makeClusterView({ simTimeMs: 123 });
    client.push('snapshotPatch', diffSnapshot(base, next, 7, 8));
    await new Promise((r) => setTimeout(r, 0));
    frames.flush();
    expect(store.getState().snapshot?.simTimeMs).toBe(123);
  });

  it('stops applying pushes after disconnect()', async () => {
    const { store, client, frames } = await loadedStore();
    store.disconnect();
    client.pushSnapshot(makeClusterView({ simTimeMs: 99 }));
    frames.flush();
    expect(store.getState().snapshot?.simTimeMs).not.toBe(99);
  });
});
