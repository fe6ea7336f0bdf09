import { describe, expect, it } from 'vitest';
import { offsetRangeText, recordsLostReason } from './offset-range';

describe('offsetRangeText', () => {
  it('writes a half-open range with its record count', () => {
    expect(offsetRangeText(3, 6)).toBe('offsets [3, 6): 3 records');
    expect(offsetRangeText(3, 6, 3)).toBe('offsets [3, 6): 3 records');
    expect(offsetRangeText(0, 1)).toBe('offsets [0, 1): 1 record');
  });

  it('names the count first when only some offsets of the span are lost', () => {
    expect(offsetRangeText(3, 7, 2)).toBe('2 records in offsets [3, 7)');
  });

  it('explains the known reasons and keeps unknown ones', () => {
    expect(recordsLostReason('unclean-election')).toContain('unclean leader election');
    expect(recordsLostReason('something-else')).toBe('something-else');
  });
});
