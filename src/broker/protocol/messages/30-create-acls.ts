/**
 * CreateAcls (key 30), versions 0-3; flexible from v2. One result per creation, in order; v0 has no
 * pattern type (LITERAL). Errors: SECURITY_DISABLED, CLUSTER_AUTHORIZATION_FAILED, INVALID_REQUEST.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const createAcls = api(30, 'CreateAcls',
  message('CreateAclsRequest', '0-3', '2+', [
    array('creations', [
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      field('resourcePatternType', 'int8', '1+', { default: 3 }),
      field('principal', 'string', '0+'),
      field('host', 'string', '0+'),
      field('operation', 'int8', '0+'),
      field('permissionType', 'int8', '0+'),
    ], '0+'),
  ]),
  message('CreateAclsResponse', '0-3', '2+', [
    field('throttleTimeMs', 'int32', '0+'),
    array('results', [
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullable: '0+' }),
    ], '0+'),
  ]),
);

export type CreateAclsRequest = DecodedRequest<typeof createAcls>;
export type CreateAclsResponse = EncodableResponse<typeof createAcls>;
