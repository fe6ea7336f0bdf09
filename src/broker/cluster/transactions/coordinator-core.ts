/**
 * What a broker's transaction coordinator shares across APIs: which __transaction_state
 * partitions it leads (their leader epoch is the coordinatorEpoch written into markers), the
 * transactional ids it owns, timers as tokens on the model's queue, and `persist`, which writes a
 * state transition to __transaction_state (acks=all) and applies it only once replicated
 * (Kafka TransactionStateManager.appendTransactionToLog).
 */
import type { ClusterEventBody } from '../../../shared/cluster-events';
import { encodeRecordBatch } from '../../protocol/records';
import { errorText } from '../events/error-text';
import { TRANSACTION_STATE_TOPIC, configNumber, internalPartitionCount, type CoordinatorConfigName } from '../groups/config';
import type { CoordinatorHost } from '../groups/host';
import { partitionFor } from '../groups/partition-for';
import { canTransition, toLogValue, type TransactionMetadata } from './transaction-metadata';
import { encodeTransactionLogKey, encodeTransactionLogValue } from './txn-log-format';

/** Called after a marker was appended at `brokerId` (the partition leader), e.g. for __consumer_offsets. */
export type MarkerListener = (brokerId: number, topic: string, partition: number, producerId: number, commit: boolean) => void;

/** Timeout of coordinator writes and marker appends, ms (Kafka: request.timeout.ms default). */
export const COORDINATOR_WRITE_TIMEOUT_MS = 30_000;

export class TransactionCoordinatorCore {
  readonly txns = new Map<string, TransactionMetadata>();
  /** __transaction_state partition → coordinatorEpoch (its leader epoch on this broker). */
  readonly ownedPartitions = new Map<number, number>();
  /** __transaction_state partition → leader epoch, for partitions this broker leads but failed to load (NOT_COORDINATOR). */
  readonly failedPartitions = new Map<number, number>();
  private readonly liveTimers = new Set<number>();
  private nextTimer = 1;

  constructor(readonly brokerId: number, readonly host: CoordinatorHost, readonly onMarkerWritten: MarkerListener) {}

  now(): number {
    return this.host.now();
  }

  emit(event: ClusterEventBody): void {
    this.host.emit(event);
  }

  config(name: CoordinatorConfigName): number {
    return configNumber(this.host, name);
  }

  partitionOf(transactionalId: string): number {
    return partitionFor(transactionalId, internalPartitionCount(this.host, TRANSACTION_STATE_TOPIC, 'transaction.state.log.num.partitions'));
  }

  checkCoordinator(transactionalId: string): string {
    if (transactionalId === '') return 'INVALID_REQUEST';
    return this.ownedPartitions.has(this.partitionOf(transactionalId)) ? 'NONE' : 'NOT_COORDINATOR';
  }

  coordinatorEpochOf(transactionalId: string): number {
    return this.ownedPartitions.get(this.partitionOf(transactionalId)) ?? -1;
  }

  isLive(txn: TransactionMetadata): boolean {
    return this.txns.get(txn.transactionalId) === txn;
  }

  startTimer(delayMs: number, label: string, fire: () => void): number {
    const token = this.nextTimer++;
    this.liveTimers.add(token);
    this.host.schedule(delayMs, label, () => {
      if (this.liveTimers.delete(token)) this.contained(label, fire);
    });
    return token;
  }

  /**
   * Runs a background step (a timer, a marker write's completion, a load) so that a throw on bad
   * stored data stops only that step: reported as coordinator-task-failed, the model goes on.
   */
  contained(task: string, run: () => void): void {
    try {
      run();
    } catch (e) {
      this.emit({ type: 'coordinator-task-failed', coordinator: 'transaction', brokerId: this.brokerId, task, reason: errorText(e) });
    }
  }

  cancelTimer(token: number): void {
    this.liveTimers.delete(token);
  }

  /**
   * Writes `next` (a copy of txn with the new state and fields) to __transaction_state; once
   * replicated, applies it to txn and calls done('NONE'). On failure txn is unchanged and done gets
   * NOT_COORDINATOR (leadership moved) or COORDINATOR_NOT_AVAILABLE (Kafka's mapping).
   */
  persist(txn: TransactionMetadata, next: TransactionMetadata, done: (errorName: string) => void): void {
    if (!canTransition(txn.state, next.state) && next.state !== txn.state) {
      // Only a stored state Kafka never leaves (Dead, say) gets here. Kafka's TransactionMetadata
      // throws IllegalStateException, which the request handler answers UNKNOWN_SERVER_ERROR.
      this.emit({ type: 'coordinator-task-failed', coordinator: 'transaction', brokerId: this.brokerId, task: `persist ${txn.transactionalId}`, reason: `illegal transition ${txn.state} → ${next.state}` });
      return done('UNKNOWN_SERVER_ERROR');
    }
    txn.pending = next.state;
    const now = this.now();
    const batch = encodeRecordBatch({ baseTimestamp: now, records: [{ key: encodeTransactionLogKey(txn.transactionalId), value: encodeTransactionLogValue(toLogValue(next)), timestamp: now }] });
    this.host.appendAsCoordinator(this.brokerId, TRANSACTION_STATE_TOPIC, this.partitionOf(txn.transactionalId), batch, -1, COORDINATOR_WRITE_TIMEOUT_MS, (r) => {
      txn.pending = null;
      if (r.errorName !== 'NONE') {
        const mapped = r.errorName === 'NOT_LEADER_OR_FOLLOWER' || r.errorName === 'KAFKA_STORAGE_ERROR' ? 'NOT_COORDINATOR' : 'COORDINATOR_NOT_AVAILABLE';
        return done(mapped);
      }
      if (!this.isLive(txn)) return done('NOT_COORDINATOR');
      Object.assign(txn, { ...next, pending: null });
      done('NONE');
    });
  }
}
