import { describe, expect, it } from 'vitest';
import { makeClusterView } from '../../shared/cluster-view-fixtures';
import type { PastViewResult } from '../../shared/session-history-contract';
import { FakeClient, event, loadedStore } from '../test/fake-client';
import { eventsThrough } from './time-travel-slice';

const topics = [{ name: 'orders', partitions: 1, replicationFactor: 3, records: 10 }];

describe('time-travel slice', () => {
  it('shows the past view while live pushes wait aside, and "back to live" shows the newest live view', async () => {
    const client = new FakeClient(makeClusterView({ simTimeMs: 5000, topics }));
    const pastView = makeClusterView({ simTimeMs: 2000, topics: [{ ...topics[0]!, records: 3 }] });
    client.pastViews = [{ sampleTimeMs: 2000, eventSeq: 7, view: pastView }];
    const { store, frames } = await loadedStore(client);
    expect(store.getState().snapshot!.simTimeMs).toBe(5000);

    await store.getState().travelTo(2500);
    const s = store.getState();
    expect(s.timeTravel.mode).toBe('past');
    expect(s.timeTravel.past).toEqual({ atMs: 2500, sampleTimeMs: 2000, eventSeq: 7 });
    expect(s.snapshot).toBe(pastView);
    expect(client.viewRequests).toEqual([2500]);

    const newer = makeClusterView({ simTimeMs: 6000, topics });
    client.pushSnapshot(newer);
    frames.flush();
    expect(store.getState().snapshot).toBe(pastView);
    expect(store.getState().liveSnapshot).toBe(newer);

    store.getState().backToLive();
    expect(store.getState().timeTravel.mode).toBe('live');
    expect(store.getState().snapshot).toBe(newer);
    client.pushSnapshot(makeClusterView({ simTimeMs: 7000, topics }));
    frames.flush();
    expect(store.getState().snapshot!.simTimeMs).toBe(7000);
  });

  it('sends one request at a time and applies only the newest moment asked for (a fast drag)', async () => {
    const client = new FakeClient(makeClusterView({ simTimeMs: 9000, topics }));
    const answers: ((r: PastViewResult) => void)[] = [];
    client.getViewAt = (atMs) => {
      client.viewRequests.push(atMs);
      return new Promise<PastViewResult>((resolve) => answers.push(resolve));
    };
    const { store } = await loadedStore(client);
    const view = (t: number) => makeClusterView({ simTimeMs: t, topics });
    void store.getState().travelTo(1000);
    void store.getState().travelTo(2000);
    void store.getState().travelTo(3000);
    expect(client.viewRequests).toEqual([1000]);
    answers[0]!({ ok: true, atMs: 1000, sampleTimeMs: 1000, eventSeq: 1, view: view(1000) });
    await new Promise((r) => setTimeout(r, 0));
    // The answer for 1000 was overtaken: not shown; only the newest queued moment (3000) is asked next.
    expect(client.viewRequests).toEqual([1000, 3000]);
    expect(store.getState().snapshot!.simTimeMs).toBe(9000);
    answers[1]!({ ok: true, atMs: 3000, sampleTimeMs: 3000, eventSeq: 2, view: view(3000) });
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().snapshot!.simTimeMs).toBe(3000);
    expect(store.getState().timeTravel.loading).toBe(false);
  });

  it('leaves the past when a new cluster arrives (its history starts afresh)', async () => {
    const client = new FakeClient(makeClusterView({ simTimeMs: 5000, seed: 1, topics }));
    client.pastViews = [{ sampleTimeMs: 2000, eventSeq: 7, view: makeClusterView({ simTimeMs: 2000, seed: 1, topics }) }];
    const { store, frames } = await loadedStore(client);
    await store.getState().travelTo(2500);
    client.pushSnapshot(makeClusterView({ simTimeMs: 6000, seed: 1, topics }));
    frames.flush();
    expect(store.getState().timeTravel.mode).toBe('past');
    const other = makeClusterView({ simTimeMs: 100, seed: 2 });
    client.pushSnapshot(other);
    frames.flush();
    expect(store.getState().timeTravel.mode).toBe('live');
    expect(store.getState().timeTravel.range).toBeNull();
    expect(store.getState().snapshot).toBe(other);
  });

  it('says in Kafka words when the moment is older than the kept history, and keeps the shown view', async () => {
    const client = new FakeClient(makeClusterView({ simTimeMs: 9000, topics }));
    const { store } = await loadedStore(client);
    await store.getState().travelTo(10);
    expect(store.getState().timeTravel.error).toBe('OFFSET_OUT_OF_RANGE: History is kept from later on.');
    expect(store.getState().snapshot!.simTimeMs).toBe(9000);
    store.getState().backToLive();
    expect(store.getState().timeTravel.error).toBeNull();
  });

  it('loads the history range from the host', async () => {
    const client = new FakeClient();
    client.sessionHistory = { ...client.sessionHistory, fromMs: 1, toMs: 2, samples: 2 };
    const { store } = await loadedStore(client);
    await store.getState().refreshHistoryRange();
    expect(store.getState().timeTravel.range!.samples).toBe(2);
  });

  it('eventsThrough keeps the events up to a sequence number (all of them when live)', () => {
    const events = [event({ type: 'broker-started', brokerId: 1 }, 1), event({ type: 'broker-stopped', brokerId: 1, controlled: true }, 4), event({ type: 'broker-started', brokerId: 1 }, 9)];
    expect(eventsThrough(events, null)).toBe(events);
    expect(eventsThrough(events, 4).map((e) => e.seq)).toEqual([1, 4]);
    expect(eventsThrough(events, 3).map((e) => e.seq)).toEqual([1]);
    expect(eventsThrough(events, 0)).toEqual([]);
    expect(eventsThrough(events, 100)).toBe(events);
  });
});
