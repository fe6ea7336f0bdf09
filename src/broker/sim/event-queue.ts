/**
 * The simulation's event queue: a binary min-heap ordered by (time, sequence) so that events at
 * the same simulated millisecond always run in the order they were scheduled (ARCHITECTURE §2).
 */

export interface ScheduledEvent {
  timeMs: number;
  /** Monotonic scheduling order; breaks ties between equal times. */
  seq: number;
  /** Short name for traces and debugging ("follower-fetch", "heartbeat", …). */
  label: string;
  run: () => void;
  cancelled: boolean;
}

export class EventQueue {
  private heap: ScheduledEvent[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  schedule(timeMs: number, label: string, run: () => void): ScheduledEvent {
    const ev: ScheduledEvent = { timeMs, seq: this.nextSeq++, label, run, cancelled: false };
    const h = this.heap;
    h.push(ev);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
    return ev;
  }

  /** Time of the earliest live event, or Infinity. */
  peekTime(): number {
    this.dropCancelled();
    return this.heap.length ? this.heap[0]!.timeMs : Infinity;
  }

  /** Removes and returns the earliest live event. */
  pop(): ScheduledEvent | undefined {
    this.dropCancelled();
    return this.popRaw();
  }

  private dropCancelled(): void {
    while (this.heap.length && this.heap[0]!.cancelled) this.popRaw();
  }

  private popRaw(): ScheduledEvent | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
}
