import { afterEach, describe, expect, it } from 'vitest';
import { FakeClusterHost } from './fake-cluster-host';
import { createHostedApi, PushHub } from './hosted-api';
import { unavailableWorkbench } from './unavailable-workbench';

const noWorkbench = unavailableWorkbench('not in this test');

const hosts: FakeClusterHost[] = [];
function host() {
  const h = new FakeClusterHost({ tickMs: 0 });
  hosts.push(h);
  return h;
}
afterEach(async () => { for (const h of hosts.splice(0)) await h.close(); });

describe('createHostedApi', () => {
  it('refuses every command for a read-only viewer, without reaching the host', async () => {
    const h = host();
    const api = createHostedApi(h, new PushHub(h, 60_000), 'serve', true, noWorkbench);
    const result = await api.execute({ type: 'stop-broker', brokerId: 1 });
    expect(result).toMatchObject({ ok: false, errorName: 'CLUSTER_AUTHORIZATION_FAILED' });
    expect(h.snapshot().brokers[0]!.state).toBe('running');
    expect((await api.getHostInfo()).readOnly).toBe(true);
    expect((await api.getSnapshot()).view.brokers).toHaveLength(3);
    await expect(api.produceRecord({} as never)).rejects.toThrow('CLUSTER_AUTHORIZATION_FAILED');
    await expect(api.getLagTrends()).rejects.toThrow('not in this test');
    let exported = false;
    h.exportTrace = () => { exported = true; return '{}'; };
    expect(await api.exportSession()).toMatchObject({ ok: false, errorName: 'CLUSTER_AUTHORIZATION_FAILED' });
    expect(exported).toBe(false);
  });

  it('lets a read-only viewer time-travel (issue 13): the history range and the view of just before a command', async () => {
    const h = host();
    const writer = createHostedApi(h, new PushHub(h, 60_000), 'serve', false, noWorkbench);
    const viewer = createHostedApi(h, new PushHub(h, 60_000), 'serve', true, noWorkbench);
    const before = h.snapshot();
    expect(await writer.execute({ type: 'stop-broker', brokerId: 1 })).toMatchObject({ ok: true });
    const range = await viewer.getSessionHistory();
    expect(range.samples).toBeGreaterThanOrEqual(2);
    const stopped = (await viewer.getRecentEvents()).find((e) => e.type === 'broker-stopped')!;
    const past = await viewer.getViewAt(stopped.timeMs, stopped.seq - 1);
    expect(past).toMatchObject({ ok: true, sampleTimeMs: before.simTimeMs });
    expect(past.ok && past.view.brokers[0]!.state).toBe('running');
    const now = await viewer.getViewAt(stopped.timeMs);
    expect(now.ok && now.view.brokers[0]!.state).toBe('stopped');
    expect(await viewer.getViewAt(Number.NaN)).toMatchObject({ ok: false, errorName: 'INVALID_REQUEST' });
    expect(await viewer.getViewAt(range.fromMs! - 1)).toMatchObject({ ok: false, errorName: 'OFFSET_OUT_OF_RANGE' });
  });

  it('exports the session for a writer, or says why the host cannot', async () => {
    const h = host();
    const api = createHostedApi(h, new PushHub(h, 60_000), 'electron', false, noWorkbench);
    const result = await api.exportSession();
    expect(result).toMatchObject({ ok: true, fileName: expect.stringMatching(/^kafka-lab-session-seed42-\d{4}-\d\d-\d\dT[\d-]+Z\.json$/) });
    expect(JSON.parse((result as { json: string }).json)).toMatchObject({ seed: 42, inputLog: [] });
    h.exportTrace = () => { throw new Error('The input log passed its 256 MiB budget and was dropped.'); };
    expect(await api.exportSession()).toEqual({ ok: false, errorName: 'INVALID_REQUEST', message: 'The input log passed its 256 MiB budget and was dropped.' });
  });

  it('passes commands through for a writer and turns malformed ones into errors', async () => {
    const h = host();
    const api = createHostedApi(h, new PushHub(h, 60_000), 'electron', false, noWorkbench);
    expect(await api.execute({ type: 'create-topic', topic: 'orders', partitions: 3, replicationFactor: 3 })).toEqual({ ok: true });
    expect(await api.execute({ type: 'create-topic', topic: 'orders', partitions: 3, replicationFactor: 3 })).toMatchObject({ errorName: 'TOPIC_ALREADY_EXISTS' });
    expect(await api.execute(null as never)).toMatchObject({ ok: false, errorName: 'INVALID_REQUEST' });
    expect((await api.getRecentEvents(2)).map((e) => e.type)).toEqual(['leader-elected', 'leader-elected']);
  });
});

