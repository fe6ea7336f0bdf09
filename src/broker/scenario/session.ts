/**
 * attachScenario: the hosted scenario session. The engine's clients and steps run inside model
 * events and are regenerated from (scenario, seed), so their cluster calls skip the input log
 * (SimCluster.asModelInternal); only the presenter's reveals are inputs (extension "scenario").
 */
import type { ClusterOptions } from '../cluster/api';
import type { SimCluster } from '../cluster/cluster';
import type { CoordinatorPair } from '../cluster/transactions/coordinator-inputs';
import type { CommandResult } from '../../shared/cluster-commands';
import type { ScenarioDocument } from '../../shared/scenario-format';
import type { ScenarioReport, ScenarioStatus } from '../../shared/scenario-view';

export interface AttachScenarioOptions {
  /** Seed of the engine's own random choices (keys, abort draws); default doc.seed ?? 1. */
  seed?: number;
  /** The cluster's group and transaction coordinators (the host attached them); attached here when absent. */
  coordinators?: CoordinatorPair;
  /**
   * Answer predict questions at once (headless runs). Default false: the session stops at each
   * predict step until `reveal`.
   */
  autoReveal?: boolean;
}

export interface ScenarioSession {
  readonly doc: ScenarioDocument;
  readonly seed: number;
  /** Simulated time (cluster clock, ms since the epoch) of the scenario's time 0. */
  readonly startTimeMs: number;
  /** JSON-serialisable state for the UI. */
  status(): ScenarioStatus;
  /**
   * Cluster simulated time (ms since the epoch, like cluster.now()) of the next predict step that
   * is not revealed yet, or null. The host's driver runs at most up to it: the step's model event
   * at that time poses the question and holds the step's actions (and later steps) until reveal.
   */
  nextPauseAtMs(): number | null;
  /**
   * Reveals the answer of step `stepIndex` and lets its actions run (now, if its time has come).
   * Call from outside event processing (a host call): it is logged as an input. Refused with
   * INVALID_REQUEST for an unknown step, one without a predict, or one already revealed.
   */
  reveal(stepIndex: number): CommandResult;
  /** Called after every step, reveal and at the end; returns the unsubscribe function. */
  onUpdate(listener: (status: ScenarioStatus) => void): () => void;
  /** True once durationMs has passed and the expectations were measured. */
  finished(): boolean;
  /** The report (final once finished). */
  report(): ScenarioReport;
  /** Stops the simulated clients and steps (the cluster runs on without them). */
  detach(): void;
}

/** ClusterOptions for a scenario's cluster (brokers 1..n with racks, controllers 3000.., static configs). */
export function scenarioClusterOptions(doc: ScenarioDocument, seed: number, extra: Partial<ClusterOptions> = {}): ClusterOptions {
  void doc; void seed; void extra;
  throw new Error('not yet');
}

/** Attaches a scenario to a fresh cluster built from scenarioClusterOptions (topics are created now, at the cluster's current time). */
export function attachScenario(cluster: SimCluster, doc: ScenarioDocument, options: AttachScenarioOptions = {}): ScenarioSession {
  void cluster; void doc; void options;
  throw new Error('not yet');
}
