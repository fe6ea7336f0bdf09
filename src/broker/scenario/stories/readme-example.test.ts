/**
 * The minimal scenario in the README's "How to write a scenario" is a real one: it parses against
 * the schema and the semantic checks and meets its expectations, so the documentation cannot
 * drift from the format.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../parse';
import { runScenario } from '../run';

function readmeExample(): string {
  const readme = readFileSync(resolve(__dirname, '../../../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### How to write a scenario'));
  const match = /```json\n([\s\S]*?)\n```/.exec(section);
  if (!match) throw new Error('README: no ```json example under "How to write a scenario"');
  return match[1]!;
}

describe('README scenario example', () => {
  it('parses without errors and meets its expectations', () => {
    const result = parseScenario(readmeExample());
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    const report = runScenario(result.doc);
    expect(report.expectations.map((e) => `${e.label}: ${e.passed ? 'ok' : `FAIL, actual ${e.actual}`}`)).toEqual(report.expectations.map((e) => `${e.label}: ok`));
  });
});
