/**
 * The built-in scenarios: resources/scenarios/<name>.json beside their JSON Schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario, type ParseResult } from './parse';

/** Absolute path of resources/scenarios (from this source file; hosts may pass their own). */
export const BUILTIN_SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../resources/scenarios');

/** Names of the built-in scenario files, sorted (the schema excluded). */
export function builtinScenarioNames(dir = BUILTIN_SCENARIO_DIR): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).map((f) => f.slice(0, -'.json'.length)).sort();
}

/** Reads and parses one built-in scenario by name. */
export function loadBuiltinScenario(name: string, dir = BUILTIN_SCENARIO_DIR): ParseResult {
  if (!builtinScenarioNames(dir).includes(name)) return { ok: false, errors: [{ path: '', message: `no built-in scenario named ${name} (npm run scenario -- --list)` }] };
  return parseScenario(readFileSync(join(dir, `${name}.json`), 'utf8'));
}
