import { describe, expect, it } from 'vitest';
import { YammerMeter } from './yammer-meter';

describe('YammerMeter (simulated time)', () => {
  it('counts every mark and rates the first 5 s interval at its instant rate, then decays by e^(-5/60) per idle tick', () => {
    const m = new YammerMeter(0);
    for (let t = 0; t < 5000; t += 100) m.mark(t, 1); // 50 marks in 5 s
    expect(m.count).toBe(50);
    expect(m.oneMinuteRate(4999)).toBe(0); // not ticked yet
    expect(m.oneMinuteRate(5000)).toBeCloseTo(10, 9);
    expect(m.oneMinuteRate(10_000)).toBeCloseTo(10 * Math.exp(-5 / 60), 9);
    expect(m.count).toBe(50);
  });

  it('gives the same rate however often it is read', () => {
    const a = new YammerMeter(0);
    const b = new YammerMeter(0);
    for (let t = 0; t < 60_000; t += 700) {
      a.mark(t, 3);
      b.mark(t, 3);
      a.oneMinuteRate(t + 1);
    }
    expect(a.oneMinuteRate(90_000)).toBe(b.oneMinuteRate(90_000));
  });

  it('falls to zero after a long idle time without ticking forever', () => {
    const m = new YammerMeter(0);
    m.mark(0, 100);
    expect(m.oneMinuteRate(1e12)).toBe(0);
  });
});
