/**
 * AddPartitionsToTxn (key 24), versions 0-3; flexible from v3. A transactional producer adds the
 * partitions it is about to write to its ongoing transaction. v4+ (batched, broker-to-broker,
 * KIP-890) is deliberately not modelled. Errors per partition: INVALID_PRODUCER_ID_MAPPING,
 * INVALID_PRODUCER_EPOCH, PRODUCER_FENCED, CONCURRENT_TRANSACTIONS, INVALID_TXN_STATE,
 * UNKNOWN_TOPIC_OR_PARTITION, OPERATION_NOT_ATTEMPTED (for the rest of a failed batch).
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const addPartitionsToTxn = api(24, 'AddPartitionsToTxn',
  message('AddPartitionsToTxnRequest', '0-3', '3+', [
    field('v3AndBelowTransactionalId', 'string', '0-3'),
    field('v3AndBelowProducerId', 'int64', '0-3'),
    field('v3AndBelowProducerEpoch', 'int16', '0-3'),
    array('v3AndBelowTopics', [
      field('name', 'string', '0+'),
      array('partitions', 'int32', '0+'),
    ], '0-3'),
  ]),
  message('AddPartitionsToTxnResponse', '0-3', '3+', [
    field('throttleTimeMs', 'int32', '0+'),
    array('resultsByTopicV3AndBelow', [
      field('name', 'string', '0+'),
      array('resultsByPartition', [
        field('partitionIndex', 'int32', '0+'),
        field('partitionErrorCode', 'int16', '0+'),
      ], '0+'),
    ], '0-3'),
  ]),
);

export type AddPartitionsToTxnRequest = DecodedRequest<typeof addPartitionsToTxn>;
export type AddPartitionsToTxnResponse = EncodableResponse<typeof addPartitionsToTxn>;
