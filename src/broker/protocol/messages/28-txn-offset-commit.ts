/**
 * TxnOffsetCommit (key 28), versions 0-3; flexible from v3. Offsets committed inside a
 * transaction become visible when it commits. v3 adds the group generation and member for
 * zombie fencing (KIP-447). Errors: INVALID_PRODUCER_EPOCH, PRODUCER_FENCED, ILLEGAL_GENERATION,
 * UNKNOWN_MEMBER_ID, FENCED_INSTANCE_ID, CONCURRENT_TRANSACTIONS, NOT_COORDINATOR.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const txnOffsetCommit = api(28, 'TxnOffsetCommit',
  message('TxnOffsetCommitRequest', '0-3', '3+', [
    field('transactionalId', 'string', '0+'),
    field('groupId', 'string', '0+'),
    field('producerId', 'int64', '0+'),
    field('producerEpoch', 'int16', '0+'),
    field('generationId', 'int32', '3+', { default: -1 }),
    field('memberId', 'string', '3+', { default: '' }),
    field('groupInstanceId', 'string', '3+', { nullable: '3+', default: null }),
    array('topics', [
      field('name', 'string', '0+'),
      array('partitions', [
        field('partitionIndex', 'int32', '0+'),
        field('committedOffset', 'int64', '0+'),
        field('committedLeaderEpoch', 'int32', '2+', { default: -1, ignorable: true }),
        field('committedMetadata', 'string', '0+', { nullable: '0+' }),
      ], '0+'),
    ], '0+'),
  ]),
  message('TxnOffsetCommitResponse', '0-3', '3+', [
    field('throttleTimeMs', 'int32', '0+'),
    array('topics', [
      field('name', 'string', '0+'),
      array('partitions', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
      ], '0+'),
    ], '0+'),
  ]),
);

export type TxnOffsetCommitRequest = DecodedRequest<typeof txnOffsetCommit>;
export type TxnOffsetCommitResponse = EncodableResponse<typeof txnOffsetCommit>;
