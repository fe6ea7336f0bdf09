/**
 * ListTransactions (key 66), versions 0-1 (issue 4 serves 0); flexible (KIP-664). Transactional
 * ids known to the coordinator, filtered by state and producer id (empty filter = all); v1 adds a
 * minimum running duration filter (KIP-994, −1 = none). Unknown state names are echoed back.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const listTransactions = api(66, 'ListTransactions',
  message('ListTransactionsRequest', '0-1', '0+', [
    array('stateFilters', 'string', '0+'),
    array('producerIdFilters', 'int64', '0+'),
    field('durationFilter', 'int64', '1+', { default: -1 }),
  ]),
  message('ListTransactionsResponse', '0-1', '0+', [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    array('unknownStateFilters', 'string', '0+'),
    array('transactionStates', [
      field('transactionalId', 'string', '0+'),
      field('producerId', 'int64', '0+'),
      field('transactionState', 'string', '0+'),
    ], '0+'),
  ]),
);

export type ListTransactionsRequest = DecodedRequest<typeof listTransactions>;
export type ListTransactionsResponse = EncodableResponse<typeof listTransactions>;
