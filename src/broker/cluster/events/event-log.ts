/**
 * The cluster's event emitter: stamps events with simulated time and a sequence number, keeps the
 * full log (for tests and replay comparison) and coalesces high-watermark-advanced events to at
 * most one per partition per window (ClusterEvent docs).
 */
import type { ClusterEvent, ClusterEventBody } from '../../../shared/cluster-events';
import type { Simulation } from '../../sim/simulation';

/** Coalescing window for high-watermark-advanced (ms). */
export const HIGH_WATERMARK_COALESCE_MS = 100;

export class EventLog {
  private seq = 0;
  private readonly listeners = new Set<(e: ClusterEvent) => void>();
  /** Emitted events, oldest first; bounded by `maxRetained` (the oldest tenth is dropped when full). */
  readonly events: ClusterEvent[] = [];
  maxRetained = 200_000;
  private readonly pendingHighWatermarks = new Map<string, { topic: string; partition: number; highWatermark: number }>();
  private flushScheduled = false;

  constructor(private readonly sim: Simulation) {}

  emit(body: ClusterEventBody): void {
    const event = { ...body, timeMs: this.sim.now(), seq: this.seq++ } as ClusterEvent;
    this.events.push(event);
    // Trim in chunks of a tenth so a long session does not pay an O(n) splice per event.
    if (this.events.length > this.maxRetained) this.events.splice(0, this.events.length - Math.floor(this.maxRetained * 0.9));
    for (const l of this.listeners) l(event);
  }

  subscribe(listener: (e: ClusterEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues a coalesced high-watermark-advanced event. */
  highWatermarkAdvanced(topic: string, partition: number, highWatermark: number): void {
    this.pendingHighWatermarks.set(`${topic}\u0000${partition}`, { topic, partition, highWatermark });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.sim.schedule(HIGH_WATERMARK_COALESCE_MS, 'high-watermark-events', () => {
      this.flushScheduled = false;
      const pending = [...this.pendingHighWatermarks.values()];
      this.pendingHighWatermarks.clear();
      for (const p of pending) this.emit({ type: 'high-watermark-advanced', ...p });
    });
  }
}
