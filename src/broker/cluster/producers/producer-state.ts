/**
 * Idempotent producer state per partition replica (Kafka's ProducerStateManager, KIP-98/KIP-360):
 * per producerId the current producerEpoch and the metadata of the last 5 batches, so a retried
 * batch is answered with its ORIGINAL offsets and a gap in sequence numbers is refused.
 * Followers build the same state from the batches they replicate, so a new leader deduplicates too.
 */
import type { StoredBatch } from '../log/stored-batch';

/** Kafka keeps the metadata of this many batches per producer (ProducerStateEntry.NUM_BATCHES_TO_RETAIN). */
export const NUM_BATCHES_TO_RETAIN = 5;

export interface BatchMetadata {
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
}

export interface ProducerEntry {
  producerId: number;
  producerEpoch: number;
  batches: BatchMetadata[];
  /** First offset of this producer's open transaction on the partition, or -1 (transactions extension). */
  currentTxnFirstOffset: number;
  lastTimestamp: number;
}

/**
 * One producer's row in a producer state snapshot (ProducerStateManager's `.snapshot` file): its
 * epoch and LAST batch only, the open transaction's first offset (−1 when none).
 */
export interface ProducerSnapshotRow {
  producerId: number;
  producerEpoch: number;
  /** −1 when the producer wrote only transaction markers here. */
  lastSequence: number;
  lastOffset: number;
  /** lastSequence minus the last batch's first sequence. */
  offsetDelta: number;
  timestampMs: number;
  coordinatorEpoch: number;
  currentTxnFirstOffset: number;
}

export type SequenceCheck =
  | { kind: 'append' }
  | { kind: 'duplicate'; baseOffset: number; lastOffset: number; maxTimestamp: number }
  | { kind: 'error'; errorName: 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'INVALID_PRODUCER_EPOCH'; message: string };

/** Sequence numbers wrap at Int32.MAX (DefaultRecordBatch.incrementSequence). */
function nextSeq(seq: number): number {
  return seq === 2147483647 ? 0 : seq + 1;
}

function lastSeqOf(baseSequence: number, recordCount: number): number {
  const last = baseSequence + recordCount - 1;
  return last > 2147483647 ? last - 2147483648 : last;
}

export class ProducerStateTable {
  readonly producers = new Map<number, ProducerEntry>();
  /**
   * Decided transactions (first offset, marker offset) whose marker is not yet below the
   * highWatermark: Kafka's ProducerStateManager.unreplicatedTxns, so the lastStableOffset waits
   * for the marker to be replicated, not only appended at the leader.
   */
  unreplicatedTxns: { firstOffset: number; markerOffset: number }[] = [];

  /** Leader-side check before appending a batch with producerId ≥ 0. */
  check(producerId: number, producerEpoch: number, baseSequence: number, recordCount: number): SequenceCheck {
    const entry = this.producers.get(producerId);
    // KIP-360: an unknown producer (new, or its state expired/retained away) may start at any sequence.
    if (!entry) return { kind: 'append' };
    if (producerEpoch < entry.producerEpoch) {
      return { kind: 'error', errorName: 'INVALID_PRODUCER_EPOCH', message: `Epoch of producer ${producerId} is ${producerEpoch}, which is smaller than the last seen epoch ${entry.producerEpoch}` };
    }
    const lastSeq = lastSeqOf(baseSequence, recordCount);
    if (producerEpoch > entry.producerEpoch) {
      if (baseSequence !== 0) return { kind: 'error', errorName: 'OUT_OF_ORDER_SEQUENCE_NUMBER', message: `Invalid sequence number for new epoch of producer ${producerId}: ${producerEpoch} (request epoch), ${baseSequence} (seq. number), ${entry.producerEpoch} (current producer epoch)` };
      return { kind: 'append' };
    }
    const dup = entry.batches.find((b) => b.firstSeq === baseSequence && b.lastSeq === lastSeq);
    if (dup) return { kind: 'duplicate', baseOffset: dup.baseOffset, lastOffset: dup.lastOffset, maxTimestamp: dup.maxTimestamp };
    const last = entry.batches[entry.batches.length - 1];
    if (last && baseSequence !== nextSeq(last.lastSeq)) {
      return { kind: 'error', errorName: 'OUT_OF_ORDER_SEQUENCE_NUMBER', message: `Out of order sequence number for producer ${producerId} at offset ${last.lastOffset + 1}: ${baseSequence} (incoming seq. number), ${last.lastSeq} (current end sequence number)` };
    }
    return { kind: 'append' };
  }

