/**
 * ListPartitionReassignments (key 46), version 0; flexible (KIP-455). Pending reassignments with
 * the full replica set and the replicas being added and removed; a null topic list means all.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const listPartitionReassignments = api(46, 'ListPartitionReassignments',
  message('ListPartitionReassignmentsRequest', '0', '0+', [
    field('timeoutMs', 'int32', '0+', { default: 60000 }),
    array('topics', [
      field('name', 'string', '0+'),
      array('partitionIndexes', 'int32', '0+'),
    ], '0+', { nullable: '0+', default: null }),
  ]),
  message('ListPartitionReassignmentsResponse', '0', '0+', [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullable: '0+' }),
    array('topics', [
      field('name', 'string', '0+'),
      array('partitions', [
        field('partitionIndex', 'int32', '0+'),
        array('replicas', 'int32', '0+'),
        array('addingReplicas', 'int32', '0+'),
        array('removingReplicas', 'int32', '0+'),
      ], '0+'),
    ], '0+'),
  ]),
);

export type ListPartitionReassignmentsRequest = DecodedRequest<typeof listPartitionReassignments>;
export type ListPartitionReassignmentsResponse = EncodableResponse<typeof listPartitionReassignments>;
