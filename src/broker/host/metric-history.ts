/**
 * The host's metric history for the charts, so that a viewer that opens (or refreshes) late sees
 * the throughput from before it came: per topic, Σ highWatermark at a simulated time, sampled at
 * a fixed wall-clock interval (the rate is the highWatermark growth over the simulated time
 * between two samples, as the renderer computes it from live snapshots).
 *
 * Bounded: at most `capacityPerTopic` samples per topic (when full, the older half is thinned to
 * every other sample, so the history covers ever longer spans at coarser resolution, as the lag
 * sampler does) and at most `maxTopics` topics (later ones are not sampled). A sample whose
 * simulated time did not advance (paused) is skipped; deleted topics lose their samples.
 */
import type { MetricHistory, TopicMetricSample } from '../../shared/history-contract';

export interface MetricSource {
  simTimeMs: number;
  topics: readonly { name: string; partitions: readonly { highWatermark: number }[] }[];
}

export class MetricHistoryStore {
  private readonly topics = new Map<string, TopicMetricSample[]>();
  private lastSimTimeMs = -Infinity;

  constructor(readonly intervalMs = 1000, private readonly capacityPerTopic = 300, private readonly maxTopics = 1000) {}

  sample(view: MetricSource): void {
    if (view.simTimeMs <= this.lastSimTimeMs) return;
    this.lastSimTimeMs = view.simTimeMs;
    const present = new Set<string>();
    for (const topic of view.topics) {
      present.add(topic.name);
      let samples = this.topics.get(topic.name);
      if (!samples) {
        if (this.topics.size >= this.maxTopics) continue;
        this.topics.set(topic.name, (samples = []));
      }
      let highWatermarkSum = 0;
      for (const p of topic.partitions) highWatermarkSum += p.highWatermark;
      samples.push({ simTimeMs: view.simTimeMs, highWatermarkSum });
      if (samples.length > this.capacityPerTopic) thinOlderHalf(samples);
    }
    for (const name of this.topics.keys()) if (!present.has(name)) this.topics.delete(name);
  }

  history(): MetricHistory {
    const topics: Record<string, TopicMetricSample[]> = {};
    for (const [name, samples] of this.topics) topics[name] = [...samples];
    return { intervalMs: this.intervalMs, topics };
  }
}

function thinOlderHalf(samples: TopicMetricSample[]): void {
  const half = Math.floor(samples.length / 2);
  const kept = samples.slice(0, half).filter((_, i) => i % 2 === 0);
  samples.splice(0, half, ...kept);
}
