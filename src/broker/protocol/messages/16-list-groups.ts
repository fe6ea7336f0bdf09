/**
 * ListGroups (key 16), versions 0-5; flexible from v3. Every group the broker coordinates, with
 * its protocol type ("consumer" for consumer groups, "" for offsets-only groups); v4+ filters by
 * and reports state (KIP-518: Empty, PreparingRebalance, CompletingRebalance, Stable, Dead);
 * v5+ by type (KIP-848: "classic", "consumer").
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const listGroups = api(16, 'ListGroups',
  message('ListGroupsRequest', '0-5', '3+', [
    array('statesFilter', 'string', '4+'),
    array('typesFilter', 'string', '5+'),
  ]),
  message('ListGroupsResponse', '0-5', '3+', [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    field('errorCode', 'int16', '0+'),
    array('groups', [
      field('groupId', 'string', '0+'),
      field('protocolType', 'string', '0+'),
      field('groupState', 'string', '4+', { ignorable: true }),
      field('groupType', 'string', '5+', { ignorable: true }),
    ], '0+'),
  ]),
);

export type ListGroupsRequest = DecodedRequest<typeof listGroups>;
export type ListGroupsResponse = EncodableResponse<typeof listGroups>;
