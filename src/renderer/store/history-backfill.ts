/**
 * Backfills the throughput samples from the host's metric history (ClusterApi.getMetricHistory),
 * so a topic's chart shows the minutes before this page opened instead of starting empty.
 */
import type { MetricHistory } from '../../shared/history-contract';
import { maxSamplesPerTopic, seriesSamples, type SampleSeries, type ThroughputSample } from './snapshot-slice';

/**
 * Pure: per topic, the host's samples older than the page's own first sample, then the page's
 * samples (the first of which gets its rate against the last host sample), newest
 * maxSamplesPerTopic kept. Rates are highWatermark growth per simulated second, as live.
 * Topics the host has no history of keep their samples unchanged.
 */
export function backfillSamples(samples: Record<string, SampleSeries>, history: MetricHistory): Record<string, SampleSeries> {
  const next: Record<string, SampleSeries> = { ...samples };
  for (const [topic, hostSamples] of Object.entries(history.topics)) {
    const own = seriesSamples(samples[topic]);
    const firstOwn = own[0]?.simTimeMs ?? Infinity;
    const merged: ThroughputSample[] = [];
    let previous: { simTimeMs: number; highWatermarkSum: number } | null = null;
    const push = (simTimeMs: number, highWatermarkSum: number, produceRatePerSec: number) => {
      const seconds = previous ? (simTimeMs - previous.simTimeMs) / 1000 : 0;
      const recordsPerSec = previous && seconds > 0 ? Math.max(0, highWatermarkSum - previous.highWatermarkSum) / seconds : 0;
      merged.push({ simTimeMs, highWatermarkSum, recordsPerSec, produceRatePerSec });
      previous = { simTimeMs, highWatermarkSum };
    };
    for (const s of hostSamples) if (s.simTimeMs < firstOwn) push(s.simTimeMs, s.highWatermarkSum, 0);
    if (merged.length === 0) continue;
    own.forEach((s, i) => (i === 0 ? push(s.simTimeMs, s.highWatermarkSum, s.produceRatePerSec) : merged.push(s)));
    const buf = merged.slice(-maxSamplesPerTopic);
    next[topic] = { buf, start: 0, end: buf.length };
  }
  return next;
}
