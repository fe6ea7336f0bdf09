/**
 * What a scenario run shows (issue 13): the hosted session's `status()` (ScenarioStatus, pushed to
 * the UI) and the headless run's ScenarioReport. Plain JSON (no Map, no class instances), times in
 * ms of simulated time from the scenario's start. Lists of record ids are capped at
 * SCENARIO_ID_LIST_CAP; the counts are exact. Later changes are additive only.
 */
import type { CommandResult } from './cluster-commands';
import type { ScenarioAction, ScenarioExpectation, ScenarioPredict } from './scenario-format';

/** Longest list of lost or duplicated record ids kept per producer or lane. */
export const SCENARIO_ID_LIST_CAP = 50;

/** Per-producer accounting. Record ids are "<producer>-<sequence>". */
export interface ScenarioProducerCounters {
  name: string;
  topic: string;
  acks: 0 | 1 | 'all';
  idempotent: boolean;
  transactional: boolean;
  state: 'waiting' | 'running' | 'stopped' | 'crashed';
  /** Records handed to send(). */
  sent: number;
  /** Records the broker acknowledged (acks=0: sent on the wire). */
  acknowledged: number;
  /** Records whose send failed, per Kafka error name (REQUEST_TIMED_OUT, NOT_ENOUGH_REPLICAS, …). */
  failed: Record<string, number>;
  /** Acknowledged records absent from the partition's log (leader's log, high watermark or not). */
  lost: number;
  lostIds: string[];
  /** Ids stored more than once in the log (retries without idempotence). */
  duplicated: number;
  duplicatedIds: string[];
  /** Transactions committed and aborted (transactional producers). */
  transactionsCommitted: number;
  transactionsAborted: number;
}

/** Per-lane accounting (ScenarioLane). */
export interface ScenarioLaneCounters {
  name: string;
  title: string;
  producer: string;
  group: string | null;
  /** Records the lane's producer had acknowledged. */
  input: number;
  /** Distinct ids processed (transactional lane: committed in the output topic). */
  processed: number;
  /** Acknowledged input never processed. */
  lost: number;
  lostIds: string[];
  /** Ids processed more than once (transactional lane: committed output records per input id > 1). */
  duplicated: number;
  duplicatedIds: string[];
}

/** One consumer group's members and progress. */
export interface ScenarioGroupCounters {
  groupId: string;
  members: { name: string; state: 'waiting' | 'running' | 'crashed' | 'left'; processed: number; lastError: string | null }[];
  /** Sum of logEndOffset − committed offset over the group's partitions. */
  lag: number;
  rebalances: number;
}

export interface ScenarioExpectationResult {
  expectation: ScenarioExpectation;
  /** Readable form: "lane exactly-once lost = 0". */
  label: string;
  /** The measured value; null when it could not be measured (unknown partition). */
  actual: number | null;
  /** With `isr` + brokers: the ISR measured. */
  actualSet?: number[];
  passed: boolean;
  /** Simulated ms it was measured at; null while pending. */
  measuredAtMs: number | null;
}

export interface ScenarioActionResult {
  action: ScenarioAction;
  /** "stop broker 1", "crash member lane-a/c1". */
  description: string;
  result: CommandResult;
}

export interface ScenarioStepView {
  index: number;
  atMs: number;
  title: string;
  text: string | null;
  predict: ScenarioPredict | null;
  /** True once the step's actions ran. */
  done: boolean;
  /** True once the predict answer was revealed (always true without a predict). */
  revealed: boolean;
  actions: ScenarioActionResult[];
}

/** One narration line, in time order (CLI prints them; the UI scrolls them). */
export interface ScenarioNarrationLine {
  atMs: number;
  stepIndex: number | null;
  kind: 'title' | 'text' | 'action' | 'predict' | 'answer' | 'expectation' | 'note';
  text: string;
}

/** The hosted session as the UI sees it. */
export interface ScenarioStatus {
  name: string;
  title: string;
  summary: string;
  seed: number;
  durationMs: number;
  /** Simulated ms since the scenario's start. */
  nowMs: number;
  steps: ScenarioStepView[];
  /** Index of the last step that ran, -1 before the first. */
  currentStep: number;
  /** The step whose predict question waits to be revealed (the player is paused at its atMs), or null. */
  pendingPredict: { stepIndex: number; question: string; choices: string[] } | null;
  narration: ScenarioNarrationLine[];
  producers: ScenarioProducerCounters[];
  lanes: ScenarioLaneCounters[];
  groups: ScenarioGroupCounters[];
  expectations: ScenarioExpectationResult[];
  /** Readable invariant violations (src/broker/sim/invariants.ts); empty when all held. */
  invariantViolations: string[];
  finished: boolean;
}

/** The headless run's result (runScenario, `npm run scenario`). */
export interface ScenarioReport extends Omit<ScenarioStatus, 'pendingPredict'> {
  /** Every expectation passed and no invariant was violated. */
  passed: boolean;
  /** Model events processed. */
  eventCount: number;
}
