/**
 * Reading a replica log for Fetch and replication (LocalLog.read → LogSegment.read): the segment
 * that may hold the offset, then whole batches on through the next segments. A rolled segment on
 * disk is read back through its file (ReplicaLog.segmentBatches), asked only for the bytes still
 * wanted, so a large segment is not scanned to its end for one Fetch.
 */
import type { ReplicaLog } from './replica-log';
import type { StoredBatch } from './stored-batch';

/** Index of the first batch with lastOffset ≥ offset in a segment's batch list, or -1. */
function batchIndex(batches: readonly StoredBatch[], offset: number): number {
  let lo = 0;
  let hi = batches.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (batches[mid]!.lastOffset >= offset) {
      found = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return found;
}

/** Index of the segment that may hold offset (last segment with baseOffset ≤ offset). */
function segmentIndex(log: ReplicaLog, offset: number): number {
  let lo = 0;
  let hi = log.segments.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (log.segments[mid]!.baseOffset <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** ReplicaLog.read: whole batches from the one containing `fromOffset`, within maxBytes (KIP-74: the first always) and below `upToOffset`. */
export function readLog(log: ReplicaLog, fromOffset: number, maxBytes: number, upToOffset: number, minOneBatch: boolean): { batches: StoredBatch[]; bytes: number } {
  const out: StoredBatch[] = [];
  let bytes = 0;
  if (fromOffset >= upToOffset || fromOffset >= log.logEndOffset) return { batches: out, bytes };
  const firstSegment = segmentIndex(log, fromOffset);
  for (let si = firstSegment; si < log.segments.length; si++) {
    const from = si === firstSegment ? fromOffset : log.segments[si]!.baseOffset;
    const batches = log.segmentBatches(si, from, true, maxBytes - bytes);
    let bi = batchIndex(batches, from);
    if (bi < 0) continue;
    for (; bi < batches.length; bi++) {
      const b = batches[bi]!;
      if (b.baseOffset >= upToOffset) return { batches: out, bytes };
      if ((out.length > 0 || !minOneBatch) && bytes + b.sizeBytes > maxBytes) return { batches: out, bytes };
      out.push(b);
      bytes += b.sizeBytes;
    }
  }
  return { batches: out, bytes };
}
