/**
 * Issue 16: the client quotas of a request's (user, client-id), recorded on this broker's wire
 * side (../client-quota-manager.ts) as Kafka's KafkaApis does:
 * - Produce: producer_byte_rate on the request's record bytes;
 * - Fetch: consumer_byte_rate on the response's record bytes (a throttled Fetch is answered empty
 *   and its bytes unrecorded, KafkaApis.handleFetchRequest);
 * - every request: request_percentage on its thread time (ClientRequestQuotaManager, KIP-124),
 *   recorded by the router (../request-quota.ts).
 * Each returns the throttle time for the response (0 when no quota applies or within it); the
 * caller mutes the channel for the largest (KIP-219).
 */
import { ClientQuotaManager, type QuotaType, type QuotaWindows } from '../client-quota-manager';
import type { RequestContext } from '../handler';

const QUOTA_KEY: Record<QuotaType, 'producer_byte_rate' | 'consumer_byte_rate' | 'request_percentage'> = {
  produce: 'producer_byte_rate',
  fetch: 'consumer_byte_rate',
  request: 'request_percentage',
};

/** The quota of the request's (user, client-id) for a quota type, with its sensor key and windows; null when none applies. */
export function applicableQuota(context: RequestContext, quotaType: QuotaType): { quotas: ClientQuotaManager; quota: number; sensorKey: string; windows: QuotaWindows } | null {
  const { security, quotas, cluster } = context.services;
  if (!security || !quotas) return null;
  const user = context.security.principal.name;
  const clientId = context.clientId ?? '';
  const quota = security.quotaFor(user, clientId, QUOTA_KEY[quotaType]);
  if (quota === null || !(quota > 0)) return null;
  const windowMs = 1000 * Number(cluster.services.brokerConfig('quota.window.size.seconds') ?? 1);
  const numWindows = Number(cluster.services.brokerConfig('quota.window.num') ?? 11);
  const windows = { windowMs: windowMs > 0 ? windowMs : 1000, numWindows: numWindows > 0 ? numWindows : 11 };
  return { quotas, quota, sensorKey: JSON.stringify([context.brokerId, quotaType, user, clientId]), windows };
}

/** Records `bytes` against producer_byte_rate / consumer_byte_rate; returns the throttle time (ms) and mutes the channel for it. */
export function throttleTimeMs(context: RequestContext, quotaType: 'produce' | 'fetch', bytes: number): number {
  const applied = applicableQuota(context, quotaType);
  if (applied === null) return 0;
  const { throttleTimeMs } = applied.quotas.record(applied.sensorKey, quotaType, applied.quota, bytes, applied.windows);
  if (throttleTimeMs > 0) context.muteChannel?.(throttleTimeMs);
  return throttleTimeMs;
}

/** unrecordQuotaSensor: the bytes of a Fetch throttled and answered empty leave the consumer's rate. */
export function unrecordFetchBytes(context: RequestContext, bytes: number): void {
  const applied = applicableQuota(context, 'fetch');
  if (applied !== null && bytes > 0) applied.quotas.recordNoThrottle(applied.sensorKey, 'fetch', applied.quota, -bytes, applied.windows);
}

/**
 * The most record bytes a Fetch of this client may ask for: its maxBytes capped at
 * consumer_byte_rate × (quota.window.num − 1) × quota.window.size.seconds, so that one response
 * never makes a throttle certain (KafkaApis.handleFetchRequest, getMaxValueInQuotaWindow).
 */
export function fetchMaxBytesWithinQuota(context: RequestContext, maxBytes: number): number {
  const applied = applicableQuota(context, 'fetch');
  if (applied === null) return maxBytes;
  return Math.max(1, Math.min(maxBytes, Math.floor(ClientQuotaManager.maxValueInQuotaWindow(applied.quota, applied.windows))));
}
