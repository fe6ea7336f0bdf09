/**
 * Issue 16: request_percentage quotas (KIP-124, Kafka's ClientRequestQuotaManager). Kafka charges
 * each request's request-handler thread time (from dequeue to the response, without time parked in
 * purgatory) to its (user, client-id) as a percentage of one thread per second
 * (nanosToPercentage: ns × 100 / 1e9) and throttles when the rate over the quota window is above
 * request_percentage; the throttle time is bounded to one quota window (maxThrottleTimeMs); the
 * network-thread time of sending the response is recorded after, without a throttle decision
 * (recordNoThrottle). The response carries the larger of this and its byte-rate throttle
 * (KafkaApis: max(bandwidthThrottleTimeMs, requestThrottleTimeMs)) and the channel is muted for it.
 *
 * Our thread time is the time this process spends routing the request: decoding, the handler's
 * synchronous part (a long-polling Fetch or acks=all Produce stops counting when the handler returns
 * its promise: the wait is purgatory, not thread time) and encoding the response.
 *
 * Exempt, as in Kafka: everything before SASL authentication, ApiVersions included (served by the
 * authenticator, never by KafkaApis), and inter-broker cluster actions (sendResponseExemptThrottle), which no client
 * sends here. ApiVersions and everything after authentication are throttled, as in KafkaApis.
 */
import { apiSchemas } from '../protocol';
import { inRange } from '../protocol/schema';
import type { Body, RequestContext } from './handler';
import { applicableQuota } from './handlers/client-quotas';

const NANOS_TO_PERCENTAGE = 100 / 1e9;

export class RequestTime {
  private readonly startNs = process.hrtime.bigint();
  private handlerNs: bigint | null = null;
  private throttle: number | null = null;
  /** The request_percentage that applies, looked up once (undefined: not yet; null: none). */
  private applied: ReturnType<typeof applicableQuota> | undefined = undefined;

  /** @param exempt the request is part of the SASL exchange before authentication (SaslServerAuthenticator serves it, not KafkaApis). */
  constructor(private readonly apiKey: number, private readonly exempt = false) {}

  /** The handler returned a promise: the time until it settles is waiting, not thread time. */
  handlerReturned(): void {
    if (this.handlerNs === null) this.handlerNs = process.hrtime.bigint() - this.startNs;
  }

  /** Whether a request_percentage quota applies to this request's (user, client-id). */
  quotaApplies(context: RequestContext): boolean {
    if (this.applied === undefined) this.applied = this.exempt ? null : applicableQuota(context, 'request');
    return this.applied !== null;
  }

  /**
   * Records the request's thread time so far against request_percentage (once per request) and
   * returns the throttle time (ms, 0 without a quota), muting the channel for it.
   */
  throttleTimeMs(context: RequestContext): number {
    if (this.throttle !== null) return this.throttle;
    this.throttle = 0;
    if (!this.quotaApplies(context)) return 0;
    const { quotas, sensorKey, quota, windows } = this.applied!;
    const measured = this.handlerNs ?? process.hrtime.bigint() - this.startNs;
    const nanos = quotas.requestTimeChargeNanos !== null ? quotas.requestTimeChargeNanos(this.apiKey) : Number(measured);
    const { throttleTimeMs } = quotas.record(sensorKey, 'request', quota, nanos * NANOS_TO_PERCENTAGE, windows, windows.windowMs);
    if (throttleTimeMs > 0) context.muteChannel?.(throttleTimeMs);
    this.throttle = throttleTimeMs;
    return throttleTimeMs;
  }

  /** The time of encoding and sending the response (network thread), recorded without a throttle decision. */
  recordNetworkTime(encodeNs: bigint): void {
    const applied = this.applied;
    if (!applied || applied.quotas.requestTimeChargeNanos !== null) return;
    applied.quotas.recordNoThrottle(applied.sensorKey, 'request', applied.quota, Number(encodeNs) * NANOS_TO_PERCENTAGE, applied.windows);
  }
}

/** Sets the response's throttleTimeMs to at least `ms` when the response of this version has that field (AbstractResponse.maybeSetThrottleTimeMs). */
export function withThrottleTime(apiKey: number, apiVersion: number, body: Body, ms: number): Body {
  if (ms <= 0) return body;
  const field = apiSchemas.get(apiKey)?.response.fields.find((f) => f.name === 'throttleTimeMs');
  if (!field || !inRange(field.versions, apiVersion)) return body;
  const current = typeof body.throttleTimeMs === 'number' ? body.throttleTimeMs : 0;
  return ms > current ? { ...body, throttleTimeMs: ms } : body;
}
