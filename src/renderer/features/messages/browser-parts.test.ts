import { describe, expect, it } from 'vitest';
import { checkBrowserInputs, parseTimestamp } from './browser-inputs';
import { fakeRecord } from './fake-workbench';
import { toRecordFilter, emptyFilter } from './FilterBar';
import { recordSize, sortRecords } from './sort-records';

describe('checkBrowserInputs', () => {
  it('accepts whole offsets ≥ 0, N and limits in range, ISO and ms timestamps', () => {
    expect(checkBrowserInputs({ seekKind: 'offset', seekParam: '0', limit: '500' })).toEqual({ ok: true, seek: { kind: 'offset', offset: 0 }, limit: 500 });
    expect(checkBrowserInputs({ seekKind: 'newest', seekParam: ' 50 ', limit: '10000' })).toEqual({ ok: true, seek: { kind: 'newest', count: 50 }, limit: 10_000 });
    expect(checkBrowserInputs({ seekKind: 'oldest', seekParam: 'whatever', limit: '1' })).toEqual({ ok: true, seek: { kind: 'oldest' }, limit: 1 });
    expect(checkBrowserInputs({ seekKind: 'timestamp', seekParam: '2026-12-07T12:00:00Z', limit: '5' })).toEqual({ ok: true, seek: { kind: 'timestamp', timestampMs: Date.UTC(2026, 11, 7, 12) }, limit: 5 });
    expect(parseTimestamp('1700000000000')).toBe(1_700_000_000_000);
  });

  it('names the field and the range for each bad value, and sends nothing', () => {
    const bad = (seekKind: 'offset' | 'newest' | 'timestamp', seekParam: string, limit = '500') => {
      const r = checkBrowserInputs({ seekKind, seekParam, limit });
      return r.ok ? null : r.errors;
    };
    expect(bad('offset', '-5')?.seekParam).toMatch(/Offset must be a whole number ≥ 0.*"-5" is not/);
    expect(bad('offset', '1e3')?.seekParam).toMatch(/"1e3" is not/);
    expect(bad('offset', '2.5')?.seekParam).toMatch(/whole number/);
    expect(bad('offset', '')?.seekParam).toMatch(/Offset is required/);
    expect(bad('newest', '0')?.seekParam).toMatch(/N \(records per partition\) must be from 1 to 10,000; 0 is out of range/);
    expect(bad('timestamp', 'yesterday')?.seekParam).toMatch(/ISO 8601.*"yesterday" is neither/);
    expect(bad('timestamp', '2026-13-45T00:00:00Z')?.seekParam).toMatch(/is neither/);
    expect(bad('offset', '3', '0')?.limit).toMatch(/Limit must be from 1 to 10,000; 0 is out of range/);
    expect(bad('offset', '3', '20000')?.limit).toMatch(/out of range/);
    expect(bad('offset', '3', 'abc')?.limit).toMatch(/Limit must be a whole number from 1 to 10,000; "abc" is not/);
    expect(bad('offset', '-1', 'abc')).toEqual({ seekParam: expect.any(String), limit: expect.any(String) });
  });
});

describe('sortRecords', () => {
  const r = (partition: number, offset: number, timestampMs: number, key: string | null, value = 'v') =>
    fakeRecord({ partition, offset, timestampMs, key: key === null ? null : btoa(key), keyBytes: key?.length ?? 0, value: btoa(value), valueBytes: value.length });
  const records = [r(0, 0, 300, 'b'), r(0, 1, 100, 'a', 'vvvvv'), r(1, 0, 100, null), r(1, 1, 200, 'c', 'vv'), r(2, 0, 100, 'a')];
  const where = (list: ReturnType<typeof sortRecords>) => list.map((x) => `${x.partition}:${x.offset}`);

  it('merges partitions chronologically: timestamp, then partition, then offset', () => {
    expect(where(sortRecords(records, 'timestamp', 'asc'))).toEqual(['0:1', '1:0', '2:0', '1:1', '0:0']);
    expect(where(sortRecords(records, 'timestamp', 'desc'))).toEqual(['0:0', '1:1', '2:0', '1:0', '0:1']);
  });

  it('sorts by offset, key (null first) and size; received keeps or reverses the order', () => {
    expect(where(sortRecords(records, 'offset', 'asc'))).toEqual(['0:0', '1:0', '2:0', '0:1', '1:1']);
    expect(where(sortRecords(records, 'key', 'asc'))).toEqual(['1:0', '0:1', '2:0', '0:0', '1:1']);
    expect(where(sortRecords(records, 'size', 'desc'))[0]).toBe('0:1');
    expect(where(sortRecords(records, 'received', 'desc'))).toEqual(where(records).reverse());
    expect(recordSize(fakeRecord({ keyBytes: 1, valueBytes: 7, headers: [{ key: 'ab', value: btoa('xyz') }] }))).toBe(1 + 7 + 2 + 3);
  });
});

describe('toRecordFilter', () => {
  it('sends nothing when empty, the parts that are set, and refuses bad syntax here', () => {
    expect(toRecordFilter(emptyFilter)).toEqual({ filter: undefined, error: null });
    expect(toRecordFilter({ ...emptyFilter, text: 'EUR', fields: ['value'], caseSensitive: true, expression: 'value.amount > `1`' }).filter)
      .toEqual({ text: { text: 'EUR', fields: ['value'], caseSensitive: true }, expression: 'value.amount > `1`' });
    expect(toRecordFilter({ ...emptyFilter, expression: 'value.[' }).error).toMatch(/^Not a JMESPath expression: Syntax error/);
    expect(toRecordFilter({ ...emptyFilter, text: 'x', fields: [] }).error).toMatch(/no field/);
  });
});
