// DescribeTransactions (key 65), version 0: state, timeout, start time, producerId/epoch and partitions of transactional ids this broker coordinates (KIP-664).
// Errors per id: NOT_COORDINATOR, TRANSACTIONAL_ID_NOT_FOUND.
import { describeTransactions } from '../../protocol';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinators, NO_COORDINATOR } from './group-common';

export const describeTransactionsHandler = defineHandler(describeTransactions, {
  advertised: { min: 0, max: 0 },
  handle(request, context) {
    const c = coordinators(context);
    const described = c === null
      ? request.transactionalIds.map((transactionalId) => ({ transactionalId, errorName: NO_COORDINATOR, transactionState: '', transactionTimeoutMs: 0, transactionStartTimeMs: -1, producerId: -1, producerEpoch: -1, topics: [] }))
      : c.transactions.describeTransactions(context.brokerId, request.transactionalIds);
    return {
      throttleTimeMs: 0,
      transactionStates: described.map((d) => ({
        errorCode: code(d.errorName),
        transactionalId: d.transactionalId,
        transactionState: d.transactionState,
        transactionTimeoutMs: d.transactionTimeoutMs,
        transactionStartTimeMs: d.transactionStartTimeMs,
        producerId: d.producerId,
        producerEpoch: d.producerEpoch,
        topics: d.topics,
      })),
    };
  },
});
