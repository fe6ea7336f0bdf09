/**
 * Opening a partition directory (Kafka's LogLoader): finishes or discards the log cleaner's
 * leftovers (`.cleaned` deleted, `.swap` renamed over its `.log`, `.deleted` removed), reads every
 * segment's batch headers, and — after an unclean shutdown — validates each batch (magic, size,
 * offsets rising, CRC-32C: LogSegment.recover). At the first invalid or torn batch the segment is
 * truncated there and every later segment deleted, as LogLoader.recoverLog does; the indexes are
 * rebuilt from the batches kept.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { crc32c } from '../protocol/records/crc32c';
import { ATTRIBUTES_OFFSET, CRC_OFFSET, CURRENT_MAGIC, readBatchHeader, RECORD_BATCH_OVERHEAD } from '../protocol/records/header';
import type { RecoveredLog } from '../cluster/log/log-storage';
import { closeFile, readExactly } from './file-cache';
import { DiskBatch, DiskSegment } from './disk-segment';
import { decodeLeaderEpochCheckpoint } from './format/checkpoint-file';
import { decodeProducerSnapshot, PRODUCER_SNAPSHOT_SUFFIX } from './format/producer-snapshot';
import { baseOffsetOfFile, CLEANED_SUFFIX, segmentFileName, DELETED_SUFFIX, LEADER_EPOCH_CHECKPOINT, LOG_SUFFIX, SWAP_SUFFIX } from './format/file-names';

export interface LoadedLog {
  segments: Map<number, DiskSegment>;
  recovered: RecoveredLog;
}

/** Batches scanned per read: headers come from this window, not one read per batch. */
const SCAN_WINDOW_BYTES = 1 << 20;

export function loadLog(dir: string, owner: { detached: boolean }, validate: boolean, logStartOffset: number, highWatermark: number, nowMs: number): LoadedLog {
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name.endsWith(CLEANED_SUFFIX) || name.endsWith(DELETED_SUFFIX)) fs.rmSync(full, { force: true });
    else if (name.endsWith(LOG_SUFFIX + SWAP_SUFFIX)) fs.renameSync(full, full.slice(0, -SWAP_SUFFIX.length));
  }
  const bases = fs.readdirSync(dir).map((n) => baseOffsetOfFile(n, LOG_SUFFIX)).filter((b): b is number => b !== null).sort((a, b) => a - b);
  const segments = new Map<number, DiskSegment>();
  const recovered: RecoveredLog = { segments: [], logStartOffset, highWatermark, truncatedBytes: 0, truncationReason: null, leaderEpochs: readLeaderEpochCheckpoint(dir), producerSnapshot: null };
  let nextOffset = -1;
  let cut = false;
  let emptyEnd = 0;
  for (const base of bases) {
    const seg = new DiskSegment(dir, base, owner);
    if (cut) {
      recovered.truncatedBytes += fs.statSync(seg.logPath).size;
      seg.delete();
      continue;
    }
    const fileBytes = fs.statSync(seg.logPath).size;
    const batches: DiskBatch[] = [];
    let pos = 0;
    let window: Buffer = Buffer.alloc(0);
    let windowAt = 0;
    let problem: string | null = null;
    while (pos < fileBytes) {
      if (fileBytes - pos < RECORD_BATCH_OVERHEAD) {
        problem = `the last ${fileBytes - pos} bytes at position ${pos} are shorter than a batch header`;
        break;
      }
      if (pos < windowAt || pos + RECORD_BATCH_OVERHEAD > windowAt + window.length) {
        windowAt = pos;
        window = readExactly(seg.logPath, pos, Math.min(SCAN_WINDOW_BYTES, fileBytes - pos));
      }
      const header = window.subarray(pos - windowAt);
      const batchLength = header.readInt32BE(8);
      const size = batchLength + 12;
      if (header[16] !== CURRENT_MAGIC) {
        problem = `batch at position ${pos} has magic ${header[16]}, not ${CURRENT_MAGIC}`;
        break;
      }
      if (size < RECORD_BATCH_OVERHEAD || pos + size > fileBytes) {
        problem = `batch at position ${pos} is ${size} bytes but the file ends after ${fileBytes - pos}`;
        break;
      }
      const h = readBatchHeader(header.subarray(0, RECORD_BATCH_OVERHEAD));
      if (h.baseOffset < nextOffset || h.lastOffsetDelta < 0) {
        problem = `batch at position ${pos} has offsets ${h.baseOffset}..${h.baseOffset + h.lastOffsetDelta}, below the previous batch's end ${nextOffset}`;
        break;
      }
      if (validate) {
        const bytes = pos + size <= windowAt + window.length ? window.subarray(pos - windowAt, pos - windowAt + size) : readExactly(seg.logPath, pos, size);
        if (crc32c(bytes.subarray(ATTRIBUTES_OFFSET)) !== bytes.readUInt32BE(CRC_OFFSET)) {
          problem = `batch at position ${pos} (offset ${h.baseOffset}) fails its CRC-32C check`;
          break;
        }
      }
      batches.push(new DiskBatch(seg, pos, size, h.baseOffset, h.baseOffset + h.lastOffsetDelta, h.recordCount, h.partitionLeaderEpoch, h.maxTimestamp, h.producerId, h.producerEpoch, h.baseSequence, h.isTransactional, h.isControl, nowMs));
      nextOffset = h.baseOffset + h.lastOffsetDelta + 1;
      pos += size;
    }
    seg.sizeBytes = pos;
    seg.writtenBytes = pos;
    if (problem !== null) {
      closeFile(seg.logPath);
      fs.truncateSync(seg.logPath, pos);
      recovered.truncatedBytes += fileBytes - pos;
      recovered.truncationReason = problem;
      cut = true;
    }
    // Indexes rebuilt from the batches read: the same entries Kafka's appends would have written.
    seg.rebuildIndexes(batches);
    if (batches.length === 0) {
      // An empty segment still says where the log ended (the base offset a roll or retention left).
      emptyEnd = Math.max(emptyEnd, base);
      seg.delete();
      continue;
    }
    segments.set(base, seg);
    let maxTimestamp = -1;
    for (const b of batches) if (b.maxTimestamp > maxTimestamp) maxTimestamp = b.maxTimestamp;
    recovered.segments.push({ baseOffset: base, batches, batchCount: batches.length, sizeBytes: pos, maxTimestamp });
  }
  if (recovered.segments.length === 0) recovered.logStartOffset = Math.max(logStartOffset, emptyEnd);
  recovered.producerSnapshot = readLatestProducerSnapshot(dir, nextOffset >= 0 ? nextOffset : recovered.logStartOffset);
  return { segments, recovered };
}

