/**
 * The session history behind the time-travel scrubber (issue 13, "Time"): stored snapshots of the
 * cluster view, one ClusterHost (one cluster) each.
 *
 * Design: keyframes plus patches. A sample is either a keyframe (the whole ClusterView) or a
 * SnapshotPatch (src/shared/snapshot-patch.ts) against the previous sample, both kept as
 * deflate-compressed JSON, so the memory a sample costs is exactly the bytes it holds. A new
 * keyframe starts once the patches since the last one add up to the keyframe's own size (or
 * `maxPatchesPerKeyframe` of them), so answering "the view at t" decodes at most about two
 * keyframes' worth of data, and keyframes cost at most as much as the patches between them.
 *
 * Sampling (the caller decides when; `due` says whether it is time): every `sampleIntervalMs` of
 * simulated time, after a driver tick that produced a significant event (event-significance.ts:
 * faults, elections, ISR changes, …), and just before every command (so "just before the fault"
 * shows the old leaders and ISR exactly). Samples are spaced in real time too, so a fast
 * simulation speed cannot turn the sampler into the driver's main work.
 *
 * Budget: `budgetBytes`. Past it the oldest keyframe and its patches are dropped (whole groups,
 * so the oldest sample kept is always a keyframe) and `range().dropped` says up to when.
 * Not counted: the newest sample's live view (shared with the model) and the decoded keyframe
 * and view cached for the scrubber's next request.
 *
 * Fidelity: the view at t equals the snapshot taken at t, except `lastCaughtUpTimeMs` of replicas
 * (snapshot-patch.ts `volatileReplicaFields`: no view reads it), which is as of the partition's
 * last other change.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ClusterView } from '../../shared/cluster-view';
import { applySnapshotPatch, diffSnapshot, type SnapshotPatch } from '../../shared/snapshot-patch';
import type { HistorySampleReason, PastView, SessionHistoryRange } from '../../shared/session-history-contract';

export interface SessionHistoryOptions {
  /** Bytes the kept samples may take (default DEFAULT_SESSION_HISTORY_BUDGET_BYTES). */
  budgetBytes?: number;
  /** Simulated ms between periodic samples (default 1000). */
  sampleIntervalMs?: number;
  /** Real ms at least between periodic samples (default 250): at speed 100 one sample per 25 simulated s. */
  minRealIntervalMs?: number;
  /** Real ms at least between samples for significant events (default 50); a later tick takes the one owed. */
  minRealEventSpacingMs?: number;
  /**
   * Patches after which a keyframe is taken whatever their size (default 600: ten minutes at one
   * sample a second). Small patches are cheap to apply; a keyframe of a 10,000-partition view is
   * not cheap to take (about 0.4 s of JSON and deflate, README), so it is not taken often.
   */
  maxPatchesPerKeyframe?: number;
}

/** 64 MiB: an hour of a 3-broker, 100-partition cluster under steady traffic fits (README, bench/session-history.ts). */
export const DEFAULT_SESSION_HISTORY_BUDGET_BYTES = 64 * 1024 * 1024;

/** Bookkeeping per sample beside its bytes (the object, its fields, the array slot), counted in the budget. */
const SAMPLE_OVERHEAD_BYTES = 96;

interface Sample {
  simTimeMs: number;
  eventSeq: number;
  reason: HistorySampleReason;
  keyframe: boolean;
  /** Deflated JSON: a ClusterView for a keyframe, a SnapshotPatch against the previous sample otherwise. */
  data: Buffer;
}

/**
 * The view without its flow sample (records in motion, issue 14): the flow is an animation of the
 * last few seconds, not state — the past is shown without it, and it would cost history budget.
 */
export function withoutFlow(view: ClusterView): ClusterView {
  if (view.flow === undefined) return view;
  const { flow: _flow, ...rest } = view;
  return rest;
}

function encode(value: unknown): Buffer {
  return deflateRawSync(Buffer.from(JSON.stringify(value)), { level: 6 });
}

