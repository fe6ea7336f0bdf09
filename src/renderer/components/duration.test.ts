import { describe, expect, it } from 'vitest';
import { formatDuration, formatDueIn } from './duration';

describe('formatDuration', () => {
  it('writes simulated durations in the largest sensible units', () => {
    expect(formatDuration(800)).toBe('800 ms');
    expect(formatDuration(12_300)).toBe('12 s');
    expect(formatDuration(252_000)).toBe('4 min 12 s');
    expect(formatDuration(300_000)).toBe('5 min');
    expect(formatDuration(3_660_000)).toBe('1 h 1 min');
  });

  it('says "now" once due', () => {
    expect(formatDueIn(1000, 1000)).toBe('now');
    expect(formatDueIn(31_000, 1000)).toBe('in 30 s');
  });
});