/**
 * The partition's `leader-epoch-checkpoint` (LeaderEpochCheckpointFile), or null when missing or
 * malformed. Kafka fails the log directory on a malformed checkpoint (KafkaStorageException); the
 * lab never ends on a bad file, so it falls back to the epochs the batches carry, as for a missing one.
 */
function readLeaderEpochCheckpoint(dir: string): { epoch: number; startOffset: number }[] | null {
  const file = path.join(dir, LEADER_EPOCH_CHECKPOINT);
  try {
    return decodeLeaderEpochCheckpoint(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * The newest producer snapshot at or below the log end offset (`<offset>.snapshot`: a segment roll's
 * or a clean shutdown's, ProducerStateManager), or null when there is none. Snapshots above the log
 * end (their records were cut) are deleted, as is a corrupt one, after which the next older is tried
 * (ProducerStateManager.truncateAndReload / loadFromSnapshot on CorruptSnapshotException).
 */
function readLatestProducerSnapshot(dir: string, logEndOffset: number): RecoveredLog['producerSnapshot'] {
  const offsets: number[] = [];
  for (const name of fs.readdirSync(dir)) {
    const offset = baseOffsetOfFile(name, PRODUCER_SNAPSHOT_SUFFIX);
    if (offset === null) continue;
    if (offset > logEndOffset) fs.rmSync(path.join(dir, name), { force: true });
    else offsets.push(offset);
  }
  for (const offset of offsets.sort((a, b) => b - a)) {
    const file = path.join(dir, segmentFileName(offset, PRODUCER_SNAPSHOT_SUFFIX));
    try {
      return { offset, rows: decodeProducerSnapshot(fs.readFileSync(file)) };
    } catch {
      fs.rmSync(file, { force: true });
    }
  }
  return null;
}
