/**
 * Advances the cluster model with wall-clock time: every tick runs the model up to
 * `simTime + wallElapsed × speed` (ARCHITECTURE §2). Pause stops advancing simulated time, so
 * replication, elections, acks=all completions and long-poll timeouts stop too; external
 * clients' own timeouts keep running (their request.timeout.ms is wall-clock).
 *
 * Ticks come from a short timer (≤ MAX_IDLE_MS apart, sooner when the next model event is due)
 * and from kick(), which handlers call after submitting an input so a produce is replicated
 * without waiting for the next timer.
 */
import type { KafkaCluster } from '../cluster/api';

/** Longest sleep between ticks; bounds the lag of long-poll timeouts (observer timers). */
const MAX_IDLE_MS = 10;

export class HostDriver {
  private speedFactor: number;
  private isPaused = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private immediate: ReturnType<typeof setImmediate> | null = null;
  private lastWallMs = performance.now();
  private running = false;
  private inTick = false;
  private simCursor = 0;

  constructor(private readonly cluster: KafkaCluster, speed: number, private readonly afterTick: () => void) {
    this.speedFactor = speed;
  }

  get speed(): number {
    return this.speedFactor;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  start(): void {
    this.running = true;
    this.lastWallMs = performance.now();
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
  }

  setSpeed(speed: number): void {
    this.tick();
    this.speedFactor = speed;
  }

  pause(): void {
    this.tick();
    this.isPaused = true;
  }

  resume(): void {
    this.lastWallMs = performance.now();
    this.isPaused = false;
    this.kick();
  }

  /** While paused: advance simulated time by stepMs. */
  step(stepMs: number): void {
    this.cluster.runUntil(this.cluster.now() + stepMs);
    this.afterTick();
  }

  /** Runs a tick soon (next macrotask), e.g. after an input that needs replication. */
  kick(): void {
    if (!this.running || this.immediate) return;
    this.immediate = setImmediate(() => {
      this.immediate = null;
      this.tick();
    });
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tick();
    }, delayMs);
  }

  private tick(): void {
    if (this.inTick) return;
    this.inTick = true;
    try {
      const wall = performance.now();
      const elapsed = wall - this.lastWallMs;
      this.lastWallMs = wall;
      if (!this.isPaused && elapsed > 0) {
        // Simulated time stays in whole ms (the event log reads better); the fraction carries over.
        this.simCursor = Math.max(this.simCursor, this.cluster.now()) + elapsed * this.speedFactor;
        const target = Math.floor(this.simCursor);
        if (target > this.cluster.now()) this.cluster.runUntil(target);
      }
      this.afterTick();
    } finally {
      this.inTick = false;
    }
    if (!this.running) return;
    const untilNext = this.isPaused ? MAX_IDLE_MS : (this.cluster.nextEventTime() - this.cluster.now()) / this.speedFactor;
    this.schedule(Math.max(1, Math.min(MAX_IDLE_MS, Math.ceil(untilNext))));
  }
}
