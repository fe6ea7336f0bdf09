import { afterEach, describe, expect, it } from 'vitest';
import { ExpressionRunner, FilterStoppedError } from './filter-runner';
import { checkRecordFilter, filterDocument, jmespathTruthy, payloadValue, textMatches, type FilterInput } from './record-filter';

const bytes = (s: string) => new TextEncoder().encode(s);
const input = (over: Partial<FilterInput> = {}): FilterInput => ({
  topic: 'orders', partition: 1, offset: 7, timestampMs: 1000, timestampType: 'CreateTime', key: bytes('Customer-42'),
  value: bytes('{"amount": 12.5, "currency": "EUR"}'), headers: [{ key: 'trace-id', value: bytes('abc-123') }],
  leaderEpoch: 3, isTransactional: false, controlMarker: null, ...over,
});

describe('the filter document and the text filter', () => {
  it('parses JSON values, keeps text, shows other bytes as hex, and counts the size', () => {
    const d = filterDocument(input());
    expect(d).toMatchObject({ key: 'Customer-42', value: { amount: 12.5, currency: 'EUR' }, headers: { 'trace-id': 'abc-123' }, partition: 1, offset: 7, timestamp: 1000 });
    expect(d.size).toBe(11 + 35 + 8 + 7);
    expect(payloadValue(new Uint8Array([0xff, 0x00]))).toBe('ff00');
    expect(payloadValue(bytes('{not json'))).toBe('{not json');
    expect(payloadValue(null)).toBeNull();
  });

  it('matches text in the chosen fields only, with or without case', () => {
    const r = input();
    expect(textMatches({ text: 'customer', fields: ['key'], caseSensitive: false }, r)).toBe(true);
    expect(textMatches({ text: 'customer', fields: ['key'], caseSensitive: true }, r)).toBe(false);
    expect(textMatches({ text: 'EUR', fields: ['key'], caseSensitive: true }, r)).toBe(false);
    expect(textMatches({ text: 'EUR', fields: ['value'], caseSensitive: true }, r)).toBe(true);
    expect(textMatches({ text: 'abc-1', fields: ['headers'], caseSensitive: true }, r)).toBe(true);
    expect(textMatches({ text: 'trace', fields: ['headers'], caseSensitive: true }, r)).toBe(true);
    expect(textMatches({ text: 'abc-1', fields: ['key', 'value'], caseSensitive: true }, r)).toBe(false);
    expect(textMatches({ text: 'x', fields: ['value'], caseSensitive: true }, input({ value: null }))).toBe(false);
  });

  it("uses JMESPath's truth", () => {
    expect([false, null, '', [], {}].map(jmespathTruthy)).toEqual([false, false, false, false, false]);
    expect([0, 'a', [0], { a: 1 }, true].map(jmespathTruthy)).toEqual([true, true, true, true, true]);
  });

  it('refuses bad filters with a reason before any record is read', () => {
    expect(checkRecordFilter({ expression: 'value.amount > `10`' })).toBeNull();
    expect(checkRecordFilter({ expression: 'value.[' })).toMatch(/^Not a JMESPath expression: .*Syntax error/);
    expect(checkRecordFilter({ expression: 'nosuch(value)' })).toMatch(/Unknown JMESPath function nosuch\(\)/);
    expect(checkRecordFilter({ expression: '   ' })).toMatch(/empty/);
    expect(checkRecordFilter({ expression: 'a'.repeat(1001) })).toMatch(/longer than 1000/);
    expect(checkRecordFilter({ text: { text: '', fields: ['key'], caseSensitive: false } })).toMatch(/empty/);
    expect(checkRecordFilter({ text: { text: 'a', fields: [], caseSensitive: false } })).toMatch(/no field/);
  });
});

describe('ExpressionRunner (worker thread, time budget)', () => {
  let runner: ExpressionRunner | null = null;
  afterEach(async () => { await runner?.close(); runner = null; });

  it('evaluates over documents; a type error counts as not matching and is reported', async () => {
    runner = new ExpressionRunner("value.amount > `10` && contains(key, 'Customer')");
    const docs = [filterDocument(input()), filterDocument(input({ value: bytes('{"amount": 3}') })), filterDocument(input({ key: bytes('7') }))];
    const verdicts = await runner.evaluate(docs);
    expect(verdicts.matches).toEqual([true, false, false]);
    expect(verdicts.errors).toBe(1);
    expect(verdicts.firstError).toMatch(/contains\(\) expected argument 1/);
  });

  it('stops an expression whose work explodes once it outlives the budget', async () => {
    runner = new ExpressionRunner(`value${'.[@,@,@][]'.repeat(30)} | length(@)`, 300);
    const doc = filterDocument(input({ value: bytes('[1,2,3,4]') }));
    // Past the budget, or out of the worker's memory first: either way the worker is stopped and says why.
    const error = await runner.evaluate([doc]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FilterStoppedError);
    expect((error as Error).message).toMatch(/took more than 0.3 s|was stopped: .*memory/);
    await expect(runner.evaluate([doc])).rejects.toBe(error);
  });
});
