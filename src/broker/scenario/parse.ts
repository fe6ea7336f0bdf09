/**
 * parseScenario: a scenario file is outside input (ARCHITECTURE §1 "Containment"). Refused when
 * larger than SCENARIO_LIMITS.maxFileBytes, when it is not JSON, when it breaks the JSON Schema
 * (ajv 8, draft 2020-12, every error with its field path), and when it references what it does
 * not declare or asks for more work than the limits allow (semantic.ts). Never throws.
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020.js';
import { SCENARIO_LIMITS, type ScenarioDocument } from '../../shared/scenario-format';
import { SCENARIO_SCHEMA } from './schema-source';
import { semanticErrors } from './semantic';

/** One problem: `path` is the field ("steps[2].actions[0].brokerId", "" for the whole document). */
export interface ScenarioError {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; doc: ScenarioDocument } | { ok: false; errors: ScenarioError[] };

const MAX_ERRORS = 20;

let validator: ReturnType<Ajv2020['compile']> | null = null;
function validate(value: unknown): ErrorObject[] {
  if (!validator) validator = new Ajv2020({ allErrors: true, discriminator: true, strict: false }).compile(SCENARIO_SCHEMA);
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** "/steps/2/actions/0" → "steps[2].actions[0]". */
export function pointerToPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

function join(path: string, property: string): string {
  return path ? `${path}.${property}` : property;
}

function describe(e: ErrorObject): ScenarioError {
  const path = pointerToPath(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return { path: join(path, String(p.missingProperty)), message: 'is required' };
    case 'additionalProperties': return { path: join(path, String(p.additionalProperty)), message: 'is not a field of this object (check its spelling)' };
    case 'enum': return { path, message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const': return { path, message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'discriminator': return { path: join(path, String(p.tag)), message: p.error === 'mapping' ? `unknown value ${JSON.stringify(p.tagValue)}` : 'must be a string naming the kind' };
    default: return { path, message: e.message ?? e.keyword };
  }
}

/** Keeps the most useful schema errors: drops the anyOf/oneOf summaries when a branch said more. */
function schemaErrors(value: unknown): ScenarioError[] {
  const errors = validate(value);
  const specific = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if');
  const chosen = specific.length > 0 ? specific : errors;
  const seen = new Set<string>();
  const out: ScenarioError[] = [];
  for (const e of chosen) {
    // The expectation's anyOf [required eq | min | max]: one message, not three "is required".
    const d = /\/anyOf(\/\d+\/required)?$/.test(e.schemaPath) && e.instancePath.startsWith('/expectations/')
      ? { path: pointerToPath(e.instancePath), message: 'needs a comparison: eq, min or max' }
      : describe(e);
    const key = `${d.path}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/** Parses and checks a scenario file's text. */
export function parseScenario(text: string): ParseResult {
  if (typeof text !== 'string') return { ok: false, errors: [{ path: '', message: 'a scenario must be JSON text' }] };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > SCENARIO_LIMITS.maxFileBytes) {
    return { ok: false, errors: [{ path: '', message: `the file is ${bytes} bytes; scenarios are limited to ${SCENARIO_LIMITS.maxFileBytes} bytes (1 MiB)` }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  return checkScenario(value);
}

/** Checks an already-parsed value (the hosted app passes objects it received). */
export function checkScenario(value: unknown): ParseResult {
  const errors = schemaErrors(value);
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  const doc = value as ScenarioDocument;
  const semantic = semanticErrors(doc);
  if (semantic.length > 0) return { ok: false, errors: semantic.slice(0, MAX_ERRORS) };
  return { ok: true, doc };
}

/** "steps[2].actions[0].brokerId: unknown broker 7 (brokers are 1..3)" lines. */
export function formatScenarioErrors(errors: ScenarioError[]): string[] {
  return errors.map((e) => `${e.path || '(document)'}: ${e.message}`);
}
