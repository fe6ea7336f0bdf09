/**
 * DescribeProducers (key 61), version 0; flexible (KIP-664). Active idempotent/transactional
 * producers of each partition as the leader tracks them: epoch, last sequence and timestamp,
 * coordinator epoch, and the first offset of an open transaction (−1 if none).
 * Errors per partition: NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const describeProducers = api(61, 'DescribeProducers',
  message('DescribeProducersRequest', '0', '0+', [
    array('topics', [
      field('name', 'string', '0+'),
      array('partitionIndexes', 'int32', '0+'),
    ], '0+'),
  ]),
  message('DescribeProducersResponse', '0', '0+', [
    field('throttleTimeMs', 'int32', '0+'),
    array('topics', [
      field('name', 'string', '0+'),
      array('partitions', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('errorMessage', 'string', '0+', { nullable: '0+', default: null }),
        array('activeProducers', [
          field('producerId', 'int64', '0+'),
          field('producerEpoch', 'int32', '0+'),
          field('lastSequence', 'int32', '0+', { default: -1 }),
          field('lastTimestamp', 'int64', '0+', { default: -1 }),
          field('coordinatorEpoch', 'int32', '0+'),
          field('currentTxnStartOffset', 'int64', '0+', { default: -1 }),
        ], '0+'),
      ], '0+'),
    ], '0+'),
  ]),
);

export type DescribeProducersRequest = DecodedRequest<typeof describeProducers>;
export type DescribeProducersResponse = EncodableResponse<typeof describeProducers>;
