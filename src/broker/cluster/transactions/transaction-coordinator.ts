/**
 * The transaction coordinator of the whole simulated cluster: one TransactionCoordinatorCore per
 * broker (a broker coordinates the transactional ids of the __transaction_state partitions it
 * leads), the per-replica transaction indexes of data partitions (lastStableOffset, aborted
 * transactions for read_committed Fetch), the periodic timeout abort, and the admin views
 * (DescribeTransactions, ListTransactions, DescribeProducers data, TransactionView).
 */
import type { ClusterEvent } from '../../../shared/cluster-events';
import type { TransactionView } from '../../../shared/cluster-view';
import { TRANSACTION_STATE_TOPIC } from '../groups/config';
import { findCoordinator, type FindCoordinatorResult } from '../groups/find-coordinator';
import type { CoordinatorHost } from '../groups/host';
import { TransactionCoordinatorCore, type MarkerListener } from './coordinator-core';
import { loadTransactionPartition, unloadTransactionPartition } from './loader';
import { PartitionTransactionIndexes } from './partition-index';
import {
  abortTimedOutTransactions, handleAddOffsetsToTxn, handleAddPartitionsToTxn, handleEndTxn, handleInitProducerId,
  type InitProducerIdRequest, type InitProducerIdResponse, type TxnProducerRef,
} from './requests';
import { groupedPartitions, partitionKey } from './transaction-metadata';

export interface DescribedTransaction {
  transactionalId: string;
  errorName: string;
  transactionState: string;
  transactionTimeoutMs: number;
  transactionStartTimeMs: number;
  producerId: number;
  producerEpoch: number;
  topics: { topic: string; partitions: number[] }[];
}

export class TransactionCoordinator {
  private readonly cores = new Map<number, TransactionCoordinatorCore>();
  private readonly timeoutTimers = new Set<number>();
  readonly indexes: PartitionTransactionIndexes;

  constructor(private readonly host: CoordinatorHost, private readonly onMarkerWritten: MarkerListener = () => undefined) {
    this.indexes = new PartitionTransactionIndexes(host);
  }

  core(brokerId: number): TransactionCoordinatorCore {
    let core = this.cores.get(brokerId);
    if (core === undefined) {
      core = new TransactionCoordinatorCore(brokerId, this.host, this.onMarkerWritten);
      this.cores.set(brokerId, core);
    }
    return core;
  }

  onLeadershipChanged(brokerId: number, topic: string, partition: number, isLeader: boolean, leaderEpoch: number): void {
    if (topic !== TRANSACTION_STATE_TOPIC) return;
    const core = this.core(brokerId);
    unloadTransactionPartition(core, partition);
    if (!isLeader) return;
    loadTransactionPartition(core, partition, leaderEpoch);
    this.startTimeoutChecks(core);
  }

  /** Model events the indexes and coordinators follow: truncation, topic deletion, broker stop. */
  onEvent(event: ClusterEvent): void {
    switch (event.type) {
      case 'log-truncated':
        this.indexes.invalidate(event.brokerId, event.topic, event.partition);
        return;
      case 'topic-deleted':
        this.indexes.dropTopic(event.topic);
        return;
      case 'broker-stopped': {
        const core = this.cores.get(event.brokerId);
        if (core !== undefined) for (const p of [...core.ownedPartitions.keys()]) unloadTransactionPartition(core, p);
        return;
      }
      default:
        return;
    }
  }

  findCoordinator(transactionalId: string): FindCoordinatorResult {
    return findCoordinator(this.host, 1, transactionalId);
  }

  initProducerId(brokerId: number, request: InitProducerIdRequest, respond: (r: InitProducerIdResponse) => void): void {
    handleInitProducerId(this.core(brokerId), request, respond);
  }

  addPartitionsToTxn(brokerId: number, ref: TxnProducerRef, topics: { name: string; partitions: number[] }[], respond: (r: { name: string; partitions: { partitionIndex: number; errorName: string }[] }[]) => void): void {
    handleAddPartitionsToTxn(this.core(brokerId), ref, topics, respond);
  }

  addOffsetsToTxn(brokerId: number, ref: TxnProducerRef, groupId: string, respond: (errorName: string) => void): void {
    handleAddOffsetsToTxn(this.core(brokerId), ref, groupId, respond);
  }

  endTxn(brokerId: number, ref: TxnProducerRef, committed: boolean, respond: (errorName: string) => void): void {
    handleEndTxn(this.core(brokerId), ref, committed, respond);
  }

  /**
   * Transactional produce verification (KIP-890 part 1, as Kafka 3.6+ brokers do before appending):
   * NONE when the partition is in producerId's ongoing transaction; INVALID_PRODUCER_EPOCH for another
   * epoch (fenced); INVALID_TXN_STATE when not added; NOT_ENOUGH_REPLICAS (retriable) while no
   * broker coordinates the transactional id.
   */
  verifyTransactionalPartition(transactionalId: string, topic: string, partition: number, producerId: number, producerEpoch: number): string {
    const found = this.findCoordinator(transactionalId);
    if (found.errorName !== 'NONE') return 'NOT_ENOUGH_REPLICAS';
    const core = this.core(found.nodeId);
    if (core.checkCoordinator(transactionalId) !== 'NONE') return 'NOT_ENOUGH_REPLICAS';
    const txn = core.txns.get(transactionalId);
    if (txn === undefined || txn.producerId !== producerId) return 'INVALID_TXN_STATE';
    if (txn.producerEpoch !== producerEpoch) return 'INVALID_PRODUCER_EPOCH';
    return txn.state === 'Ongoing' && txn.partitions.has(partitionKey(topic, partition)) ? 'NONE' : 'INVALID_TXN_STATE';
  }

