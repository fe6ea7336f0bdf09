/**
 * CreateTopics (key 19), versions 0-7; flexible from v5. numPartitions / replicationFactor −1
 * mean the broker defaults (v4+, KIP-464); explicit assignments exclude them. v5+ responses
 * echo the resulting partitions, replication factor and configs (KIP-525); v7 adds topic ids.
 * Errors: TOPIC_ALREADY_EXISTS, INVALID_PARTITIONS, INVALID_REPLICATION_FACTOR,
 * INVALID_REPLICA_ASSIGNMENT, INVALID_CONFIG, INVALID_TOPIC_EXCEPTION, POLICY_VIOLATION.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const createTopics = api(19, 'CreateTopics',
  message('CreateTopicsRequest', '0-7', '5+', [
    array('topics', [
      field('name', 'string', '0+'),
      field('numPartitions', 'int32', '0+'),
      field('replicationFactor', 'int16', '0+'),
      array('assignments', [
        field('partitionIndex', 'int32', '0+'),
        array('brokerIds', 'int32', '0+'),
      ], '0+'),
      array('configs', [
        field('name', 'string', '0+'),
        field('value', 'string', '0+', { nullable: '0+' }),
      ], '0+'),
    ], '0+'),
    field('timeoutMs', 'int32', '0+', { default: 60000 }),
    field('validateOnly', 'bool', '1+', { default: false }),
  ]),
  message('CreateTopicsResponse', '0-7', '5+', [
    field('throttleTimeMs', 'int32', '2+', { ignorable: true }),
    array('topics', [
      field('name', 'string', '0+'),
      field('topicId', 'uuid', '7+', { ignorable: true }),
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '1+', { nullable: '0+', ignorable: true }),
      field('topicConfigErrorCode', 'int16', '5+', { tagged: '5+', tag: 0, ignorable: true }),
      field('numPartitions', 'int32', '5+', { default: -1, ignorable: true }),
      field('replicationFactor', 'int16', '5+', { default: -1, ignorable: true }),
      array('configs', [
        field('name', 'string', '5+'),
        field('value', 'string', '5+', { nullable: '5+' }),
        field('readOnly', 'bool', '5+'),
        field('configSource', 'int8', '5+', { default: -1, ignorable: true }),
        field('isSensitive', 'bool', '5+'),
      ], '5+', { nullable: '5+', ignorable: true }),
    ], '0+'),
  ]),
);

export type CreateTopicsRequest = DecodedRequest<typeof createTopics>;
export type CreateTopicsResponse = EncodableResponse<typeof createTopics>;
