/**
 * DescribeTopicPartitions (key 75), version 0; flexible (KIP-966). Metadata's topic description
 * paged by partitions: at most responsePartitionLimit partitions (and the broker's
 * max.request.partition.size.limit, 2000) per response, resumed from a cursor (topic name,
 * partition index); nextCursor says where the next page starts, null on the last page. Topics come
 * sorted by name; an empty topic list means all topics. Partitions carry the eligible leader
 * replicas of KIP-966 (empty without ELR). Errors per topic: UNKNOWN_TOPIC_OR_PARTITION,
 * INVALID_TOPIC_EXCEPTION, TOPIC_AUTHORIZATION_FAILED; INVALID_REQUEST for a bad cursor.
 */
import { api, array, field, message, struct } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';
import { AUTHORIZED_OPERATIONS_OMITTED } from './03-metadata';

const cursor = (name: 'cursor' | 'nextCursor') => struct(name, [
  field('topicName', 'string', '0+'),
  field('partitionIndex', 'int32', '0+'),
], '0+', { nullable: '0+', default: null });

export const describeTopicPartitions = api(75, 'DescribeTopicPartitions',
  message('DescribeTopicPartitionsRequest', '0', '0+', [
    array('topics', [field('name', 'string', '0+')], '0+'),
    field('responsePartitionLimit', 'int32', '0+', { default: 2000 }),
    cursor('cursor'),
  ]),
  message('DescribeTopicPartitionsResponse', '0', '0+', [
    field('throttleTimeMs', 'int32', '0+', { ignorable: true }),
    array('topics', [
      field('errorCode', 'int16', '0+'),
      field('name', 'string', '0+', { nullable: '0+' }),
      field('topicId', 'uuid', '0+', { ignorable: true }),
      field('isInternal', 'bool', '0+', { default: false, ignorable: true }),
      array('partitions', [
        field('errorCode', 'int16', '0+'),
        field('partitionIndex', 'int32', '0+'),
        field('leaderId', 'int32', '0+'),
        field('leaderEpoch', 'int32', '0+', { default: -1, ignorable: true }),
        array('replicaNodes', 'int32', '0+'),
        array('isrNodes', 'int32', '0+'),
        array('eligibleLeaderReplicas', 'int32', '0+', { nullable: '0+', default: null }),
        array('lastKnownElr', 'int32', '0+', { nullable: '0+', default: null }),
        array('offlineReplicas', 'int32', '0+', { ignorable: true }),
      ], '0+'),
      field('topicAuthorizedOperations', 'int32', '0+', { default: AUTHORIZED_OPERATIONS_OMITTED }),
    ], '0+'),
    cursor('nextCursor'),
  ]),
);

export type DescribeTopicPartitionsRequest = DecodedRequest<typeof describeTopicPartitions>;
export type DescribeTopicPartitionsResponse = EncodableResponse<typeof describeTopicPartitions>;
