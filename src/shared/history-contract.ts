/**
 * What the host remembers for viewers that open late or refresh (issue 12): the cluster's
 * significant events since it started, and a bounded, downsampled metric history for the charts.
 * Both are cluster-level facts, never record contents, so read-only viewers get them too.
 */
import type { ClusterEvent } from './cluster-events';

export interface EventHistory {
  /** Every significant event since the cluster started (event-significance.ts), oldest first, unless `dropped` says otherwise. */
  significant: ClusterEvent[];
  /** The newest routine events (highWatermark moves, commits, …), oldest first. */
  routine: ClusterEvent[];
  /** Significant events the host dropped at its bound (maxEvents, maxBytes of JSON): how many, up to which simulated time (ms). */
  dropped: { count: number; throughTimeMs: number; maxEvents: number; maxBytes: number } | null;
  /** Routine events no longer kept (only a window of them is). */
  routineDropped: number;
}

/** One sample of a topic: Σ highWatermark over its partitions at a simulated time. */
export interface TopicMetricSample {
  /** Simulated time, ms since the epoch. */
  simTimeMs: number;
  /** Σ highWatermark over the topic's partitions (records). */
  highWatermarkSum: number;
}

export interface MetricHistory {
  /** Simulated ms between samples at full resolution; older samples are thinned (every other one kept). */
  intervalMs: number;
  /** Per topic, samples oldest first. */
  topics: Record<string, TopicMetricSample[]>;
}
