/**
 * Reading a rolled segment's batches back from its `.log` file (issue 15's bounded memory): the
 * model keeps no batch list for a rolled segment on disk, so Fetch, replication, ListOffsets by
 * time, compaction, the storage view and producer-state rebuilds read the headers here. The start
 * position comes from the segment's sparse offset index (OffsetIndex.lookup: the largest entry at
 * or below the target offset), then the file is scanned forward batch by batch, as
 * LogSegment.translateOffset does. Headers come from 64 KiB windows, not one read per batch.
 *
 * Recently read segments' headers stay in one process-wide cache bounded by SEGMENT_CACHE_BATCHES
 * (least recently used dropped first): consumers and followers catching up read the same segment
 * many times, one Fetch at a time.
 */
import { readBatchHeader, RECORD_BATCH_OVERHEAD } from '../protocol/records/header';
import { DiskBatch, type DiskSegment } from './disk-segment';
import { readExactly } from './file-cache';

/** Bytes read per window while scanning headers. */
const SCAN_WINDOW_BYTES = 64 * 1024;

/**
 * Batch headers kept for recently read rolled segments, all segments together (~150 B each:
 * about 2.5 MB at most). A segment with more batches than this is read without being cached.
 */
export const SEGMENT_CACHE_BATCHES = 16_384;

/**
 * Segments up to this size are read whole and cached; a larger one (segment.bytes defaults to
 * 1 GiB) is read per request from the indexed position, up to the bytes the reader asked for.
 */
export const CACHED_SEGMENT_MAX_BYTES = 4 * 1024 * 1024;

/** appendTimeMs of a batch read back from a file: Kafka's files do not keep when a replica appended it. */
export const UNKNOWN_APPEND_TIME = -1;

/**
 * Position in `seg`'s `.log` to start scanning for `offset` (OffsetIndex.lookup): the position of
 * the last index entry whose offset is ≤ `offset`, or 0. Entries hold a batch's last offset and its
 * position, so the batch there ends at or before `offset` and no batch holding `offset` starts earlier.
 */
export function indexedPosition(seg: DiskSegment, offset: number): number {
  const entries = seg.offsetIndex;
  let lo = 0;
  let hi = entries.length - 1;
  let position = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.offset <= offset) {
      position = entries[mid]!.position;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return position;
}

/**
 * The batches of `seg` from byte `fromPosition` on, oldest first, as file-backed batches (bytes
 * read on demand): to the segment's end, or until the batches with lastOffset ≥ `fromOffset` pass
 * `maxBytes` (the batch that passes it included). Throws KAFKA_STORAGE_ERROR when the file is
 * shorter than the segment's size or a header is not a record batch (the file changed under the lab).
 */
export function scanSegment(seg: DiskSegment, fromPosition: number, fromOffset = -1, maxBytes = Infinity): DiskBatch[] {
  seg.beforeRead(seg.sizeBytes);
  const out: DiskBatch[] = [];
  const end = seg.sizeBytes;
  let window: Buffer = Buffer.alloc(0);
  let windowAt = 0;
  let pos = fromPosition;
  let wanted = 0;
  while (pos < end && wanted <= maxBytes) {
    if (end - pos < RECORD_BATCH_OVERHEAD) throw new Error(`KAFKA_STORAGE_ERROR: ${seg.logPath} has ${end - pos} bytes at position ${pos}, fewer than a batch header`);
    if (pos + RECORD_BATCH_OVERHEAD > windowAt + window.length) {
      windowAt = pos;
      window = readExactly(seg.logPath, pos, Math.min(SCAN_WINDOW_BYTES, end - pos));
    }
    const h = readBatchHeader(window.subarray(pos - windowAt, pos - windowAt + RECORD_BATCH_OVERHEAD));
    const size = h.batchLength + 12;
    if (size < RECORD_BATCH_OVERHEAD || pos + size > end) throw new Error(`KAFKA_STORAGE_ERROR: ${seg.logPath} has a batch of ${size} bytes at position ${pos}, past the segment's ${end} bytes`);
    out.push(new DiskBatch(seg, pos, size, h.baseOffset, h.baseOffset + h.lastOffsetDelta, h.recordCount, h.partitionLeaderEpoch, h.maxTimestamp, h.producerId, h.producerEpoch, h.baseSequence, h.isTransactional, h.isControl, UNKNOWN_APPEND_TIME));
    if (h.baseOffset + h.lastOffsetDelta >= fromOffset) wanted += size;
    pos += size;
  }
  return out;
}

/** Recently read segments' batch headers, bounded by their total number of batches (LRU). */
class SegmentBatchCache {
  private readonly entries = new Map<DiskSegment, DiskBatch[]>();
  private batches = 0;

  constructor(private readonly limitBatches: number) {}

  get(seg: DiskSegment): DiskBatch[] | undefined {
    const found = this.entries.get(seg);
    if (found) {
      this.entries.delete(seg);
      this.entries.set(seg, found);
    }
    return found;
  }

  set(seg: DiskSegment, list: DiskBatch[]): void {
    if (list.length > this.limitBatches) return;
    this.delete(seg);
    this.entries.set(seg, list);
    this.batches += list.length;
    while (this.batches > this.limitBatches) {
      const [oldest, oldList] = this.entries.entries().next().value as [DiskSegment, DiskBatch[]];
      this.entries.delete(oldest);
      this.batches -= oldList.length;
    }
  }

  delete(seg: DiskSegment): void {
    const list = this.entries.get(seg);
    if (!list) return;
    this.entries.delete(seg);
    this.batches -= list.length;
  }

  /** Batch headers held (the storage's own accounting, for tests and the soak). */
  get batchCount(): number {
    return this.batches;
  }
}

const recentSegments = new SegmentBatchCache(SEGMENT_CACHE_BATCHES);

/**
 * The batches of `seg` with lastOffset ≥ `fromOffset` (the list may start earlier), oldest first,
 * at least until they pass `maxBytes` (to the segment's end when `maxBytes` is Infinity).
 * `cache`: a segment up to CACHED_SEGMENT_MAX_BYTES is read whole and kept in the cache of recent
 * segments; otherwise only from the indexed position on, and nothing is kept.
 */
export function readSegmentBatches(seg: DiskSegment, fromOffset: number, cache: boolean, maxBytes = Infinity): DiskBatch[] {
  const cached = recentSegments.get(seg);
  if (cached) return cached;
  if (!cache || seg.sizeBytes > CACHED_SEGMENT_MAX_BYTES) return scanSegment(seg, indexedPosition(seg, fromOffset), fromOffset, maxBytes);
  const list = scanSegment(seg, 0);
  recentSegments.set(seg, list);
  return list;
}

/** Drops a segment's cached headers (it was truncated, replaced or deleted). */
export function forgetSegment(seg: DiskSegment): void {
  recentSegments.delete(seg);
}

/** Batch headers held by the cache of recently read segments, all replicas together. */
export function cachedSegmentBatchCount(): number {
  return recentSegments.batchCount;
}
