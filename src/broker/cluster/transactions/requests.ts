/**
 * The producer-facing transaction APIs at the coordinator (Kafka TransactionCoordinator, KIP-98):
 * InitProducerId (key 22) with a transactional.id, AddPartitionsToTxn (key 24, v0–v3),
 * AddOffsetsToTxn (key 25) and EndTxn (key 26). Every state change is written to
 * __transaction_state before it is answered. Epoch fencing: a producer whose producerEpoch is
 * older than the coordinator's gets PRODUCER_FENCED; a new InitProducerId during an ongoing
 * transaction aborts it with a bumped epoch and answers CONCURRENT_TRANSACTIONS until done.
 */
import { CONSUMER_OFFSETS_TOPIC, internalPartitionCount } from '../groups/config';
import { partitionFor } from '../groups/partition-for';
import type { TransactionCoordinatorCore } from './coordinator-core';
import { sendMarkers } from './markers';
import { partitionKey, type TransactionMetadata } from './transaction-metadata';

/** Kafka: an epoch this close to Short.MAX_VALUE forces a new producerId (KIP-360). */
const MAX_PRODUCER_EPOCH = 32_766;

export interface InitProducerIdRequest {
  transactionalId: string;
  /** ms */
  transactionTimeoutMs: number;
  /** KIP-360 (v3+): the producer's current id and epoch, or -1/-1. */
  producerId: number;
  producerEpoch: number;
}

export interface InitProducerIdResponse { errorName: string; producerId: number; producerEpoch: number }

export interface TxnProducerRef { transactionalId: string; producerId: number; producerEpoch: number }

/**
 * InitProducerId with a transactional.id. `answerBeforeReplication` serves callers that must
 * answer synchronously (the model's initTransactionalProducerId hook): the new producerId/epoch is
 * answered at once while its record replicates, and requests meanwhile get CONCURRENT_TRANSACTIONS.
 */
export function handleInitProducerId(c: TransactionCoordinatorCore, req: InitProducerIdRequest, respond: (r: InitProducerIdResponse) => void, answerBeforeReplication = false): void {
  const fail = (errorName: string) => respond({ errorName, producerId: -1, producerEpoch: -1 });
  const coordinatorError = c.checkCoordinator(req.transactionalId);
  if (coordinatorError !== 'NONE') return fail(coordinatorError);
  if (req.transactionTimeoutMs <= 0 || req.transactionTimeoutMs > c.config('transaction.max.timeout.ms')) return fail('INVALID_TRANSACTION_TIMEOUT');
  let txn = c.txns.get(req.transactionalId);
  if (txn === undefined) {
    txn = {
      transactionalId: req.transactionalId, producerId: c.host.allocateProducerId(), lastProducerId: -1, lastProducerEpoch: -1, producerEpoch: -1,
      transactionTimeoutMs: req.transactionTimeoutMs, state: 'Empty', partitions: new Set(), transactionStartTimeMs: -1,
      lastUpdateTimeMs: c.now(), pending: null, abortReason: 'client',
    };
    c.txns.set(req.transactionalId, txn);
  }
  if (txn.pending !== null) return fail('CONCURRENT_TRANSACTIONS');
  if (req.producerId >= 0 && txn.producerEpoch >= 0) {
    // KIP-360 (Kafka isValidProducerId / prepareIncrementProducerEpoch): the producer must hold the
    // current id and epoch, or be retrying the last bump whose answer it never received.
    const retry = req.producerId === txn.lastProducerId && req.producerEpoch === txn.lastProducerEpoch;
    const current = req.producerId === txn.producerId && req.producerEpoch === txn.producerEpoch;
    if (!current && !retry) return fail('PRODUCER_FENCED');
    if (retry && txn.state === 'Empty') return respond({ errorName: 'NONE', producerId: txn.producerId, producerEpoch: txn.producerEpoch });
  }
  switch (txn.state) {
    case 'PrepareCommit':
    case 'PrepareAbort':
    case 'PrepareEpochFence':
    case 'Dead':
      return fail('CONCURRENT_TRANSACTIONS');
    case 'Ongoing':
      // Fence the old producer: abort its transaction under a bumped epoch; the client retries.
      beginAbort(c, txn, 'init-producer-id', true);
      return fail('CONCURRENT_TRANSACTIONS');
    case 'Empty':
    case 'CompleteCommit':
    case 'CompleteAbort': {
      const exhausted = txn.producerEpoch >= MAX_PRODUCER_EPOCH;
      const next: TransactionMetadata = {
        ...txn, lastProducerId: txn.producerId, lastProducerEpoch: txn.producerEpoch,
        producerId: exhausted ? c.host.allocateProducerId() : txn.producerId, producerEpoch: exhausted ? 0 : txn.producerEpoch + 1,
        transactionTimeoutMs: req.transactionTimeoutMs, state: 'Empty', partitions: new Set(), transactionStartTimeMs: -1, lastUpdateTimeMs: c.now(),
      };
      const fencedEpoch = txn.producerEpoch;
      const fencedId = txn.producerId;
      c.persist(txn, next, (errorName) => {
        if (errorName !== 'NONE') return answerBeforeReplication ? undefined : fail(errorName);
        if (fencedEpoch >= 0) c.emit({ type: 'producer-fenced', transactionalId: txn.transactionalId, producerId: fencedId, fencedEpoch, newEpoch: next.producerEpoch });
        if (!answerBeforeReplication) respond({ errorName: 'NONE', producerId: next.producerId, producerEpoch: next.producerEpoch });
      });
      if (answerBeforeReplication) respond({ errorName: 'NONE', producerId: next.producerId, producerEpoch: next.producerEpoch });
      return;
    }
  }
}

