/**
 * replaySession: opens an exported session (the app's Open session, `npm run scenario -- --replay`):
 * the trace JSON (sim/trace.ts traceToJson) rebuilt into a cluster with its group and
 * transaction coordinators, the scenario engine re-attached when the trace carries one, and the
 * logged external inputs replayed. The file is outside input: bounded in size, its scenario
 * checked like a scenario file; a bad file throws an Error whose message says what is wrong.
 */
import type { ClusterTrace } from '../cluster/api';
import type { SimCluster } from '../cluster/cluster';
import { eventLines } from '../cluster/testing';
import { attachCoordinators } from '../cluster/transactions/attach';
import { replayTrace, traceFromJson } from '../sim/trace';
import { checkScenario, formatScenarioErrors } from './parse';
import type { ScenarioSession } from './session';
import { attachScramCredentials } from '../cluster/security/scram-credentials';

/** Largest session file accepted (its input log holds the external clients' record batches). */
export const MAX_SESSION_FILE_BYTES = 256 * 1024 * 1024;

export interface ReplayedSession {
  cluster: SimCluster;
  /** The re-attached scenario, or null for a session without one. */
  scenario: ScenarioSession | null;
  /** Readable lines of the whole event log (byte-compare them with the original's). */
  eventLines(): string[];
}

function parseTrace(json: string): ClusterTrace {
  if (typeof json !== 'string') throw new Error('a session file is JSON text');
  if (json.length > MAX_SESSION_FILE_BYTES) throw new Error(`the session file is ${json.length} bytes; the limit is ${MAX_SESSION_FILE_BYTES}`);
  let trace: ClusterTrace;
  try {
    trace = traceFromJson(json);
  } catch (e) {
    throw new Error(`not a session file: ${(e as Error).message}`, { cause: e });
  }
  const t = trace as Partial<ClusterTrace> | null;
  if (!t || typeof t !== 'object' || typeof t.seed !== 'number' || !t.config || !Array.isArray(t.config.brokers) || !Array.isArray(t.inputLog) || typeof t.endTimeMs !== 'number') {
    throw new Error('not a session file: it needs seed, config.brokers, inputLog and endTimeMs (Export session writes them)');
  }
  if (t.scenario) {
    const checked = checkScenario(t.scenario.doc);
    if (!checked.ok) throw new Error(`the session's scenario is invalid:\n${formatScenarioErrors(checked.errors).join('\n')}`);
  }
  return trace;
}

export function replaySession(json: string): ReplayedSession {
  const trace = parseTrace(json);
  let scenario: ScenarioSession | null = null;
  const cluster = replayTrace(trace, (c) => {
    attachScramCredentials(c);
    const { groups, transactions } = attachCoordinators(c);
    return { groups, transactions };
  }, (s) => { scenario = s; });
  return { cluster, scenario, eventLines: () => eventLines(cluster) };
}
