/**
 * ListOffsets (key 2), versions 0-8; flexible from v6. Timestamp −1 = latest, −2 = earliest,
 * −3 = max timestamp (v7+, KIP-734). v0 answers a list of old-style offsets; v1+ one
 * (timestamp, offset) pair. isolationLevel from v2 (1 = read_committed: latest is the LSO).
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;
export const MAX_TIMESTAMP = -3;

export const listOffsets = api(2, 'ListOffsets',
  message('ListOffsetsRequest', '0-8', '6+', [
    field('replicaId', 'int32', '0+'),
    field('isolationLevel', 'int8', '2+'),
    array('topics', [
      field('name', 'string', '0+'),
      array('partitions', [
        field('partitionIndex', 'int32', '0+'),
        field('currentLeaderEpoch', 'int32', '4+', { default: -1, ignorable: true }),
        field('timestamp', 'int64', '0+'),
        field('maxNumOffsets', 'int32', '0', { default: 1 }),
      ], '0+'),
    ], '0+'),
  ]),
  message('ListOffsetsResponse', '0-8', '6+', [
    field('throttleTimeMs', 'int32', '2+', { ignorable: true }),
    array('topics', [
      field('name', 'string', '0+'),
      array('partitions', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        array('oldStyleOffsets', 'int64', '0'),
        field('timestamp', 'int64', '1+', { default: -1 }),
        field('offset', 'int64', '1+', { default: -1 }),
        field('leaderEpoch', 'int32', '4+', { default: -1 }),
      ], '0+'),
    ], '0+'),
  ]),
);

export type ListOffsetsRequest = DecodedRequest<typeof listOffsets>;
export type ListOffsetsResponse = EncodableResponse<typeof listOffsets>;
