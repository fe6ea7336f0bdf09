/**
 * A Yammer Meter (com.yammer.metrics.core.Meter, the meters behind Kafka's *PerSec MBeans) in
 * simulated time: a Count and a OneMinuteRate, an exponentially weighted moving average ticked
 * every 5 s (Yammer's EWMA.oneMinuteEWMA: alpha = 1 − e^(−5 s / 60 s); the first tick sets the rate
 * to that interval's instant rate). Ticks are aligned to the meter's start time and applied lazily
 * when the meter is marked or read, as Meter.tickIfNecessary does, so reading never changes what a
 * later read shows. Deterministic: time is passed in (ms of simulated time).
 */
export const TICK_INTERVAL_MS = 5000;
const ONE_MINUTE_ALPHA = 1 - Math.exp(-TICK_INTERVAL_MS / 60_000);

export class YammerMeter {
  private countTotal = 0;
  private uncounted = 0;
  private ratePerMs = 0;
  private initialized = false;
  private lastTickMs: number;

  constructor(startMs: number) {
    this.lastTickMs = startMs;
  }

  mark(nowMs: number, n = 1): void {
    this.tickIfNecessary(nowMs);
    this.countTotal += n;
    this.uncounted += n;
  }

  /** Count: events since the meter started. */
  get count(): number {
    return this.countTotal;
  }

  /** OneMinuteRate, events per second. */
  oneMinuteRate(nowMs: number): number {
    this.tickIfNecessary(nowMs);
    return this.ratePerMs * 1000;
  }

  private tickIfNecessary(nowMs: number): void {
    const age = nowMs - this.lastTickMs;
    if (age < TICK_INTERVAL_MS) return;
    const ticks = Math.floor(age / TICK_INTERVAL_MS);
    this.lastTickMs += ticks * TICK_INTERVAL_MS;
    // Beyond ~60 minutes of idle ticks the rate is below 1e-26 of what it was: stop there.
    for (let i = 0; i < Math.min(ticks, 720); i++) this.tick();
    if (ticks > 720) this.ratePerMs = 0;
  }

  private tick(): void {
    const instantRate = this.uncounted / TICK_INTERVAL_MS;
    this.uncounted = 0;
    if (this.initialized) this.ratePerMs += ONE_MINUTE_ALPHA * (instantRate - this.ratePerMs);
    else {
      this.ratePerMs = instantRate;
      this.initialized = true;
    }
  }
}
