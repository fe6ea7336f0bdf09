/**
 * AlterPartitionReassignments (key 45), version 0; flexible (KIP-455). For each partition, the
 * target replica list, or null to cancel a pending reassignment. Errors:
 * NO_REASSIGNMENT_IN_PROGRESS, INVALID_REPLICA_ASSIGNMENT, UNKNOWN_TOPIC_OR_PARTITION.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const alterPartitionReassignments = api(45, 'AlterPartitionReassignments',
  message('AlterPartitionReassignmentsRequest', '0', '0+', [
    field('timeoutMs', 'int32', '0+', { default: 60000 }),
    array('topics', [
      field('name', 'string', '0+'),
      array('partitions', [
        field('partitionIndex', 'int32', '0+'),
        array('replicas', 'int32', '0+', { nullable: '0+', default: null }),
      ], '0+'),
    ], '0+'),
  ]),
  message('AlterPartitionReassignmentsResponse', '0', '0+', [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullable: '0+' }),
    array('responses', [
      field('name', 'string', '0+'),
      array('partitions', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('errorMessage', 'string', '0+', { nullable: '0+' }),
      ], '0+'),
    ], '0+'),
  ]),
);

export type AlterPartitionReassignmentsRequest = DecodedRequest<typeof alterPartitionReassignments>;
export type AlterPartitionReassignmentsResponse = EncodableResponse<typeof alterPartitionReassignments>;
