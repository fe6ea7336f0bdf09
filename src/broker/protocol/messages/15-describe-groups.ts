/**
 * DescribeGroups (key 15), versions 0-5; flexible from v5. State, protocol and members of each
 * group, with each member's metadata and assignment bytes as the group holds them.
 * protocolData is the chosen assignor name. Errors per group: GROUP_ID_NOT_FOUND (v5+ for unknown
 * groups; earlier versions answer a Dead group), NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';
import { AUTHORIZED_OPERATIONS_OMITTED } from './03-metadata';

export const describeGroups = api(15, 'DescribeGroups',
  message('DescribeGroupsRequest', '0-5', '5+', [
    array('groups', 'string', '0+'),
    field('includeAuthorizedOperations', 'bool', '3+'),
  ]),
  message('DescribeGroupsResponse', '0-5', '5+', [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    array('groups', [
      field('errorCode', 'int16', '0+'),
      field('groupId', 'string', '0+'),
      field('groupState', 'string', '0+'),
      field('protocolType', 'string', '0+'),
      field('protocolData', 'string', '0+'),
      array('members', [
        field('memberId', 'string', '0+'),
        field('groupInstanceId', 'string', '4+', { nullable: '4+', default: null, ignorable: true }),
        field('clientId', 'string', '0+'),
        field('clientHost', 'string', '0+'),
        field('memberMetadata', 'bytes', '0+'),
        field('memberAssignment', 'bytes', '0+'),
      ], '0+'),
      field('authorizedOperations', 'int32', '3+', { default: AUTHORIZED_OPERATIONS_OMITTED }),
    ], '0+'),
  ]),
);

export type DescribeGroupsRequest = DecodedRequest<typeof describeGroups>;
export type DescribeGroupsResponse = EncodableResponse<typeof describeGroups>;
export type DescribedGroupMember = DescribeGroupsResponse['groups'][number]['members'][number];
