/**
 * SyncGroup (key 14, v0–v5), Heartbeat (key 12, v0–v4) and LeaveGroup (key 13, v0–v5) at the
 * coordinator (Kafka GroupCoordinator.handleSyncGroup / handleHeartbeat / handleLeaveGroup).
 * Member checks, in Kafka's order: COORDINATOR_NOT_AVAILABLE (Dead), FENCED_INSTANCE_ID (KIP-345:
 * the groupInstanceId now belongs to another memberId), UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION.
 */
import type { GroupCoordinatorCore } from './coordinator-core';
import type { Group } from './group';
import { isLive, maybeCompleteJoin, maybePrepareRebalance, removeMember, resetAndPropagateAssignmentError, scheduleSession, setAndPropagateAssignment } from './rebalance';
import type { ErrorName, HeartbeatRequest, LeaveGroupRequest, LeaveGroupResponse, SyncGroupRequest, SyncGroupResponse } from './types';

function syncError(errorName: ErrorName): SyncGroupResponse {
  return { errorName, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) };
}

function isStaticMemberFenced(group: Group, groupInstanceId: string | null, memberId: string): boolean {
  if (groupInstanceId === null) return false;
  const current = group.staticMembers.get(groupInstanceId);
  return current !== undefined && current !== memberId;
}

/** Shared member validation; 'NONE' when the member may act in this generation. */
function validateMember(group: Group | undefined, memberId: string, groupInstanceId: string | null, generationId: number): ErrorName {
  if (group === undefined) return 'UNKNOWN_MEMBER_ID';
  if (group.state === 'Dead') return 'COORDINATOR_NOT_AVAILABLE';
  if (isStaticMemberFenced(group, groupInstanceId, memberId)) return 'FENCED_INSTANCE_ID';
  if (!group.members.has(memberId)) return 'UNKNOWN_MEMBER_ID';
  if (generationId !== group.generationId) return 'ILLEGAL_GENERATION';
  return 'NONE';
}

export function handleSyncGroup(c: GroupCoordinatorCore, req: SyncGroupRequest, respond: (r: SyncGroupResponse) => void): void {
  const coordinatorError = c.checkCoordinator(req.groupId);
  if (coordinatorError !== 'NONE') return respond(syncError(coordinatorError));
  const group = c.groups.get(req.groupId);
  const memberError = validateMember(group, req.memberId, req.groupInstanceId, req.generationId);
  if (memberError !== 'NONE') return respond(syncError(memberError));
  const g = group!;
  if ((req.protocolType !== null && req.protocolType !== g.protocolType) || (req.protocolName !== null && req.protocolName !== g.protocolName)) {
    return respond(syncError('INCONSISTENT_GROUP_PROTOCOL'));
  }
  const member = g.members.get(req.memberId)!;
  switch (g.state) {
    case 'Empty':
      return respond(syncError('UNKNOWN_MEMBER_ID'));
    case 'PreparingRebalance':
      return respond(syncError('REBALANCE_IN_PROGRESS'));
    case 'CompletingRebalance': {
      const previous = member.awaitingSync;
      member.awaitingSync = respond;
      previous?.(syncError('REBALANCE_IN_PROGRESS'));
      g.pendingSync.delete(member.memberId);
      if (member.memberId !== g.leaderId) return;
      const assignments = new Map<string, Buffer>();
      for (const m of g.members.keys()) assignments.set(m, Buffer.alloc(0));
      for (const a of req.assignments) if (assignments.has(a.memberId)) assignments.set(a.memberId, a.assignment);
      const generationId = g.generationId;
      c.storeGroup(g, assignments, (errorName) => {
        if (!isLive(c, g) || g.state !== 'CompletingRebalance' || g.generationId !== generationId) return;
        if (errorName !== 'NONE') {
          resetAndPropagateAssignmentError(c, g, errorName);
          maybePrepareRebalance(c, g, `storing the assignment failed with ${errorName}`);
          return;
        }
        setAndPropagateAssignment(c, g, assignments);
      });
      return;
    }
    case 'Stable':
      g.pendingSync.delete(member.memberId);
      scheduleSession(c, g, member);
      return respond({ errorName: 'NONE', protocolType: g.protocolType, protocolName: g.protocolName, assignment: member.assignment });
    case 'Dead':
      return respond(syncError('COORDINATOR_NOT_AVAILABLE'));
  }
}

/** Heartbeat: refreshes the session; REBALANCE_IN_PROGRESS tells the member to rejoin. Synchronous. */
export function handleHeartbeat(c: GroupCoordinatorCore, req: HeartbeatRequest): ErrorName {
  const coordinatorError = c.checkCoordinator(req.groupId);
  if (coordinatorError !== 'NONE') return coordinatorError;
  const group = c.groups.get(req.groupId);
  const memberError = validateMember(group, req.memberId, req.groupInstanceId, req.generationId);
  if (memberError !== 'NONE') return memberError;
  const g = group!;
  const member = g.members.get(req.memberId)!;
  switch (g.state) {
    case 'Empty':
      return 'UNKNOWN_MEMBER_ID';
    case 'CompletingRebalance':
    case 'Stable':
      scheduleSession(c, g, member);
      return 'NONE';
    case 'PreparingRebalance':
      scheduleSession(c, g, member);
      return 'REBALANCE_IN_PROGRESS';
    case 'Dead':
      return 'COORDINATOR_NOT_AVAILABLE';
  }
}

/** LeaveGroup, batched since v3 (KIP-345); per-member errors. Synchronous. */
export function handleLeaveGroup(c: GroupCoordinatorCore, req: LeaveGroupRequest): LeaveGroupResponse {
  const coordinatorError = c.checkCoordinator(req.groupId);
  const everyMember = (errorName: ErrorName) => req.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorName }));
  if (coordinatorError !== 'NONE') return { errorName: coordinatorError, members: everyMember(coordinatorError) };
  const group = c.groups.get(req.groupId);
  if (group === undefined) return { errorName: 'NONE', members: everyMember('UNKNOWN_MEMBER_ID') };
  if (group.state === 'Dead') return { errorName: 'COORDINATOR_NOT_AVAILABLE', members: everyMember('COORDINATOR_NOT_AVAILABLE') };
  const members = req.members.map((leaving) => {
    const result = (errorName: ErrorName) => ({ memberId: leaving.memberId, groupInstanceId: leaving.groupInstanceId, errorName });
    const reason = leaving.reason ?? 'the consumer left the group';
    if (leaving.groupInstanceId !== null) {
      const memberId = group.staticMembers.get(leaving.groupInstanceId);
      if (memberId === undefined) return result('UNKNOWN_MEMBER_ID');
      if (leaving.memberId !== '' && leaving.memberId !== memberId) return result('FENCED_INSTANCE_ID');
      removeMember(c, group, group.members.get(memberId)!, { kind: 'left', reason });
      return result('NONE');
    }
    const pendingToken = group.pendingMembers.get(leaving.memberId);
    if (pendingToken !== undefined) {
      c.cancelTimer(pendingToken);
      group.pendingMembers.delete(leaving.memberId);
      maybeCompleteJoin(c, group);
      return result('NONE');
    }
    const member = group.members.get(leaving.memberId);
    if (member === undefined) return result('UNKNOWN_MEMBER_ID');
    removeMember(c, group, member, { kind: 'left', reason });
    return result('NONE');
  });
  return { errorName: 'NONE', members };
}
