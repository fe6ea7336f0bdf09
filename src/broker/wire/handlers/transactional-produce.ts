/**
 * Produce of transactional batches (issue 4): Kafka 3.6+ verifies with the transaction
 * coordinator that the partition was added to the producer's ongoing transaction before it
 * appends (KIP-890 part 1, transaction.partition.verification.enable, on by default). A batch for
 * a partition outside the transaction gets INVALID_TXN_STATE, an epoch other than the
 * coordinator's INVALID_PRODUCER_EPOCH (the producer was fenced), and a coordinator that is
 * moving or loading NOT_ENOUGH_REPLICAS, the retriable error Kafka maps it to for produce.
 * The simulation asks the coordinator's state directly where Kafka sends AddPartitionsToTxn v4.
 */
import type { ProduceRequest } from '../../protocol';
import { readBatchHeader } from '../../protocol/records';
import { partitionKey } from '../../cluster/transactions/transaction-metadata';
import type { ProduceResult } from '../../cluster/api';
import type { RequestContext } from '../handler';
import { coordinators } from './group-common';

/** Rejected partitions by "topic\0partition", with their Kafka error name. */
export type RejectedPartitions = Map<string, string>;

export function rejectedTransactionalPartitions(request: ProduceRequest, context: RequestContext): RejectedPartitions {
  const rejected: RejectedPartitions = new Map();
  const transactionalId = request.transactionalId;
  const c = coordinators(context);
  if (!transactionalId || c === null) return rejected;
  for (const t of request.topicData) {
    for (const p of t.partitionData) {
      if (!p.records || p.records.length < 61) continue;
      let header;
      try {
        header = readBatchHeader(p.records, 0);
      } catch {
        continue; // the model answers CORRUPT_MESSAGE
      }
      if (!header.isTransactional || header.isControl || header.producerId < 0) continue;
      const errorName = verify(c, transactionalId, t.name, p.index, header.producerId, header.producerEpoch);
      if (errorName !== 'NONE') rejected.set(partitionKey(t.name, p.index), errorName);
    }
  }
  return rejected;
}

function verify(c: NonNullable<ReturnType<typeof coordinators>>, transactionalId: string, topic: string, partition: number, producerId: number, producerEpoch: number): string {
  const found = c.transactions.findCoordinator(transactionalId);
  if (found.errorName !== 'NONE') return 'NOT_ENOUGH_REPLICAS';
  const core = c.transactions.core(found.nodeId);
  if (core.checkCoordinator(transactionalId) !== 'NONE') return 'NOT_ENOUGH_REPLICAS';
  const txn = core.txns.get(transactionalId);
  if (txn === undefined || txn.producerId !== producerId) return 'INVALID_TXN_STATE';
  if (txn.producerEpoch !== producerEpoch) return 'INVALID_PRODUCER_EPOCH';
  return txn.state === 'Ongoing' && txn.partitions.has(partitionKey(topic, partition)) ? 'NONE' : 'INVALID_TXN_STATE';
}

/** The request without the rejected partitions (topics left empty are dropped). */
export function withoutRejected<T extends { topic: string; partitions: { partition: number }[] }>(topics: T[], rejected: RejectedPartitions): T[] {
  if (rejected.size === 0) return topics;
  return topics
    .map((t) => ({ ...t, partitions: t.partitions.filter((p) => !rejected.has(partitionKey(t.topic, p.partition))) }))
    .filter((t) => t.partitions.length > 0);
}

/** The model's result with the rejected partitions answered, in the request's order. */
export function mergeRejected(request: ProduceRequest, result: ProduceResult, rejected: RejectedPartitions): ProduceResult {
  if (rejected.size === 0) return result;
  const answered = new Map<string, ProduceResult['topics'][number]['partitions'][number]>();
  for (const t of result.topics) for (const p of t.partitions) answered.set(partitionKey(t.topic, p.partition), p);
  return {
    ...result,
    topics: request.topicData.map((t) => ({
      topic: t.name,
      partitions: t.partitionData.map((p) => {
        const key = partitionKey(t.name, p.index);
        const errorName = rejected.get(key);
        if (errorName === undefined) return answered.get(key)!;
        return { partition: p.index, errorName, errorMessage: null, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, recordErrors: [], currentLeader: null };
      }),
    })),
  };
}
