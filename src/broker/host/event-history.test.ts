import { describe, expect, it } from 'vitest';
import type { ClusterEvent, ClusterEventBody } from '../../shared/cluster-events';
import { EventHistoryStore } from './event-history';
import { MetricHistoryStore } from './metric-history';

let seq = 0;
const ev = (body: ClusterEventBody, timeMs = seq): ClusterEvent => ({ ...body, seq: seq++, timeMs }) as ClusterEvent;
const hw = (n: number) => ev({ type: 'high-watermark-advanced', topic: 'orders', partition: 0, highWatermark: n });

describe('EventHistoryStore', () => {
  it('keeps every significant event however many routine ones follow, and only a window of routine ones', () => {
    const store = new EventHistoryStore({ maxSignificantEvents: 100, maxSignificantBytes: 1 << 20, maxRoutineEvents: 50, routineInHistory: 20 });
    const kill = ev({ type: 'broker-stopped', brokerId: 2, controlled: false });
    store.add(kill);
    for (let i = 0; i < 10_000; i++) store.add(hw(i));
    const history = store.history();
    expect(history.significant).toEqual([kill]);
    expect(history.routine).toHaveLength(20);
    expect(history.routine.at(-1)).toMatchObject({ highWatermark: 9999 });
    expect(history.routineDropped).toBe(10_000 - 20);
    expect(history.dropped).toBeNull();
    // recent() merges both kinds in sequence order, as before.
    expect(store.recent(3).map((e) => e.type)).toEqual(['high-watermark-advanced', 'high-watermark-advanced', 'high-watermark-advanced']);
    expect(store.recent(100_000)[0]).toBe(kill);
    expect(store.recent(100_000).length).toBeLessThanOrEqual(1 + 75);
  });

  it('drops the oldest significant events at its count bound and says how many, up to when', () => {
    const store = new EventHistoryStore({ maxSignificantEvents: 100, maxSignificantBytes: 1 << 20, maxRoutineEvents: 50, routineInHistory: 20 });
    const events = Array.from({ length: 101 }, (_, i) => ev({ type: 'broker-started', brokerId: 1 }, 1000 + i));
    for (const e of events) store.add(e);
    const { significant, dropped } = store.history();
    expect(significant).toHaveLength(90);
    expect(significant[0]).toBe(events[11]);
    expect(significant.at(-1)).toBe(events[100]);
    expect(dropped).toEqual({ count: 11, throughTimeMs: 1010, maxEvents: 100, maxBytes: 1 << 20 });
  });

  it('drops the oldest significant events at its byte bound', () => {
    const store = new EventHistoryStore({ maxSignificantEvents: 1_000_000, maxSignificantBytes: 10_000, maxRoutineEvents: 50, routineInHistory: 20 });
    const reason = 'x'.repeat(900);
    for (let i = 0; i < 100; i++) store.add(ev({ type: 'broker-fenced', brokerId: 1, reason }));
    const { significant, dropped } = store.history();
    const bytes = significant.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
    expect(bytes).toBeLessThanOrEqual(10_000);
    expect(significant.length).toBeGreaterThan(5);
    expect(dropped!.count + significant.length).toBe(100);
  });
});

describe('MetricHistoryStore', () => {
  const view = (simTimeMs: number, highWatermarks: Record<string, number[]>) => ({ simTimeMs, topics: Object.entries(highWatermarks).map(([name, hws]) => ({ name, partitions: hws.map((highWatermark) => ({ highWatermark })) })) });

  it('samples Σ highWatermark per topic, skips paused samples, forgets deleted topics', () => {
    const store = new MetricHistoryStore(1000, 10);
    store.sample(view(1000, { orders: [1, 2], payments: [0] }));
    store.sample(view(1000, { orders: [5, 5], payments: [0] }));
    store.sample(view(2000, { orders: [10, 10] }));
    expect(store.history().topics).toEqual({ orders: [{ simTimeMs: 1000, highWatermarkSum: 3 }, { simTimeMs: 2000, highWatermarkSum: 20 }] });
  });

  it('is bounded per topic, thinning the older half, and in topics', () => {
    const store = new MetricHistoryStore(1000, 10, 2);
    for (let t = 1; t <= 1000; t++) store.sample(view(t * 1000, { a: [t], b: [t], c: [t] }));
    const { topics } = store.history();
    expect(Object.keys(topics)).toEqual(['a', 'b']);
    expect(topics.a!.length).toBeLessThanOrEqual(10);
    expect(topics.a!.at(-1)).toEqual({ simTimeMs: 1_000_000, highWatermarkSum: 1000 });
    expect(topics.a![0]!.simTimeMs).toBeLessThan(990_000);
  });
});
