// SyncGroup (key 14), versions 0-5: the leader hands in every member's assignment; each member gets its own bytes once the coordinator stored the group (CompletingRebalance → Stable).
// v3+ static members (KIP-345); v5 checks and echoes protocolType/protocolName (KIP-559). Errors: UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS, FENCED_INSTANCE_ID, INCONSISTENT_GROUP_PROTOCOL.
import { syncGroup } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinatorRequest, coordinators, copyBytes, NO_COORDINATOR } from './group-common';

export const syncGroupHandler = defineHandler(syncGroup, {
  advertised: { min: 0, max: 5 },
  handle(request, context) {
    if (!requestAuthorizer(context, 'SyncGroup').group('READ', request.groupId)) return { throttleTimeMs: 0, errorCode: code('GROUP_AUTHORIZATION_FAILED'), protocolType: null, protocolName: null, assignment: Buffer.alloc(0) };
    const c = coordinators(context);
    if (c === null) return { throttleTimeMs: 0, errorCode: code(NO_COORDINATOR), protocolType: null, protocolName: null, assignment: Buffer.alloc(0) };
    const v = context.apiVersion;
    return coordinatorRequest(context, c, { api: 'SyncGroup', brokerId: context.brokerId, request: {
      groupId: request.groupId,
      generationId: request.generationId,
      memberId: request.memberId,
      groupInstanceId: v >= 3 ? request.groupInstanceId : null,
      protocolType: v >= 5 ? request.protocolType : null,
      protocolName: v >= 5 ? request.protocolName : null,
      assignments: request.assignments.map((a) => ({ memberId: a.memberId, assignment: copyBytes(a.assignment) })),
    } }, (r) => ({
      throttleTimeMs: 0,
      errorCode: code(r.errorName),
      protocolType: r.protocolType,
      protocolName: r.protocolName,
      assignment: r.assignment,
    }));
  },
});
