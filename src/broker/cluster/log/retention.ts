/**
 * Time- and size-based retention (Kafka's UnifiedLog.deleteOldSegments / deletableSegments):
 * segments go oldest first while the newest record in the segment is older than retention.ms, or
 * while the log without that segment still exceeds retention.bytes — and only segments wholly below
 * the highWatermark. The active segment is no exception once it holds records and all of them are
 * below the highWatermark: Kafka rolls a new, empty active segment first ("we must always have at
 * least one segment") and deletes the old one; only an empty active segment stays
 * (isLastSegmentAndEmpty). The logStartOffset moves to the first remaining segment. It all happens
 * at a retention check, every log.retention.check.interval.ms per broker (LogManager's
 * "kafka-log-retention" task), not when a record expires. A failure on one replica marks and
 * reports it (./log-task-failure.ts) instead of stopping every broker's retention.
 */
import type { Broker } from '../brokers/broker';
import type { ClusterCore } from '../core';
import { advanceLogStart } from '../replication/log-ops';
import { containLogTask, logTaskFailed } from './log-task-failure';
import type { Replica } from '../replication/replica';

export function applyRetention(core: ClusterCore, broker: Broker): void {
  for (const r of broker.replicas.values()) {
    const settings = broker.topicRecord(r.topic)?.settings;
    if (!settings || !settings.cleanupDelete || logTaskFailed(r, 'retention')) continue;
    containLogTask(core, broker, r, 'retention', () => retainReplica(core, broker, r, settings.retentionMs, settings.retentionBytes));
  }
}

function deletable(r: Replica, index: number): boolean {
  const log = r.log;
  if (index >= log.segments.length) return false;
  if (index === log.segments.length - 1 && log.segments[index]!.batchCount === 0) return false;
  return log.segmentEndOffset(index) <= r.highWatermark;
}

/** Deletes the first `count` segments; when that is all of them, rolls a new active segment first, as Kafka's deleteSegments does. */
function deleteFirst(core: ClusterCore, broker: Broker, r: Replica, count: number, reason: 'retention.ms' | 'retention.bytes'): void {
  if (count === 0) return;
  const log = r.log;
  if (count === log.segments.length) {
    const base = log.roll(core.now());
    log.store.takeProducerSnapshot?.(base, r.producers.snapshot());
    core.emit({ type: 'segment-rolled', topic: r.topic, partition: r.partition, brokerId: broker.brokerId, baseOffset: base });
  }
  advanceLogStart(core, broker, r, log.segments[count]!.baseOffset, reason);
}

export function retainReplica(core: ClusterCore, broker: Broker, r: Replica, retentionMs: number, retentionBytes: number): void {
  const log = r.log;
  const now = core.now();
  if (retentionMs >= 0) {
    let i = 0;
    while (deletable(r, i) && log.segments[i]!.maxTimestamp >= 0 && now - log.segments[i]!.maxTimestamp > retentionMs) i++;
    deleteFirst(core, broker, r, i, 'retention.ms');
  }
  if (retentionBytes >= 0) {
    let excess = log.sizeBytes() - retentionBytes;
    let i = 0;
    while (deletable(r, i) && excess - log.segments[i]!.sizeBytes >= 0) {
      excess -= log.segments[i]!.sizeBytes;
      i++;
    }
    deleteFirst(core, broker, r, i, 'retention.bytes');
  }
}
