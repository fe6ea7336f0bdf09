/**
 * Every built-in scenario (resources/scenarios/*.json but the schema) runs headless at full speed
 * in virtual time, with the model's invariants checked after every event, and meets every
 * expected outcome it states. A failure prints the narration and the failed measures.
 */
import { describe, expect, it } from 'vitest';
import { builtinScenarioNames, loadBuiltinScenario } from './builtins';
import { formatScenarioErrors } from './parse';
import { runScenario } from './run';

describe('built-in scenarios', () => {
  const names = builtinScenarioNames();

  it('include the lessons the engine ships', () => {
    expect(names).toEqual(expect.arrayContaining(['hello-kafka', 'delivery-semantics-consumers', 'delivery-semantics-producers']));
  });

  for (const name of names) {
    it(`${name} meets its expected outcomes`, () => {
      const parsed = loadBuiltinScenario(name);
      if (!parsed.ok) throw new Error(`${name}.json is invalid:\n${formatScenarioErrors(parsed.errors).join('\n')}`);
      const report = runScenario(parsed.doc);
      const failed = report.expectations.filter((e) => !e.passed).map((e) => `${e.label}: actual ${e.actual}`);
      const story = report.narration.map((n) => `${n.atMs} ${n.kind} ${n.text}`).join('\n');
      expect({ failed, invariantViolations: report.invariantViolations }, `reproduce with npm run scenario -- ${name} --seed ${report.seed}\n${story}`).toEqual({ failed: [], invariantViolations: [] });
      expect(report.expectations.length).toBeGreaterThan(0);
      expect(report.finished).toBe(true);
      expect(report.passed).toBe(true);
    }, 60_000);
  }
});
