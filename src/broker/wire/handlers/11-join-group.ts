// JoinGroup (key 11), versions 0-9: joins a classic group at its coordinator; answered when the rebalance completes (or at once with an error).
// v4+ first joins get MEMBER_ID_REQUIRED with an id (KIP-394); v5+ static members (KIP-345); v0 has no rebalance timeout (the session timeout serves); metadata passes through byte for byte.
import { joinGroup, type JoinGroupResponse } from '../../protocol';
import type { JoinGroupResponse as CoordinatorJoinGroupResponse } from '../../cluster/groups/types';
import { requestAuthorizer } from './authorize';
import { defineHandler, type RequestContext } from '../handler';
import { code } from './common';
import { clientHost, coordinatorRequest, coordinators, copyBytes, NO_COORDINATOR } from './group-common';

export const joinGroupHandler = defineHandler(joinGroup, {
  advertised: { min: 0, max: 9 },
  handle(request, context) {
    // Issue 16: READ on the group (KafkaApis.handleJoinGroupRequest).
    if (!requestAuthorizer(context, 'JoinGroup').group('READ', request.groupId)) return toResponse(context, failed('GROUP_AUTHORIZATION_FAILED', request.memberId));
    const c = coordinators(context);
    if (c === null) return toResponse(context, failed(NO_COORDINATOR, request.memberId));
    const v = context.apiVersion;
    return coordinatorRequest(context, c, { api: 'JoinGroup', brokerId: context.brokerId, request: {
      groupId: request.groupId,
      sessionTimeoutMs: request.sessionTimeoutMs,
      rebalanceTimeoutMs: v >= 1 ? request.rebalanceTimeoutMs : request.sessionTimeoutMs,
      memberId: request.memberId,
      groupInstanceId: v >= 5 ? request.groupInstanceId : null,
      protocolType: request.protocolType,
      protocols: request.protocols.map((p) => ({ name: p.name, metadata: copyBytes(p.metadata) })),
      clientId: context.clientId ?? '',
      clientHost: clientHost(context),
      requireKnownMemberId: v >= 4,
      reason: v >= 8 ? request.reason : null,
    } }, (r) => toResponse(context, r));
  },
});

function failed(errorName: string, memberId: string): CoordinatorJoinGroupResponse {
  return { errorName, generationId: -1, protocolType: null, protocolName: null, leader: '', skipAssignment: false, memberId, members: [] };
}

function toResponse(context: RequestContext, r: CoordinatorJoinGroupResponse): JoinGroupResponse {
  const v = context.apiVersion;
  return {
    throttleTimeMs: 0,
    errorCode: code(r.errorName),
    generationId: r.generationId,
    protocolType: r.protocolType,
    // protocolName is nullable only from v7; earlier versions carry "" on errors.
    protocolName: v >= 7 ? r.protocolName : (r.protocolName ?? ''),
    leader: r.leader,
    skipAssignment: r.skipAssignment,
    memberId: r.memberId,
    members: r.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadata })),
  };
}
