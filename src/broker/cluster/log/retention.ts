/**
 * Time- and size-based retention (Kafka's UnifiedLog.deleteOldSegments): whole non-active segments
 * below the highWatermark go, oldest first, while the newest record in the segment is older than
 * retention.ms, or while the log without that segment still exceeds retention.bytes. The
 * logStartOffset moves to the first remaining segment. A failure on one replica marks and reports
 * it (./log-task-failure.ts) instead of stopping every broker's retention.
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
  return index < log.segments.length - 1 && log.segmentEndOffset(index) <= r.highWatermark;
}

export function retainReplica(core: ClusterCore, broker: Broker, r: Replica, retentionMs: number, retentionBytes: number): void {
  const log = r.log;
  const now = core.now();
  if (retentionMs >= 0) {
    let i = 0;
    while (deletable(r, i) && log.segments[i]!.maxTimestamp >= 0 && now - log.segments[i]!.maxTimestamp > retentionMs) i++;
    if (i > 0) advanceLogStart(core, broker, r, log.segments[i]!.baseOffset, 'retention.ms');
  }
  if (retentionBytes >= 0) {
    let excess = log.sizeBytes() - retentionBytes;
    let i = 0;
    while (deletable(r, i) && excess - log.segments[i]!.sizeBytes >= 0) {
      excess -= log.segments[i]!.sizeBytes;
      i++;
    }
    if (i > 0) advanceLogStart(core, broker, r, log.segments[i]!.baseOffset, 'retention.bytes');
  }
}
