// DescribeGroups (key 15), versions 0-5: state, protocol and members of groups this broker coordinates; metadata and assignments as the group holds them (only when Stable, like Kafka's GroupSummary).
// An unknown group is reported Dead with NONE, as Kafka 3.x does; another coordinator's group gets NOT_COORDINATOR. v4+ groupInstanceId; authorizedOperations is not computed (no ACLs).
import { describeGroups } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinators, NO_COORDINATOR } from './group-common';

/** Kafka's "not requested" value of authorizedOperations (Integer.MIN_VALUE). */
const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

export const describeGroupsHandler = defineHandler(describeGroups, {
  advertised: { min: 0, max: 5 },
  handle(request, context) {
    // Issue 16: DESCRIBE on each group (GROUP_AUTHORIZATION_FAILED); KIP-430 group operations when asked.
    const authz = requestAuthorizer(context, 'DescribeGroups');
    const denied = new Set(authz.enabled ? request.groups.filter((g) => !authz.group('DESCRIBE', g)) : []);
    const c = coordinators(context);
    const described = c === null
      ? request.groups.map((groupId) => ({ errorName: NO_COORDINATOR, groupId, groupState: '', protocolType: '', protocolData: '', members: [] }))
      : c.groups.describeGroups(context.brokerId, request.groups.filter((g) => !denied.has(g)));
    const byGroup = new Map(described.map((g) => [g.groupId, g]));
    const all = request.groups.map((groupId) => (denied.has(groupId) ? { errorName: 'GROUP_AUTHORIZATION_FAILED', groupId, groupState: '', protocolType: '', protocolData: '', members: [] } : byGroup.get(groupId)!));
    return {
      throttleTimeMs: 0,
      groups: all.map((g) => ({
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
        authorizedOperations: denied.has(g.groupId) ? AUTHORIZED_OPERATIONS_OMITTED : authz.authorizedOperations(context.apiVersion >= 3 && request.includeAuthorizedOperations, 'GROUP', g.groupId),
      })),
    };
  },
});
