import { describe, expect, it } from 'vitest';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import type { ClusterEvent } from '../../../shared';
import { createAppStore } from '../../store/app-store';
import { FakeClient } from '../../test/fake-client';
import { watchSessionGeneration } from './session-generation';

function withGeneration(generation: number, seed = 1) {
  const view = makeClusterView({ topics: [] });
  return { ...view, seed, sim: { speed: 1, paused: false, session: { generation, origin: { kind: 'new-cluster' as const }, scenario: null } } };
}

describe('watchSessionGeneration', () => {
  it('starts the timeline afresh from the new host history when the generation rises', async () => {
    const client = new FakeClient(withGeneration(1));
    const store = createAppStore(client, { connect: false });
    const old: ClusterEvent = { type: 'broker-stopped', brokerId: 2, timeMs: 5, seq: 40 } as ClusterEvent;
    store.setState({ snapshot: withGeneration(1), events: [old] });
    const stop = watchSessionGeneration(store, client);
    store.setState({ snapshot: withGeneration(1) });
    expect(store.getState().events).toEqual([old]);
    const fresh: ClusterEvent = { type: 'broker-started', brokerId: 1, timeMs: 9, seq: 0 } as ClusterEvent;
    client.recent = [fresh];
    client.hostInfo = { ...client.hostInfo, seed: 77 };
    store.setState({ snapshot: withGeneration(2, 77) });
    expect(store.getState().events).toEqual([]);
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().events).toEqual([fresh]);
    expect(store.getState().hostInfo?.seed).toBe(77);
    stop();
  });
});

describe('watchSessionGeneration with time travel', () => {
  it('returns to live when the cluster is replaced while the past is shown', async () => {
    const client = new FakeClient(withGeneration(1));
    const store = createAppStore(client, { connect: false });
    store.setState({ snapshot: withGeneration(1) });
    const stop = watchSessionGeneration(store, client);
    const past = withGeneration(1);
    store.setState((s) => ({ liveSnapshot: s.snapshot, snapshot: past, timeTravel: { ...s.timeTravel, mode: 'past', atMs: 0 } }));
    store.setState({ liveSnapshot: withGeneration(2, 9) });
    expect(store.getState().timeTravel.mode).toBe('live');
    expect(store.getState().snapshot?.seed).toBe(9);
    stop();
  });
});
