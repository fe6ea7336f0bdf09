/**
 * ListOffsets (earliest -2, latest -1, max timestamp -3, by timestamp), OffsetForLeaderEpoch and
 * DeleteRecords at a partition leader (Kafka's UnifiedLog.fetchOffsetByTimestamp,
 * LeaderEpochFileCache.endOffsetFor, UnifiedLog.maybeIncrementLogStartOffset).
 */
import { decodeRecordBatch } from '../../protocol/records/index';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, MAX_TIMESTAMP, type DeleteRecordsPartitionResult, type ListOffsetsPartitionRequest, type ListOffsetsPartitionResult, type OffsetForLeaderEpochPartitionRequest, type OffsetForLeaderEpochPartitionResult } from '../api';
import type { Broker } from '../brokers/broker';
import type { StoredBatch } from '../log/stored-batch';
import type { ClusterCore } from '../core';
import { advanceLogStart } from '../replication/log-ops';
import type { Replica } from '../replication/replica';
import { lastStableOffset, leaderReplicaFor } from './fetch';

export function listOffsets(core: ClusterCore, broker: Broker, isolationLevel: 0 | 1, reqs: ListOffsetsPartitionRequest[]): ListOffsetsPartitionResult[] {
  return reqs.map((p) => {
    const base = { topic: p.topic, partition: p.partition, timestamp: -1, offset: -1, leaderEpoch: -1 };
    const found = leaderReplicaFor(broker, p.topic, p.partition, p.currentLeaderEpoch);
    if ('errorName' in found) return { ...base, errorName: found.errorName };
    const r = found.replica;
    const upTo = isolationLevel === 1 ? lastStableOffset(core, broker, r) : r.highWatermark;
    const ok = (offset: number, timestamp: number, leaderEpoch = r.leaderEpoch) => ({ ...base, errorName: 'NONE', offset, timestamp, leaderEpoch });
    if (p.timestamp === EARLIEST_TIMESTAMP) return ok(r.log.logStartOffset, -1, epochAt(r, r.log.logStartOffset));
    if (p.timestamp === LATEST_TIMESTAMP) return ok(upTo, -1);
    if (p.timestamp === MAX_TIMESTAMP) return maxTimestamp(r, upTo, base);
    if (p.timestamp < 0) return { ...base, errorName: 'INVALID_REQUEST' };
    return byTimestamp(r, p.timestamp, upTo, base);
  });
}

/** Leader epoch of the batch holding offset (from the epoch cache). */
function epochAt(r: Replica, offset: number): number {
  let epoch = -1;
  for (const e of r.log.epochs.entries) if (e.startOffset <= offset) epoch = e.epoch;
  return epoch;
}

/**
 * MAX_TIMESTAMP (-3, KIP-734) as Kafka 3.7+ answers it (KAFKA-16310): the offset of the exact
 * record holding the log's largest timestamp (the first such record on ties; for LogAppendTime
 * batches every record carries the batch time, so the batch's first record), with that record's
 * timestamp and the leader epoch of its batch. Like Kafka's UnifiedLog.fetchOffsetByTimestamp it
 * looks at the whole log (control batches included), then ReplicaManager drops the answer when
 * that offset is not below the fetchable bound `upTo` (highWatermark, or lastStableOffset for
 * read_committed): then timestamp and offset are -1.
 */
function maxTimestamp(r: Replica, upTo: number, base: Omit<ListOffsetsPartitionResult, 'errorName'>): ListOffsetsPartitionResult {
  // Segments by their largest timestamp, highest first (ties oldest first): only those that can
  // still beat the best batch found are read (on disk, back through their files), as Kafka picks
  // the segment from each segment's maxTimestampSoFar before reading it.
  const log = r.log;
  const order = log.segments.map((s, i) => ({ i, max: s.maxTimestamp })).sort((a, b) => b.max - a.max || a.i - b.i);
  let best: StoredBatch | null = null;
  let bestSegment = -1;
  for (const { i, max } of order) {
    if (best && (max < best.maxTimestamp || (max === best.maxTimestamp && i > bestSegment))) break;
    for (const b of log.segmentBatches(i)) {
      if (b.lastOffset < log.logStartOffset) continue;
      if (!best || b.maxTimestamp > best.maxTimestamp || (b.maxTimestamp === best.maxTimestamp && i < bestSegment)) {
        best = b;
        bestSegment = i;
      }
    }
  }
  if (!best) return { ...base, errorName: 'NONE' };
  const decoded = decodeRecordBatch(best.buffer);
  const logAppend = decoded.header.timestampType === 'LogAppendTime';
  const record = decoded.records.find((rec) => rec.offset >= r.log.logStartOffset && (logAppend || rec.timestamp === best.maxTimestamp));
  const offset = record?.offset ?? best.lastOffset;
  if (offset >= upTo) return { ...base, errorName: 'NONE' };
  return { ...base, errorName: 'NONE', offset, timestamp: best.maxTimestamp, leaderEpoch: best.leaderEpoch };
}

