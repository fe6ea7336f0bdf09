/**
 * replaySession: opens an exported session (Export session, `--replay`): the trace JSON
 * (sim/trace.ts traceToJson) rebuilt into a cluster with its coordinators, the scenario engine
 * re-attached when the trace carries one, and the logged external inputs replayed.
 */
import type { SimCluster } from '../cluster/cluster';
import type { ScenarioSession } from './session';

export interface ReplayedSession {
  cluster: SimCluster;
  /** The re-attached scenario, or null for a session without one. */
  scenario: ScenarioSession | null;
  /** formatEvent lines of the whole event log (byte-compare them with the original's). */
  eventLines(): string[];
}

export function replaySession(json: string): ReplayedSession {
  void json;
  throw new Error('not yet');
}