/** Shared producer checks of AddPartitionsToTxn, AddOffsetsToTxn and EndTxn. */
function validateProducer(c: TransactionCoordinatorCore, ref: TxnProducerRef): { txn: TransactionMetadata } | { errorName: string } {
  const coordinatorError = c.checkCoordinator(ref.transactionalId);
  if (coordinatorError !== 'NONE') return { errorName: coordinatorError };
  const txn = c.txns.get(ref.transactionalId);
  if (txn === undefined || txn.producerId !== ref.producerId) return { errorName: 'INVALID_PRODUCER_ID_MAPPING' };
  if (txn.producerEpoch !== ref.producerEpoch) return { errorName: 'PRODUCER_FENCED' };
  if (txn.pending !== null) return { errorName: 'CONCURRENT_TRANSACTIONS' };
  if (txn.state === 'PrepareCommit' || txn.state === 'PrepareAbort' || txn.state === 'PrepareEpochFence') return { errorName: 'CONCURRENT_TRANSACTIONS' };
  return { txn };
}

/**
 * AddPartitionsToTxn v0–v3: per-partition errors. Unknown partitions get UNKNOWN_TOPIC_OR_PARTITION
 * and the others OPERATION_NOT_ATTEMPTED; otherwise the partitions join the (possibly new) transaction.
 */
export function handleAddPartitionsToTxn(c: TransactionCoordinatorCore, ref: TxnProducerRef, topics: { name: string; partitions: number[] }[], respond: (r: { name: string; partitions: { partitionIndex: number; errorName: string }[] }[]) => void): void {
  const answer = (errorOf: (topic: string, partition: number) => string) =>
    respond(topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p, errorName: errorOf(t.name, p) })) })));
  const unknown = (topic: string, p: number) => { const n = c.host.partitionCount(topic); return n === null || p < 0 || p >= n; };
  if (topics.some((t) => t.partitions.some((p) => unknown(t.name, p)))) return answer((t, p) => (unknown(t, p) ? 'UNKNOWN_TOPIC_OR_PARTITION' : 'OPERATION_NOT_ATTEMPTED'));
  addPartitions(c, ref, topics.flatMap((t) => t.partitions.map((p) => partitionKey(t.name, p))), (errorName) => answer(() => errorName));
}

/** AddOffsetsToTxn: the group's __consumer_offsets partition joins the transaction (KIP-98 sendOffsetsToTransaction). */
export function handleAddOffsetsToTxn(c: TransactionCoordinatorCore, ref: TxnProducerRef, groupId: string, respond: (errorName: string) => void): void {
  const offsetsPartition = partitionFor(groupId, internalPartitionCount(c.host, CONSUMER_OFFSETS_TOPIC, 'offsets.topic.num.partitions'));
  addPartitions(c, ref, [partitionKey(CONSUMER_OFFSETS_TOPIC, offsetsPartition)], respond);
}

