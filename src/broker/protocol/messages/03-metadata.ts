/**
 * Metadata (key 3), versions 0-12; flexible from v9. Topic ids from v10 (KIP-516), leader epochs
 * from v7, offline replicas from v5, allowAutoTopicCreation from v4. A null topic list (v1+)
 * means "all topics"; an empty one means none.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

/** "Not requested" value of the authorized-operations bit fields (Integer.MIN_VALUE). */
export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

export const metadata = api(3, 'Metadata',
  message('MetadataRequest', '0-12', '9+', [
    array('topics', [
      field('topicId', 'uuid', '10+', { ignorable: true }),
      field('name', 'string', '0+', { nullable: '10+' }),
    ], '0+', { nullable: '1+' }),
    field('allowAutoTopicCreation', 'bool', '4+', { default: true }),
    field('includeClusterAuthorizedOperations', 'bool', '8-10'),
    field('includeTopicAuthorizedOperations', 'bool', '8+'),
  ]),
  message('MetadataResponse', '0-12', '9+', [
    field('throttleTimeMs', 'int32', '3+', { ignorable: true }),
    array('brokers', [
      field('nodeId', 'int32', '0+'),
      field('host', 'string', '0+'),
      field('port', 'int32', '0+'),
      field('rack', 'string', '1+', { nullable: '1+', default: null, ignorable: true }),
    ], '0+'),
    field('clusterId', 'string', '2+', { nullable: '2+', default: null, ignorable: true }),
    field('controllerId', 'int32', '1+', { default: -1, ignorable: true }),
    array('topics', [
      field('errorCode', 'int16', '0+'),
      field('name', 'string', '0+', { nullable: '12+' }),
      field('topicId', 'uuid', '10+', { ignorable: true }),
      field('isInternal', 'bool', '1+', { default: false, ignorable: true }),
      array('partitions', [
        field('errorCode', 'int16', '0+'),
        field('partitionIndex', 'int32', '0+'),
        field('leaderId', 'int32', '0+'),
        field('leaderEpoch', 'int32', '7+', { default: -1, ignorable: true }),
        array('replicaNodes', 'int32', '0+'),
        array('isrNodes', 'int32', '0+'),
        array('offlineReplicas', 'int32', '5+', { ignorable: true }),
      ], '0+'),
      field('topicAuthorizedOperations', 'int32', '8+', { default: AUTHORIZED_OPERATIONS_OMITTED }),
    ], '0+'),
    field('clusterAuthorizedOperations', 'int32', '8-10', { default: AUTHORIZED_OPERATIONS_OMITTED }),
  ]),
);

export type MetadataRequest = DecodedRequest<typeof metadata>;
export type MetadataResponse = EncodableResponse<typeof metadata>;
export type MetadataResponseBroker = MetadataResponse['brokers'][number];
export type MetadataResponseTopic = MetadataResponse['topics'][number];
export type MetadataResponsePartition = MetadataResponseTopic['partitions'][number];
