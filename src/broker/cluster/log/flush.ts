/**
 * When a replica log is flushed (fsynced), moving its recoveryPoint (./replica-log.ts) — the offset
 * below which a power loss keeps the data. Kafka flushes:
 * - when a segment rolls (UnifiedLog.roll: ReplicaLog.roll flushes);
 * - when `flush.messages` messages are unflushed after an append (UnifiedLog.append: ../replication/log-ops.ts);
 * - when `flush.ms` passed since the last flush, checked every `log.flush.scheduler.interval.ms`
 *   by LogManager.flushDirtyLogs (below, a broker task in simulated time);
 * - on a clean shutdown (LogManager.shutdown flushes every log: below, from stopBroker).
 * Kafka's defaults (Long.MAX_VALUE for all three configs) leave flushing to the OS page cache;
 * Kafka relies on replication with acks=all for durability (TopicConfig's FLUSH_MESSAGES_DOC).
 */
import type { Broker } from '../brokers/broker';
import type { ClusterCore } from '../core';

/** Intervals at or above 2^53 ms (Long.MAX_VALUE among them) mean "never": no task is scheduled. */
export function isNeverIntervalMs(ms: number): boolean {
  return !Number.isFinite(ms) || ms >= Number.MAX_SAFE_INTEGER;
}

/** LogManager.flushDirtyLogs: flushes every replica log whose last flush is at least flush.ms old. */
export function flushDirtyLogs(core: ClusterCore, broker: Broker): void {
  const now = core.now();
  for (const r of broker.replicas.values()) {
    const settings = broker.topicRecord(r.topic)?.settings;
    if (!settings || isNeverIntervalMs(settings.flushMs)) continue;
    if (now - r.log.lastFlushTimeMs >= settings.flushMs) r.log.flush(r.log.logEndOffset, now);
  }
}

/** LogManager.shutdown on a clean stop: every replica log flushed to its logEndOffset. */
export function flushAllLogs(core: ClusterCore, broker: Broker): void {
  const now = core.now();
  for (const r of broker.replicas.values()) r.log.flush(r.log.logEndOffset, now);
}