function addPartitions(c: TransactionCoordinatorCore, ref: TxnProducerRef, keys: string[], respond: (errorName: string) => void): void {
  const checked = validateProducer(c, ref);
  if ('errorName' in checked) return respond(checked.errorName);
  const txn = checked.txn;
  if (txn.state === 'Ongoing' && keys.every((k) => txn.partitions.has(k))) return respond('NONE');
  const begins = txn.state !== 'Ongoing';
  const next: TransactionMetadata = {
    ...txn, state: 'Ongoing', partitions: new Set([...(begins ? [] : txn.partitions), ...keys]),
    transactionStartTimeMs: begins ? c.now() : txn.transactionStartTimeMs, lastUpdateTimeMs: c.now(), abortReason: 'client',
  };
  c.persist(txn, next, (errorName) => {
    if (errorName === 'NONE' && begins) c.emit({ type: 'transaction-begun', transactionalId: txn.transactionalId, producerId: txn.producerId, producerEpoch: txn.producerEpoch });
    respond(errorName);
  });
}

/** EndTxn: commit or abort; answered once PrepareCommit/PrepareAbort is replicated, markers follow. */
export function handleEndTxn(c: TransactionCoordinatorCore, ref: TxnProducerRef, committed: boolean, respond: (errorName: string) => void): void {
  const coordinatorError = c.checkCoordinator(ref.transactionalId);
  if (coordinatorError !== 'NONE') return respond(coordinatorError);
  const txn = c.txns.get(ref.transactionalId);
  if (txn === undefined || txn.producerId !== ref.producerId) return respond('INVALID_PRODUCER_ID_MAPPING');
  if (txn.producerEpoch !== ref.producerEpoch) return respond('PRODUCER_FENCED');
  if (txn.pending !== null) return respond('CONCURRENT_TRANSACTIONS');
  switch (txn.state) {
    case 'Ongoing': {
      const next: TransactionMetadata = { ...txn, state: committed ? 'PrepareCommit' : 'PrepareAbort', lastUpdateTimeMs: c.now(), abortReason: 'client' };
      return c.persist(txn, next, (errorName) => {
        respond(errorName);
        if (errorName === 'NONE') sendMarkers(c, txn);
      });
    }
    case 'CompleteCommit':
      return respond(committed ? 'NONE' : 'INVALID_TXN_STATE');
    case 'CompleteAbort':
      return respond(committed ? 'INVALID_TXN_STATE' : 'NONE');
    case 'PrepareCommit':
      return respond(committed ? 'CONCURRENT_TRANSACTIONS' : 'INVALID_TXN_STATE');
    case 'PrepareAbort':
      return respond(committed ? 'INVALID_TXN_STATE' : 'CONCURRENT_TRANSACTIONS');
    case 'Empty':
    case 'Dead':
    case 'PrepareEpochFence':
      return respond('INVALID_TXN_STATE');
  }
}

/**
 * Coordinator-initiated abort (timeout, or a new InitProducerId fencing the old producer): bump
 * the epoch so the old producer is fenced (Kafka prepareFenceProducerEpoch), write PrepareAbort
 * under the new epoch, then the markers.
 */
export function beginAbort(c: TransactionCoordinatorCore, txn: TransactionMetadata, reason: 'timeout' | 'init-producer-id', bumpEpoch: boolean): void {
  const fencedEpoch = txn.producerEpoch;
  const newEpoch = bumpEpoch && txn.producerEpoch < MAX_PRODUCER_EPOCH ? txn.producerEpoch + 1 : txn.producerEpoch;
  const next: TransactionMetadata = { ...txn, producerEpoch: newEpoch, state: 'PrepareAbort', lastUpdateTimeMs: c.now(), abortReason: reason };
  c.persist(txn, next, (errorName) => {
    if (errorName !== 'NONE') return;
    if (newEpoch !== fencedEpoch) c.emit({ type: 'producer-fenced', transactionalId: txn.transactionalId, producerId: txn.producerId, fencedEpoch, newEpoch });
    sendMarkers(c, txn);
  });
}

/** transaction.timeout.ms: abort Ongoing transactions older than their timeout (Kafka abortTimedOutTransactions). */
export function abortTimedOutTransactions(c: TransactionCoordinatorCore): void {
  const now = c.now();
  for (const txn of [...c.txns.values()]) {
    if (txn.state !== 'Ongoing' || txn.pending !== null) continue;
    if (txn.transactionStartTimeMs + txn.transactionTimeoutMs <= now) beginAbort(c, txn, 'timeout', true);
  }
}
