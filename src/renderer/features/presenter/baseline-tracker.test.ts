import { describe, expect, it } from 'vitest';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import type { ClusterView } from '../../../shared/cluster-view';
import type { ScenarioStatus } from '../../../shared/scenario-view';
import { BaselineTracker } from './baseline-tracker';

function snap(atMs: number, urp: number, opts: { step?: number; stopped?: number[]; generation?: number; held?: boolean } = {}): ClusterView {
  const v = makeClusterView();
  v.simTimeMs = atMs;
  v.metrics = { atMs, metrics: [{ name: 'UnderReplicatedPartitions', mbean: '', kind: 'gauge', unit: 'partitions', value: urp, detail: [] }] };
  v.brokers = v.brokers.map((b) => (opts.stopped?.includes(b.brokerId) ? { ...b, state: 'stopped' } : b));
  if (opts.step !== undefined) {
    const scenario = { name: 's', title: 'S', currentStep: opts.step, steps: [{ index: 0, atMs: 0, title: 'Start', actions: [] }, { index: 1, atMs: 5000, title: 'Stop the leader', actions: opts.held ? [] : [{ description: 'stop broker 2' }] }, { index: 2, atMs: 9000, title: 'What it caused', actions: [] }] } as unknown as ScenarioStatus;
    v.sim = { speed: 1, paused: false, session: { generation: opts.generation ?? 1, origin: { kind: 'scenario', name: 's', title: 'S' }, scenario } };
  }
  return v;
}

const urpOf = (t: BaselineTracker) => t.baseline!.metrics.metrics[0]!.value;

describe('BaselineTracker', () => {
  it('starts at the first snapshot, moves to the snapshot before a step began, then before a fault, and to now on request', () => {
    const t = new BaselineTracker();
    t.observe(snap(1000, 0, { step: 0 }));
    expect(t.baseline).toMatchObject({ reason: 'session-start', atMs: 1000 });
    t.observe(snap(1500, 1, { step: 0 }));
    expect(t.baseline!.atMs).toBe(1000);
    t.observe(snap(2000, 2, { step: 1 }));
    expect(t.baseline).toMatchObject({ reason: 'step', atMs: 1500, label: 'just before step 2 (Stop the leader) began' });
    expect(urpOf(t)).toBe(1);
    t.observe(snap(2500, 3, { step: 1, stopped: [2] }));
    expect(t.baseline).toMatchObject({ reason: 'fault', atMs: 2000, label: 'just before broker 2 stopped' });
    // A broker coming back is no new fault, and a step that only narrates keeps the baseline.
    t.observe(snap(3000, 3, { step: 1 }));
    t.observe(snap(3500, 4, { step: 2 }));
    expect(t.baseline).toMatchObject({ reason: 'fault', atMs: 2000 });
    t.setNow();
    expect(t.baseline).toMatchObject({ reason: 'manual', atMs: 3500 });
    expect(urpOf(t)).toBe(4);
  });

  it('a step held at its predict question moves the baseline when its actions run, at the reveal', () => {
    const t = new BaselineTracker();
    t.observe(snap(1000, 0, { step: 0 }));
    t.observe(snap(1500, 1, { step: 1, held: true }));
    expect(t.baseline!.reason).toBe('session-start');
    t.observe(snap(2000, 2, { step: 1, held: true }));
    t.observe(snap(2500, 3, { step: 1 }));
    expect(t.baseline).toMatchObject({ reason: 'step', atMs: 2000, label: 'just before step 2 (Stop the leader) began' });
  });

  it('a new session starts afresh', () => {
    const t = new BaselineTracker();
    t.observe(snap(1000, 0, { step: 0, generation: 1 }));
    t.observe(snap(2000, 5, { step: 1, generation: 1 }));
    t.observe(snap(100, 0, { step: -1, generation: 2 }));
    expect(t.baseline).toMatchObject({ reason: 'session-start', atMs: 100 });
  });

  it('tells its subscribers when the baseline moves', () => {
    const t = new BaselineTracker();
    let calls = 0;
    t.subscribe(() => calls++);
    t.observe(snap(1000, 0));
    t.observe(snap(1500, 0));
    t.observe(snap(2000, 0, { stopped: [1] }));
    expect(calls).toBe(2);
  });
});
