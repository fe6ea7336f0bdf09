import { describe, expect, it } from 'vitest';
import { formatTime } from './format';

/** What formatTime gave before its per-minute cache: one Intl call per time. */
function reference(ms: number, timeZone: string, withDate: boolean): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timeZone === 'local' ? undefined : timeZone,
    year: withDate ? 'numeric' : undefined, month: withDate ? '2-digit' : undefined, day: withDate ? '2-digit' : undefined,
    hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hourCycle: 'h23',
  }).format(ms).replace(', ', ' ');
}

describe('formatTime', () => {
  it('equals a whole Intl format in every zone, across minutes, DST changes and fractional times', () => {
    const zones = ['local', 'UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Adelaide', 'Asia/Kathmandu', 'Africa/Monrovia'];
    let n = 12345;
    const times = [0, 59_999, 60_000, Date.UTC(2026, 2, 29, 0, 59, 59, 999), Date.UTC(2026, 2, 29, 1, 0, 0, 1), Date.UTC(2026, 10, 1, 5, 59, 59, 500), 1.5e12 + 0.75, Date.UTC(1960, 0, 1, 0, 0, 1, 5), Date.UTC(1880, 0, 1, 0, 0, 30)];
    for (let i = 0; i < 300; i++) {
      n = (n * 1103515245 + 12345) % 2 ** 31;
      times.push(1.7e12 + n * 37.3);
    }
    for (const zone of zones) {
      for (const withDate of [true, false]) {
        for (const ms of times) expect(formatTime(ms, zone, withDate), `${zone} ${ms}`).toBe(reference(ms, zone, withDate));
        // Successive times within one minute (the stamp's case).
        for (let ms = 1.75e12; ms < 1.75e12 + 130_000; ms += 777) expect(formatTime(ms, zone, withDate)).toBe(reference(ms, zone, withDate));
      }
    }
  });
});
