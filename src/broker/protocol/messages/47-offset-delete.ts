/**
 * OffsetDelete (key 47), version 0; not flexible (KIP-496). Deletes a group's committed offsets
 * for partitions it no longer consumes. Errors: GROUP_SUBSCRIBED_TO_TOPIC (per partition),
 * GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP, NOT_COORDINATOR (top level).
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const offsetDelete = api(47, 'OffsetDelete',
  message('OffsetDeleteRequest', '0', 'none', [
    field('groupId', 'string', '0+'),
    array('topics', [
      field('name', 'string', '0+'),
      array('partitions', [field('partitionIndex', 'int32', '0+')], '0+'),
    ], '0+'),
  ]),
  message('OffsetDeleteResponse', '0', 'none', [
    field('errorCode', 'int16', '0+'),
    field('throttleTimeMs', 'int32', '0+', { ignorable: true }),
    array('topics', [
      field('name', 'string', '0+'),
      array('partitions', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
      ], '0+'),
    ], '0+'),
  ]),
);

export type OffsetDeleteRequest = DecodedRequest<typeof offsetDelete>;
export type OffsetDeleteResponse = EncodableResponse<typeof offsetDelete>;
