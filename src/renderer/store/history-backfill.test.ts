import { describe, expect, it } from 'vitest';
import { makeClusterView } from '../../shared/cluster-view-fixtures';
import { backfillSamples } from './history-backfill';
import { nextSamples, seriesSamples } from './snapshot-slice';

describe('backfillSamples', () => {
  it('puts the host history before the page’s own samples, with rates from highWatermark growth per simulated second', () => {
    const view = makeClusterView({ topics: [{ name: 'orders', partitions: 1, replicationFactor: 1, records: 100 }] });
    const own = nextSamples({}, { ...view, simTimeMs: 10_000 });
    const filled = backfillSamples(own, { intervalMs: 1000, topics: { orders: [{ simTimeMs: 7000, highWatermarkSum: 40 }, { simTimeMs: 8000, highWatermarkSum: 60 }, { simTimeMs: 9000, highWatermarkSum: 80 }, { simTimeMs: 11_000, highWatermarkSum: 999 }] } });
    expect(seriesSamples(filled.orders).map((s) => [s.simTimeMs, s.recordsPerSec])).toEqual([[7000, 0], [8000, 20], [9000, 20], [10_000, 20]]);
    // Live samples go on appending after the backfilled ones.
    const later = nextSamples(filled, { ...view, simTimeMs: 11_000, topics: view.topics.map((t) => ({ ...t, partitions: t.partitions.map((p) => ({ ...p, highWatermark: 130 })) })) });
    expect(seriesSamples(later.orders).at(-1)).toMatchObject({ simTimeMs: 11_000, recordsPerSec: 30 });
  });

  it('leaves topics without host history alone', () => {
    const own = nextSamples({}, { ...makeClusterView({ topics: [{ name: 'orders', partitions: 1, replicationFactor: 1, records: 5 }] }), simTimeMs: 1000 });
    expect(backfillSamples(own, { intervalMs: 1000, topics: {} }).orders).toBe(own.orders);
  });
});