  /** Records an appended batch (leader or follower). */
  update(batch: StoredBatch): void {
    if (batch.producerId < 0) return;
    if (batch.isControl) return this.updateForMarker(batch);
    let entry = this.producers.get(batch.producerId);
    if (!entry || batch.producerEpoch > entry.producerEpoch) {
      entry = { producerId: batch.producerId, producerEpoch: batch.producerEpoch, batches: [], currentTxnFirstOffset: -1, lastTimestamp: -1 };
      this.producers.set(batch.producerId, entry);
    }
    entry.batches.push({
      firstSeq: batch.baseSequence,
      lastSeq: lastSeqOf(batch.baseSequence, batch.lastOffset - batch.baseOffset + 1),
      baseOffset: batch.baseOffset,
      lastOffset: batch.lastOffset,
      maxTimestamp: batch.maxTimestamp,
    });
    if (entry.batches.length > NUM_BATCHES_TO_RETAIN) entry.batches.shift();
    entry.lastTimestamp = batch.maxTimestamp;
    if (batch.isTransactional && entry.currentTxnFirstOffset < 0) entry.currentTxnFirstOffset = batch.baseOffset;
  }

  /**
   * A transaction marker (COMMIT/ABORT control batch) ends the producer's open transaction and
   * carries the producer's current epoch: Kafka's ProducerAppendInfo.appendEndTxnMarker sets the
   * entry's epoch to the marker's (maybeUpdateProducerEpoch: a bumped epoch drops the old batch
   * metadata) and creates the entry if the partition never saw the producer. So once the
   * coordinator fences a producer (epoch bump, ABORT marker with the new epoch), a later write
   * with the old epoch — transactional or not — is refused with INVALID_PRODUCER_EPOCH.
   */
  private updateForMarker(marker: StoredBatch): void {
    let entry = this.producers.get(marker.producerId);
    if (!entry) {
      entry = { producerId: marker.producerId, producerEpoch: marker.producerEpoch, batches: [], currentTxnFirstOffset: -1, lastTimestamp: -1 };
      this.producers.set(marker.producerId, entry);
    } else if (marker.producerEpoch > entry.producerEpoch) {
      entry.producerEpoch = marker.producerEpoch;
      entry.batches = [];
    }
    if (entry.currentTxnFirstOffset >= 0) this.unreplicatedTxns.push({ firstOffset: entry.currentTxnFirstOffset, markerOffset: marker.baseOffset });
    entry.currentTxnFirstOffset = -1;
    entry.lastTimestamp = marker.maxTimestamp;
  }

  /** Rebuilds from the log after truncation (Kafka reloads producer state from snapshots + log). */
  rebuild(batches: Iterable<StoredBatch>): void {
    this.producers.clear();
    this.unreplicatedTxns = [];
    for (const b of batches) this.update(b);
  }

  /** Each producer's row as ProducerStateManager.writeSnapshot stores it (the last batch only), by producerId. */
  snapshot(): ProducerSnapshotRow[] {
    return [...this.producers.values()].sort((a, b) => a.producerId - b.producerId).map((e) => {
      const last = e.batches[e.batches.length - 1];
      return {
        producerId: e.producerId, producerEpoch: e.producerEpoch, lastSequence: last ? last.lastSeq : -1, lastOffset: last ? last.lastOffset : -1,
        offsetDelta: last ? last.lastOffset - last.baseOffset : 0, timestampMs: e.lastTimestamp, coordinatorEpoch: -1, currentTxnFirstOffset: e.currentTxnFirstOffset,
      };
    });
  }

  /**
   * State from a snapshot taken at the log end offset (ProducerStateManager.loadFromSnapshot →
   * readSnapshot, loadProducerEntry): one batch's metadata per producer, so after it only a retry of
   * that last batch is recognised as a duplicate; an open transaction stays open.
   */
  loadSnapshot(rows: readonly ProducerSnapshotRow[]): void {
    this.producers.clear();
    this.unreplicatedTxns = [];
    for (const r of rows) {
      const batches: BatchMetadata[] = r.lastSequence >= 0 && r.lastOffset >= 0
        ? [{ firstSeq: r.lastSequence - r.offsetDelta < 0 ? r.lastSequence - r.offsetDelta + 2147483648 : r.lastSequence - r.offsetDelta, lastSeq: r.lastSequence, baseOffset: r.lastOffset - r.offsetDelta, lastOffset: r.lastOffset, maxTimestamp: r.timestampMs }]
        : [];
      this.producers.set(r.producerId, { producerId: r.producerId, producerEpoch: r.producerEpoch, batches, currentTxnFirstOffset: r.currentTxnFirstOffset, lastTimestamp: r.timestampMs });
    }
  }

  /**
   * Earliest first offset of a transaction that is open, or decided with its marker at or above
   * highWatermark (Kafka ProducerStateManager.firstUnstableOffset after onHighWatermarkUpdated), or null.
   */
  firstUnstableOffset(highWatermark: number): number | null {
    if (this.unreplicatedTxns.some((t) => t.markerOffset < highWatermark)) this.unreplicatedTxns = this.unreplicatedTxns.filter((t) => t.markerOffset >= highWatermark);
    let min: number | null = null;
    for (const t of this.unreplicatedTxns) if (min === null || t.firstOffset < min) min = t.firstOffset;
    for (const e of this.producers.values()) {
      if (e.currentTxnFirstOffset >= 0 && (min === null || e.currentTxnFirstOffset < min)) min = e.currentTxnFirstOffset;
    }
    return min;
  }
}
