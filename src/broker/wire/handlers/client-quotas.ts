/**
 * Issue 16: the byte-rate quota of a request's (user, client-id), recorded on this broker's wire
 * side (../client-quota-manager.ts) as Kafka's KafkaApis does for Produce (producer_byte_rate, the
 * request's record bytes) and Fetch (consumer_byte_rate, the response's record bytes): returns the
 * throttle time for the response and mutes the channel for it (KIP-219). 0 when no quota applies.
 */
import type { RequestContext } from '../handler';

export function throttleTimeMs(context: RequestContext, quotaType: 'produce' | 'fetch', bytes: number): number {
  const { security, quotas, cluster } = context.services;
  if (!security || !quotas) return 0;
  const user = context.security.principal.name;
  const clientId = context.clientId ?? '';
  const quota = security.quotaFor(user, clientId, quotaType === 'produce' ? 'producer_byte_rate' : 'consumer_byte_rate');
  if (quota === null) return 0;
  const windowMs = 1000 * Number(cluster.services.brokerConfig('quota.window.size.seconds') ?? 1);
  const numWindows = Number(cluster.services.brokerConfig('quota.window.num') ?? 11);
  const key = JSON.stringify([context.brokerId, quotaType, user, clientId]);
  const { throttleTimeMs } = quotas.record(key, quotaType, quota, bytes, { windowMs: windowMs > 0 ? windowMs : 1000, numWindows: numWindows > 0 ? numWindows : 11 });
  if (throttleTimeMs > 0) context.muteChannel?.(throttleTimeMs);
  return throttleTimeMs;
}
