import { describe, expect, it } from 'vitest';
import { makeClusterView } from '../../shared/cluster-view-fixtures';
import { event } from '../test/fake-client';
import { appendEvents, eventCategory, maxRoutineEvents, maxSignificantEvents } from './events-slice';
import { loadSettings } from './settings-slice';
import { maxSamplesPerTopic, nextSamples, seriesSamples } from './snapshot-slice';
import { FakeClient } from '../test/fake-client';
import { createAppStore } from './app-store';

describe('snapshot slice: throughput samples', () => {
  it('derives records per simulated second from highWatermark growth', () => {
    const first = makeClusterView({ simTimeMs: 0, topics: [{ name: 't', partitions: 2, replicationFactor: 1, records: 100 }] });
    const second = makeClusterView({ simTimeMs: 2000, topics: [{ name: 't', partitions: 2, replicationFactor: 1, records: 150 }] });
    const samples = nextSamples(nextSamples({}, first), second);
    expect(seriesSamples(samples.t).map((s) => s.recordsPerSec)).toEqual([0, 50]);
    expect(seriesSamples(samples.t)[1]!.highWatermarkSum).toBe(300);
  });

  it('holds still while paused and forgets deleted topics', () => {
    const view = makeClusterView({ simTimeMs: 1000, topics: [{ name: 't', partitions: 1, replicationFactor: 1 }] });
    const once = nextSamples({}, view);
    expect(nextSamples(once, view).t).toBe(once.t);
    expect(nextSamples(once, makeClusterView({ simTimeMs: 2000 })).t).toBeUndefined();
  });

  it('keeps at most maxSamplesPerTopic samples', () => {
    let samples: ReturnType<typeof nextSamples> = {};
    for (let i = 0; i < 5 * maxSamplesPerTopic + 10; i++) samples = nextSamples(samples, makeClusterView({ simTimeMs: i * 250, topics: [{ name: 't', partitions: 1, replicationFactor: 1 }] }));
    const kept = seriesSamples(samples.t);
    expect(kept).toHaveLength(maxSamplesPerTopic);
    expect(kept[kept.length - 1]!.simTimeMs).toBe((5 * maxSamplesPerTopic + 9) * 250);
    expect(samples.t!.buf.length).toBeLessThanOrEqual(3 * maxSamplesPerTopic);
  });

  it('a series appended to twice (two states from one) keeps each branch its own samples', () => {
    const topics = [{ name: 't', partitions: 1, replicationFactor: 1 }];
    const base = nextSamples({}, makeClusterView({ simTimeMs: 0, topics }));
    const a = nextSamples(base, makeClusterView({ simTimeMs: 1000, topics }));
    const b = nextSamples(base, makeClusterView({ simTimeMs: 2000, topics }));
    expect(seriesSamples(a.t).map((s) => s.simTimeMs)).toEqual([0, 1000]);
    expect(seriesSamples(b.t).map((s) => s.simTimeMs)).toEqual([0, 2000]);
    expect(seriesSamples(base.t).map((s) => s.simTimeMs)).toEqual([0]);
  });
});

describe('events slice', () => {
  it('appends in order, caps the log, and sorts an out-of-order batch', () => {
    const many = Array.from({ length: maxSignificantEvents }, (_, i) => event({ type: 'broker-started', brokerId: 1 }, i + 1));
    const next = appendEvents(many, [event({ type: 'broker-started', brokerId: 1 }, maxSignificantEvents + 2), event({ type: 'broker-started', brokerId: 1 }, maxSignificantEvents + 1)]);
    expect(next).toHaveLength(maxSignificantEvents);
    expect(next.slice(-2).map((e) => e.seq)).toEqual([maxSignificantEvents + 1, maxSignificantEvents + 2]);
  });

  it('merges the history that arrives after the first pushes, in sequence order, each event once', () => {
    const pushed = appendEvents([], [event({ type: 'high-watermark-advanced', topic: 't', partition: 0, highWatermark: 9 }, 50), event({ type: 'broker-started', brokerId: 1 }, 51)]);
    const history = [event({ type: 'broker-stopped', brokerId: 2, controlled: false }, 3), event({ type: 'broker-fenced', brokerId: 2, reason: 'session timeout' }, 7), event({ type: 'high-watermark-advanced', topic: 't', partition: 0, highWatermark: 9 }, 50)];
    expect(appendEvents(pushed, history).map((e) => e.seq)).toEqual([3, 7, 50, 51]);
    expect(appendEvents(pushed, [pushed[0]!])).toBe(pushed);
  });

  it('drops old routine events first: a busy producer never pushes a broker failure out of the timeline', () => {
    let events = appendEvents([], [event({ type: 'broker-stopped', brokerId: 2, controlled: false }, 1)]);
    for (let i = 0; i < 4; i++) {
      events = appendEvents(events, Array.from({ length: maxRoutineEvents }, (_, j) => event({ type: 'high-watermark-advanced', topic: 't', partition: 0, highWatermark: j }, 2 + i * maxRoutineEvents + j)));
    }
    expect(events[0]).toMatchObject({ type: 'broker-stopped', seq: 1 });
    const routine = events.length - 1;
    expect(routine).toBeGreaterThanOrEqual(maxRoutineEvents);
    expect(routine).toBeLessThanOrEqual(maxRoutineEvents * 1.2);
    expect(events.at(-1)!.seq).toBe(1 + 4 * maxRoutineEvents);
  });

  it('puts events into timeline categories', () => {
    expect(eventCategory(event({ type: 'isr-shrunk', topic: 't', partition: 0, removed: [1], inSyncReplicas: [2] }, 1))).toBe('isr');
    expect(eventCategory(event({ type: 'leader-elected', topic: 't', partition: 0, leader: 2, previousLeader: 1, leaderEpoch: 1, unclean: false, reason: 'broker-failure' }, 2))).toBe('leadership');
  });
});

describe('settings slice', () => {
  it('remembers theme and time zone in the storage it is given', () => {
    const saved = new Map<string, string>();
    const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) };
    const store = createAppStore(new FakeClient(), { storage, connect: false });
    store.getState().setTheme('projector');
    store.getState().setTimeZone('Europe/Berlin');
    expect(loadSettings(storage)).toEqual({ theme: 'projector', timeZone: 'Europe/Berlin' });
  });

  it('ignores malformed saved settings', () => {
    expect(loadSettings({ getItem: () => '{"theme":"neon"', setItem: () => {} })).toEqual({ theme: 'light', timeZone: 'local' });
    expect(loadSettings({ getItem: () => '{"theme":"neon"}', setItem: () => {} }).theme).toBe('light');
  });
});

describe('selection slice', () => {
  it('opens a topic with a partition and links health reasons to filtered topics', () => {
    const store = createAppStore(new FakeClient(), { connect: false });
    store.getState().selectTopic('orders', 2);
    expect(store.getState()).toMatchObject({ view: 'topic', selectedTopic: 'orders', selectedPartition: 2 });
    store.getState().showTopicsWith('under-replicated');
    expect(store.getState()).toMatchObject({ view: 'topics', topicHealthFilter: 'under-replicated' });
  });
});
