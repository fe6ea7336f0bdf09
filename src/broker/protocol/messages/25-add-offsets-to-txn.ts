/**
 * AddOffsetsToTxn (key 25), versions 0-3; flexible from v3. Adds a consumer group's offsets
 * partition of __consumer_offsets to the transaction, before TxnOffsetCommit (sendOffsetsToTransaction).
 * Errors: INVALID_PRODUCER_ID_MAPPING, INVALID_PRODUCER_EPOCH, PRODUCER_FENCED,
 * CONCURRENT_TRANSACTIONS, INVALID_TXN_STATE, NOT_COORDINATOR.
 */
import { api, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const addOffsetsToTxn = api(25, 'AddOffsetsToTxn',
  message('AddOffsetsToTxnRequest', '0-3', '3+', [
    field('transactionalId', 'string', '0+'),
    field('producerId', 'int64', '0+'),
    field('producerEpoch', 'int16', '0+'),
    field('groupId', 'string', '0+'),
  ]),
  message('AddOffsetsToTxnResponse', '0-3', '3+', [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
  ]),
);

export type AddOffsetsToTxnRequest = DecodedRequest<typeof addOffsetsToTxn>;
export type AddOffsetsToTxnResponse = EncodableResponse<typeof addOffsetsToTxn>;