  /**
   * ClusterExtension.firstUnstableOffset: first offset of the earliest transaction on brokerId's
   * replica that is open, or whose marker is not yet below that replica's highWatermark.
   */
  firstUnstableOffset(brokerId: number, topic: string, partition: number): number | null {
    const offsets = this.host.replicaOffsets(brokerId, topic, partition);
    if (offsets === null) return null;
    return this.indexes.get(brokerId, topic, partition)?.firstUnstableOffset(offsets.highWatermark) ?? null;
  }

  /** ClusterExtension.abortedTransactions for read_committed Fetch. */
  abortedTransactions(brokerId: number, topic: string, partition: number, fetchOffset: number, upToOffset: number): { producerId: number; firstOffset: number }[] {
    return this.indexes.get(brokerId, topic, partition)?.abortedTransactions(fetchOffset, upToOffset) ?? [];
  }

  /** lastStableOffset at the partition's leader, or null when offline. */
  lastStableOffset(topic: string, partition: number): number | null {
    const leader = this.host.leaderOf(topic, partition);
    const offsets = leader < 0 ? null : this.host.replicaOffsets(leader, topic, partition);
    const index = leader < 0 ? null : this.indexes.get(leader, topic, partition);
    return offsets === null || index === null ? null : index.lastStableOffset(offsets.highWatermark);
  }

  /** DescribeProducers (KIP-664) data this coordinator owns: open-transaction start offset and last marker's coordinatorEpoch per producerId. */
  producerTransactions(brokerId: number, topic: string, partition: number): Map<number, { currentTxnStartOffset: number; coordinatorEpoch: number }> {
    const out = new Map<number, { currentTxnStartOffset: number; coordinatorEpoch: number }>();
    const index = this.indexes.get(brokerId, topic, partition);
    if (index === null) return out;
    for (const [producerId, coordinatorEpoch] of index.lastCoordinatorEpoch) out.set(producerId, { currentTxnStartOffset: -1, coordinatorEpoch });
    for (const [producerId, first] of index.ongoing) out.set(producerId, { currentTxnStartOffset: first, coordinatorEpoch: out.get(producerId)?.coordinatorEpoch ?? -1 });
    return out;
  }

  /** DescribeTransactions (KIP-664): NOT_COORDINATOR or TRANSACTIONAL_ID_NOT_FOUND per id. */
  describeTransactions(brokerId: number, transactionalIds: string[]): DescribedTransaction[] {
    const core = this.core(brokerId);
    return transactionalIds.map((transactionalId) => {
      const error = core.checkCoordinator(transactionalId);
      const txn = core.txns.get(transactionalId);
      const errorName = error !== 'NONE' ? (error === 'INVALID_REQUEST' ? 'TRANSACTIONAL_ID_NOT_FOUND' : error) : txn === undefined ? 'TRANSACTIONAL_ID_NOT_FOUND' : 'NONE';
      if (txn === undefined || errorName !== 'NONE') return { transactionalId, errorName, transactionState: '', transactionTimeoutMs: 0, transactionStartTimeMs: -1, producerId: -1, producerEpoch: -1, topics: [] };
      return {
        transactionalId, errorName, transactionState: txn.state, transactionTimeoutMs: txn.transactionTimeoutMs, transactionStartTimeMs: txn.transactionStartTimeMs,
        producerId: txn.producerId, producerEpoch: txn.producerEpoch, topics: groupedPartitions(txn.partitions),
      };
    });
  }

  /** ListTransactions (KIP-664) on one broker; empty filters match everything. */
  listTransactions(brokerId: number, stateFilters: string[] = [], producerIdFilters: number[] = []): { transactionalId: string; producerId: number; transactionState: string }[] {
    return [...this.core(brokerId).txns.values()]
      .filter((t) => (stateFilters.length === 0 || stateFilters.includes(t.state)) && (producerIdFilters.length === 0 || producerIdFilters.includes(t.producerId)))
      .map((t) => ({ transactionalId: t.transactionalId, producerId: t.producerId, transactionState: t.state }))
      .sort((a, b) => (a.transactionalId < b.transactionalId ? -1 : a.transactionalId > b.transactionalId ? 1 : 0));
  }

  views(): TransactionView[] {
    const out: TransactionView[] = [];
    for (const core of this.cores.values()) {
      for (const t of core.txns.values()) {
        out.push({
          transactionalId: t.transactionalId, producerId: t.producerId, producerEpoch: t.producerEpoch, state: t.state,
          transactionTimeoutMs: t.transactionTimeoutMs, transactionStartTimeMs: t.transactionStartTimeMs, coordinatorId: core.brokerId,
          partitions: groupedPartitions(t.partitions),
        });
      }
    }
    return out.sort((a, b) => (a.transactionalId < b.transactionalId ? -1 : a.transactionalId > b.transactionalId ? 1 : 0));
  }

  /** transaction.abort.timed.out.transaction.cleanup.interval.ms on every coordinating broker. */
  private startTimeoutChecks(core: TransactionCoordinatorCore): void {
    if (this.timeoutTimers.has(core.brokerId)) return;
    this.timeoutTimers.add(core.brokerId);
    const interval = () => core.config('transaction.abort.timed.out.transaction.cleanup.interval.ms');
    // Rescheduled first: a check that throws is reported (coordinator-task-failed) and the next one still runs.
    const tick = (): void => {
      core.startTimer(interval(), 'txn-timeout-check', tick);
      abortTimedOutTransactions(core);
    };
    core.startTimer(interval(), 'txn-timeout-check', tick);
  }
}
