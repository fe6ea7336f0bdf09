// Heartbeat (key 12), versions 0-4: keeps a member's session alive; REBALANCE_IN_PROGRESS tells it to rejoin.
// v3+ static members (KIP-345). Errors: UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, FENCED_INSTANCE_ID, NOT_COORDINATOR.
import { heartbeat, type HeartbeatResponse } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinatorRequest, coordinators, NO_COORDINATOR } from './group-common';

export const heartbeatHandler = defineHandler(heartbeat, {
  advertised: { min: 0, max: 4 },
  handle(request, context) {
    if (!requestAuthorizer(context, 'Heartbeat').group('READ', request.groupId)) return { throttleTimeMs: 0, errorCode: code('GROUP_AUTHORIZATION_FAILED') };
    const c = coordinators(context);
    if (c === null) return { throttleTimeMs: 0, errorCode: code(NO_COORDINATOR) };
    return coordinatorRequest(context, c, { api: 'Heartbeat', brokerId: context.brokerId, request: {
      groupId: request.groupId,
      generationId: request.generationId,
      memberId: request.memberId,
      groupInstanceId: context.apiVersion >= 3 ? request.groupInstanceId : null,
    } }, (errorName): HeartbeatResponse => ({ throttleTimeMs: 0, errorCode: code(errorName) }));
  },
});
