/**
 * Recordings in the hosted app (issue 13): "Export session" then "Open session" rebuilds the
 * identical event log (byte-compared), shown paused at its end and labelled with its file name;
 * a file that is not a recording is refused with the reason and the running cluster stays.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatEvent } from '../../broker/cluster/events/format-event';
import type { ClusterHost } from '../../broker/host/cluster-host';
import type { SimCluster } from '../../broker/cluster/cluster';
import type { HostStartOptions } from './cluster-host-like';
import { HostSession } from './host-session';
import { checkRecording, ScenarioControl } from './scenario-control';
import { startClusterHost } from './start-cluster-host';

const sessions: HostSession[] = [];
afterEach(async () => { for (const s of sessions.splice(0)) await s.close(); });

async function startSession(): Promise<{ session: HostSession; control: ScenarioControl }> {
  const session = await HostSession.start({
    baseOptions: { brokers: 3, basePort: 0, seed: 11 } as HostStartOptions,
    startHost: (options) => startClusterHost({ ...options, log: () => {} } as HostStartOptions, false),
    startWorkbench: async () => null,
    noWorkbenchReason: () => 'no workbench in this test',
  });
  sessions.push(session);
  return { session, control: new ScenarioControl(session) };
}

/** The model's event log as text, one formatEvent line per event. */
function eventLog(session: HostSession): string {
  const cluster = (session.started as unknown as ClusterHost).cluster as SimCluster;
  return cluster.events.map((e) => formatEvent(e)).join('\n');
}

describe('Open session', () => {
  it('replays an exported session to the byte-identical event log, paused at its end', async () => {
    const { session, control } = await startSession();
    const host = session.host;
    await host.execute({ type: 'pause' });
    expect(await host.execute({ type: 'create-topic', topic: 'orders', partitions: 3, replicationFactor: 3 })).toMatchObject({ ok: true });
    await host.execute({ type: 'step', stepMs: 500 });
    await host.execute({ type: 'stop-broker', brokerId: 2, controlled: false });
    await host.execute({ type: 'step', stepMs: 40_000 });
    await host.execute({ type: 'start-broker', brokerId: 2 });
    await host.execute({ type: 'step', stepMs: 5_000 });
    const exported = host.exportTrace();
    const original = eventLog(session);
    expect(original).toContain('broker-stopped broker=2');

    const result = await control.commands.openSession({ fileName: 'failover.json', text: exported });
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining('Replayed failover.json') });
    expect(eventLog(session)).toBe(original);
    const view = host.snapshot();
    expect(view.sim).toMatchObject({ paused: true, session: { generation: 2, origin: { kind: 'replay', fileName: 'failover.json' } } });
    expect(view.seed).toBe(11);
    expect(view.topics.map((t) => t.name)).toContain('orders');
    // The timeline of the replay starts where the recording did: no "broker started" after broker 2's stop and restart.
    const history = host.eventHistory().significant;
    const started = history.filter((e) => e.type === 'broker-started' && e.seq < 0);
    expect(started.every((e) => e.timeMs <= history.find((h) => h.seq >= 0)!.timeMs)).toBe(true);
    // Exported again from the replay: the same recording.
    expect(JSON.parse(host.exportTrace()).inputLog).toEqual(JSON.parse(exported).inputLog);
    // The room can scrub back into the recording: its history was filled while it replayed.
    const stop = history.find((e) => e.type === 'broker-stopped' && (e as { brokerId: number }).brokerId === 2)!;
    expect(host.sessionHistoryRange().fromMs).toBeLessThanOrEqual(stop.timeMs - 500);
    const before = host.viewAt(stop.timeMs, stop.seq - 1);
    const after = host.viewAt(stop.timeMs + 39_000);
    if (!before.ok || !after.ok) throw new Error('no past view');
    expect(before.view.brokers.find((b) => b.brokerId === 2)?.state).toBe('running');
    expect(before.view.topics.find((t) => t.name === 'orders')!.partitions.every((p) => p.inSyncReplicas.length === 3)).toBe(true);
    expect(after.view.brokers.find((b) => b.brokerId === 2)?.state).not.toBe('running');
    expect(after.view.topics.find((t) => t.name === 'orders')!.partitions.every((p) => !p.inSyncReplicas.includes(2))).toBe(true);
  });

  it('refuses a file that is not a recording, with the reason, and keeps the running cluster', async () => {
    const { session, control } = await startSession();
    const bootstrap = session.host.bootstrap;
    expect(await control.commands.openSession({ fileName: 'notes.txt', text: 'hello' })).toMatchObject({ ok: false, message: expect.stringMatching(/^notes\.txt is not a Kafka Lab recording: not valid JSON/) });
    expect(await control.commands.openSession({ fileName: 'a.json', text: '{"seed":1}' })).toMatchObject({ ok: false, message: 'a.json is not a Kafka Lab recording: config: missing or not an object' });
    expect(session.host.bootstrap).toBe(bootstrap);
    expect(session.host.snapshot().sim?.session?.generation).toBe(1);
  });
});