/** First offset whose timestamp ≥ t (decodes the one batch that straddles t). */
function byTimestamp(r: Replica, t: number, upTo: number, base: Omit<ListOffsetsPartitionResult, 'errorName'>): ListOffsetsPartitionResult {
  // Segments whose largest timestamp is below t are skipped unread (UnifiedLog.fetchOffsetByTimestamp
  // looks for the first segment with largestTimestamp ≥ t), then its batches are read in order.
  const log = r.log;
  for (let i = 0; i < log.segments.length; i++) {
    if (log.segments[i]!.baseOffset >= upTo) break;
    if (log.segments[i]!.maxTimestamp < t) continue;
    const found = byTimestampIn(r, log.segmentBatches(i), t, upTo, base);
    if (found === 'stop' || found) return found === 'stop' ? { ...base, errorName: 'NONE' } : found;
  }
  return { ...base, errorName: 'NONE' };
}

/** The first record at or after `t` among `batches`, or 'stop' at a batch from `upTo` on, or null. */
function byTimestampIn(r: Replica, batches: readonly StoredBatch[], t: number, upTo: number, base: Omit<ListOffsetsPartitionResult, 'errorName'>): ListOffsetsPartitionResult | 'stop' | null {
  for (const b of batches) {
    if (b.baseOffset >= upTo) return 'stop';
    if (b.maxTimestamp < t || b.isControl) continue;
    const decoded = decodeRecordBatch(b.buffer);
    const logAppend = decoded.header.timestampType === 'LogAppendTime';
    for (const rec of decoded.records) {
      const ts = logAppend ? decoded.header.maxTimestamp : rec.timestamp;
      if (ts >= t && rec.offset >= r.log.logStartOffset) return { ...base, errorName: 'NONE', offset: rec.offset, timestamp: ts, leaderEpoch: b.leaderEpoch };
    }
  }
  return null;
}

export function offsetForLeaderEpoch(broker: Broker, reqs: OffsetForLeaderEpochPartitionRequest[]): OffsetForLeaderEpochPartitionResult[] {
  return reqs.map((p) => {
    const base = { topic: p.topic, partition: p.partition, leaderEpoch: -1, endOffset: -1 };
    const found = leaderReplicaFor(broker, p.topic, p.partition, p.currentLeaderEpoch);
    if ('errorName' in found) return { ...base, errorName: found.errorName };
    const r = found.replica;
    const end = r.log.epochs.endOffsetFor(p.leaderEpoch, r.log.logEndOffset);
    return { ...base, errorName: 'NONE', leaderEpoch: end.epoch, endOffset: end.endOffset };
  });
}

/** DeleteRecords: offset -1 means the highWatermark; beyond it is OFFSET_OUT_OF_RANGE. */
export function deleteRecords(core: ClusterCore, broker: Broker, reqs: { topic: string; partition: number; offset: number }[]): DeleteRecordsPartitionResult[] {
  return reqs.map((p) => {
    const base = { topic: p.topic, partition: p.partition, lowWatermark: -1 };
    const found = leaderReplicaFor(broker, p.topic, p.partition, -1);
    if ('errorName' in found) return { ...base, errorName: found.errorName };
    const r = found.replica;
    const settings = broker.topicRecord(p.topic)?.settings;
    if (settings && !settings.cleanupDelete) return { ...base, errorName: 'POLICY_VIOLATION' };
    const offset = p.offset === -1 ? r.highWatermark : p.offset;
    if (offset < 0 || offset > r.highWatermark) return { ...base, errorName: 'OFFSET_OUT_OF_RANGE' };
    advanceLogStart(core, broker, r, offset, 'delete-records');
    return { ...base, errorName: 'NONE', lowWatermark: r.log.logStartOffset };
  });
}
