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
import { attachCoordinators } from '../cluster/transactions/attach';
import { SMALL_COORDINATOR_CONFIG } from '../sim/swarm-coordinators';
import { CONTROLLER_BASE_ID } from './semantic';
import { ScenarioEngine } from './engine';

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
  /** Check the model's invariants after every event (src/broker/sim/invariants.ts); default false (headless runs: true). */
  checkInvariants?: boolean;
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

/**
 * ClusterOptions for a scenario's cluster: brokers 1..n with their racks, dedicated controllers
 * 3000.. (none in combined mode), the scenario's static broker configs over small internal topics
 * (offsets.topic.num.partitions and transaction.state.log.num.partitions 3, no initial rebalance
 * delay — a scenario may set them back). `extra` (a host's startTimeMs, input log budget) wins.
 */
export function scenarioClusterOptions(doc: ScenarioDocument, seed: number, extra: Partial<ClusterOptions> = {}): ClusterOptions {
  const racks = doc.cluster.racks ?? [];
  return {
    seed,
    brokers: Array.from({ length: doc.cluster.brokers }, (_, i) => ({ brokerId: i + 1, rack: racks[i] ?? null })),
    ...(doc.cluster.controllers > 0 ? { controllers: Array.from({ length: doc.cluster.controllers }, (_, i) => ({ nodeId: CONTROLLER_BASE_ID + i })) } : {}),
    brokerConfig: { ...SMALL_COORDINATOR_CONFIG, ...doc.cluster.brokerConfig },
    ...extra,
  };
}

/**
 * Attaches a scenario to a cluster built from scenarioClusterOptions, at its current time: creates
 * the topics and schedules the clients, steps, expectations and the end as model events. The
 * cluster then exports the scenario with its trace. One scenario per cluster.
 */
export function attachScenario(cluster: SimCluster, doc: ScenarioDocument, options: AttachScenarioOptions = {}): ScenarioSession {
  const coordinators = options.coordinators ?? attachCoordinators(cluster);
  return new ScenarioEngine(cluster, doc, coordinators, options.seed ?? doc.seed ?? 1, options);
}
