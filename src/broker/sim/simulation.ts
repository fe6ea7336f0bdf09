/**
 * The simulation kernel: one Clock, one EventQueue, one root Random, and the loop that runs
 * events in (time, sequence) order. The cluster model schedules every timer and every
 * inter-broker message here; nothing else moves simulated time.
 *
 * Observer timers (client long-poll timeouts) live in a second queue that never touches the
 * model's sequence numbers, so whether or not a host is waiting on data cannot change the run.
 */
import { SimClock, SIM_EPOCH_MS } from './clock';
import { EventQueue, type ScheduledEvent } from './event-queue';
import { Random } from './random';

export type Cancellable = { cancel(): void };

export class Simulation {
  readonly clock: SimClock;
  readonly random: Random;
  private readonly queue = new EventQueue();
  private readonly observerQueue = new EventQueue();
  /** Number of model events run so far; inputs are stamped with it for exact replay. */
  processedEvents = 0;
  /** Called after every model event (invariant checks in tests). */
  afterEvent: ((ev: ScheduledEvent) => void) | null = null;
  /** True while a model event runs (inputs submitted then are deferred to its end, for exact replay). */
  inEvent = false;
  private readonly deferred: (() => void)[] = [];

  constructor(seed: number, startMs: number = SIM_EPOCH_MS) {
    this.clock = new SimClock(startMs);
    this.random = new Random(seed);
  }

  now(): number {
    return this.clock.now();
  }

  /** Schedules a model event delayMs (≥ 0) from now. */
  schedule(delayMs: number, label: string, run: () => void): ScheduledEvent {
    return this.queue.schedule(this.clock.now() + Math.max(0, delayMs), label, run);
  }

  /** Cancels a model event scheduled with `schedule` (it will not run). */
  cancel(ev: ScheduledEvent): void {
    this.queue.cancel(ev);
  }

  /** Schedules an observer timer: runs in time order but outside the model's event sequence. */
  scheduleObserver(delayMs: number, run: () => void): Cancellable {
    const ev = this.observerQueue.schedule(this.clock.now() + Math.max(0, delayMs), 'observer', run);
    return { cancel: () => this.observerQueue.cancel(ev) };
  }

  /** Time of the next model event, or Infinity. */
  nextEventTime(): number {
    return this.queue.peekTime();
  }

  /** Runs exactly one model event (and any observer timers due before it). False when idle. */
  step(): boolean {
    const t = this.queue.peekTime();
    if (t === Infinity) return false;
    this.runObserversUntil(t, false);
    const ev = this.queue.pop()!;
    this.clock.advanceTo(ev.timeMs);
    this.inEvent = true;
    try {
      ev.run();
    } finally {
      this.inEvent = false;
    }
    this.processedEvents++;
    this.afterEvent?.(ev);
    while (this.deferred.length) this.deferred.shift()!();
    return true;
  }

  /** Runs fn now, or — if a model event is running — right after it (inputs from completion callbacks). */
  outsideEvent(fn: () => void): void {
    if (this.inEvent) this.deferred.push(fn);
    else fn();
  }

  /** Replay support: runs model events until `count` have been processed (never past timeMs), then sets the clock to timeMs. */
  runToEventCount(count: number, timeMs: number): void {
    while (this.processedEvents < count && this.queue.peekTime() <= timeMs) this.step();
    if (timeMs > this.clock.now()) this.clock.advanceTo(timeMs);
  }

  /** Runs every event with time ≤ timeMs, then sets the clock to timeMs. */
  runUntil(timeMs: number): void {
    for (;;) {
      const t = this.queue.peekTime();
      if (t > timeMs) break;
      this.step();
    }
    this.runObserversUntil(timeMs, true);
    if (timeMs > this.clock.now()) this.clock.advanceTo(timeMs);
  }

  private runObserversUntil(timeMs: number, inclusive: boolean): void {
    for (;;) {
      const t = this.observerQueue.peekTime();
      if (inclusive ? t > timeMs : t >= timeMs) return;
      const ev = this.observerQueue.pop()!;
      this.clock.advanceTo(Math.max(this.clock.now(), ev.timeMs));
      ev.run();
    }
  }
}
