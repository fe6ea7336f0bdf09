/**
 * Snapshot slice: the latest ClusterView, who hosts it, the transport state, and per-topic
 * throughput sampled client-side from successive snapshots (for the topic charts).
 */
import type { StateCreator } from 'zustand/vanilla';
import type { ClusterView, PartitionView, TopicView } from '../../shared';
import { partitionsChangedSince } from '../../shared/snapshot-patch';
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

/**
 * A topic's samples, oldest first: `buf[start]` to `buf[end - 1]`. Every snapshot adds a sample to
 * every topic; copying each topic's array to append one would turn 100 arrays of 240 into garbage
 * per snapshot (old-generation garbage: they lived long enough to be promoted). So a series is a
 * window on an append-only buffer shared with the previous series of the same topic; a series
 * appends in place only at the buffer's tip and copies otherwise, so no series ever sees another's
 * samples. Read it with `seriesSamples`.
 */
export interface SampleSeries {
  readonly buf: ThroughputSample[];
  readonly start: number;
  readonly end: number;
}

const seriesArrays = new WeakMap<SampleSeries, readonly ThroughputSample[]>();
const noSamples: readonly ThroughputSample[] = [];

/** The series as an array (one per series object, so it can be a memo dependency). */
export function seriesSamples(series: SampleSeries | undefined): readonly ThroughputSample[] {
  if (!series) return noSamples;
  let array = seriesArrays.get(series);
  if (!array) seriesArrays.set(series, (array = series.buf.slice(series.start, series.end)));
  return array;
}

/** The newest sample of a series. */
export function lastSample(series: SampleSeries | undefined): ThroughputSample | undefined {
  return series && series.end > series.start ? series.buf[series.end - 1] : undefined;
}

function appendSample(old: SampleSeries | undefined, sample: ThroughputSample): SampleSeries {
  let buf = old?.buf ?? [];
  let start = old?.start ?? 0;
  let end = old?.end ?? 0;
  if (end - start >= maxSamplesPerTopic) start = end - maxSamplesPerTopic + 1;
  // Not at the tip (another series appended here), or the dropped head has grown: copy the window.
  if (buf.length !== end || start >= 2 * maxSamplesPerTopic) {
    buf = buf.slice(start, end);
    end -= start;
    start = 0;
  }
  buf.push(sample);
  return { buf, start, end: end + 1 };
}

export interface SnapshotSlice {
  snapshot: ClusterView | null;
  hostInfo: HostInfo | null;
  connection: ConnectionState;
  samples: Record<string, SampleSeries>;
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
/** The last sum per topic name, with the partitions it was taken over: a patched topic adds only what its changed partitions moved. */
const lastSums = new Map<string, { partitions: readonly PartitionView[]; sum: number }>();

function sumHighWatermarks(topic: TopicView): number {
  let sum = highWatermarkSums.get(topic);
  if (sum !== undefined) return sum;
  const last = lastSums.get(topic.name);
  const changed = last ? partitionsChangedSince(topic, last.partitions) : null;
  if (last && changed) {
    sum = last.sum;
    for (const i of changed) sum += topic.partitions[i]!.highWatermark - last.partitions[i]!.highWatermark;
  } else {
    sum = 0;
    for (const p of topic.partitions) sum += p.highWatermark;
  }
  highWatermarkSums.set(topic, sum);
  lastSums.set(topic.name, { partitions: topic.partitions, sum });
  return sum;
}

/**
 * Pure (as seen through `seriesSamples`): the sample table after a new snapshot. Topics that
 * disappeared lose their samples; a snapshot that does not advance simulated time (paused) adds
 * nothing, so the chart holds still.
 */
export function nextSamples(previous: Record<string, SampleSeries>, view: ClusterView): Record<string, SampleSeries> {
  const next: Record<string, SampleSeries> = {};
  for (const topic of view.topics) {
    const old = previous[topic.name];
    const last = lastSample(old);
    if (old && last && view.simTimeMs <= last.simTimeMs) {
      next[topic.name] = old;
      continue;
    }
    const highWatermarkSum = sumHighWatermarks(topic);
    const seconds = last ? (view.simTimeMs - last.simTimeMs) / 1000 : 0;
    const recordsPerSec = last && seconds > 0 ? Math.max(0, highWatermarkSum - last.highWatermarkSum) / seconds : 0;
    next[topic.name] = appendSample(old, { simTimeMs: view.simTimeMs, highWatermarkSum, recordsPerSec, produceRatePerSec: topic.produceRatePerSec });
  }
  return next;
}
