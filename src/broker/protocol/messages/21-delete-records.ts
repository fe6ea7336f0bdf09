/**
 * DeleteRecords (key 21), versions 0-2; flexible from v2. Moves each partition's logStartOffset
 * up to `offset` (−1 = the high watermark) and answers the new low watermark (KIP-107).
 * Errors: OFFSET_OUT_OF_RANGE, NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const deleteRecords = api(21, 'DeleteRecords',
  message('DeleteRecordsRequest', '0-2', '2+', [
    array('topics', [
      field('name', 'string', '0+'),
      array('partitions', [
        field('partitionIndex', 'int32', '0+'),
        field('offset', 'int64', '0+'),
      ], '0+'),
    ], '0+'),
    field('timeoutMs', 'int32', '0+'),
  ]),
  message('DeleteRecordsResponse', '0-2', '2+', [
    field('throttleTimeMs', 'int32', '0+'),
    array('topics', [
      field('name', 'string', '0+'),
      array('partitions', [
        field('partitionIndex', 'int32', '0+'),
        field('lowWatermark', 'int64', '0+'),
        field('errorCode', 'int16', '0+'),
      ], '0+'),
    ], '0+'),
  ]),
);

export type DeleteRecordsRequest = DecodedRequest<typeof deleteRecords>;
export type DeleteRecordsResponse = EncodableResponse<typeof deleteRecords>;
