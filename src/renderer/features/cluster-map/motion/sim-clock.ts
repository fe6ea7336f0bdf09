/**
 * The renderer's simulated clock for the map's animation (issue 14): simulated time between two
 * snapshots, interpolated from the last one's `simTimeMs` at the driver's `sim.speed` (frozen while
 * `sim.paused`, ten times slower at 0.1×), replayed `lagWallMs` behind now so that hops which
 * arrived after the last snapshot are still drawn when the next one brings them.
 *
 * Pure: wall time (ms, e.g. performance.now()) is passed in. Never runs backwards within a run,
 * so a snapshot that arrives a little early or late does not make packets jitter; a jump (another
 * cluster, time travel, a long step while paused) is followed at once.
 */

/** What the last snapshot said about time, and when (wall ms) it was received. */
export interface ClockAnchor {
  simTimeMs: number;
  wallMs: number;
  speed: number;
  paused: boolean;
}

export interface SimClockState {
  anchor: ClockAnchor | null;
  /** The simulated time last shown (ms); null before the first snapshot. */
  displayMs: number | null;
}

/** How far behind the newest snapshot the animation plays, in wall ms (a snapshot interval and some). */
export const REPLAY_LAG_WALL_MS = 700;
/** A difference beyond this many simulated seconds per unit of speed is a jump, not drift. */
const JUMP_WALL_MS = 5000;

export function initialClock(): SimClockState {
  return { anchor: null, displayMs: null };
}

/** The anchor for a newly received snapshot. */
export function anchorFrom(view: { simTimeMs: number; sim: { speed: number; paused: boolean } | null }, wallMs: number): ClockAnchor {
  return { simTimeMs: view.simTimeMs, wallMs, speed: view.sim?.speed ?? 1, paused: view.sim?.paused ?? false };
}

/** Where the anchor puts "now minus the replay lag" at wall time `wallMs`. */
export function targetTime(anchor: ClockAnchor, wallMs: number, lagWallMs = REPLAY_LAG_WALL_MS): number {
  const elapsed = anchor.paused ? 0 : Math.max(0, wallMs - anchor.wallMs);
  return anchor.simTimeMs + elapsed * anchor.speed - lagWallMs * Math.max(anchor.speed, 0);
}

/**
 * One frame: the simulated time to draw at wall time `wallMs` and the next state. Paused: the
 * shown time stays where it was (packets freeze in place) unless the simulation moved (a step).
 */
export function tick(state: SimClockState, anchor: ClockAnchor | null, wallMs: number, lagWallMs = REPLAY_LAG_WALL_MS): { timeMs: number | null; state: SimClockState } {
  if (!anchor) return { timeMs: state.displayMs, state };
  const target = targetTime(anchor, wallMs, lagWallMs);
  const shown = state.displayMs;
  const jump = JUMP_WALL_MS * Math.max(anchor.speed, 1);
  let next: number;
  if (shown === null || Math.abs(target - shown) > jump) next = target;
  else if (anchor.paused) {
    // A step while paused moves the simulation: follow it forward; otherwise hold still. The
    // first paused snapshot is not a step: it is later than the running one before it only by the
    // time the pause took to arrive, and the picture freezes where it is when the pause shows.
    const stepped = state.anchor !== null && state.anchor.paused && anchor.simTimeMs !== state.anchor.simTimeMs;
    next = stepped ? Math.max(shown, target) : shown;
  } else next = Math.max(shown, target);
  return { timeMs: next, state: { anchor, displayMs: next } };
}
