/** Pure helpers of the narration panel: what to show from the engine's ScenarioStatus. */
import type { ScenarioNarrationLine, ScenarioStatus, ScenarioStepView } from '../../../shared/scenario-view';

/** "t=12.3 s" (simulated seconds since the scenario's start). */
export function scenarioTime(ms: number): string {
  return `t=${(ms / 1000).toFixed(1)} s`;
}

/** The step the panel describes: the last that ran, or the first before any ran. */
export function shownStep(status: ScenarioStatus): ScenarioStepView | null {
  return status.steps[Math.max(0, status.currentStep)] ?? null;
}

/** "step 3 of 7", or "before step 1 of 7". */
export function stepCounter(status: ScenarioStatus): string {
  const n = status.steps.length;
  if (n === 0) return 'no steps';
  return status.currentStep < 0 ? `before step 1 of ${n}` : `step ${status.currentStep + 1} of ${n}`;
}

/** What just happened: the newest action, note and answer lines (the step texts are shown apart). */
export function recentHappenings(status: ScenarioStatus, count = 4): ScenarioNarrationLine[] {
  return status.narration.filter((l) => l.kind === 'action' || l.kind === 'note' || l.kind === 'expectation').slice(-count);
}

/** Revealed predict steps, newest first, with their right answer. */
export function revealedAnswers(status: ScenarioStatus): { step: ScenarioStepView; answer: string; explanation: string }[] {
  return status.steps
    .filter((s) => s.predict && s.revealed && s.done)
    .map((s) => ({ step: s, answer: s.predict!.choices[s.predict!.answer] ?? `choice ${s.predict!.answer + 1}`, explanation: s.predict!.explanation }))
    .reverse();
}

/** The `kcat -L` line for the first broker of a bootstrap list. */
export function kcatLine(bootstrap: string): string {
  return `kcat -b ${bootstrap.split(',')[0] ?? bootstrap} -L`;
}
