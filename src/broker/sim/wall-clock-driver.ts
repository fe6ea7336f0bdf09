/**
 * Wall-clock driver: the ONE file in cluster/ and sim/ that uses real timers (lint exempts it).
 * Every tick advances the model with `runUntil(simNow + elapsedReal × speed)`. Pause stops
 * simulated time — replication, elections, acks=all completions and long-poll timeouts all stop —
 * while external clients' own timeouts keep running on the wall clock. Step advances a paused
 * model by a fixed amount. Handles the speed/pause/resume/step commands and forwards the rest.
 * Simulated time advances in whole ms (the event log reads better); the fraction carries over.
 * kick() runs a tick on the next macrotask, so an input that needs simulated time (an acks=all
 * produce waiting for followers) is not left until the next interval (the cluster host calls it).
 *
 * Containment: the driver runs from timers, so an exception thrown by a model event would end the
 * process (or, caught nowhere, stop simulated time for good). A model event that throws has
 * already been taken off the queue (Simulation.step pops it before running it), so the driver
 * reports it (onModelError, coalesced) and runs on: the failed event is dropped, every other event
 * still runs at its time and the cluster keeps serving. Kafka's threads do the same in spirit:
 * a failing request or background task is logged and the thread carries on (ShutdownableThread,
 * KafkaRequestHandler catch Throwable). Repeats of one failure are counted, not logged each time.
 */
import type { ClusterCommand, CommandResult } from '../../shared/cluster-commands';
import type { KafkaCluster } from '../cluster/api';

export interface WallClockDriverOptions {
  /** Simulated ms per real ms (default 1). */
  speed?: number;
  /** Real ms between ticks (default 10). */
  tickMs?: number;
  /** Most simulated ms one tick may run, so a slow model never freezes the host (default 2000). */
  maxStepPerTickMs?: number;
  /** Called after each tick (e.g. to publish a snapshot). */
  afterTick?: () => void;
  /** Real clock in ms (tests inject a fake). */
  realNow?: () => number;
  /**
   * Told when a model event (or afterTick) threw and was dropped: `error` the first time a failure
   * with this message is seen in `REPORT_WINDOW_MS`, then `repeats` once per window for the rest.
   * Default: stderr.
   */
  onModelError?: (report: { error: unknown; repeats: number; message: string }) => void;
  /**
   * Issue 13: simulated time (ms since the epoch) the driver never runs past, or null: a
   * scenario's predict step waiting for the presenter (ScenarioSession.nextPauseAtMs). Ticks and
   * steps run the model up to it, inclusive, and then simulated time stands still until it moves.
   */
  holdAtMs?: () => number | null;
}

/** Failures with the same message are reported once per window, with a count of the repeats. */
const REPORT_WINDOW_MS = 5000;
/** A tick stops retrying after this many failed events, so a model that fails every event cannot freeze the host. */
const MAX_FAILURES_PER_TICK = 100;

export class WallClockDriver {
  private speedFactor: number;
  private isPaused = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private immediate: ReturnType<typeof setImmediate> | null = null;
  /** Timer for a model event due before the next interval tick (see armForNextEvent). */
  private wake: ReturnType<typeof setTimeout> | null = null;
  private lastRealMs = 0;
  /** Simulated ms owed but not yet run (below 1 ms). */
  private carryMs = 0;
  private inTick = false;
  private readonly realNow: () => number;
  private readonly reported = new Map<string, { untilMs: number; repeats: number }>();
  /** Model events dropped because they threw, since start. */
  private droppedEvents = 0;

  constructor(private readonly cluster: Pick<KafkaCluster, 'runUntil' | 'now' | 'command'> & Partial<Pick<KafkaCluster, 'nextEventTime'>>, private readonly opts: WallClockDriverOptions = {}) {
    this.speedFactor = opts.speed ?? 1;
    this.realNow = opts.realNow ?? (() => performance.now());
  }

  /** Model events that threw and were dropped, since the driver was created. */
  get modelFailures(): number {
    return this.droppedEvents;
  }

  get state(): { speed: number; paused: boolean } {
    return { speed: this.speedFactor, paused: this.isPaused };
  }

  /**
   * Starts the ticks. `paused`: starts paused without running the model at all (a replayed
   * recording shown at its end: pause() after start() would first tick the real time elapsed in
   * between, so the recording would run on past its end by a moment that depends on the machine).
   */
  start(options: { paused?: boolean } = {}): void {
    if (this.timer) return;
    if (options.paused) this.isPaused = true;
    this.lastRealMs = this.realNow();
    this.timer = setInterval(() => this.tick(), this.opts.tickMs ?? 10);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    if (this.wake) clearTimeout(this.wake);
    this.timer = null;
    this.immediate = null;
    this.wake = null;
  }

  /** Runs a tick on the next macrotask (while started); several kicks before it run one tick. */
  kick(): void {
    if (!this.timer || this.immediate) return;
    this.immediate = setImmediate(() => {
      this.immediate = null;
      this.tick();
    });
  }