describe('history for late viewers (issue 12)', () => {
  it('gives a read-only viewer the significant events since the start and the metric history', async () => {
    const h = host();
    await h.execute({ type: 'create-topic', topic: 'orders', partitions: 3, replicationFactor: 3 });
    await h.execute({ type: 'stop-broker', brokerId: 1 });
    h.produce('orders', 0, 5);
    h.advance(1000);
    h.produce('orders', 1, 7);
    h.advance(1000);
    const api = createHostedApi(h, new PushHub(h, 60_000), 'serve', true, noWorkbench);
    const history = await api.getEventHistory();
    expect(history.significant.map((e) => e.type)).toContain('broker-stopped');
    expect(history.significant[0]).toMatchObject({ type: 'topic-created', topic: 'orders' });
    expect(history.dropped).toBeNull();
    const metrics = await api.getMetricHistory();
    expect(metrics.topics.orders!.map((s) => s.highWatermarkSum)).toEqual([5, 12]);
  });
});

describe('PushHub', () => {
  it('sends one snapshot per tick and the events since the last tick as one batch', async () => {
    const h = host();
    const hub = new PushHub(h, 60_000);
    const received: string[] = [];
    hub.subscribe((channel, payload) => received.push(channel === 'events' ? `events×${(payload as unknown[]).length}` : channel));
    await h.execute({ type: 'create-topic', topic: 'a', partitions: 2, replicationFactor: 1 });
    await h.execute({ type: 'stop-broker', brokerId: 3 });
    expect(received).toEqual([]);
    hub.tick();
    hub.tick();
    // topic-created + two leader-elected + broker-stopped (broker 3 holds no replica of the RF-1 topic)
    expect(received).toEqual(['events×4', 'snapshot', 'snapshotPatch']);
    hub.close();
  });

  it('does not snapshot or hold events while nobody listens', async () => {
    const h = host();
    let snapshots = 0;
    const original = h.snapshot.bind(h);
    h.snapshot = () => { snapshots++; return original(); };
    const hub = new PushHub(h, 60_000);
    await h.execute({ type: 'stop-broker', brokerId: 1 });
    hub.tick();
    expect(snapshots).toBe(0);
    const got: string[] = [];
    hub.subscribe((channel) => got.push(channel));
    hub.tick();
    expect(got).toEqual(['snapshot']);
    hub.close();
  });
});

describe('FakeClusterHost failover', () => {
  it('moves leadership with a higher epoch and shrinks the ISR when the leader stops', async () => {
    const h = host();
    await h.execute({ type: 'create-topic', topic: 'orders', partitions: 1, replicationFactor: 3 });
    await h.execute({ type: 'stop-broker', brokerId: 1 });
    const p = h.snapshot().topics[0]!.partitions[0]!;
    expect(p).toMatchObject({ leader: 2, leaderEpoch: 1, inSyncReplicas: [2, 3] });
    await h.execute({ type: 'start-broker', brokerId: 1 });
    expect(h.snapshot().topics[0]!.partitions[0]!.inSyncReplicas).toEqual([2, 3, 1]);
  });
});

describe('PushHub containment (issue 11)', () => {
  it('keeps pushing to the other viewers when one viewer\'s send throws, and survives a snapshot that throws', async () => {
    const h = host();
    const hub = new PushHub(h, 10);
    const good: string[] = [];
    let badCalls = 0;
    hub.subscribe(() => { badCalls++; throw new Error('socket gone'); });
    hub.subscribe((channel) => { good.push(channel); });
    const realSnapshot = h.snapshot.bind(h);
    let snapshotFails = true;
    h.snapshot = () => { if (snapshotFails) throw new Error('snapshot failed'); return realSnapshot(); };
    const errors: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => { errors.push(args); };
    try {
      // The timer's ticks meet the failing snapshot: logged, nothing thrown out of the timer.
      while (errors.length === 0) await new Promise((r) => setTimeout(r, 5));
      snapshotFails = false;
      while (good.filter((c) => c === 'snapshotPatch').length < 2) await new Promise((r) => setTimeout(r, 5));
    } finally {
      console.error = originalError;
      hub.close();
    }
    expect(good[0]).toBe('snapshot');
    expect(badCalls).toBeGreaterThan(1);
    expect(String(errors[0])).toContain('snapshot failed');
  });
});

describe('PushHub versions', () => {
  it('only ever rise: across a replaced cluster (restart) and a spell with no viewer, so open viewers never ignore the new snapshots as older', () => {
    const h = host();
    const hub = new PushHub(h, 60_000);
    const versions: number[] = [];
    const off = hub.subscribe((channel, payload) => {
      if (channel === 'snapshot') versions.push((payload as { version: number }).version);
      if (channel === 'snapshotPatch') versions.push((payload as { version: number }).version);
    });
    for (let i = 0; i < 5; i++) hub.tick();
    hub.restart();
    hub.tick();
    hub.tick();
    off();
    hub.tick(); // nobody listens: the hub forgets its snapshot
    hub.subscribe((channel, payload) => { if (channel === 'snapshot') versions.push((payload as { version: number }).version); });
    hub.tick();
    expect(versions).toHaveLength(8);
    for (let i = 1; i < versions.length; i++) expect(versions[i]).toBeGreaterThan(versions[i - 1]!);
    expect(hub.current().version).toBe(versions.at(-1));
    hub.close();
  });
});
