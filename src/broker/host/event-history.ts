/**
 * The host's memory of the cluster's events, for viewers that open (or refresh) late: every
 * significant event since the cluster started, kept apart from routine ones
 * (shared/event-significance.ts), so that a busy producer's highWatermark moves can never push
 * a broker failure out of the history.
 *
 * Bounds: significant events up to `maxSignificantEvents` and `maxSignificantBytes` (their JSON
 * size); beyond that the oldest are dropped and counted, and `history().dropped` says how many
 * and up to when, so the timeline can say so instead of pretending it starts there. Routine
 * events: only the newest `maxRoutineEvents` (recentEvents), of which a new viewer gets the newest
 * `routineInHistory`.
 */
import type { ClusterEvent } from '../../shared/cluster-events';
import { isRoutineEvent } from '../../shared/event-significance';
import type { EventHistory } from '../../shared/history-contract';

export interface EventHistoryBounds {
  maxSignificantEvents: number;
  maxSignificantBytes: number;
  maxRoutineEvents: number;
  /** Routine events handed to a new viewer (the newest ones). */
  routineInHistory: number;
}

/** A failover on a 3-broker cluster with __consumer_offsets is ≈ 150 significant events; ≈ 300 bytes each. */
export const defaultEventHistoryBounds: EventHistoryBounds = {
  maxSignificantEvents: 20_000,
  maxSignificantBytes: 8 * 1024 * 1024,
  maxRoutineEvents: 10_000,
  routineInHistory: 2000,
};

export class EventHistoryStore {
  private significant: ClusterEvent[] = [];
  private significantSizes: number[] = [];
  private significantBytes = 0;
  private routine: ClusterEvent[] = [];
  private droppedCount = 0;
  private droppedThroughTimeMs: number | null = null;
  private routineSeen = 0;

  constructor(private readonly bounds: EventHistoryBounds = defaultEventHistoryBounds) {}

  add(event: ClusterEvent): void {
    if (isRoutineEvent(event)) {
      this.routineSeen++;
      this.routine.push(event);
      // Trimmed in chunks of a half so a busy cluster does not pay an O(n) splice per event.
      if (this.routine.length > this.bounds.maxRoutineEvents * 1.5) this.routine.splice(0, this.routine.length - this.bounds.maxRoutineEvents);
      return;
    }
    const size = JSON.stringify(event).length;
    this.significant.push(event);
    this.significantSizes.push(size);
    this.significantBytes += size;
    if (this.significant.length > this.bounds.maxSignificantEvents || this.significantBytes > this.bounds.maxSignificantBytes) this.trimSignificant();
  }

  /** Drops the oldest significant events, a tenth of the bound at a time (amortised O(1) per event). */
  private trimSignificant(): void {
    const targetCount = Math.floor(this.bounds.maxSignificantEvents * 0.9);
    const targetBytes = Math.floor(this.bounds.maxSignificantBytes * 0.9);
    let drop = 0;
    let bytes = this.significantBytes;
    while (drop < this.significant.length && (this.significant.length - drop > targetCount || bytes > targetBytes)) bytes -= this.significantSizes[drop++]!;
    if (drop === 0) return;
    this.droppedCount += drop;
    this.droppedThroughTimeMs = this.significant[drop - 1]!.timeMs;
    this.significant = this.significant.slice(drop);
    this.significantSizes = this.significantSizes.slice(drop);
    this.significantBytes = bytes;
  }

  /** The newest `limit` events of both kinds, in sequence order (what recentEvents always gave). */
  recent(limit: number): ClusterEvent[] {
    if (limit <= 0) return [];
    const out: ClusterEvent[] = [];
    let s = this.significant.length - 1;
    let r = this.routine.length - 1;
    while (out.length < limit && (s >= 0 || r >= 0)) {
      if (r < 0 || (s >= 0 && this.significant[s]!.seq > this.routine[r]!.seq)) out.push(this.significant[s--]!);
      else out.push(this.routine[r--]!);
    }
    return out.reverse();
  }

  /** Everything kept, for a viewer that opens now: significant events plus the newest routine ones. */
  history(): EventHistory {
    const routine = this.routine.slice(-this.bounds.routineInHistory);
    return {
      significant: [...this.significant],
      routine,
      dropped: this.droppedCount === 0 ? null : { count: this.droppedCount, throughTimeMs: this.droppedThroughTimeMs!, maxEvents: this.bounds.maxSignificantEvents, maxBytes: this.bounds.maxSignificantBytes },
      routineDropped: this.routineSeen - routine.length,
    };
  }
}
