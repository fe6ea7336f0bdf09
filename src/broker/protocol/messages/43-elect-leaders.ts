/**
 * ElectLeaders (key 43), versions 0-2; flexible from v2 (KIP-183, KIP-460). electionType
 * (v1+): 0 preferred, 1 unclean; v0 is always preferred. A null partition list means every
 * partition. Errors per partition: ELECTION_NOT_NEEDED, PREFERRED_LEADER_NOT_AVAILABLE,
 * ELIGIBLE_LEADERS_NOT_AVAILABLE, UNKNOWN_TOPIC_OR_PARTITION.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const electLeaders = api(43, 'ElectLeaders',
  message('ElectLeadersRequest', '0-2', '2+', [
    field('electionType', 'int8', '1+'),
    array('topicPartitions', [
      field('topic', 'string', '0+'),
      array('partitions', 'int32', '0+'),
    ], '0+', { nullable: '0+' }),
    field('timeoutMs', 'int32', '0+', { default: 60000 }),
  ]),
  message('ElectLeadersResponse', '0-2', '2+', [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '1+'),
    array('replicaElectionResults', [
      field('topic', 'string', '0+'),
      array('partitionResult', [
        field('partitionId', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('errorMessage', 'string', '0+', { nullable: '0+' }),
      ], '0+'),
    ], '0+'),
  ]),
);

export type ElectLeadersRequest = DecodedRequest<typeof electLeaders>;
export type ElectLeadersResponse = EncodableResponse<typeof electLeaders>;
