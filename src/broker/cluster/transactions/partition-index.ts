/**
 * Per replica of a data partition: the transactions the log holds (KIP-98), kept in step with
 * the replica's log by reading the batches appended since the last look.
 * - ongoing: producerId → first offset of its open transaction
 * - aborted: (producerId, firstOffset, lastOffset = offset of the ABORT marker), Kafka's
 *   aborted-transaction index, which Fetch returns for read_committed consumers
 * - unreplicated: transactions whose marker is in the log but not yet below the highWatermark
 * - lastCoordinatorEpoch per producer (DescribeProducers)
 * lastStableOffset = min(first offset of ongoing or unreplicated transactions, highWatermark).
 * A transaction stays unstable until its COMMIT/ABORT marker is replicated, as in Kafka's
 * ProducerStateManager (completeTxn moves it from ongoingTxns to unreplicatedTxns;
 * onHighWatermarkUpdated drops those whose marker offset is below the highWatermark): otherwise a
 * read_committed Fetch hands out a transaction's records (for an abort, with its aborted entry)
 * while the marker that decides them is not yet readable, and may never reach a new leader.
 */
import { decodeControlRecord, decodeRecordBatch, readBatchHeader } from '../../protocol/records';
import type { CoordinatorHost } from '../groups/host';

export interface AbortedTransaction { producerId: number; firstOffset: number; lastOffset: number }

export class PartitionTransactionIndex {
  /** Offsets below this are indexed. */
  nextOffset = 0;
  readonly ongoing = new Map<number, number>();
  aborted: AbortedTransaction[] = [];
  /** Decided transactions whose marker (lastOffset) is not yet below the highWatermark. */
  unreplicated: AbortedTransaction[] = [];
  readonly lastCoordinatorEpoch = new Map<number, number>();

  /** Feeds one stored batch (in log order). */
  apply(batch: Buffer): void {
    const h = readBatchHeader(batch);
    const lastOffset = h.baseOffset + h.lastOffsetDelta;
    if (lastOffset < this.nextOffset) return;
    this.nextOffset = lastOffset + 1;
    if (!h.isTransactional || h.producerId < 0) return;
    if (!h.isControl) {
      if (!this.ongoing.has(h.producerId)) this.ongoing.set(h.producerId, h.baseOffset);
      return;
    }
    const { records } = decodeRecordBatch(batch, { verifyCrc: false });
    const marker = decodeControlRecord(records[0]!);
    this.lastCoordinatorEpoch.set(h.producerId, marker.coordinatorEpoch);
    const firstOffset = this.ongoing.get(h.producerId);
    this.ongoing.delete(h.producerId);
    if (firstOffset === undefined) return;
    const completed = { producerId: h.producerId, firstOffset, lastOffset: h.baseOffset };
    this.unreplicated.push(completed);
    if (marker.type === 'abort') this.aborted.push(completed);
  }

  /**
   * First offset of the earliest transaction that is undecided, or decided with its marker at or
   * above highWatermark (Kafka ProducerStateManager.firstUnstableOffset), or null.
   */
  firstUnstableOffset(highWatermark: number): number | null {
    if (this.unreplicated.some((t) => t.lastOffset < highWatermark)) this.unreplicated = this.unreplicated.filter((t) => t.lastOffset >= highWatermark);
    let min: number | null = null;
    for (const first of this.ongoing.values()) if (min === null || first < min) min = first;
    for (const t of this.unreplicated) if (min === null || t.firstOffset < min) min = t.firstOffset;
    return min;
  }

  lastStableOffset(highWatermark: number): number {
    const first = this.firstUnstableOffset(highWatermark);
    return first === null ? highWatermark : Math.min(first, highWatermark);
  }

  /** Aborted transactions overlapping [fetchOffset, upToOffset), ordered by firstOffset (Kafka LogSegment.collectAbortedTxns). */
  abortedTransactions(fetchOffset: number, upToOffset: number): { producerId: number; firstOffset: number }[] {
    return this.aborted
      .filter((a) => a.lastOffset >= fetchOffset && a.firstOffset < upToOffset)
      .sort((a, b) => a.firstOffset - b.firstOffset)
      .map((a) => ({ producerId: a.producerId, firstOffset: a.firstOffset }));
  }

  /** The log start moved: forget aborted transactions wholly below it. */
  pruneBelow(logStartOffset: number): void {
    if (this.aborted.length > 0 && this.aborted[0]!.lastOffset < logStartOffset) this.aborted = this.aborted.filter((a) => a.lastOffset >= logStartOffset);
  }
}

/** Indexes of every (broker, partition) replica asked about, synced lazily from the host's logs. */
export class PartitionTransactionIndexes {
  private readonly indexes = new Map<string, PartitionTransactionIndex>();

  constructor(private readonly host: CoordinatorHost) {}

  /** The replica's index, brought up to its logEndOffset (rebuilt after truncation). Null if the broker holds no replica. */
  get(brokerId: number, topic: string, partition: number): PartitionTransactionIndex | null {
    const offsets = this.host.replicaOffsets(brokerId, topic, partition);
    const key = `${brokerId}\u0000${topic}\u0000${partition}`;
    if (offsets === null) {
      this.indexes.delete(key);
      return null;
    }
    let index = this.indexes.get(key);
    if (index === undefined || offsets.logEndOffset < index.nextOffset) {
      index = new PartitionTransactionIndex();
      this.indexes.set(key, index);
    }
    if (index.nextOffset < offsets.logEndOffset) {
      for (const batch of this.host.readLog(brokerId, topic, partition, index.nextOffset)) index.apply(batch);
    }
    index.pruneBelow(offsets.logStartOffset);
    return index;
  }

  /** A replica's log was truncated (follower truncation, unclean election): rebuild on next use. */
  invalidate(brokerId: number, topic: string, partition: number): void {
    this.indexes.delete(`${brokerId}\u0000${topic}\u0000${partition}`);
  }

  /** Every broker's index of a topic is dropped (topic deleted). */
  dropTopic(topic: string): void {
    for (const key of [...this.indexes.keys()]) if (key.split('\u0000')[1] === topic) this.indexes.delete(key);
  }
}
