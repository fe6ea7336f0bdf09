/**
 * DescribeAcls (key 29), versions 0-3; flexible from v2. One ACL filter (AclBindingFilter: codes of
 * ResourceType, PatternType, AclOperation, AclPermissionType; null strings match any); v0 has no
 * pattern type (LITERAL). Errors: SECURITY_DISABLED, CLUSTER_AUTHORIZATION_FAILED, INVALID_REQUEST.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

/** An ACL binding filter's fields: DescribeAcls' request, and each of DeleteAcls' filters (DeleteAclsFilter). */
export const ACL_FILTER_FIELDS = [
  field('resourceTypeFilter', 'int8', '0+'),
  field('resourceNameFilter', 'string', '0+', { nullable: '0+' }),
  field('patternTypeFilter', 'int8', '1+', { default: 3 }),
  field('principalFilter', 'string', '0+', { nullable: '0+' }),
  field('hostFilter', 'string', '0+', { nullable: '0+' }),
  field('operation', 'int8', '0+'),
  field('permissionType', 'int8', '0+'),
];

export const describeAcls = api(29, 'DescribeAcls',
  message('DescribeAclsRequest', '0-3', '2+', ACL_FILTER_FIELDS),
  message('DescribeAclsResponse', '0-3', '2+', [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullable: '0+' }),
    array('resources', [
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      field('patternType', 'int8', '1+', { default: 3 }),
      array('acls', [
        field('principal', 'string', '0+'),
        field('host', 'string', '0+'),
        field('operation', 'int8', '0+'),
        field('permissionType', 'int8', '0+'),
      ], '0+'),
    ], '0+'),
  ]),
);

export type DescribeAclsRequest = DecodedRequest<typeof describeAcls>;
export type DescribeAclsResponse = EncodableResponse<typeof describeAcls>;
