// ListTransactions (key 66), version 0: transactional ids this broker coordinates (clients ask every broker), filtered by state and producerId (KIP-664).
// Filter states Kafka does not know are echoed in unknownStateFilters.
import { listTransactions } from '../../protocol';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinators, NO_COORDINATOR } from './group-common';

/** Kafka's TransactionState names (TransactionState.fromName). */
const KNOWN_STATES = new Set(['Empty', 'Ongoing', 'PrepareCommit', 'PrepareAbort', 'CompleteCommit', 'CompleteAbort', 'Dead', 'PrepareEpochFence']);

export const listTransactionsHandler = defineHandler(listTransactions, {
  advertised: { min: 0, max: 0 },
  handle(request, context) {
    const c = coordinators(context);
    if (c === null) return { throttleTimeMs: 0, errorCode: code(NO_COORDINATOR), unknownStateFilters: [], transactionStates: [] };
    const unknownStateFilters = request.stateFilters.filter((s) => !KNOWN_STATES.has(s));
    const known = request.stateFilters.filter((s) => KNOWN_STATES.has(s));
    // Only unknown states asked for: nothing matches (Kafka answers an empty list).
    const transactionStates = request.stateFilters.length > 0 && known.length === 0
      ? []
      : c.transactions.listTransactions(context.brokerId, known, request.producerIdFilters);
    return { throttleTimeMs: 0, errorCode: 0, unknownStateFilters, transactionStates };
  },
});