describe('checkRecording', () => {
  it('names the missing part of a trace', () => {
    expect(checkRecording('[]')).toEqual({ error: 'expected a JSON object { seed, config, inputLog, endTimeMs }' });
    expect(checkRecording('{"seed":1,"config":{"brokers":[{"brokerId":1}]},"inputLog":[]}')).toEqual({ error: 'endTimeMs: missing or not a number' });
  });
});

describe('Scenarios in the host', () => {
  async function fastSession(): Promise<{ session: HostSession; control: ScenarioControl }> {
    const session = await HostSession.start({
      baseOptions: { brokers: 1, basePort: 0, seed: 3, speed: 40 } as HostStartOptions,
      startHost: (options) => startClusterHost({ ...options, log: () => {} } as HostStartOptions, false),
      startWorkbench: async () => null,
      noWorkbenchReason: () => 'no workbench in this test',
    });
    sessions.push(session);
    return { session, control: new ScenarioControl(session) };
  }

  it('lists the built-ins, loads one, holds simulated time exactly at the predict step until reveal, and restarts the same run', async () => {
    const { session, control } = await fastSession();
    const listing = await control.commands.listScenarios();
    expect(listing.find((s) => s.name === 'hello-kafka')).toMatchObject({ title: expect.any(String), summary: expect.any(String) });
    expect(await control.commands.loadScenario({ name: 'hello-kafka' })).toMatchObject({ ok: true });
    const scenario = () => session.host.snapshot().sim!.session!.scenario!;
    expect(session.host.snapshot().sim?.session?.origin).toMatchObject({ kind: 'scenario', name: 'hello-kafka' });
    await vi.waitFor(() => expect(scenario().pendingPredict).not.toBeNull(), { timeout: 20_000, interval: 20 });
    const held = scenario().pendingPredict!;
    const atMs = scenario().steps[held.stepIndex]!.atMs;
    // The driver stops exactly at the pause: more wall-clock time does not move simulated time.
    await new Promise((r) => setTimeout(r, 150));
    expect(scenario().nowMs).toBe(atMs);
    const firstRunToPause = eventLog(session);
    expect(await control.commands.revealScenarioStep(held.stepIndex)).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(scenario().nowMs).toBeGreaterThan(atMs), { timeout: 20_000, interval: 20 });
    const firstSteps = scenario().steps.map((s) => s.title);
    expect(await control.commands.restartScenario()).toMatchObject({ ok: true });
    expect(session.host.snapshot().sim?.session?.generation).toBe(3);
    expect(scenario().steps.map((s) => s.title)).toEqual(firstSteps);
    expect(scenario().currentStep).toBeLessThanOrEqual(held.stepIndex);
    // Same seed, same start time: the restarted run reaches the pause with the identical event log.
    await vi.waitFor(() => expect(scenario().pendingPredict).not.toBeNull(), { timeout: 20_000, interval: 20 });
    expect(eventLog(session)).toBe(firstRunToPause);
  });

  it('exports a scenario session and opens it again: the byte-identical event log, the scenario re-attached', async () => {
    const { session, control } = await fastSession();
    expect(await control.commands.loadScenario({ name: 'hello-kafka' })).toMatchObject({ ok: true });
    const scenario = () => session.host.snapshot().sim!.session!.scenario!;
    await vi.waitFor(() => expect(scenario().pendingPredict).not.toBeNull(), { timeout: 20_000, interval: 20 });
    await control.commands.revealScenarioStep(scenario().pendingPredict!.stepIndex);
    await vi.waitFor(() => expect(scenario().nowMs).toBeGreaterThan(4_000), { timeout: 20_000, interval: 20 });
    await session.host.execute({ type: 'pause' });
    const exported = session.host.exportTrace();
    expect(JSON.parse(exported).scenario).toMatchObject({ doc: { name: 'hello-kafka' } });
    const original = eventLog(session);
    const revealedBefore = scenario().steps.filter((s) => s.revealed).length;

    expect(await control.commands.openSession({ fileName: 'hello.json', text: exported })).toMatchObject({ ok: true });
    expect(eventLog(session)).toBe(original);
    expect(session.host.snapshot().sim).toMatchObject({ paused: true, session: { origin: { kind: 'replay', fileName: 'hello.json' }, scenario: { name: 'hello-kafka' } } });
    expect(scenario().steps.filter((s) => s.revealed).length).toBe(revealedBefore);
  });

  it('refuses an invalid scenario file with each field path, keeping the running cluster', async () => {
    const { session, control } = await fastSession();
    const bad = JSON.stringify({ formatVersion: 1, name: 'Bad Name', title: 't', summary: 's', durationMs: 1000, cluster: { brokers: 0, controllers: 0 }, topics: [], steps: [] });
    const result = await control.commands.loadScenario({ fileName: 'bad.json', text: bad });
    expect(result.ok).toBe(false);
    const fields = (result as { fieldErrors: { field: string }[] }).fieldErrors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'cluster.brokers']));
    expect(session.host.snapshot().sim?.session).toMatchObject({ generation: 1, scenario: null });
  });
});
