/**
 * Log compaction (Kafka's LogCleaner, simplified to one pass over the cleanable segments): keeps
 * the latest record per key, drops tombstones (null value) whose timestamp is older than
 * delete.retention.ms, never touches the active segment or anything at/after the highWatermark,
 * and respects min.compaction.lag.ms per segment. Batches that lose records are re-encoded with
 * their original offsets, producer fields and codec; untouched batches stay byte-for-byte. Every
 * batch is decoded (decompressed within the topic's budget) before any segment changes, so a
 * batch that does not decode leaves the log as it was and marks the partition uncleanable.
 */
import { decodeRecordBatch, decompressionBudget, encodeRecordBatch } from '../../protocol/records/index';
import type { Broker } from '../brokers/broker';
import type { ClusterCore } from '../core';
import type { Replica } from '../replication/replica';
import { containLogTask, logTaskFailed } from './log-task-failure';
import { segmentMaxTimestamp } from './replica-log';
import { toStoredBatch, type StoredBatch } from './stored-batch';

export function compactLogs(core: ClusterCore, broker: Broker): void {
  for (const r of broker.replicas.values()) {
    const settings = broker.topicRecord(r.topic)?.settings;
    if (!settings || !settings.cleanupCompact || logTaskFailed(r, 'cleaner')) continue;
    // A batch that does not decode (or inflates past its budget) fails this partition only: it is
    // marked uncleanable and reported, and the cleaner goes on with the next one.
    containLogTask(core, broker, r, 'cleaner', () => compactReplica(core, broker, r, settings.deleteRetentionMs, settings.minCompactionLagMs));
  }
}

export function compactReplica(core: ClusterCore, broker: Broker, r: Replica, deleteRetentionMs: number, minCompactionLagMs: number): void {
  const budget = decompressionBudget(broker.topicRecord(r.topic)?.settings.maxMessageBytes);
  const log = r.log;
  const now = core.now();
  let n = 0;
  while (n < log.segments.length - 1 && log.segmentEndOffset(n) <= r.highWatermark && now - log.segments[n]!.maxTimestamp >= minCompactionLagMs) n++;
  if (n === 0) return;
  const segments = log.segments.slice(0, n);
  const decoded = new Map<StoredBatch, ReturnType<typeof decodeRecordBatch>>();
  const latest = new Map<string, number>();
  for (const seg of segments) {
    for (const b of seg.batches) {
      if (b.isControl) continue;
      const d = decodeRecordBatch(b.buffer, { decompressionBudget: budget });
      decoded.set(b, d);
      for (const rec of d.records) if (rec.key) latest.set(rec.key.toString('latin1'), rec.offset);
    }
  }
  let removedRecords = 0;
  let removedTombstones = 0;
  for (const seg of segments) {
    const kept: StoredBatch[] = [];
    for (const b of seg.batches) {
      const d = decoded.get(b);
      if (!d) {
        kept.push(b);
        continue;
      }
      const logAppend = d.header.timestampType === 'LogAppendTime';
      const survivors = d.records.filter((rec) => {
        if (!rec.key) return true;
        if (latest.get(rec.key.toString('latin1')) !== rec.offset) return false;
        const ts = logAppend ? d.header.maxTimestamp : rec.timestamp;
        return !(rec.value === null && now - ts > deleteRetentionMs);
      });
      const gone = d.records.length - survivors.length;
      if (gone === 0) {
        kept.push(b);
        continue;
      }
      for (const rec of d.records) {
        if (survivors.includes(rec)) continue;
        if (rec.value === null && latest.get(rec.key!.toString('latin1')) === rec.offset) removedTombstones++;
        else removedRecords++;
      }
      if (survivors.length === 0) continue;
      const h = d.header;
      const buffer = encodeRecordBatch({
        baseOffset: h.baseOffset,
        partitionLeaderEpoch: h.partitionLeaderEpoch,
        compression: h.compression,
        timestampType: h.timestampType,
        isTransactional: h.isTransactional,
        baseTimestamp: h.baseTimestamp,
        maxTimestamp: h.maxTimestamp,
        lastOffsetDelta: h.lastOffsetDelta,
        producerId: h.producerId,
        producerEpoch: h.producerEpoch,
        baseSequence: h.baseSequence,
        records: survivors.map((rec) => ({ key: rec.key, value: rec.value, headers: rec.headers, timestamp: rec.timestamp, offsetDelta: rec.offset - h.baseOffset })),
      });
      kept.push({ ...toStoredBatch(buffer, b.appendTimeMs), recordCount: survivors.length });
    }
    // On disk: written to `.cleaned`, swapped in as LogCleaner does (src/broker/storage/).
    seg.batches = log.store.replaceSegment(seg.baseOffset, kept);
    seg.sizeBytes = kept.reduce((s, b) => s + b.sizeBytes, 0);
    seg.maxTimestamp = Math.max(seg.maxTimestamp, segmentMaxTimestamp(seg));
    log.onViewChange();
  }
  if (removedRecords + removedTombstones > 0) {
    core.emit({ type: 'log-compacted', topic: r.topic, partition: r.partition, brokerId: broker.brokerId, removedRecords, removedTombstones });
  }
}
