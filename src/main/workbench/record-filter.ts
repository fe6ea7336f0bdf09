/**
 * The message browser's filter (issue 12), the pure parts: what a filter expression sees of a
 * record (FilterDocument), the plain-text "contains" match, and the expression's checks before
 * any record is read. The expression language is JMESPath (JMESPath Community spec,
 * @jmespath-community/jmespath): no assignment, no loops, no user-defined functions, no access to
 * anything but the record's document, so a filter typed by one viewer cannot run code in the host.
 * JMESPath can still be made slow (nested projections multiply: `[@,@,@][]` repeated triples the
 * work each time), so evaluation runs in a worker thread with a time budget (filter-runner.ts).
 */
import { compile, getRegisteredFunctions } from '@jmespath-community/jmespath';
import type { FilterDocument, RecordFilter } from '../../shared/workbench-contract';

/** Longest expression accepted, in characters. */
export const maxExpressionLength = 1000;
/** Longest text for the plain-text filter, in characters. */
export const maxFilterTextLength = 1000;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as UTF-8 text, or as hex when they are not UTF-8; null stays null. */
export function payloadText(bytes: Uint8Array | null): string | null {
  if (bytes === null) return null;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  }
}

/** A payload for expressions: parsed JSON when the text is JSON, else the text (see payloadText). */
export function payloadValue(bytes: Uint8Array | null): unknown {
  const text = payloadText(bytes);
  if (text === null) return null;
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[') || t.startsWith('"') || /^-?\d/.test(t) || t === 'true' || t === 'false' || t === 'null') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** The raw parts of a record the filter reads. */
export interface FilterInput {
  topic: string;
  partition: number;
  offset: number;
  timestampMs: number;
  timestampType: 'CreateTime' | 'LogAppendTime';
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: { key: string; value: Uint8Array | null }[];
  leaderEpoch: number;
  isTransactional: boolean;
  controlMarker: FilterDocument['controlMarker'];
}

export function filterDocument(r: FilterInput): FilterDocument {
  const headers: Record<string, string | null> = {};
  let size = (r.key?.length ?? 0) + (r.value?.length ?? 0);
  for (const h of r.headers) {
    headers[h.key] = payloadText(h.value);
    size += Buffer.byteLength(h.key) + (h.value?.length ?? 0);
  }
  return {
    topic: r.topic, partition: r.partition, offset: r.offset, timestamp: r.timestampMs, timestampType: r.timestampType,
    key: payloadValue(r.key), value: payloadValue(r.value), headers, size,
    leaderEpoch: r.leaderEpoch, isTransactional: r.isTransactional, controlMarker: r.controlMarker,
  };
}

/** The plain-text filter: does `text` occur in any of the chosen fields? */
export function textMatches(filter: NonNullable<RecordFilter['text']>, r: FilterInput): boolean {
  const needle = filter.caseSensitive ? filter.text : filter.text.toLowerCase();
  const has = (haystack: string | null) => haystack !== null && (filter.caseSensitive ? haystack : haystack.toLowerCase()).includes(needle);
  if (filter.fields.includes('key') && has(payloadText(r.key))) return true;
  if (filter.fields.includes('value') && has(payloadText(r.value))) return true;
  if (filter.fields.includes('headers') && r.headers.some((h) => has(h.key) || has(payloadText(h.value)))) return true;
  return false;
}

/** JMESPath's truth: false, null, "", [] and {} are false; everything else (0 included) is true. */
export function jmespathTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** Function names used anywhere in a compiled JMESPath tree. */
function functionNames(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const child of node) functionNames(child, out);
  else if (node !== null && typeof node === 'object') {
    const n = node as { type?: unknown; name?: unknown };
    if (n.type === 'Function' && typeof n.name === 'string') out.add(n.name);
    for (const [k, v] of Object.entries(node)) if (k !== 'value') functionNames(v, out);
  }
  return out;
}

/**
 * Why a filter cannot be used, in words (null when it can): an empty or too long text, no field
 * chosen, an expression that does not parse (the parser's message) or calls an unknown function.
 */
export function checkRecordFilter(filter: RecordFilter): string | null {
  if (filter.text) {
    if (filter.text.text === '') return 'The text filter is empty.';
    if (filter.text.text.length > maxFilterTextLength) return `The text filter is longer than ${maxFilterTextLength} characters.`;
    if (filter.text.fields.length === 0) return 'The text filter searches no field: choose key, value or headers.';
  }
  if (filter.expression !== undefined) {
    const expression = filter.expression;
    if (expression.trim() === '') return 'The filter expression is empty.';
    if (expression.length > maxExpressionLength) return `The filter expression is longer than ${maxExpressionLength} characters.`;
    let tree: unknown;
    try {
      tree = compile(expression);
    } catch (error) {
      return `Not a JMESPath expression: ${error instanceof Error ? error.message : String(error)}`;
    }
    const known = new Set(getRegisteredFunctions());
    const unknown = [...functionNames(tree, new Set())].filter((name) => !known.has(name));
    if (unknown.length > 0) return `Unknown JMESPath function ${unknown.map((n) => `${n}()`).join(', ')}; known: ${[...known].sort().join(', ')}.`;
  }
  return null;
}
