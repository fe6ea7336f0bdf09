/**
 * The load generator's inputs and their limits, checked the same way in the UI (inline, before
 * anything is sent) and by the workbench in main (which refuses what the UI would have refused,
 * rather than silently clamping it). Whole numbers only: "abc", "-5", "2.5", "1e3" and "" are
 * refused with the range named.
 *
 * The range of records/s, 1–50,000, is the generator's own ceiling: it sends one batch every
 * 50 ms with one request in flight, so a target it cannot reach shows as an "achieved" rate below
 * the target in the generator table rather than as a queue growing without bound.
 */
export const LOAD_RATE_MIN = 1;
export const LOAD_RATE_MAX = 50_000;
export const LOAD_KEY_COUNT_MAX = 100_000;

export interface LoadGeneratorInputs {
  rate: string;
  keyKind: 'none' | 'uniform' | 'zipf' | 'fixed';
  keyCount: string;
  exponent: string;
  fixedKeys: string;
}

export type LoadGeneratorInputErrors = Partial<Record<'rate' | 'keyCount' | 'exponent' | 'fixedKeys', string>>;

function wholeIn(text: string, what: string, min: number, max: number): string | null {
  const t = text.trim();
  const range = `${min.toLocaleString('en')}–${max.toLocaleString('en')}`;
  if (t === '') return `${what} is required: a whole number, ${range}.`;
  if (!/^\d+$/.test(t.replace(/^\+/, ''))) return `"${t}" is not a whole number: ${what} takes digits only, ${range}.`;
  const n = Number(t);
  if (n < min || n > max) return `${what} must be ${range}, got ${n.toLocaleString('en')}.`;
  return null;
}

export function checkLoadGeneratorInputs(inputs: LoadGeneratorInputs): LoadGeneratorInputErrors {
  const errors: LoadGeneratorInputErrors = {};
  const rate = wholeIn(inputs.rate, 'Records/s', LOAD_RATE_MIN, LOAD_RATE_MAX);
  if (rate) errors.rate = rate;
  if (inputs.keyKind === 'uniform' || inputs.keyKind === 'zipf') {
    const keys = wholeIn(inputs.keyCount, 'Distinct keys', 1, LOAD_KEY_COUNT_MAX);
    if (keys) errors.keyCount = keys;
  }
  if (inputs.keyKind === 'zipf') {
    const e = inputs.exponent.trim();
    const n = Number(e);
    if (e === '' || !/^\d+(\.\d+)?$/.test(e) || n <= 0 || n > 10) errors.exponent = `Exponent must be a number above 0 and at most 10 (e.g. 1.1), got "${e}".`;
  }
  if (inputs.keyKind === 'fixed' && inputs.fixedKeys.split(',').map((k) => k.trim()).filter(Boolean).length === 0) errors.fixedKeys = 'Name at least one key (comma-separated).';
  return errors;
}

/** The check of a config as main receives it (numbers already parsed): null when acceptable. */
export function loadGeneratorConfigError(recordsPerSec: number, keyCount?: number): string | null {
  if (!Number.isInteger(recordsPerSec) || recordsPerSec < LOAD_RATE_MIN || recordsPerSec > LOAD_RATE_MAX) {
    return `recordsPerSec must be a whole number, ${LOAD_RATE_MIN}–${LOAD_RATE_MAX.toLocaleString('en')}, got ${recordsPerSec}.`;
  }
  if (keyCount !== undefined && (!Number.isInteger(keyCount) || keyCount < 1 || keyCount > LOAD_KEY_COUNT_MAX)) {
    return `keyCount must be a whole number, 1–${LOAD_KEY_COUNT_MAX.toLocaleString('en')}, got ${keyCount}.`;
  }
  return null;
}
