/**
 * Time travel over the whole session (issue 13, "Time"): what the host tells a viewer about the
 * session history it keeps (src/broker/host/session-history.ts) and the cluster view it answers
 * for a moment in the past. Cluster-level facts only (the same ClusterView every viewer gets), so
 * read-only viewers may time-travel too: it changes nothing.
 */
import type { ClusterView } from './cluster-view';

/** Why a sample of the session history was taken. */
export type HistorySampleReason = 'start' | 'interval' | 'event' | 'before-command';

export interface SessionHistoryRange {
  /** Simulated time (ms since the epoch) of the oldest sample still kept; null before the first sample. */
  fromMs: number | null;
  /** Simulated time of the newest sample; null before the first sample. */
  toMs: number | null;
  /** Samples kept. */
  samples: number;
  /** Simulated ms between periodic samples (significant events and commands add samples between them). */
  sampleIntervalMs: number;
  /** Bytes the kept samples take (compressed keyframes and patches) and the budget they are held to. */
  usedBytes: number;
  budgetBytes: number;
  /**
   * Set once the oldest history was dropped to stay within the budget: how many samples, and the
   * simulated time of the newest dropped one (the history before `fromMs` is gone).
   */
  dropped: { samples: number; throughTimeMs: number } | null;
}

/** The cluster as it was at a moment: the newest sample taken at or before the asked time. */
export interface PastView {
  /** The asked simulated time (ms). */
  atMs: number;
  /** Simulated time the sample was taken (≤ atMs). */
  sampleTimeMs: number;
  /** Sequence number of the newest cluster event the sample includes; later events had not happened yet. */
  eventSeq: number;
  view: ClusterView;
}

/** getViewAt's answer: the view, or why not in Kafka's words (e.g. the moment is older than the kept history). */
export type PastViewResult = ({ ok: true } & PastView) | { ok: false; errorName: string; message: string };
