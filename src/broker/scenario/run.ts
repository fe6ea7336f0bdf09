/**
 * runScenario: one scenario headless, at full speed in virtual time (tests, `npm run scenario`):
 * a cluster from scenarioClusterOptions, the coordinators, the engine with predict questions
 * answered at once and the model's invariants checked after every event. For pacing at N× real
 * time use attachScenario with a wall-clock driver, as hosts and the CLI's --speed do.
 */
import type { ScenarioDocument } from '../../shared/scenario-format';
import type { ScenarioNarrationLine, ScenarioReport } from '../../shared/scenario-view';
import { createCluster, type SimCluster } from '../cluster/cluster';
import { attachCoordinators } from '../cluster/transactions/attach';
import { attachScenario, scenarioClusterOptions, type ScenarioSession } from './session';

export interface RunScenarioOptions {
  /** Default doc.seed ?? 1. */
  seed?: number;
  /** Each narration line as it happens (the CLI prints them). */
  onNarration?: (line: ScenarioNarrationLine) => void;
}

export interface ScenarioRun {
  report: ScenarioReport;
  cluster: SimCluster;
  session: ScenarioSession;
}

/** Runs a scenario to its end and returns the cluster too (tests read its event log). */
export function runScenarioWithCluster(doc: ScenarioDocument, options: RunScenarioOptions = {}): ScenarioRun {
  const seed = options.seed ?? doc.seed ?? 1;
  const cluster = createCluster(scenarioClusterOptions(doc, seed));
  const coordinators = attachCoordinators(cluster);
  const session = attachScenario(cluster, doc, { seed, coordinators, autoReveal: true, checkInvariants: true });
  let printed = 0;
  const flush = () => {
    if (!options.onNarration) return;
    const lines = session.status().narration;
    for (; printed < lines.length; printed++) options.onNarration(lines[printed]!);
  };
  if (options.onNarration) session.onUpdate(flush);
  cluster.runUntil(session.startTimeMs + doc.durationMs);
  flush();
  return { report: session.report(), cluster, session };
}

export function runScenario(doc: ScenarioDocument, options: RunScenarioOptions = {}): ScenarioReport {
  return runScenarioWithCluster(doc, options).report;
}
