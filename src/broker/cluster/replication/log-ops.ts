/**
 * Log mutations shared by leaders and followers, with their events: append (rolling segments by
 * segment.bytes / segment.ms, flushing by flush.messages), truncation (log-truncated, and records-lost for acknowledged records
 * no election already reported), and logStartOffset advances (segment-deleted).
 */
import type { Broker } from '../brokers/broker';
import type { ClusterCore } from '../core';
import { containLogTask, logTaskFailed } from '../log/log-task-failure';
import type { StoredBatch } from '../log/stored-batch';
import { acknowledgedAmong, acknowledgedRanges, forgetAcknowledgedFrom } from './acknowledged';
import type { Replica } from './replica';

export function appendToLog(core: ClusterCore, broker: Broker, r: Replica, batch: StoredBatch): void {
  const settings = broker.topicRecord(r.topic)?.settings;
  const now = core.now();
  // A roll that fails is reported once and the batch goes into the active segment: the append,
  // and the produce or fetch behind it, must not fail because a new segment could not start.
  if (settings && !logTaskFailed(r, 'segment-roll')) {
    containLogTask(core, broker, r, 'segment-roll', () => {
      if (!r.log.shouldRoll(batch.sizeBytes, now, settings)) return;
      const base = r.log.roll(now);
      // UnifiedLog.roll: the producer state at the new segment's base offset is snapshotted (on disk only).
      r.log.store.takeProducerSnapshot?.(base, r.producers.snapshot());
      core.emit({ type: 'segment-rolled', topic: r.topic, partition: r.partition, brokerId: broker.brokerId, baseOffset: base });
    });
  }
  r.log.append(batch);
  r.producers.update(batch);
  // UnifiedLog.append, leader and follower alike: fsync once flush.messages are unflushed.
  if (settings && r.log.unflushedMessages >= settings.flushMessages) r.log.flush(r.log.logEndOffset, now);
}

/** Truncates a replica's log to `offset` (or fully restarts it at `restartAt`). */
export function truncateReplica(core: ClusterCore, broker: Broker, r: Replica, offset: number, restartAt?: number): void {
  const from = r.log.logEndOffset;
  const now = core.now();
  const removed = restartAt !== undefined ? r.log.truncateFullyAndStartAt(restartAt, now) : r.log.truncateTo(offset, now);
  const to = r.log.logEndOffset;
  if (removed.length === 0 && from === to) return;
  const committedEnd = r.highWatermark;
  if (r.highWatermark > to) r.highWatermark = to;
  r.producers.rebuild(r.log.allBatches());
  core.emit({ type: 'log-truncated', topic: r.topic, partition: r.partition, brokerId: broker.brokerId, fromLogEndOffset: from, toLogEndOffset: to });
  const unreportedFrom = Math.max(to, r.lostReportedUpTo);
  if (restartAt === undefined && from > unreportedFrom) {
    // Only records a client was told about are lost (./acknowledged.ts); the rest is plain truncation.
    const lost = acknowledgedAmong(removed, unreportedFrom, committedEnd, acknowledgedRanges(core, r.topic, r.partition));
    if (lost.count > 0) core.emit({ type: 'records-lost', topic: r.topic, partition: r.partition, fromOffset: lost.firstOffset, toOffset: lost.endOffset, count: lost.count, reason: 'divergent-records-truncated' });
  }
  forgetAcknowledgedFrom(r, to);
  r.lostReportedUpTo = -1;
}

export type LogStartReason = 'retention.ms' | 'retention.bytes' | 'delete-records' | 'log-start-offset';

export function advanceLogStart(core: ClusterCore, broker: Broker, r: Replica, offset: number, reason: LogStartReason): void {
  if (offset <= r.log.logStartOffset) return;
  const segmentsBefore = r.log.segments.map((s, i) => ({ s, end: r.log.segmentEndOffset(i) }));
  const dropped = r.log.advanceLogStartOffset(offset);
  for (const s of dropped) {
    const end = segmentsBefore.find((x) => x.s === s)?.end ?? s.baseOffset;
    core.emit({ type: 'segment-deleted', topic: r.topic, partition: r.partition, brokerId: broker.brokerId, baseOffset: s.baseOffset, endOffset: end, reason });
  }
  if (r.isLeader) core.emit({ type: 'log-start-offset-advanced', topic: r.topic, partition: r.partition, logStartOffset: r.log.logStartOffset });
}
