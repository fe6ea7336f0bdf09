import { describe, expect, it } from 'vitest';
import type { ClusterView } from '../../shared/cluster-view';
import { makeClusterView } from '../../shared/cluster-view-fixtures';
import { SessionHistory } from './session-history';
import { runHistoryWorkload } from './session-history-workload';

/** A view as JSON without the one volatile replica field the patches do not carry (session-history.ts, "Fidelity"). */
function comparable(view: ClusterView): unknown {
  return JSON.parse(JSON.stringify(view, (key, value: unknown) => (key === 'lastCaughtUpTimeMs' ? undefined : value)));
}

describe('SessionHistory', () => {
  it('answers, for the time of every sample, exactly the snapshot taken then (keyframes and patches, forward and backward)', () => {
    const recorded: ClusterView[] = [];
    const { history } = runHistoryWorkload({ partitions: 12, recordsPerPartitionPerSec: 5, seconds: 40, onSample: (v) => recorded.push(v), history: { maxPatchesPerKeyframe: 7 } });
    expect(recorded.length).toBe(41);
    expect(history.stats().keyframes).toBeGreaterThan(1);
    expect(history.stats().keyframes).toBeLessThan(recorded.length);
    // Forward (the cached decode continues), then backward and at random (from a keyframe).
    const order = [...recorded.keys(), ...[...recorded.keys()].reverse(), 17, 3, 33, 4];
    for (const i of order) {
      const view = recorded[i]!;
      const past = history.viewAt(view.simTimeMs)!;
      expect(past.sampleTimeMs).toBe(view.simTimeMs);
      expect(comparable(past.view)).toEqual(comparable(view));
    }
    // Between samples: the newest at or before the moment.
    const between = history.viewAt(recorded[10]!.simTimeMs + 500)!;
    expect(between.sampleTimeMs).toBe(recorded[10]!.simTimeMs);
    expect(comparable(between.view)).toEqual(comparable(recorded[10]!));
    expect(history.viewAt(recorded[0]!.simTimeMs - 1)).toBeNull();
  });

  it('samples every sampleIntervalMs of simulated time, no closer than minRealIntervalMs of real time, and after significant events', () => {
    const history = new SessionHistory({ sampleIntervalMs: 1000, minRealIntervalMs: 250, minRealEventSpacingMs: 50 });
    const view = makeClusterView({ topics: [{ name: 'orders', partitions: 2, replicationFactor: 1 }] });
    const t0 = view.simTimeMs;
    expect(history.due(t0, 0, false)).toBe('start');
    history.record(view, 1, 'start', 0);
    expect(history.due(t0 + 999, 1000, false)).toBeNull();
    expect(history.due(t0 + 1000, 1000, false)).toBe('interval');
    // Speed 100: a simulated second passes in 10 real ms; the real spacing holds the sampler back.
    expect(history.due(t0 + 5000, 100, false)).toBeNull();
    expect(history.due(t0 + 5000, 250, false)).toBe('interval');
    expect(history.due(t0 + 10, 20, true)).toBeNull();
    expect(history.due(t0 + 10, 50, true)).toBe('event');
  });

  it('keeps no second copy of an unchanged view at the same moment, but keeps a changed one (the moment just before and after a command)', () => {
    const history = new SessionHistory();
    const view = makeClusterView({ topics: [{ name: 'orders', partitions: 2, replicationFactor: 1 }] });
    history.record(view, 1, 'start');
    history.record(view, 1, 'before-command');
    expect(history.range().samples).toBe(1);
    const after: ClusterView = { ...view, brokers: view.brokers.map((b) => (b.brokerId === 1 ? { ...b, state: 'stopped' } : b)) };
    history.record(after, 2, 'event');
    expect(history.range().samples).toBe(2);
    expect(history.viewAt(view.simTimeMs)!.view.brokers[0]!.state).toBe('stopped');
    expect(history.viewAt(view.simTimeMs)!.eventSeq).toBe(2);
  });

  it('stays within its budget by dropping the oldest keyframe groups, and says from when history is kept', () => {
    const budgetBytes = 60_000;
    const recorded: ClusterView[] = [];
    const { history } = runHistoryWorkload({ partitions: 12, recordsPerPartitionPerSec: 5, seconds: 120, history: { budgetBytes }, onSample: (v) => recorded.push(v) });
    const range = history.range();
    expect(range.usedBytes).toBeLessThanOrEqual(budgetBytes);
    expect(range.usedBytes).toBeGreaterThan(budgetBytes / 3);
    expect(range.dropped).not.toBeNull();
    expect(range.samples + range.dropped!.samples).toBe(recorded.length);
    expect(range.dropped!.throughTimeMs).toBeLessThan(range.fromMs!);
    expect(range.toMs).toBe(recorded[recorded.length - 1]!.simTimeMs);
    // Older moments are gone; the oldest kept and the newest still decode exactly.
    expect(history.viewAt(range.dropped!.throughTimeMs)).toBeNull();
    const oldest = recorded.find((v) => v.simTimeMs === range.fromMs)!;
    expect(comparable(history.viewAt(range.fromMs!)!.view)).toEqual(comparable(oldest));
    expect(comparable(history.viewAt(range.toMs!)!.view)).toEqual(comparable(recorded[recorded.length - 1]!));
  });

  it('refuses a sample older than the newest one (the history is in simulated-time order)', () => {
    const history = new SessionHistory();
    const view = makeClusterView({});
    history.record(view, 1, 'start');
    expect(() => history.record({ ...view, simTimeMs: view.simTimeMs - 1 }, 1, 'interval')).toThrow(/older/);
  });
});
