/**
 * OffsetCommit (key 8), versions 0-9; flexible from v8. generationIdOrMemberEpoch −1 with an empty
 * memberId commits for a group without members (admin tools); v1 alone carries a per-partition
 * commit timestamp, v2-4 a retention time (−1 = broker default), v6+ the leader epoch of the
 * committed offset (KIP-320), v7+ groupInstanceId. Errors: ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID,
 * REBALANCE_IN_PROGRESS, OFFSET_METADATA_TOO_LARGE, FENCED_INSTANCE_ID, NOT_COORDINATOR.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const offsetCommit = api(8, 'OffsetCommit',
  message('OffsetCommitRequest', '0-9', '8+', [
    field('groupId', 'string', '0+'),
    field('generationIdOrMemberEpoch', 'int32', '1+', { default: -1, ignorable: true }),
    field('memberId', 'string', '1+', { ignorable: true }),
    field('groupInstanceId', 'string', '7+', { nullable: '7+', default: null }),
    field('retentionTimeMs', 'int64', '2-4', { default: -1, ignorable: true }),
    array('topics', [
      field('name', 'string', '0+'),
      array('partitions', [
        field('partitionIndex', 'int32', '0+'),
        field('committedOffset', 'int64', '0+'),
        field('committedLeaderEpoch', 'int32', '6+', { default: -1, ignorable: true }),
        field('commitTimestamp', 'int64', '1', { default: -1 }),
        field('committedMetadata', 'string', '0+', { nullable: '0+' }),
      ], '0+'),
    ], '0+'),
  ]),
  message('OffsetCommitResponse', '0-9', '8+', [
    field('throttleTimeMs', 'int32', '3+', { ignorable: true }),
    array('topics', [
      field('name', 'string', '0+'),
      array('partitions', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
      ], '0+'),
    ], '0+'),
  ]),
);

export type OffsetCommitRequest = DecodedRequest<typeof offsetCommit>;
export type OffsetCommitResponse = EncodableResponse<typeof offsetCommit>;
