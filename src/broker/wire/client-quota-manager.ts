/**
 * Byte-rate quota enforcement on the wire side, as Kafka's ClientQuotaManager does it per broker
 * (KIP-13, KIP-55, KIP-219): each (user, client-id) has a rate sensor of `quota.window.num` samples
 * of `quota.window.size.seconds`; a request's bytes are recorded, and when the measured rate is
 * above the quota the response carries
 *
 *   throttleTimeMs = (rate − quota) / quota × windowSize   (QuotaUtils.throttleTime)
 *
 * where windowSize is the time the samples span, at least (samples − 1) windows (Rate.windowSize);
 * the response is sent at once and the channel muted for that time (KIP-219). Wall-clock, like
 * Kafka's: measuring lives here, not in the deterministic model; the quota values come from the
 * model (security-model.ts).
 */

import type { ThrottledClientView } from '../../shared/security-view';

interface Sample { startMs: number; bytes: number }

interface Sensor { samples: Sample[]; lastThrottleMs: number; lastThrottleAtMs: number; lastRate: number; quota: number; quotaType: 'produce' | 'fetch' }

export interface QuotaWindows { windowMs: number; numWindows: number }

export interface ThrottleDecision {
  throttleTimeMs: number;
  /** Bytes per second over the quota window, after recording. */
  rate: number;
}

export class ClientQuotaManager {
  private readonly sensors = new Map<string, Sensor>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Records `bytes` for the sensor and returns the throttle time (0 when within the quota). */
  record(sensorKey: string, quotaType: 'produce' | 'fetch', quota: number, bytes: number, windows: QuotaWindows): ThrottleDecision {
    const now = this.now();
    let sensor = this.sensors.get(sensorKey);
    if (!sensor) this.sensors.set(sensorKey, (sensor = { samples: [], lastThrottleMs: 0, lastThrottleAtMs: 0, lastRate: 0, quota, quotaType }));
    sensor.quota = quota;
    const { windowMs, numWindows } = windows;
    // Samples older than the whole window are dropped (SampledStat.purgeObsoleteSamples).
    sensor.samples = sensor.samples.filter((s) => now - s.startMs < windowMs * numWindows);
    const current = sensor.samples[sensor.samples.length - 1];
    if (current && now - current.startMs < windowMs) current.bytes += bytes;
    else sensor.samples.push({ startMs: now, bytes });
    const total = sensor.samples.reduce((sum, s) => sum + s.bytes, 0);
    let elapsedMs = now - sensor.samples[0]!.startMs;
    const fullWindows = Math.floor(elapsedMs / windowMs);
    if (fullWindows < numWindows - 1) elapsedMs += (numWindows - 1 - fullWindows) * windowMs;
    elapsedMs = Math.max(elapsedMs, 1);
    const rate = total / (elapsedMs / 1000);
    sensor.lastRate = rate;
    if (rate <= quota) return { throttleTimeMs: 0, rate };
    const throttleTimeMs = Math.min(Math.round(((rate - quota) / quota) * elapsedMs), windowMs * numWindows);
    sensor.lastThrottleMs = throttleTimeMs;
    sensor.lastThrottleAtMs = now;
    return { throttleTimeMs, rate };
  }

  /** Sensors throttled within their last throttle time (for the Security view). */
  throttledNow(): { sensorKey: string; quotaType: 'produce' | 'fetch'; throttleTimeMs: number; mutedForMs: number; quota: number; rate: number }[] {
    const now = this.now();
    const out = [];
    for (const [sensorKey, s] of this.sensors) {
      const mutedForMs = s.lastThrottleAtMs + s.lastThrottleMs - now;
      if (s.lastThrottleMs > 0 && now - s.lastThrottleAtMs < Math.max(s.lastThrottleMs, 2000)) out.push({ sensorKey, quotaType: s.quotaType, throttleTimeMs: s.lastThrottleMs, mutedForMs: Math.max(0, mutedForMs), quota: s.quota, rate: s.lastRate });
    }
    return out;
  }
}

/** The throttled list of the Security view; sensor keys are [brokerId, quotaType, user, clientId] (handlers/client-quotas.ts). */
export function throttledClients(manager: ClientQuotaManager): ThrottledClientView[] {
  return manager.throttledNow().map((t) => {
    const [brokerId, , user, clientId] = JSON.parse(t.sensorKey) as [number, string, string, string];
    return { brokerId, user, clientId, quotaType: t.quotaType, throttleTimeMs: t.throttleTimeMs, mutedForMs: Math.round(t.mutedForMs), quota: t.quota, measuredRate: Math.round(t.rate) };
  });
}
