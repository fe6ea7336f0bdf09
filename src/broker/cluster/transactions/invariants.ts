/**
 * Transaction invariants for tests and the swarm (ARCHITECTURE §2), checked from outside the model:
 * - lastStableOffset ≤ highWatermark on every partition of a ClusterView;
 * - no aborted record is visible under read_committed: a consumer filtering the leader's batches
 *   below the lastStableOffset with the aborted-transaction list Fetch returns (as Kafka's
 *   consumer does: a producer is skipped from an aborted transaction's firstOffset until its ABORT
 *   marker) never sees a record of a transaction whose marker is ABORT;
 * - every transactional batch below the lastStableOffset has its COMMIT/ABORT marker in the log
 *   below the highWatermark (Kafka ProducerStateManager.firstUnstableOffset counts a decided
 *   transaction as unstable until its marker is replicated): otherwise the outcome a consumer
 *   needs is not yet readable, and a new leader without the marker would show aborted records.
 * Each returns readable violations; empty when all is well.
 */
import type { ClusterView } from '../../../shared/cluster-view';
import { decodeControlRecord, decodeRecordBatch, readBatchHeader } from '../../protocol/records';

export function checkLastStableOffsets(view: ClusterView): string[] {
  const out: string[] = [];
  for (const t of view.topics) {
    for (const p of t.partitions) {
      if (p.lastStableOffset > p.highWatermark) out.push(`${t.name}-${p.partition}: lastStableOffset ${p.lastStableOffset} > highWatermark ${p.highWatermark}`);
    }
  }
  return out;
}

/** Offsets of records in transactions that ended with an ABORT marker (ground truth from the log). */
export function abortedRecordOffsets(batches: Buffer[]): Set<number> {
  const open = new Map<number, number[]>();
  const aborted = new Set<number>();
  for (const bytes of batches) {
    const { header, records } = decodeRecordBatch(bytes);
    if (!header.isTransactional) continue;
    if (header.isControl) {
      const marker = decodeControlRecord(records[0]!);
      if (marker.type === 'abort') for (const o of open.get(header.producerId) ?? []) aborted.add(o);
      open.delete(header.producerId);
      continue;
    }
    open.set(header.producerId, [...(open.get(header.producerId) ?? []), ...records.map((r) => r.offset)]);
  }
  return aborted;
}

/** What a read_committed consumer returns from these batches, given Fetch's aborted list (Kafka CompletedFetch). */
export function readCommittedOffsets(batches: Buffer[], abortedTransactions: { producerId: number; firstOffset: number }[], lastStableOffset: number): number[] {
  const pending = [...abortedTransactions].sort((a, b) => a.firstOffset - b.firstOffset);
  const abortedProducers = new Set<number>();
  const visible: number[] = [];
  for (const bytes of batches) {
    const { header, records } = decodeRecordBatch(bytes);
    if (header.baseOffset >= lastStableOffset) break;
    const lastOffset = header.baseOffset + header.lastOffsetDelta;
    while (pending.length > 0 && pending[0]!.firstOffset <= lastOffset) abortedProducers.add(pending.shift()!.producerId);
    if (header.isControl) {
      if (decodeControlRecord(records[0]!).type === 'abort') abortedProducers.delete(header.producerId);
      continue;
    }
    if (header.isTransactional && abortedProducers.has(header.producerId)) continue;
    for (const r of records) if (r.offset < lastStableOffset) visible.push(r.offset);
  }
  return visible;
}

export function checkNoAbortedRecordVisible(partitionName: string, batches: Buffer[], abortedTransactions: { producerId: number; firstOffset: number }[], lastStableOffset: number): string[] {
  const aborted = abortedRecordOffsets(batches);
  return readCommittedOffsets(batches, abortedTransactions, lastStableOffset)
    .filter((o) => aborted.has(o))
    .map((o) => `${partitionName}: aborted record at offset ${o} is visible under read_committed`);
}

/**
 * `batches` run from some offset up to the highWatermark (exclusive). Returns a violation for every
 * transactional data batch below lastStableOffset whose producer writes no marker later in them.
 */
export function checkMarkersBelowHighWatermark(partitionName: string, batches: Buffer[], lastStableOffset: number): string[] {
  const unmarked = new Map<number, number>();
  for (const bytes of batches) {
    const header = readBatchHeader(bytes);
    if (!header.isTransactional || header.producerId < 0) continue;
    if (header.isControl) unmarked.delete(header.producerId);
    else if (header.baseOffset < lastStableOffset && !unmarked.has(header.producerId)) unmarked.set(header.producerId, header.baseOffset);
  }
  return [...unmarked].map(([producerId, offset]) =>
    `${partitionName}: transactional batch at offset ${offset} (producerId ${producerId}) is below the lastStableOffset ${lastStableOffset} but its marker is not below the highWatermark`);
}
