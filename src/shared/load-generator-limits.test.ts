import { describe, expect, it } from 'vitest';
import { checkLoadGeneratorInputs, loadGeneratorConfigError } from './load-generator-limits';

const inputs = (rate: string, over: Partial<Parameters<typeof checkLoadGeneratorInputs>[0]> = {}) => ({ rate, keyKind: 'uniform' as const, keyCount: '100', exponent: '1.1', fixedKeys: 'a', ...over });

describe('load generator inputs', () => {
  it('takes whole records/s in 1–50,000 and names the range', () => {
    expect(checkLoadGeneratorInputs(inputs('100'))).toEqual({});
    expect(checkLoadGeneratorInputs(inputs('abc')).rate).toBe('"abc" is not a whole number: Records/s takes digits only, 1–50,000.');
    expect(checkLoadGeneratorInputs(inputs('-5')).rate).toBe('"-5" is not a whole number: Records/s takes digits only, 1–50,000.');
    expect(checkLoadGeneratorInputs(inputs('1e9')).rate).toContain('"1e9" is not a whole number');
    expect(checkLoadGeneratorInputs(inputs('1000000000')).rate).toBe('Records/s must be 1–50,000, got 1,000,000,000.');
    expect(checkLoadGeneratorInputs(inputs('0')).rate).toBe('Records/s must be 1–50,000, got 0.');
    expect(checkLoadGeneratorInputs(inputs('')).rate).toContain('required');
  });

  it('checks the key inputs of the chosen distribution only', () => {
    expect(checkLoadGeneratorInputs(inputs('10', { keyCount: '0' })).keyCount).toContain('1–100,000');
    expect(checkLoadGeneratorInputs(inputs('10', { keyKind: 'none', keyCount: 'x' }))).toEqual({});
    expect(checkLoadGeneratorInputs(inputs('10', { keyKind: 'zipf', exponent: '-1' })).exponent).toContain('above 0');
    expect(checkLoadGeneratorInputs(inputs('10', { keyKind: 'fixed', fixedKeys: ' , ' })).fixedKeys).toContain('at least one key');
  });

  it('is what the workbench refuses too (instead of clamping)', () => {
    expect(loadGeneratorConfigError(100)).toBeNull();
    expect(loadGeneratorConfigError(1e9)).toContain('1–50,000');
    expect(loadGeneratorConfigError(Number.NaN)).toContain('1–50,000');
    expect(loadGeneratorConfigError(2.5)).toContain('whole number');
    expect(loadGeneratorConfigError(10, 0)).toContain('keyCount');
  });
});
