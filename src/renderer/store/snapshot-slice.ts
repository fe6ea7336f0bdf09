/**
 * Snapshot slice: the latest ClusterView, who hosts it, the transport state, and per-topic
 * throughput sampled client-side from successive snapshots (for the topic charts).
 */
import type { StateCreator } from 'zustand/vanilla';
import type { ClusterView, TopicView } from '../../shared';
import type { HostInfo } from '../../shared/ipc-contract';
import type { ConnectionState } from '../../shared/cluster-source';

export interface ThroughputSample {
  /** Simulated time of the snapshot, ms. */
  simTimeMs: number;
  /** Σ highWatermark over the topic's partitions. */
  highWatermarkSum: number;
  /** Records per simulated second since the previous sample (highWatermark growth). */
  recordsPerSec: number;
  /** The host's own produce-rate figure. */
  produceRatePerSec: number;
}

/** Samples kept per topic: at 4 Hz, one minute. */
export const maxSamplesPerTopic = 240;

export interface SnapshotSlice {
  snapshot: ClusterView | null;
  hostInfo: HostInfo | null;
  connection: ConnectionState;
  samples: Record<string, ThroughputSample[]>;
  setHostInfo(info: HostInfo): void;
  setConnection(state: ConnectionState): void;
}

export const createSnapshotSlice: StateCreator<SnapshotSlice, [], [], SnapshotSlice> = (set) => ({
  snapshot: null,
  hostInfo: null,
  connection: 'connecting',
  samples: {},
  setHostInfo: (hostInfo) => set({ hostInfo }),
  setConnection: (connection) => set({ connection }),
});

const highWatermarkSums = new WeakMap<TopicView, number>();

function sumHighWatermarks(topic: TopicView): number {
  let sum = highWatermarkSums.get(topic);
  if (sum === undefined) {
    sum = 0;
    for (const p of topic.partitions) sum += p.highWatermark;
    highWatermarkSums.set(topic, sum);
  }
  return sum;
}

/**
 * Pure: the sample table after a new snapshot. Topics that disappeared lose their samples; a
 * snapshot that does not advance simulated time (paused) adds nothing, so the chart holds still.
 */
export function nextSamples(previous: Record<string, ThroughputSample[]>, view: ClusterView): Record<string, ThroughputSample[]> {
  const next: Record<string, ThroughputSample[]> = {};
  for (const topic of view.topics) {
    const highWatermarkSum = sumHighWatermarks(topic);
    const old = previous[topic.name] ?? [];
    const last = old[old.length - 1];
    if (last && view.simTimeMs <= last.simTimeMs) {
      next[topic.name] = old;
      continue;
    }
    const seconds = last ? (view.simTimeMs - last.simTimeMs) / 1000 : 0;
    const recordsPerSec = last && seconds > 0 ? Math.max(0, highWatermarkSum - last.highWatermarkSum) / seconds : 0;
    const sample = { simTimeMs: view.simTimeMs, highWatermarkSum, recordsPerSec, produceRatePerSec: topic.produceRatePerSec };
    next[topic.name] = old.length >= maxSamplesPerTopic ? [...old.slice(old.length - maxSamplesPerTopic + 1), sample] : [...old, sample];
  }
  return next;
}
