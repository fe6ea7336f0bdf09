/**
 * OffsetFetch (key 9), versions 0-9; flexible from v6. Up to v7 one group (a null topic list, v2+,
 * asks for every committed partition); v8+ a batch of groups (KIP-709), v9 with member id and epoch
 * (KIP-848). A partition without a committed offset answers offset −1 and metadata "" (or null).
 * requireStable (v7+, KIP-447) makes pending transactional commits answer UNSTABLE_OFFSET_COMMIT.
 * Errors: GROUP_ID_NOT_FOUND, NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, UNSTABLE_OFFSET_COMMIT.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const offsetFetch = api(9, 'OffsetFetch',
  message('OffsetFetchRequest', '0-9', '6+', [
    field('groupId', 'string', '0-7'),
    array('topics', [
      field('name', 'string', '0-7'),
      array('partitionIndexes', 'int32', '0-7'),
    ], '0-7', { nullable: '2-7' }),
    array('groups', [
      field('groupId', 'string', '8+'),
      field('memberId', 'string', '9+', { nullable: '9+', default: null, ignorable: true }),
      field('memberEpoch', 'int32', '9+', { default: -1, ignorable: true }),
      array('topics', [
        field('name', 'string', '8+'),
        array('partitionIndexes', 'int32', '8+'),
      ], '8+', { nullable: '8+' }),
    ], '8+'),
    field('requireStable', 'bool', '7+', { default: false }),
  ]),
  message('OffsetFetchResponse', '0-9', '6+', [
    field('throttleTimeMs', 'int32', '3+', { ignorable: true }),
    array('topics', [
      field('name', 'string', '0-7'),
      array('partitions', [
        field('partitionIndex', 'int32', '0-7'),
        field('committedOffset', 'int64', '0-7'),
        field('committedLeaderEpoch', 'int32', '5-7', { default: -1, ignorable: true }),
        field('metadata', 'string', '0-7', { nullable: '0-7' }),
        field('errorCode', 'int16', '0-7'),
      ], '0-7'),
    ], '0-7'),
    field('errorCode', 'int16', '2-7', { default: 0, ignorable: true }),
    array('groups', [
      field('groupId', 'string', '8+'),
      array('topics', [
        field('name', 'string', '8+'),
        array('partitions', [
          field('partitionIndex', 'int32', '8+'),
          field('committedOffset', 'int64', '8+'),
          field('committedLeaderEpoch', 'int32', '8+', { default: -1, ignorable: true }),
          field('metadata', 'string', '8+', { nullable: '8+' }),
          field('errorCode', 'int16', '8+'),
        ], '8+'),
      ], '8+'),
      field('errorCode', 'int16', '8+', { default: 0 }),
    ], '8+'),
  ]),
);

export type OffsetFetchRequest = DecodedRequest<typeof offsetFetch>;
export type OffsetFetchResponse = EncodableResponse<typeof offsetFetch>;
export type OffsetFetchResponsePartition = NonNullable<NonNullable<OffsetFetchResponse['topics']>[number]['partitions']>[number];
