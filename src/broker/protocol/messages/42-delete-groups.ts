/**
 * DeleteGroups (key 42), versions 0-2; flexible from v2 (KIP-229). Deletes empty groups and their
 * committed offsets. Errors per group: NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND, NOT_COORDINATOR.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const deleteGroups = api(42, 'DeleteGroups',
  message('DeleteGroupsRequest', '0-2', '2+', [
    array('groupsNames', 'string', '0+'),
  ]),
  message('DeleteGroupsResponse', '0-2', '2+', [
    field('throttleTimeMs', 'int32', '0+'),
    array('results', [
      field('groupId', 'string', '0+'),
      field('errorCode', 'int16', '0+'),
    ], '0+'),
  ]),
);

export type DeleteGroupsRequest = DecodedRequest<typeof deleteGroups>;
export type DeleteGroupsResponse = EncodableResponse<typeof deleteGroups>;
