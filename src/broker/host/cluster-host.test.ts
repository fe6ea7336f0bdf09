/** ClusterHost: ports (ephemeral, fixed, fallback), broker stop/start on the same port, driver commands, events. */
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HOSTED_INPUT_LOG_LIMIT_BYTES } from '../cluster/api';
import { attachCoordinators } from '../cluster/transactions/attach';
import { replayTrace, traceFromJson } from '../sim/trace';
import { ClusterHost } from './cluster-host';

const hosts: ClusterHost[] = [];
const servers: Server[] = [];
afterEach(async () => {
  while (hosts.length > 0) await hosts.pop()!.close();
  while (servers.length > 0) await new Promise((r) => servers.pop()!.close(r));
});

async function start(opts: Partial<Parameters<typeof ClusterHost.start>[0]> = {}): Promise<ClusterHost> {
  const host = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 5, ...opts });
  hosts.push(host);
  return host;
}

async function occupy(port: number): Promise<number> {
  const server = createServer();
  // A port another process holds must fail here, not leave the test waiting for 'listening'.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  servers.push(server);
  return (server.address() as { port: number }).port;
}

async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('ClusterHost', () => {
  it('binds one 127.0.0.1 listener per broker and advertises them in bootstrap and the view', async () => {
    const host = await start();
    const ports = host.bootstrap.split(',').map((a) => {
      expect(a).toMatch(/^127\.0\.0\.1:\d+$/);
      return Number(a.split(':')[1]);
    });
    expect(new Set(ports).size).toBe(3);
    expect(host.snapshot().brokers.map((b) => [b.brokerId, b.port, b.host])).toEqual([[1, ports[0], '127.0.0.1'], [2, ports[1], '127.0.0.1'], [3, ports[2], '127.0.0.1']]);
    expect(host.seed).toBe(5);
    expect(host.snapshot().sim).toMatchObject({ speed: 1, paused: false });
  });

  // [cluster model owner, follow-up 6] hosted simulated time starts at the wall clock, or at a given start (replay).
  it('starts simulated time at the wall clock of host start, or at startTimeMs when given', async () => {
    const before = Date.now();
    const live = await start();
    expect(live.snapshot().simTimeMs).toBeGreaterThanOrEqual(before);
    expect(live.snapshot().simTimeMs).toBeLessThan(before + 60_000);
    const fixed = await start({ startTimeMs: 1_000_000_000_000, speed: 0.001 });
    expect(fixed.snapshot().simTimeMs - 1_000_000_000_000).toBeLessThan(1000);
  });

  // [cluster model owner, follow-up 7] hosted input log: bounded by default, whole on request.
  it('bounds the input log by default and keeps it whole with keepFullInputLog', async () => {
    expect((await start()).cluster.inputLogStatus()).toMatchObject({ state: 'full', exportable: true, limitBytes: HOSTED_INPUT_LOG_LIMIT_BYTES });
    expect((await start({ keepFullInputLog: true })).cluster.inputLogStatus()).toMatchObject({ state: 'full', limitBytes: null });
  });

  it('exports the session as trace JSON that replays to the same events, and shows the input log in the snapshot', async () => {
    const host = await start({ speed: 10 });
    expect(await host.execute({ type: 'create-topic', topic: 'traced', partitions: 2, replicationFactor: 3 })).toMatchObject({ ok: true });
    expect(await host.execute({ type: 'stop-broker', brokerId: 2, controlled: true })).toMatchObject({ ok: true });
    await waitFor(() => host.recentEvents(10_000).some((e) => e.type === 'broker-stopped'));
    await new Promise((r) => setTimeout(r, 50));
    expect(host.snapshot().sim?.inputLog).toMatchObject({ state: 'full', exportable: true, limitBytes: HOSTED_INPUT_LOG_LIMIT_BYTES, reason: null });
    expect(host.snapshot().sim?.inputLog?.bytes).toBeGreaterThan(0);

    const json = host.exportTrace();
    const hostEvents = host.recentEvents(10_000).filter((e) => e.seq >= 0).map((e) => JSON.stringify(e));
    const trace = traceFromJson(json);
    expect(trace).toMatchObject({ seed: 5, config: { seed: 5, startTimeMs: expect.any(Number) } });
    expect(trace.inputLog.length).toBeGreaterThanOrEqual(2);
    const replayed = replayTrace(trace, (c) => void attachCoordinators(c));
    expect(replayed.events.map((e) => JSON.stringify(e))).toEqual(hostEvents);
  });

  it('refuses to export once the input log was dropped, with the reason also in the snapshot', async () => {
    const host = await start();
    const dropped = { state: 'dropped' as const, exportable: false, bytes: 0, limitBytes: 1024, entries: 0, reason: 'The input log passed its 1 KiB budget and was dropped.' };
    host.cluster.inputLogStatus = () => dropped;
    expect(() => host.exportTrace()).toThrow('passed its 1 KiB budget');
    expect(host.snapshot().sim?.inputLog).toEqual({ state: 'dropped', exportable: false, bytes: 0, limitBytes: 1024, reason: dropped.reason });
  });

  it('uses consecutive ports from basePort, sliding past a taken port only with portFallback', async () => {
    // A free port whose next port can be taken here: parallel test files hold ports of their own.
    let base = 0;
    for (let tries = 0; base === 0 && tries < 20; tries++) {
      const free = await occupy(0);
      await new Promise((r) => servers.pop()!.close(r));
      if (await occupy(free + 1).then(() => true, () => false)) base = free;
    }
    expect(base).toBeGreaterThan(0);
    await expect(ClusterHost.start({ brokers: 3, basePort: base, seed: 1 })).rejects.toThrow(new RegExp(`port ${base + 1}`));
    const host = await start({ basePort: base, portFallback: true });
    const ports = host.bootstrap.split(',').map((a) => Number(a.split(':')[1]));
    expect(ports[0]).toBeGreaterThan(base + 1);
    expect(ports).toEqual([ports[0], ports[0]! + 1, ports[0]! + 2]);
  });

  it('stop-broker closes its listener; start-broker reopens it on the same port', async () => {
    const host = await start();
    const port = host.snapshot().brokers[1]!.port;
    expect(await host.execute({ type: 'stop-broker', brokerId: 2 })).toMatchObject({ ok: true });
    expect(host.snapshot().brokers[1]!.state).toBe('stopped');
    await expect(occupy(port).then(() => servers.pop()!.close())).resolves.toBeDefined(); // the port is free again
    expect(await host.execute({ type: 'start-broker', brokerId: 2 })).toMatchObject({ ok: true });
    // A restarted broker is fenced until its first heartbeat reaches the controller (KRaft).
    expect(host.snapshot().brokers[1]!.port).toBe(port);
    await waitFor(() => host.snapshot().brokers[1]!.state === 'running');
    expect(await host.execute({ type: 'stop-broker', brokerId: 42 })).toMatchObject({ ok: false });
  });

  it('serialises overlapping commands and reports a restart whose port was taken meanwhile', async () => {
    const host = await start();
    const [stop, startAgain, stopAgain] = await Promise.all([
      host.execute({ type: 'stop-broker', brokerId: 3 }),
      host.execute({ type: 'start-broker', brokerId: 3 }),
      host.execute({ type: 'stop-broker', brokerId: 3 }),
    ]);
    expect([stop.ok, startAgain.ok, stopAgain.ok]).toEqual([true, true, true]);
    const port = host.snapshot().brokers[2]!.port;
    await occupy(port);
    const blocked = await host.execute({ type: 'start-broker', brokerId: 3 });
    expect(blocked).toMatchObject({ ok: false, errorName: 'BROKER_NOT_AVAILABLE' });
    expect(host.snapshot().brokers[2]!.state).toBe('stopped');
    await new Promise((r) => servers.pop()!.close(r));
    expect(await host.execute({ type: 'start-broker', brokerId: 3 })).toMatchObject({ ok: true });
    expect(host.snapshot().brokers[2]!.port).toBe(port);
  });

  it('refuses more than 10,000 new partitions in one command (POLICY_VIOLATION)', async () => {
    const host = await start();
    expect(await host.execute({ type: 'create-topic', topic: 'huge', partitions: 1_000_000_000, replicationFactor: 1 })).toMatchObject({ ok: false, errorName: 'POLICY_VIOLATION' });
    expect(await host.execute({ type: 'create-topic', topic: 'small', partitions: 2, replicationFactor: 1 })).toMatchObject({ ok: true });
    expect(await host.execute({ type: 'add-partitions', topic: 'small', totalCount: 20_000 })).toMatchObject({ ok: false, errorName: 'POLICY_VIOLATION' });
  });

  it('pauses, steps, resumes and changes speed of simulated time', async () => {
    const host = await start();
    expect(await host.execute({ type: 'step' })).toMatchObject({ ok: false });
    await host.execute({ type: 'pause' });
    const t0 = host.snapshot().simTimeMs;
    await new Promise((r) => setTimeout(r, 100));
    expect(host.snapshot().simTimeMs).toBe(t0);
    expect(await host.execute({ type: 'step', stepMs: 250 })).toMatchObject({ ok: true });
    expect(host.snapshot().simTimeMs).toBe(t0 + 250);
    expect(await host.execute({ type: 'set-speed', speed: 0 })).toMatchObject({ ok: false });
    await host.execute({ type: 'set-speed', speed: 10 });
    await host.execute({ type: 'resume' });
    const t1 = host.snapshot().simTimeMs;
    await new Promise((r) => setTimeout(r, 200));
    expect(host.snapshot().simTimeMs - t1).toBeGreaterThan(1000);
    expect(host.snapshot().sim).toMatchObject({ speed: 10, paused: false });
  });

  it('delivers events in batches and keeps recent events', async () => {
    const host = await start();
    const batches: string[][] = [];
    const off = host.onEvents((events) => batches.push(events.map((e) => e.type)));
    await host.execute({ type: 'create-topic', topic: 'events', partitions: 2, replicationFactor: 3 });
    await waitFor(() => batches.flat().includes('topic-created'));
    off();
    expect(host.recentEvents(1000).some((e) => e.type === 'topic-created')).toBe(true);
    expect(host.recentEvents(1)).toHaveLength(1);
  });
});
