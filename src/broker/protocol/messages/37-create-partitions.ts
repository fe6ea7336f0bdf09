/**
 * CreatePartitions (key 37), versions 0-3; flexible from v2. Raises a topic's partition count to
 * `count`, optionally with replica assignments for the new partitions (KIP-195). The response
 * must echo every requested topic. Errors: INVALID_PARTITIONS, INVALID_REPLICA_ASSIGNMENT,
 * UNKNOWN_TOPIC_OR_PARTITION, REASSIGNMENT_IN_PROGRESS.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const createPartitions = api(37, 'CreatePartitions',
  message('CreatePartitionsRequest', '0-3', '2+', [
    array('topics', [
      field('name', 'string', '0+'),
      field('count', 'int32', '0+'),
      array('assignments', [array('brokerIds', 'int32', '0+')], '0+', { nullable: '0+' }),
    ], '0+'),
    field('timeoutMs', 'int32', '0+'),
    field('validateOnly', 'bool', '0+'),
  ]),
  message('CreatePartitionsResponse', '0-3', '2+', [
    field('throttleTimeMs', 'int32', '0+'),
    array('results', [
      field('name', 'string', '0+'),
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullable: '0+', default: null }),
    ], '0+'),
  ]),
);

export type CreatePartitionsRequest = DecodedRequest<typeof createPartitions>;
export type CreatePartitionsResponse = EncodableResponse<typeof createPartitions>;
