import { describe, expect, it } from 'vitest';
import type { ScenarioDocument } from '../../shared/scenario-format';
import type { ScenarioStatus } from '../../shared/scenario-view';
import { createCluster } from '../cluster/cluster';
import { attachCoordinators } from '../cluster/transactions/attach';
import { attachScenario, scenarioClusterOptions } from './session';

const doc: ScenarioDocument = {
  formatVersion: 1, name: 'pause', title: 'Pause', summary: 'a question, then a crash', durationMs: 8000,
  cluster: { brokers: 3, controllers: 0, racks: ['a', 'b', 'c'] },
  topics: [{ name: 't', partitions: 1, replicationFactor: 3, replicaAssignment: [[1, 2, 3]] }],
  producers: [{ name: 'p', topic: 't', ratePerSec: 20 }],
  steps: [
    { atMs: 2000, title: 'Crash the leader', predict: { question: 'Who leads next?', choices: ['broker 2', 'nobody'], answer: 0, explanation: 'the next in-sync replica' }, actions: [{ type: 'stop-broker', brokerId: 1 }] },
    { atMs: 3000, title: 'Bring it back', actions: [{ type: 'start-broker', brokerId: 1 }] },
  ],
  expectations: [{ check: 'leader', topic: 't', partition: 0, atMs: 2500, eq: 2 }, { check: 'lost', producer: 'p', eq: 0 }],
};

function hosted() {
  const cluster = createCluster(scenarioClusterOptions(doc, 9));
  const { groups, transactions } = attachCoordinators(cluster);
  const session = attachScenario(cluster, doc, { seed: 9, coordinators: { groups, transactions } });
  return { cluster, session, start: session.startTimeMs };
}

describe('hosted scenario session', () => {
  it('builds the shape: brokers 1..n with racks, combined mode', () => {
    const { cluster } = hosted();
    expect(cluster.snapshot().brokers.map((b) => [b.brokerId, b.rack])).toEqual([[1, 'a'], [2, 'b'], [3, 'c']]);
  });

  it('pauses at a predict question until reveal, then runs to the end', () => {
    const { cluster, session, start } = hosted();
    const updates: ScenarioStatus[] = [];
    session.onUpdate((s) => updates.push(s));
    expect(session.nextPauseAtMs()).toBe(start + 2000);
    cluster.runUntil(start + 2000);
    let s = session.status();
    expect(s.pendingPredict).toEqual({ stepIndex: 0, question: 'Who leads next?', choices: ['broker 2', 'nobody'] });
    expect(s.steps[0]).toMatchObject({ done: false, revealed: false });
    expect(cluster.isBrokerRunning(1)).toBe(true);
    expect(updates.length).toBeGreaterThan(0);
    expect(session.reveal(1)).toEqual({ ok: false, errorName: 'INVALID_REQUEST', message: 'step 1 asks no question' });
    expect(session.reveal(7)).toEqual({ ok: false, errorName: 'INVALID_REQUEST', message: 'there is no step 7' });
    expect(session.reveal(0)).toEqual({ ok: true });
    expect(session.reveal(0)).toEqual({ ok: false, errorName: 'INVALID_REQUEST', message: 'step 0 is already revealed' });
    s = session.status();
    expect(s.pendingPredict).toBeNull();
    expect(s.steps.map((x) => x.done)).toEqual([true, false]);
    expect(cluster.isBrokerRunning(1)).toBe(false);
    expect(s.narration.filter((n) => n.kind === 'answer').map((n) => n.text)).toEqual(['Answer: broker 2 — the next in-sync replica']);
    expect(session.nextPauseAtMs()).toBeNull();
    cluster.runUntil(start + doc.durationMs);
    expect(session.finished()).toBe(true);
    const report = session.report();
    expect(report.expectations.map((e) => [e.label, e.actual, e.passed])).toEqual([['leader of t-0 = 2 at 2500 ms', 2, true], ['producer p lost = 0', 0, true]]);
    expect(report.passed).toBe(true);
    // Plain JSON for IPC and the WebSocket.
    expect(JSON.parse(JSON.stringify(session.status()))).toEqual(session.status());
  });

  it('a driver that runs past the pause anyway: the later steps wait for the reveal too', () => {
    const { cluster, session, start } = hosted();
    cluster.runUntil(start + 3500);
    expect(session.status().steps.map((x) => x.done)).toEqual([false, false]);
    expect(session.nextPauseAtMs()).toBe(start + 2000);
    expect(session.reveal(0)).toEqual({ ok: true });
    expect(session.status().steps.map((x) => x.done)).toEqual([true, true]);
  });

  it('a reveal before the step is due lets it run without stopping', () => {
    const { cluster, session, start } = hosted();
    expect(session.reveal(0)).toEqual({ ok: true });
    expect(session.nextPauseAtMs()).toBeNull();
    cluster.runUntil(start + 2500);
    expect(session.status().steps[0]!.done).toBe(true);
    expect(cluster.isBrokerRunning(1)).toBe(false);
  });

  it('refuses a second scenario on the same cluster', () => {
    const { cluster } = hosted();
    expect(() => attachScenario(cluster, doc, { seed: 1 })).toThrow('a scenario is already attached to this cluster');
  });
});

describe('containment', () => {
  it('an engine callback that throws is reported, not thrown into the model or the host', () => {
    const { cluster, session, start } = hosted();
    const ctx = (session as unknown as { ctx: import('./context').EngineContext }).ctx;
    ctx.schedule(100, 'test-bomb', () => { throw new Error('boom'); });
    expect(() => cluster.runUntil(start + 500)).not.toThrow();
    expect(session.status().invariantViolations).toEqual(['scenario engine: t=100 test-bomb: boom']);
  });
});
