/**
 * DescribeTransactions (key 65), version 0; flexible (KIP-664). State of each transactional id:
 * Empty, Ongoing, PrepareCommit, PrepareAbort, CompleteCommit, CompleteAbort, Dead,
 * PrepareEpochFence; its timeout, start time (−1 if none), producer id/epoch and partitions.
 * Errors: TRANSACTIONAL_ID_NOT_FOUND, NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const describeTransactions = api(65, 'DescribeTransactions',
  message('DescribeTransactionsRequest', '0', '0+', [
    array('transactionalIds', 'string', '0+'),
  ]),
  message('DescribeTransactionsResponse', '0', '0+', [
    field('throttleTimeMs', 'int32', '0+'),
    array('transactionStates', [
      field('errorCode', 'int16', '0+'),
      field('transactionalId', 'string', '0+'),
      field('transactionState', 'string', '0+'),
      field('transactionTimeoutMs', 'int32', '0+'),
      field('transactionStartTimeMs', 'int64', '0+'),
      field('producerId', 'int64', '0+'),
      field('producerEpoch', 'int16', '0+'),
      array('topics', [
        field('topic', 'string', '0+'),
        array('partitions', 'int32', '0+'),
      ], '0+'),
    ], '0+'),
  ]),
);

export type DescribeTransactionsRequest = DecodedRequest<typeof describeTransactions>;
export type DescribeTransactionsResponse = EncodableResponse<typeof describeTransactions>;
