// DescribeGroups (key 15), versions 0-5: state, protocol and members of groups this broker coordinates; metadata and assignments as the group holds them (only when Stable, like Kafka's GroupSummary).
// An unknown group is reported Dead with NONE, as Kafka 3.x does; another coordinator's group gets NOT_COORDINATOR. v4+ groupInstanceId; authorizedOperations is not computed (no ACLs).
import type { DescribeGroupsRequest, DescribeGroupsResponse } from '../../protocol';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinators, NO_COORDINATOR } from './group-common';

/** Kafka's "not requested" value of authorizedOperations (Integer.MIN_VALUE). */
const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

export const describeGroupsHandler = defineHandler<DescribeGroupsRequest, DescribeGroupsResponse>({
  apiKey: 15,
  apiName: 'DescribeGroups',
  advertised: { min: 0, max: 5 },
  handle(request, context) {
    const c = coordinators(context);
    const described = c === null
      ? request.groups.map((groupId) => ({ errorName: NO_COORDINATOR, groupId, groupState: '', protocolType: '', protocolData: '', members: [] }))
      : c.groups.describeGroups(context.brokerId, request.groups);
    return {
      throttleTimeMs: 0,
      groups: described.map((g) => ({
        errorCode: code(g.errorName),
        groupId: g.groupId,
        groupState: g.groupState,
        protocolType: g.protocolType,
        protocolData: g.protocolData,
        members: g.members.map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: m.memberMetadata,
          memberAssignment: m.memberAssignment,
        })),
        authorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
      })),
    };
  },
});