function decode<T>(data: Buffer): T {
  return JSON.parse(inflateRawSync(data).toString()) as T;
}

export class SessionHistory {
  readonly budgetBytes: number;
  readonly sampleIntervalMs: number;
  private readonly minRealIntervalMs: number;
  private readonly minRealEventSpacingMs: number;
  private readonly maxPatchesPerKeyframe: number;
  private samples: Sample[] = [];
  private usedBytes = 0;
  private lastView: ClusterView | null = null;
  private lastRealMs = -Infinity;
  private patchesSinceKeyframe = 0;
  private patchBytesSinceKeyframe = 0;
  private keyframeBytes = 0;
  private droppedSamples = 0;
  private droppedThroughMs = 0;
  /** Index offset: samples dropped from the front, so cached indexes stay meaningful. */
  private base = 0;
  private cache: { index: number; view: ClusterView } | null = null;
  /** The last keyframe decoded, so scrubbing back and forth within a group decodes it once. */
  private keyframeCache: { index: number; view: ClusterView } | null = null;

  constructor(opts: SessionHistoryOptions = {}) {
    this.budgetBytes = opts.budgetBytes ?? DEFAULT_SESSION_HISTORY_BUDGET_BYTES;
    this.sampleIntervalMs = opts.sampleIntervalMs ?? 1000;
    this.minRealIntervalMs = opts.minRealIntervalMs ?? 250;
    this.minRealEventSpacingMs = opts.minRealEventSpacingMs ?? 50;
    this.maxPatchesPerKeyframe = opts.maxPatchesPerKeyframe ?? 600;
  }

  /** Whether a sample is due now: `significant` when a significant event happened since the last sample. */
  due(simNowMs: number, realNowMs: number, significant: boolean): HistorySampleReason | null {
    const last = this.samples[this.samples.length - 1];
    if (!last) return 'start';
    const realGap = realNowMs - this.lastRealMs;
    if (significant && realGap >= this.minRealEventSpacingMs) return 'event';
    if (simNowMs - last.simTimeMs >= this.sampleIntervalMs && realGap >= this.minRealIntervalMs) return 'interval';
    return null;
  }

  /**
   * Stores `view` (taken at view.simTimeMs, including events up to `eventSeq`). A view identical
   * to the previous sample at the same simulated time adds nothing. Work: one diff against the
   * previous sample (by object identity for what the model did not rebuild), JSON and deflate of
   * what changed; a keyframe stringifies and deflates the whole view.
   */
  record(live: ClusterView, eventSeq: number, reason: HistorySampleReason, realNowMs = 0): void {
    const view = withoutFlow(live);
    this.lastRealMs = realNowMs;
    const previous = this.lastView;
    const last = this.samples[this.samples.length - 1];
    if (last && view.simTimeMs < last.simTimeMs) throw new Error(`session history: sample at ${view.simTimeMs} is older than the last one (${last.simTimeMs})`);
    let sample: Sample;
    if (!previous || !last || this.needsKeyframe()) {
      sample = { simTimeMs: view.simTimeMs, eventSeq, reason, keyframe: true, data: encode(view) };
      this.keyframeBytes = sample.data.length;
      this.patchesSinceKeyframe = 0;
      this.patchBytesSinceKeyframe = 0;
    } else {
      const patch = diffSnapshot(previous, view, 0, 0);
      if (patch.changed.length === 0 && Object.keys(patch.rest).length === 0 && !patch.restRemoved && last.simTimeMs === view.simTimeMs && last.eventSeq === eventSeq) return;
      sample = { simTimeMs: view.simTimeMs, eventSeq, reason, keyframe: false, data: encode(patch) };
      this.patchesSinceKeyframe++;
      this.patchBytesSinceKeyframe += sample.data.length;
    }
    this.samples.push(sample);
    this.lastView = view;
    this.usedBytes += sample.data.length + SAMPLE_OVERHEAD_BYTES;
    this.enforceBudget();
  }

