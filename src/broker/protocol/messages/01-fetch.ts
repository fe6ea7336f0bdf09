/**
 * Fetch (key 1), versions 0-16 (we serve 4-16); flexible from v12. Topics are named up to v12
 * and identified by topic id from v13 (KIP-516). Sessions (v7+, KIP-227) are declined by
 * answering sessionId 0. `records` is raw record-batch bytes; in flexible versions an empty
 * record set should be sent as an empty buffer, not null. v16 adds node endpoints (KIP-951).
 */
import { api, array, field, message, struct } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';
import { leaderIdAndEpoch, nodeEndpoints } from './00-produce';

export const fetchApi = api(1, 'Fetch',
  message('FetchRequest', '0-16', '12+', [
    field('clusterId', 'string', '12+', { nullable: '12+', default: null, tagged: '12+', tag: 0, ignorable: true }),
    field('replicaId', 'int32', '0-14', { default: -1 }),
    struct('replicaState', [
      field('replicaId', 'int32', '15+', { default: -1 }),
      field('replicaEpoch', 'int64', '15+', { default: -1 }),
    ], '15+', { tagged: '15+', tag: 1 }),
    field('maxWaitMs', 'int32', '0+'),
    field('minBytes', 'int32', '0+'),
    field('maxBytes', 'int32', '3+', { default: 0x7fffffff, ignorable: true }),
    field('isolationLevel', 'int8', '4+', { default: 0, ignorable: true }),
    field('sessionId', 'int32', '7+', { default: 0, ignorable: true }),
    field('sessionEpoch', 'int32', '7+', { default: -1, ignorable: true }),
    array('topics', [
      field('topic', 'string', '0-12', { ignorable: true }),
      field('topicId', 'uuid', '13+', { ignorable: true }),
      array('partitions', [
        field('partition', 'int32', '0+'),
        field('currentLeaderEpoch', 'int32', '9+', { default: -1, ignorable: true }),
        field('fetchOffset', 'int64', '0+'),
        field('lastFetchedEpoch', 'int32', '12+', { default: -1 }),
        field('logStartOffset', 'int64', '5+', { default: -1, ignorable: true }),
        field('partitionMaxBytes', 'int32', '0+'),
      ], '0+'),
    ], '0+'),
    array('forgottenTopicsData', [
      field('topic', 'string', '7-12', { ignorable: true }),
      field('topicId', 'uuid', '13+', { ignorable: true }),
      array('partitions', 'int32', '7+'),
    ], '7+'),
    field('rackId', 'string', '11+', { default: '', ignorable: true }),
  ]),
  message('FetchResponse', '0-16', '12+', [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    field('errorCode', 'int16', '7+', { ignorable: true }),
    field('sessionId', 'int32', '7+', { default: 0 }),
    array('responses', [
      field('topic', 'string', '0-12', { ignorable: true }),
      field('topicId', 'uuid', '13+', { ignorable: true }),
      array('partitions', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('highWatermark', 'int64', '0+'),
        field('lastStableOffset', 'int64', '4+', { default: -1, ignorable: true }),
        field('logStartOffset', 'int64', '5+', { default: -1, ignorable: true }),
        struct('divergingEpoch', [
          field('epoch', 'int32', '12+', { default: -1 }),
          field('endOffset', 'int64', '12+', { default: -1 }),
        ], '12+', { tagged: '12+', tag: 0 }),
        leaderIdAndEpoch('currentLeader', '12+', 1),
        struct('snapshotId', [
          field('endOffset', 'int64', '0+', { default: -1 }),
          field('epoch', 'int32', '0+', { default: -1 }),
        ], '12+', { tagged: '12+', tag: 2 }),
        array('abortedTransactions', [
          field('producerId', 'int64', '4+'),
          field('firstOffset', 'int64', '4+'),
        ], '4+', { nullable: '4+', ignorable: true }),
        field('preferredReadReplica', 'int32', '11+', { default: -1 }),
        field('records', 'records', '0+', { nullable: '0+' }),
      ], '0+'),
    ], '0+'),
    nodeEndpoints('16+', 0),
  ]),
);

export type FetchRequest = DecodedRequest<typeof fetchApi>;
export type FetchResponse = EncodableResponse<typeof fetchApi>;
export type FetchRequestPartition = FetchRequest['topics'][number]['partitions'][number];
export type FetchResponsePartition = FetchResponse['responses'][number]['partitions'][number];
