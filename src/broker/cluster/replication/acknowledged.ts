/**
 * Which records were acknowledged to a producer, so `records-lost` means what it says.
 *
 * Kafka promises nothing for a record above the highWatermark that no producer was told about:
 * when a leader change truncates it (an acks=all write still waiting, a clean or preferred
 * election), that is ordinary log truncation (`log-truncated`), and the producer retries. A record
 * is LOST only when someone was told it exists:
 * - it lay below a highWatermark (acknowledged to acks=all producers, visible to consumers) — only an
 *   unclean election can remove such records; or
 * - an acks=1 or acks=0 produce was answered for it while it was still above the highWatermark.
 * The leader records the second kind here as (leaderEpoch, [fromOffset, toOffset)) ranges;
 * offset + leader epoch names one record for good (Kafka's log matching), so a range never
 * matches a later record that reuses the offset. Ranges below the replica's highWatermark are
 * pruned (the first rule covers them), adjacent ones of one epoch merge.
 */
import type { ClusterCore } from '../core';
import type { StoredBatch } from '../log/stored-batch';
import { tpKey } from '../metadata';
import type { Replica } from './replica';

/** Records [fromOffset, toOffset) of one leader epoch, acknowledged with acks=0/1 above the highWatermark. */
export interface AcknowledgedRange {
  leaderEpoch: number;
  fromOffset: number;
  toOffset: number;
}

/** Leader: an acks=0/1 produce of [baseOffset, lastOffset] was answered NONE. */
export function recordAcknowledged(r: Replica, baseOffset: number, lastOffset: number): void {
  if (lastOffset < r.highWatermark) return;
  const leaderEpoch = epochOfOffset(r, baseOffset);
  const ranges = r.acknowledged;
  let keep = 0;
  while (keep < ranges.length && ranges[keep]!.toOffset <= r.highWatermark) keep++;
  if (keep > 0) ranges.splice(0, keep);
  const last = ranges[ranges.length - 1];
  if (last && last.leaderEpoch === leaderEpoch && last.toOffset >= baseOffset && last.fromOffset <= baseOffset) last.toOffset = Math.max(last.toOffset, lastOffset + 1);
  else ranges.push({ leaderEpoch, fromOffset: Math.max(baseOffset, r.highWatermark), toOffset: lastOffset + 1 });
}

/** After truncation to `offset`: drop this replica's ranges at or beyond it. */
export function forgetAcknowledgedFrom(r: Replica, offset: number): void {
  for (let i = r.acknowledged.length - 1; i >= 0; i--) {
    const range = r.acknowledged[i]!;
    if (range.fromOffset >= offset) r.acknowledged.splice(i, 1);
    else if (range.toOffset > offset) range.toOffset = offset;
  }
}

/** Acknowledged ranges of a partition over every broker's replica (the acknowledging leader may be any of them). */
export function acknowledgedRanges(core: ClusterCore, topic: string, partition: number): AcknowledgedRange[] {
  const key = tpKey(topic, partition);
  const out: AcknowledgedRange[] = [];
  for (const b of core.brokers.values()) {
    const r = b.replicas.get(key);
    if (r) out.push(...r.acknowledged);
  }
  return out;
}

/**
 * Of the records in `batches` at offsets ≥ fromOffset: those acknowledged — below committedEnd
 * (a highWatermark) or in an acknowledged range of the batch's leader epoch. Returns their count
 * and span [firstOffset, endOffset); count 0 when none was acknowledged.
 */
export function acknowledgedAmong(batches: Iterable<StoredBatch>, fromOffset: number, committedEnd: number, ranges: AcknowledgedRange[]): { count: number; firstOffset: number; endOffset: number } {
  let count = 0;
  let firstOffset = -1;
  let endOffset = -1;
  const take = (from: number, to: number): void => {
    if (to <= from) return;
    count += to - from;
    if (firstOffset < 0 || from < firstOffset) firstOffset = from;
    if (to > endOffset) endOffset = to;
  };
  for (const b of batches) {
    const start = Math.max(b.baseOffset, fromOffset);
    const end = b.lastOffset + 1;
    if (end <= start) continue;
    // Committed part, then acknowledged ranges of this epoch above it (ranges of one epoch do not overlap).
    const committedTo = Math.min(end, committedEnd);
    take(start, committedTo);
    for (const range of ranges) {
      if (range.leaderEpoch !== b.leaderEpoch) continue;
      take(Math.max(start, committedTo, range.fromOffset), Math.min(end, range.toOffset));
    }
  }
  return { count, firstOffset, endOffset };
}

/** Leader epoch of the record at offset in r's log (from the leader epoch cache). */
function epochOfOffset(r: Replica, offset: number): number {
  let epoch = r.leaderEpoch;
  for (const e of r.log.epochs.entries) if (e.startOffset <= offset) epoch = e.epoch;
  return epoch;
}