  private needsKeyframe(): boolean {
    return this.patchesSinceKeyframe >= this.maxPatchesPerKeyframe || this.patchBytesSinceKeyframe >= this.keyframeBytes;
  }

  /** Drops the oldest keyframe groups until the kept samples fit the budget (the newest group always stays). */
  private enforceBudget(): void {
    while (this.usedBytes > this.budgetBytes) {
      let end = 1;
      while (end < this.samples.length && !this.samples[end]!.keyframe) end++;
      if (end >= this.samples.length) return;
      const dropped = this.samples.splice(0, end);
      for (const s of dropped) this.usedBytes -= s.data.length + SAMPLE_OVERHEAD_BYTES;
      this.droppedSamples += dropped.length;
      this.droppedThroughMs = dropped[dropped.length - 1]!.simTimeMs;
      this.base += dropped.length;
      if (this.cache && this.cache.index < this.base) this.cache = null;
      if (this.keyframeCache && this.keyframeCache.index < this.base) this.keyframeCache = null;
    }
  }

  range(): SessionHistoryRange {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    return {
      fromMs: first?.simTimeMs ?? null,
      toMs: last?.simTimeMs ?? null,
      samples: this.samples.length,
      sampleIntervalMs: this.sampleIntervalMs,
      usedBytes: this.usedBytes,
      budgetBytes: this.budgetBytes,
      dropped: this.droppedSamples > 0 ? { samples: this.droppedSamples, throughTimeMs: this.droppedThroughMs } : null,
    };
  }

  /** Where the newest sample at or before `simTimeMs` is, or -1 when the history starts later. */
  private indexAt(simTimeMs: number): number {
    let lo = 0;
    let hi = this.samples.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.samples[mid]!.simTimeMs <= simTimeMs) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /**
   * The cluster as it was at `simTimeMs`: the newest sample taken at or before it (the newest
   * sample for a time beyond it), and with `throughEventSeq`, the newest that includes no later
   * event (several samples can share a simulated time: just before a command and just after it).
   * Null when the history starts later (never kept, or dropped).
   * Work: the nearest keyframe before it plus the patches up to it, or, scrubbing forward, only
   * the patches after the previous answer.
   */
  viewAt(simTimeMs: number, throughEventSeq?: number): PastView | null {
    let i = this.indexAt(simTimeMs);
    if (throughEventSeq !== undefined) while (i >= 0 && this.samples[i]!.eventSeq > throughEventSeq) i--;
    if (i < 0) return null;
    const target = this.samples[i]!;
    let k = i;
    while (!this.samples[k]!.keyframe) k--;
    let view: ClusterView;
    let from: number;
    const cached = this.cache;
    if (cached && cached.index - this.base >= k && cached.index - this.base <= i) {
      view = cached.view;
      from = cached.index - this.base + 1;
    } else {
      if (this.keyframeCache?.index !== k + this.base) this.keyframeCache = { index: k + this.base, view: decode<ClusterView>(this.samples[k]!.data) };
      view = this.keyframeCache.view;
      from = k + 1;
    }
    for (let j = from; j <= i; j++) view = applySnapshotPatch(view, decode<SnapshotPatch>(this.samples[j]!.data));
    this.cache = { index: i + this.base, view };
    return { atMs: simTimeMs, sampleTimeMs: target.simTimeMs, eventSeq: target.eventSeq, view };
  }

  /** Samples per reason and keyframes kept (for tests and the bench). */
  stats(): { keyframes: number; byReason: Record<HistorySampleReason, number> } {
    const byReason: Record<HistorySampleReason, number> = { start: 0, interval: 0, event: 0, 'before-command': 0 };
    let keyframes = 0;
    for (const s of this.samples) {
      byReason[s.reason]++;
      if (s.keyframe) keyframes++;
    }
    return { keyframes, byReason };
  }
}
