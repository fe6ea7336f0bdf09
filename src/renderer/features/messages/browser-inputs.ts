/**
 * The message browser's inputs checked before a scan starts (issue 12): the seek parameter (newest
 * N, an offset, a timestamp) and the limit. Each bad value gets its own message naming the field
 * and the range, and nothing is sent to the host until every field is valid; a silent fallback
 * (the old `Number(x) || 50`) would scan something the user did not ask for.
 */
import type { SeekPreset } from '../../../shared/workbench-contract';

export type SeekKind = SeekPreset['kind'];

/** Limits of the browser: records per scan, and newest N per partition. The renderer keeps this many rows (virtualised). */
export const scanLimitRange = { min: 1, max: 10_000 } as const;
export const newestCountRange = { min: 1, max: 10_000 } as const;

export interface BrowserInputs {
  seekKind: SeekKind;
  seekParam: string;
  limit: string;
}

export type CheckedInputs =
  | { ok: true; seek: SeekPreset; limit: number }
  | { ok: false; errors: { seekParam?: string; limit?: string } };

const wholeNumber = /^\d+$/;
const fmt = (n: number) => n.toLocaleString('en-US');

/** A whole number in [min, max], or the error in words. */
function checkWhole(text: string, name: string, min: number, max: number): number | string {
  const t = text.trim();
  if (t === '') return `${name} is required: a whole number from ${fmt(min)} to ${fmt(max)}.`;
  if (!wholeNumber.test(t)) return `${name} must be a whole number from ${fmt(min)} to ${fmt(max)}; "${text}" is not.`;
  const n = Number(t);
  if (n < min || n > max) return `${name} must be from ${fmt(min)} to ${fmt(max)}; ${t} is out of range.`;
  return n;
}

/**
 * A timestamp as ms since the epoch: digits are ms, anything else must be an ISO 8601 date-time
 * (Date.parse: without an offset or Z, the browser's local time). Returns the error in words otherwise.
 */
export function parseTimestamp(text: string): number | string {
  const t = text.trim();
  if (t === '') return 'Timestamp is required: an ISO 8601 date-time (2026-12-07T12:00:00Z) or ms since the epoch.';
  if (wholeNumber.test(t)) {
    const ms = Number(t);
    return Number.isSafeInteger(ms) && ms <= 8_640_000_000_000_000 ? ms : `Timestamp ${t} ms is beyond the largest date.`;
  }
  // Date.parse accepts odd forms ("1", "March 7"); ask for a date that starts with a year.
  const ms = /^\d{4}-\d{2}-\d{2}/.test(t) ? Date.parse(t) : NaN;
  if (!Number.isFinite(ms)) return `Timestamp must be an ISO 8601 date-time (2026-12-07T12:00:00Z) or ms since the epoch; "${text}" is neither.`;
  if (ms < 0) return 'Timestamp must not be before 1970-01-01T00:00:00Z (Kafka timestamps are ms since the epoch, ≥ 0).';
  return ms;
}

/** Checks every field; the seek preset and limit to send, or one message per bad field. */
export function checkBrowserInputs({ seekKind, seekParam, limit }: BrowserInputs): CheckedInputs {
  const errors: { seekParam?: string; limit?: string } = {};
  let seek: SeekPreset | null = null;
  switch (seekKind) {
    case 'oldest': seek = { kind: 'oldest' }; break;
    case 'newest': {
      const n = checkWhole(seekParam, 'N (records per partition)', newestCountRange.min, newestCountRange.max);
      if (typeof n === 'string') errors.seekParam = n; else seek = { kind: 'newest', count: n };
      break;
    }
    case 'offset': {
      const t = seekParam.trim();
      if (!wholeNumber.test(t) || !Number.isSafeInteger(Number(t))) {
        errors.seekParam = t === ''
          ? 'Offset is required: a whole number ≥ 0 (or pick the oldest/newest preset).'
          : `Offset must be a whole number ≥ 0 (Kafka offsets start at 0); "${seekParam}" is not. For the start or end of the log pick the oldest or newest preset.`;
      } else {
        seek = { kind: 'offset', offset: Number(t) };
      }
      break;
    }
    case 'timestamp': {
      const ms = parseTimestamp(seekParam);
      if (typeof ms === 'string') errors.seekParam = ms; else seek = { kind: 'timestamp', timestampMs: ms };
      break;
    }
  }
  const n = checkWhole(limit, 'Limit', scanLimitRange.min, scanLimitRange.max);
  if (typeof n === 'string') errors.limit = n;
  if (errors.seekParam || errors.limit || !seek || typeof n === 'string') return { ok: false, errors };
  return { ok: true, seek, limit: n };
}
