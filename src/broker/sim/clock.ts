/**
 * Simulated time. The model never reads a real clock (ARCHITECTURE §2); it asks an injected Clock.
 * Times are milliseconds since the Unix epoch of *simulated* time.
 */
export interface Clock {
  /** Current simulated time in ms. */
  now(): number;
}

/**
 * Default start of a simulation: 2024-01-01T00:00:00Z, a fixed epoch for tests and scenarios.
 * A hosted simulation starts instead at the wall-clock time of host start, passed in as
 * ClusterOptions.startTimeMs (and kept in the trace config), since clients stamp records with
 * real CreateTime.
 */
export const SIM_EPOCH_MS = 1_704_067_200_000;

/** A clock that only moves when the event loop advances it. */
export class SimClock implements Clock {
  private timeMs: number;

  constructor(startMs: number = SIM_EPOCH_MS) {
    this.timeMs = startMs;
  }

  now(): number {
    return this.timeMs;
  }

  /** Moves time forward; time never goes backwards. */
  advanceTo(timeMs: number): void {
    if (timeMs < this.timeMs) throw new RangeError(`clock would go back from ${this.timeMs} to ${timeMs}`);
    this.timeMs = timeMs;
  }
}
