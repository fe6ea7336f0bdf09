// LeaveGroup (key 13), versions 0-5: members leave their group, which rebalances at once (no session timeout to wait for).
// v0-2 one memberId with a top-level error; v3+ a batch by memberId or groupInstanceId, answered per member (KIP-345); v5 adds a reason (KIP-800).
import { leaveGroup, type LeaveGroupResponse } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinatorRequest, coordinators, NO_COORDINATOR } from './group-common';

export const leaveGroupHandler = defineHandler(leaveGroup, {
  advertised: { min: 0, max: 5 },
  handle(request, context) {
    const v = context.apiVersion;
    const members = v >= 3
      ? request.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, reason: v >= 5 ? m.reason : null }))
      : [{ memberId: request.memberId, groupInstanceId: null, reason: null }];
    if (!requestAuthorizer(context, 'LeaveGroup').group('READ', request.groupId)) return { throttleTimeMs: 0, errorCode: code('GROUP_AUTHORIZATION_FAILED'), members: [] };
    const c = coordinators(context);
    if (c === null) return { throttleTimeMs: 0, errorCode: code(NO_COORDINATOR), members: [] };
    return coordinatorRequest(context, c, { api: 'LeaveGroup', brokerId: context.brokerId, request: { groupId: request.groupId, members } }, (r): LeaveGroupResponse => {
      if (v >= 3) {
        return {
          throttleTimeMs: 0,
          errorCode: code(r.errorName),
          members: r.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorCode: code(m.errorName) })),
        };
      }
      // v0-2 have no member list: a member-level error becomes the top-level error (Kafka LeaveGroupResponse).
      const memberError = r.members.find((m) => m.errorName !== 'NONE')?.errorName ?? 'NONE';
      return { throttleTimeMs: 0, errorCode: code(r.errorName !== 'NONE' ? r.errorName : memberError) };
    });
  },
});
