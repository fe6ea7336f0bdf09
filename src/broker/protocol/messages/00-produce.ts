/**
 * Produce (key 0), versions 0-11; flexible from v9. `records` is the raw record-batch bytes of
 * each partition, a subarray of the request frame (no copy). v10+ responses may carry the
 * current leader and its endpoint on NOT_LEADER_OR_FOLLOWER (KIP-951). acks=0 gets no response.
 */
import { api, array, field, message, struct } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

/** LeaderIdAndEpoch, shared by Produce and Fetch responses (KIP-951). */
export function leaderIdAndEpoch<const N extends string, const V extends string, const T extends number>(name: N, versions: V, tag: T) {
  return struct(name, [
    field('leaderId', 'int32', versions, { default: -1 }),
    field('leaderEpoch', 'int32', versions, { default: -1 }),
  ], versions, { tagged: versions, tag });
}

/** NodeEndpoint list, shared by Produce and Fetch responses (KIP-951). */
export function nodeEndpoints<const V extends string, const T extends number>(versions: V, tag: T) {
  return array('nodeEndpoints', [
    field('nodeId', 'int32', versions),
    field('host', 'string', versions),
    field('port', 'int32', versions),
    field('rack', 'string', versions, { nullable: versions, default: null }),
  ], versions, { tagged: versions, tag });
}

export const produce = api(0, 'Produce',
  message('ProduceRequest', '0-11', '9+', [
    field('transactionalId', 'string', '3+', { nullable: '3+', default: null }),
    field('acks', 'int16', '0+'),
    field('timeoutMs', 'int32', '0+'),
    array('topicData', [
      field('name', 'string', '0+'),
      array('partitionData', [
        field('index', 'int32', '0+'),
        field('records', 'records', '0+', { nullable: '0+' }),
      ], '0+'),
    ], '0+'),
  ]),
  message('ProduceResponse', '0-11', '9+', [
    array('responses', [
      field('name', 'string', '0+'),
      array('partitionResponses', [
        field('index', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('baseOffset', 'int64', '0+'),
        field('logAppendTimeMs', 'int64', '2+', { default: -1, ignorable: true }),
        field('logStartOffset', 'int64', '5+', { default: -1, ignorable: true }),
        array('recordErrors', [
          field('batchIndex', 'int32', '8+'),
          field('batchIndexErrorMessage', 'string', '8+', { nullable: '8+', default: null }),
        ], '8+', { ignorable: true }),
        field('errorMessage', 'string', '8+', { nullable: '8+', default: null, ignorable: true }),
        leaderIdAndEpoch('currentLeader', '10+', 0),
      ], '0+'),
    ], '0+'),
    field('throttleTimeMs', 'int32', '1+', { default: 0, ignorable: true }),
    nodeEndpoints('10+', 0),
  ]),
);

export type ProduceRequest = DecodedRequest<typeof produce>;
export type ProduceResponse = EncodableResponse<typeof produce>;
export type ProducePartitionResponse = ProduceResponse['responses'][number]['partitionResponses'][number];
export type LeaderIdAndEpoch = NonNullable<ProducePartitionResponse['currentLeader']>;
export type NodeEndpoint = NonNullable<ProduceResponse['nodeEndpoints']>[number];
