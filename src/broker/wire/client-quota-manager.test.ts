/**
 * Issue 16: the quota sensors of client-quota-manager.ts on a fake clock: request_percentage in
 * percent of one thread (ClientRequestQuotaManager: ns × 100 / 1e9) throttled and bounded to one
 * window; recordNoThrottle and the negative record of a throttled Fetch (unrecordQuotaSensor);
 * getMaxValueInQuotaWindow.
 */
import { describe, expect, it } from 'vitest';
import { ClientQuotaManager } from './client-quota-manager';

const WINDOWS = { windowMs: 1000, numWindows: 3 };

describe('ClientQuotaManager', () => {
  it('throttles request_percentage by (rate − quota) / quota × window, bounded to one window', () => {
    let now = 10_000;
    const manager = new ClientQuotaManager(() => now);
    // 100 ms of thread time = 10 %·s; a rate over (numWindows − 1) = 2 s of 10 %·s per request.
    const record = (): number => manager.record('k', 'request', 12, 10, WINDOWS, WINDOWS.windowMs).throttleTimeMs;
    expect(record()).toBe(0); // 10 / 2 s = 5 %
    expect(record()).toBe(0); // 20 / 2 s = 10 %
    // 30 / 2 s = 15 %: (15 − 12) / 12 × 2000 ms = 500 ms
    expect(record()).toBe(500);
    // 40 / 2 s = 20 %: (20 − 12) / 12 × 2000 = 1333 ms, bounded to one window (1000 ms).
    expect(record()).toBe(1000);
    expect(manager.throttledNow()).toEqual([{ sensorKey: 'k', quotaType: 'request', throttleTimeMs: 1000, mutedForMs: 1000, quota: 12, rate: 20 }]);
    // Three windows later the samples are obsolete: the client is within its quota again.
    now += 3000;
    expect(record()).toBe(0);
  });

  it('recordNoThrottle counts towards the rate without deciding, and a negative value unrecords', () => {
    const manager = new ClientQuotaManager(() => 0);
    manager.recordNoThrottle('f', 'fetch', 1000, 1500, WINDOWS);
    // 1500 + 1000 = 2500 bytes / 2 s = 1250 B/s > 1000: (1250 − 1000) / 1000 × 2000 = 500 ms
    expect(manager.record('f', 'fetch', 1000, 1000, WINDOWS).throttleTimeMs).toBe(500);
    manager.recordNoThrottle('f', 'fetch', 1000, -1000, WINDOWS);
    // 1500 + 0 = 1500 / 2 s = 750 B/s: within the quota once the throttled bytes are unrecorded.
    expect(manager.record('f', 'fetch', 1000, 0, WINDOWS).throttleTimeMs).toBe(0);
  });

  it('caps a fetch to quota × (samples − 1) × window seconds', () => {
    expect(ClientQuotaManager.maxValueInQuotaWindow(100 * 1024, WINDOWS)).toBe(2 * 100 * 1024);
    expect(ClientQuotaManager.maxValueInQuotaWindow(1000, { windowMs: 1000, numWindows: 11 })).toBe(10_000);
  });
});