  /** Advances the model by the real time elapsed since the last tick × speed. Not re-entrant. */
  tick(): void {
    if (this.inTick) return;
    this.inTick = true;
    try {
      const real = this.realNow();
      const elapsed = Math.max(0, real - this.lastRealMs);
      this.lastRealMs = real;
      if (!this.isPaused && elapsed > 0) {
        const owed = Math.min(elapsed * this.speedFactor, this.opts.maxStepPerTickMs ?? 2000) + this.carryMs;
        const step = Math.floor(owed);
        this.carryMs = owed - step;
        if (step > 0) this.runModelUntil(this.heldTarget(this.cluster.now() + step));
      }
      this.afterTick();
      this.flushReports();
    } finally {
      this.inTick = false;
    }
    try {
      this.armForNextEvent();
    } catch (err) {
      this.report(err);
    }
  }

  /**
   * runUntil, contained: after a failed event the run goes on from where it stopped (the clock is
   * at the failed event's time), so later events run at their times in this same tick.
   */
  private runModelUntil(targetMs: number): void {
    for (let failures = 0; failures < MAX_FAILURES_PER_TICK; ) {
      try {
        this.cluster.runUntil(targetMs);
        return;
      } catch (err) {
        failures++;
        this.droppedEvents++;
        this.report(err);
      }
    }
  }

  /** `targetMs`, or the hold when that comes first; no further than now when the hold is passed already. */
  private heldTarget(targetMs: number): number {
    let hold: number | null = null;
    try {
      hold = this.opts.holdAtMs?.() ?? null;
    } catch (err) {
      this.report(err);
    }
    if (hold === null) return targetMs;
    if (hold <= this.cluster.now()) {
      this.carryMs = 0;
      return this.cluster.now();
    }
    return Math.min(targetMs, hold);
  }

  private afterTick(): void {
    try {
      this.opts.afterTick?.();
    } catch (err) {
      this.report(err);
    }
  }

  private report(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const now = this.realNow();
    const open = this.reported.get(message);
    if (open && now < open.untilMs) {
      open.repeats++;
      return;
    }
    this.reported.set(message, { untilMs: now + REPORT_WINDOW_MS, repeats: 0 });
    this.emitReport({ error, repeats: 0, message });
  }

  private flushReports(): void {
    if (this.reported.size === 0) return;
    const now = this.realNow();
    for (const [message, window] of this.reported) {
      if (now < window.untilMs) continue;
      this.reported.delete(message);
      if (window.repeats > 0) this.emitReport({ error: null, repeats: window.repeats, message });
    }
  }

  private emitReport(report: { error: unknown; repeats: number; message: string }): void {
    try {
      if (this.opts.onModelError) this.opts.onModelError(report);
      else console.error(`kafka-lab: ${describeModelError(report)}`);
    } catch {
      // Reporting must not be what breaks the driver.
    }
  }

  /**
   * A model event due sooner than the next interval tick (a follower fetch answer 1 simulated ms
   * away, an acks=all produce about to complete) gets its own timer, so acknowledgements wait for
   * simulated time, not for the interval. Idle models (next event far off) keep the interval only.
   */
  private armForNextEvent(): void {
    if (!this.timer || this.isPaused || this.wake || !this.cluster.nextEventTime) return;
    const next = this.cluster.nextEventTime();
    if (!Number.isFinite(next)) return;
    const hold = this.opts.holdAtMs?.() ?? null;
    if (hold !== null && next > hold) return;
    const dueInRealMs = Math.max(0, (next - this.cluster.now() - this.carryMs) / this.speedFactor);
    if (dueInRealMs >= (this.opts.tickMs ?? 10)) return;
    this.wake = setTimeout(() => {
      this.wake = null;
      this.tick();
    }, Math.max(1, Math.ceil(dueInRealMs)));
  }

  pause(): void {
    this.tick();
    this.isPaused = true;
  }

  resume(): void {
    this.lastRealMs = this.realNow();
    this.isPaused = false;
    this.kick();
  }

  setSpeed(speed: number): void {
    this.tick();
    this.speedFactor = speed;
  }

  /** Advances simulated time by stepMs (meant for a paused model). */
  step(stepMs = 100): void {
    this.runModelUntil(this.heldTarget(this.cluster.now() + stepMs));
    this.afterTick();
  }

  command(cmd: ClusterCommand): CommandResult {
    switch (cmd.type) {
      case 'set-speed':
        if (!(cmd.speed > 0)) return { ok: false, errorName: 'INVALID_REQUEST', message: 'speed must be > 0' };
        this.setSpeed(cmd.speed);
        return { ok: true };
      case 'pause':
        this.pause();
        return { ok: true };
      case 'resume':
        this.resume();
        return { ok: true };
      case 'step':
        this.step(cmd.stepMs ?? 100);
        return { ok: true };
      default:
        return this.cluster.command(cmd);
    }
  }
}

/** One line for a model failure report: the stack the first time, the count of repeats after. */
export function describeModelError(report: { error: unknown; repeats: number; message: string }): string {
  if (report.repeats > 0) return `a model event failed ${report.repeats} more times in the last ${REPORT_WINDOW_MS / 1000} s and was dropped each time: ${report.message}`;
  const detail = report.error instanceof Error ? (report.error.stack ?? report.error.message) : String(report.error);
  return `a model event failed and was dropped; the cluster keeps running: ${detail}`;
}
