/**
 * Transaction invariants for tests and the swarm (ARCHITECTURE §2), checked from outside the model:
 * - lastStableOffset ≤ highWatermark on every partition of a ClusterView;
 * - no aborted record is visible under read_committed: a consumer filtering the leader's batches
 *   below the lastStableOffset with the aborted-transaction list Fetch returns (as Kafka's
 *   consumer does: a producer is skipped from an aborted transaction's firstOffset until its ABORT
 *   marker) never sees a record of a transaction whose marker is ABORT.
 * Each returns readable violations; empty when all is well.
 */
import type { ClusterView } from '../../../shared/cluster-view';
import { decodeControlRecord, decodeRecordBatch } from '../../protocol/records';

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
