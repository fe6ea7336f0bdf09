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
  private cancelledCount = 0;

  /**
   * Cancels an event. Cancelled events leave the heap lazily; when they are most of it (many
   * completed acks=all timeouts, say) the heap is rebuilt without them. Order is unaffected.
   */
  cancel(ev: ScheduledEvent): void {
    if (ev.cancelled) return;
    ev.cancelled = true;
    if (++this.cancelledCount > 1024 && this.cancelledCount * 2 > this.heap.length) {
      // Rebuilt in O(n) (Floyd's heapify); pop order depends only on (time, seq), not on the layout.
      const live = this.heap.filter((e) => !e.cancelled);
      for (let i = (live.length >> 1) - 1; i >= 0; i--) siftDown(live, i, live[i]!);
      this.heap = live;
      this.cancelledCount = 0;
    }
  }

  get size(): number {
    return this.heap.length;
  }

  schedule(timeMs: number, label: string, run: () => void): ScheduledEvent {
    const ev: ScheduledEvent = { timeMs, seq: this.nextSeq++, label, run, cancelled: false };
    const h = this.heap;
    // Sift up with a hole (the same moves as pairwise swaps, fewer writes).
    let i = h.length;
    h.push(ev);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (!before(ev, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = ev;
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
    const wasCancelled = top.cancelled;
    // Popped events count as no longer pending, so a later cancel() of them is a no-op.
    top.cancelled = true;
    const last = h.pop()!;
    if (h.length) siftDown(h, 0, last);
    if (wasCancelled && this.cancelledCount > 0) this.cancelledCount--;
    return top;
  }
}

/** Places `ev` at hole `i` or below it (a sift-down with a hole: the same moves as pairwise swaps). */
function siftDown(h: ScheduledEvent[], i: number, ev: ScheduledEvent): void {
  const n = h.length;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const m = r < n && before(h[r]!, h[l]!) ? r : l;
    if (!before(h[m]!, ev)) break;
    h[i] = h[m]!;
    i = m;
  }
  h[i] = ev;
}

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
}
