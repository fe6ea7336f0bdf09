/**
 * OffsetForLeaderEpoch (key 23), versions 0-4; flexible from v4. For each partition, the end
 * offset of the requested leader epoch (the start offset of the next higher epoch, or the log end
 * offset for the current one), used for log truncation (KIP-101, KIP-279). −1 = unknown.
 * librdkafka sends exactly v2; Java from v3 (ReplicaId −1 for consumers, −2 debug).
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const offsetForLeaderEpoch = api(23, 'OffsetForLeaderEpoch',
  message('OffsetForLeaderEpochRequest', '0-4', '4+', [
    field('replicaId', 'int32', '3+', { default: -2, ignorable: true }),
    array('topics', [
      field('topic', 'string', '0+'),
      array('partitions', [
        field('partition', 'int32', '0+'),
        field('currentLeaderEpoch', 'int32', '2+', { default: -1, ignorable: true }),
        field('leaderEpoch', 'int32', '0+'),
      ], '0+'),
    ], '0+'),
  ]),
  message('OffsetForLeaderEpochResponse', '0-4', '4+', [
    field('throttleTimeMs', 'int32', '2+', { ignorable: true }),
    array('topics', [
      field('topic', 'string', '0+'),
      array('partitions', [
        field('errorCode', 'int16', '0+'),
        field('partition', 'int32', '0+'),
        field('leaderEpoch', 'int32', '1+', { default: -1, ignorable: true }),
        field('endOffset', 'int64', '0+', { default: -1 }),
      ], '0+'),
    ], '0+'),
  ]),
);

export type OffsetForLeaderEpochRequest = DecodedRequest<typeof offsetForLeaderEpoch>;
export type OffsetForLeaderEpochResponse = EncodableResponse<typeof offsetForLeaderEpoch>;
