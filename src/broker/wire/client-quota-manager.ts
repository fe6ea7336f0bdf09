/**
 * Client quota enforcement on the wire side, as Kafka's ClientQuotaManager does it per broker
 * (KIP-13, KIP-55, KIP-124, KIP-219): each (user, client-id) has a rate sensor of `quota.window.num`
 * samples of `quota.window.size.seconds`; a request's value is recorded (bytes for produce/fetch,
 * percentage-of-one-thread for request: ClientRequestQuotaManager.nanosToPercentage, i.e.
 * threadTimeNanos × 100 / 1e9), and when the measured rate is above the quota the response carries
 *
 *   throttleTimeMs = (rate − quota) / quota × windowSize   (QuotaUtils.throttleTime)
 *
 * where windowSize is the time the samples span, at least (samples − 1) windows (Rate.windowSize);
 * request quotas bound it to one window (ClientRequestQuotaManager.maxThrottleTimeMs,
 * QuotaUtils.boundedThrottleTime). The response is sent at once and the channel muted for that
 * time (KIP-219). Wall-clock, like Kafka's: measuring lives here, not in the deterministic model;
 * the quota values come from the model (security-model.ts).
 */

import type { ThrottledClientView } from '../../shared/security-view';

interface Sample { startMs: number; bytes: number }

/** produce: producer_byte_rate; fetch: consumer_byte_rate; request: request_percentage (KIP-124). */
export type QuotaType = 'produce' | 'fetch' | 'request';

interface Sensor { samples: Sample[]; lastThrottleMs: number; lastThrottleAtMs: number; lastRate: number; quota: number; quotaType: QuotaType }

export interface QuotaWindows { windowMs: number; numWindows: number }

export interface ThrottleDecision {
  throttleTimeMs: number;
  /** Bytes per second over the quota window, after recording. */
  rate: number;
}

export class ClientQuotaManager {
  private readonly sensors = new Map<string, Sensor>();

  /**
   * Test hook: the thread time (ns) charged for each request instead of the measured one, so that
   * request_percentage throttling can be tested deterministically; null (the default) measures.
   */
  requestTimeChargeNanos: ((apiKey: number) => number) | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Records `value` (bytes, or % for request) for the sensor and returns the throttle time (0 when
   * within the quota). `maxThrottleMs` bounds it (request quotas: one window).
   */
  record(sensorKey: string, quotaType: QuotaType, quota: number, value: number, windows: QuotaWindows, maxThrottleMs = windows.windowMs * windows.numWindows): ThrottleDecision {
    const now = this.now();
    const sensor = this.add(sensorKey, quotaType, quota, value, windows, now);
    const { windowMs, numWindows } = windows;
    const total = sensor.samples.reduce((sum, s) => sum + s.bytes, 0);
    let elapsedMs = now - sensor.samples[0]!.startMs;
    const fullWindows = Math.floor(elapsedMs / windowMs);
    if (fullWindows < numWindows - 1) elapsedMs += (numWindows - 1 - fullWindows) * windowMs;
    elapsedMs = Math.max(elapsedMs, 1);
    const rate = total / (elapsedMs / 1000);
    sensor.lastRate = rate;
    if (rate <= quota) return { throttleTimeMs: 0, rate };
    const throttleTimeMs = Math.min(Math.round(((rate - quota) / quota) * elapsedMs), maxThrottleMs);
    sensor.lastThrottleMs = throttleTimeMs;
    sensor.lastThrottleAtMs = now;
    return { throttleTimeMs, rate };
  }

  /**
   * Records without deciding a throttle (ClientQuotaManager.recordNoThrottle): the network-thread
   * time of a response, and, with a negative value, the bytes of a throttled Fetch whose response
   * is sent empty (unrecordQuotaSensor).
   */
  recordNoThrottle(sensorKey: string, quotaType: QuotaType, quota: number, value: number, windows: QuotaWindows): void {
    this.add(sensorKey, quotaType, quota, value, windows, this.now());
  }

  /**
   * The most a Fetch may return without a certain throttle: quota × (samples − 1) × window seconds
   * (ClientQuotaManager.getMaxValueInQuotaWindow, used by KafkaApis to cap a consumer's fetch maxBytes).
   */
  static maxValueInQuotaWindow(quota: number, windows: QuotaWindows): number {
    return quota * Math.max(1, windows.numWindows - 1) * (windows.windowMs / 1000);
  }

  private add(sensorKey: string, quotaType: QuotaType, quota: number, value: number, windows: QuotaWindows, now: number): Sensor {
    let sensor = this.sensors.get(sensorKey);
    if (!sensor) this.sensors.set(sensorKey, (sensor = { samples: [], lastThrottleMs: 0, lastThrottleAtMs: 0, lastRate: 0, quota, quotaType }));
    sensor.quota = quota;
    const { windowMs, numWindows } = windows;
    // Samples older than the whole window are dropped (SampledStat.purgeObsoleteSamples).
    sensor.samples = sensor.samples.filter((s) => now - s.startMs < windowMs * numWindows);
    const current = sensor.samples[sensor.samples.length - 1];
    if (current && now - current.startMs < windowMs) current.bytes += value;
    else sensor.samples.push({ startMs: now, bytes: value });
    return sensor;
  }

  /** Sensors throttled within their last throttle time (for the Security view). */
  throttledNow(): { sensorKey: string; quotaType: QuotaType; throttleTimeMs: number; mutedForMs: number; quota: number; rate: number }[] {
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
    return { brokerId, user, clientId, quotaType: t.quotaType, throttleTimeMs: t.throttleTimeMs, mutedForMs: Math.round(t.mutedForMs), quota: t.quota, measuredRate: t.quotaType === 'request' ? Math.round(t.rate * 1000) / 1000 : Math.round(t.rate) };
  });
}
