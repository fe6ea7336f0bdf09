/**
 * runScenario: one scenario headless, at full speed in virtual time (tests, `npm run scenario`).
 * For pacing at N× real time use attachScenario with a wall-clock driver, as hosts and the CLI's
 * --speed do.
 */
import type { ScenarioDocument } from '../../shared/scenario-format';
import type { ScenarioNarrationLine, ScenarioReport } from '../../shared/scenario-view';

export interface RunScenarioOptions {
  /** Default doc.seed ?? 1. */
  seed?: number;
  /** Each narration line as it happens (the CLI prints them). */
  onNarration?: (line: ScenarioNarrationLine) => void;
}

export function runScenario(doc: ScenarioDocument, options: RunScenarioOptions = {}): ScenarioReport {
  void doc; void options;
  throw new Error('not yet');
}
