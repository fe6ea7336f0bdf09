/**
 * In-memory state of one transactional id at its coordinator (Kafka TransactionMetadata, KIP-98):
 * the producerId/producerEpoch it owns, the transaction's state and partitions, and an in-flight
 * transition (`pending`) while its __transaction_state record is being replicated.
 */
import type { TransactionStateName } from '../../../shared/cluster-view';
import type { TransactionLogValue } from './txn-log-format';

export interface TransactionMetadata {
  transactionalId: string;
  producerId: number;
  /** The producerId/epoch before the last bump (KIP-360 retries of InitProducerId); -1 when none. */
  lastProducerId: number;
  lastProducerEpoch: number;
  /** -1 before the first InitProducerId completed. */
  producerEpoch: number;
  /** ms */
  transactionTimeoutMs: number;
  state: TransactionStateName;
  /** "topic\0partition" keys of the partitions in the ongoing transaction. */
  partitions: Set<string>;
  /** ms; -1 when no transaction is open. */
  transactionStartTimeMs: number;
  /** ms */
  lastUpdateTimeMs: number;
  /** The state a __transaction_state write in flight will move to (Kafka: pendingState). */
  pending: TransactionStateName | null;
  /** Why the current abort happens (for the transaction-aborted event). */
  abortReason: 'client' | 'timeout' | 'fenced' | 'init-producer-id';
}

/** Kafka TransactionState.validPreviousStates. */
const VALID_PREVIOUS: Record<TransactionStateName, readonly TransactionStateName[]> = {
  Empty: ['Empty', 'CompleteCommit', 'CompleteAbort'],
  Ongoing: ['Ongoing', 'Empty', 'CompleteCommit', 'CompleteAbort'],
  PrepareCommit: ['Ongoing'],
  PrepareAbort: ['Ongoing', 'PrepareEpochFence'],
  CompleteCommit: ['PrepareCommit'],
  CompleteAbort: ['PrepareAbort'],
  Dead: ['Empty', 'CompleteAbort', 'CompleteCommit'],
  PrepareEpochFence: ['Ongoing'],
};

export function canTransition(from: TransactionStateName, to: TransactionStateName): boolean {
  return VALID_PREVIOUS[to].includes(from);
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

export function splitPartitionKey(key: string): { topic: string; partition: number } {
  const i = key.lastIndexOf('\u0000');
  return { topic: key.slice(0, i), partition: Number(key.slice(i + 1)) };
}

/** Partitions grouped by topic, sorted, as the log value and the admin APIs carry them. */
export function groupedPartitions(keys: Iterable<string>): { topic: string; partitions: number[] }[] {
  const byTopic = new Map<string, number[]>();
  for (const key of keys) {
    const { topic, partition } = splitPartitionKey(key);
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
  }
  return [...byTopic.keys()].sort().map((topic) => ({ topic, partitions: byTopic.get(topic)!.sort((a, b) => a - b) }));
}

export function toLogValue(t: TransactionMetadata): TransactionLogValue {
  return {
    producerId: t.producerId, producerEpoch: t.producerEpoch, transactionTimeoutMs: t.transactionTimeoutMs, transactionStatus: t.state,
    transactionPartitions: t.state === 'Empty' ? null : groupedPartitions(t.partitions).map((g) => ({ topic: g.topic, partitionIds: g.partitions })),
    transactionLastUpdateTimestampMs: t.lastUpdateTimeMs, transactionStartTimestampMs: t.transactionStartTimeMs,
  };
}

export function fromLogValue(transactionalId: string, v: TransactionLogValue): TransactionMetadata {
  const partitions = new Set<string>();
  for (const t of v.transactionPartitions ?? []) for (const p of t.partitionIds) partitions.add(partitionKey(t.topic, p));
  return {
    transactionalId, producerId: v.producerId, lastProducerId: -1, lastProducerEpoch: -1, producerEpoch: v.producerEpoch,
    transactionTimeoutMs: v.transactionTimeoutMs, state: v.transactionStatus, partitions,
    transactionStartTimeMs: v.transactionStartTimestampMs, lastUpdateTimeMs: v.transactionLastUpdateTimestampMs, pending: null, abortReason: 'client',
  };
}
