/**
 * DeleteAcls (key 31), versions 0-3; flexible from v2. One result per filter with the ACLs it
 * deleted; v0 filters have no pattern type (LITERAL). Errors: SECURITY_DISABLED,
 * CLUSTER_AUTHORIZATION_FAILED, INVALID_REQUEST (a filter with UNKNOWN in it).
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';
import { ACL_FILTER_FIELDS } from './29-describe-acls';

export const deleteAcls = api(31, 'DeleteAcls',
  message('DeleteAclsRequest', '0-3', '2+', [
    array('filters', ACL_FILTER_FIELDS, '0+'),
  ]),
  message('DeleteAclsResponse', '0-3', '2+', [
    field('throttleTimeMs', 'int32', '0+'),
    array('filterResults', [
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullable: '0+' }),
      array('matchingAcls', [
        field('errorCode', 'int16', '0+'),
        field('errorMessage', 'string', '0+', { nullable: '0+' }),
        field('resourceType', 'int8', '0+'),
        field('resourceName', 'string', '0+'),
        field('patternType', 'int8', '1+', { default: 3 }),
        field('principal', 'string', '0+'),
        field('host', 'string', '0+'),
        field('operation', 'int8', '0+'),
        field('permissionType', 'int8', '0+'),
      ], '0+'),
    ], '0+'),
  ]),
);

export type DeleteAclsRequest = DecodedRequest<typeof deleteAcls>;
export type DeleteAclsResponse = EncodableResponse<typeof deleteAcls>;
