/**
 * The host-session contract (issue 13): replacing the running cluster by a new one ("New
 * cluster…", a scenario, a replayed recording) and driving a scenario from the UI. Merged into
 * the app's contract like the workbench's (`interface ClusterApi extends HostSessionCommands`,
 * `hostSessionMethods` in clusterApiMethods). Every method is refused for read-only viewers.
 *
 * What the session is now travels in the pushed snapshot (`ClusterView.sim.session`), so every
 * viewer, read-only ones included, sees a new cluster, the narration and the replay label.
 */
import { MAX_BROKERS, MAX_DEDICATED_CONTROLLERS, shapeError } from './cluster-shape';
import type { ScenarioStatus } from './scenario-view';

/** What "New cluster…" asks for. */
export interface NewClusterRequest {
  brokers: number;
  /** Dedicated KRaft controllers (process.roles=controller): 0 = combined mode, or 1, 3, 5. */
  controllers: number;
  /** broker.rack of broker 1..N in order (length = brokers); absent or empty = no racks. */
  racks?: string[];
  /** Seed of the new simulation; absent = a random one. */
  seed?: number;
  /** Static broker configs by Kafka name, e.g. { 'min.insync.replicas': '2' }. */
  brokerConfig?: Record<string, string>;
}

/** The dedicated-controller counts the form offers: 0 (combined) and the odd quorum sizes Kafka recommends. */
export const controllerChoices = [0, 1, 3, 5] as const;

/** A problem with one field of a request: `field` names it ("brokers", "brokerConfig.min.insync.replicas"). */
export interface FieldError {
  field: string;
  message: string;
}

export type HostSessionResult =
  | { ok: true; message: string }
  | { ok: false; errorName: string; message: string; fieldErrors?: FieldError[] };

/** Where the running cluster came from. */
export type SessionOrigin =
  | { kind: 'started' }
  | { kind: 'new-cluster' }
  | { kind: 'scenario'; name: string; title: string }
  | { kind: 'replay'; fileName: string };

/** The session as every viewer sees it (ClusterView.sim.session). */
export interface HostSessionView {
  /** Rises by one every time the cluster is replaced: a viewer that sees it change starts its timeline afresh. */
  generation: number;
  origin: SessionOrigin;
  /** The running scenario (its narration trimmed to the newest lines), or null. */
  scenario: ScenarioStatus | null;
}

/** A built-in scenario in the picker. */
export interface ScenarioListing {
  name: string;
  title: string;
  summary: string;
  concepts: string[];
}

/** A scenario to load: a built-in by name, or a user's file. */
export type ScenarioSource = { name: string } | { fileName: string; text: string };

/** A user's file (a recording or a scenario), read by the UI. */
export interface SessionFile {
  fileName: string;
  text: string;
}

export interface HostSessionCommands {
  /** Replaces the running cluster by a new one of this shape; on failure the old one keeps running. */
  newCluster(request: NewClusterRequest): Promise<HostSessionResult>;
  listScenarios(): Promise<ScenarioListing[]>;
  /** A new cluster of the scenario's shape with the scenario attached; an invalid file is refused with its field paths. */
  loadScenario(source: ScenarioSource): Promise<HostSessionResult>;
  /** The running scenario again from its start, same seed: the same run. */
  restartScenario(): Promise<HostSessionResult>;
  /** Shows a predict step's answer and lets the run continue past it. */
  revealScenarioStep(stepIndex: number): Promise<HostSessionResult>;
  /** Replays an exported session into a fresh host, shown paused at its end. */
  openSession(file: SessionFile): Promise<HostSessionResult>;
}

export type HostSessionMethod = keyof HostSessionCommands;

export const hostSessionMethods = ['newCluster', 'listScenarios', 'loadScenario', 'restartScenario', 'revealScenarioStep', 'openSession'] as const;
type ListedHostSessionMethod = (typeof hostSessionMethods)[number];
const _everyListedIsAHostSessionMethod: ListedHostSessionMethod extends HostSessionMethod ? true : never = true;
const _everyHostSessionMethodIsListed: HostSessionMethod extends ListedHostSessionMethod ? true : never = true;
void _everyListedIsAHostSessionMethod;
void _everyHostSessionMethodIsListed;

/**
 * Largest file the UI may hand the host (a scenario or a recording): JSON-escaped inside an
 * invoke frame it stays below the serve WebSocket's frame limit (uiChannelMaxFrameBytes, 100 MiB).
 */
export const maxSessionFileBytes = 32 * 1024 * 1024;
/** Longest rack name accepted (Kafka sets no limit; a bound keeps a typo from filling the view). */
export const maxRackNameLength = 64;

/**
 * Every problem of a new-cluster request the UI and the host can both check (shape, racks,
 * seed); broker config names and values are checked by the host (broker-config.ts), which
 * answers them as `brokerConfig.<name>` field errors.
 */
export function newClusterFieldErrors(request: NewClusterRequest): FieldError[] {
  const errors: FieldError[] = [];
  const shape = shapeError({ brokers: request.brokers, controllers: request.controllers });
  if (shape) errors.push({ field: shape.startsWith('brokers') ? 'brokers' : 'controllers', message: shape });
  else if (!(controllerChoices as readonly number[]).includes(request.controllers)) {
    errors.push({ field: 'controllers', message: `controllers must be 0 (combined mode), 1, 3 or 5, got ${request.controllers}` });
  }
  if (request.racks && request.racks.length > 0) {
    if (request.racks.length !== request.brokers) errors.push({ field: 'racks', message: `racks names one rack per broker: ${request.brokers} expected, got ${request.racks.length}` });
    const bad = request.racks.find((rack) => !/^[A-Za-z0-9._-]+$/.test(rack) || rack.length > maxRackNameLength);
    if (bad !== undefined) errors.push({ field: 'racks', message: `broker.rack "${bad}" must be 1 to ${maxRackNameLength} letters, digits, '.', '_' or '-'` });
  }
  if (request.seed !== undefined && (!Number.isInteger(request.seed) || request.seed < 0 || request.seed > 2 ** 31)) {
    errors.push({ field: 'seed', message: `seed must be a whole number from 0 to ${2 ** 31}, got ${request.seed}` });
  }
  return errors;
}

/** rack-a, rack-b, … spread over the brokers round-robin (broker 1 in rack-a); 0 racks = none. */
export function racksRoundRobin(brokers: number, rackCount: number): string[] {
  if (rackCount <= 0) return [];
  return Array.from({ length: brokers }, (_, i) => `rack-${String.fromCharCode(97 + (i % rackCount))}`);
}

export { MAX_BROKERS, MAX_DEDICATED_CONTROLLERS };
