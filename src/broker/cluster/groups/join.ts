/**
 * JoinGroup (API key 10, v0–v9) at the coordinator (Kafka GroupCoordinator.handleJoinGroup).
 * - First join without a memberId: KIP-394 (v4+) answers MEMBER_ID_REQUIRED with a new memberId
 *   the client must rejoin with; older versions join at once.
 * - KIP-345 static members (groupInstanceId, v5+) get a new memberId on every join; the old one
 *   is fenced (FENCED_INSTANCE_ID) and, in a Stable group with unchanged protocols, the member
 *   takes its old place without a rebalance.
 * - A protocol common to every member, else INCONSISTENT_GROUP_PROTOCOL.
 * The answer comes through `respond`, at once for errors, else when the rebalance completes.
 */
import type { GroupCoordinatorCore } from './coordinator-core';
import { memberMetadataFor, selectProtocol, supportsProtocols, type Group, type Member } from './group';
import { NEW_MEMBER_JOIN_TIMEOUT_MS, isLive, joinError, maybeCompleteJoin, maybePrepareRebalance, scheduleSession } from './rebalance';
import type { JoinGroupRequest, JoinGroupResponse } from './types';

type Respond = (r: JoinGroupResponse) => void;

export function handleJoinGroup(c: GroupCoordinatorCore, req: JoinGroupRequest, respond: Respond): void {
  const coordinatorError = c.checkCoordinator(req.groupId);
  if (coordinatorError !== 'NONE') return respond(joinError(req.memberId, coordinatorError));
  if (req.sessionTimeoutMs < c.config('group.min.session.timeout.ms') || req.sessionTimeoutMs > c.config('group.max.session.timeout.ms')) {
    return respond(joinError(req.memberId, 'INVALID_SESSION_TIMEOUT'));
  }
  const isUnknownMember = req.memberId === '';
  const existing = c.groups.get(req.groupId);
  if (existing === undefined && !isUnknownMember) return respond(joinError(req.memberId, 'UNKNOWN_MEMBER_ID'));
  const group = existing ?? c.getOrCreateGroup(req.groupId);
  if (group.state === 'Dead') return respond(joinError(req.memberId, 'COORDINATOR_NOT_AVAILABLE'));
  const joiningAnew = isUnknownMember || group.pendingMembers.has(req.memberId);
  if (joiningAnew && group.members.size >= c.config('group.max.size')) return respond(joinError(req.memberId, 'GROUP_MAX_SIZE_REACHED'));
  if (isUnknownMember) joinNewMember(c, group, req, respond);
  else joinKnownMember(c, group, req, respond);
  if (existing === undefined && group.members.size === 0 && group.pendingMembers.size === 0 && group.offsets.size === 0) c.groups.delete(group.groupId);
}

function joinNewMember(c: GroupCoordinatorCore, group: Group, req: JoinGroupRequest, respond: Respond): void {
  if (!supportsProtocols(group, req.protocolType, req.protocols.map((p) => p.name))) return respond(joinError('', 'INCONSISTENT_GROUP_PROTOCOL'));
  const memberId = c.newMemberId(req.groupInstanceId ?? req.clientId);
  if (req.groupInstanceId !== null) return joinStaticMember(c, group, req, memberId, respond);
  if (req.requireKnownMemberId) {
    const token = c.startTimer(req.sessionTimeoutMs, 'group-pending-member-timeout', () => {
      if (!isLive(c, group) || group.pendingMembers.get(memberId) !== token) return;
      group.pendingMembers.delete(memberId);
      maybeCompleteJoin(c, group);
    });
    group.pendingMembers.set(memberId, token);
    return respond(joinError(memberId, 'MEMBER_ID_REQUIRED'));
  }
  addMemberAndRebalance(c, group, req, memberId, respond);
}

function joinKnownMember(c: GroupCoordinatorCore, group: Group, req: JoinGroupRequest, respond: Respond): void {
  if (group.pendingMembers.has(req.memberId)) {
    if (!supportsProtocols(group, req.protocolType, req.protocols.map((p) => p.name))) return respond(joinError(req.memberId, 'INCONSISTENT_GROUP_PROTOCOL'));
    return addMemberAndRebalance(c, group, req, req.memberId, respond);
  }
  if (req.groupInstanceId !== null) {
    const current = group.staticMembers.get(req.groupInstanceId);
    if (current !== undefined && current !== req.memberId) return respond(joinError(req.memberId, 'FENCED_INSTANCE_ID'));
  }
  const member = group.members.get(req.memberId);
  if (member === undefined) return respond(joinError(req.memberId, 'UNKNOWN_MEMBER_ID'));
  if (!supportsProtocols(group, req.protocolType, req.protocols.map((p) => p.name))) return respond(joinError(req.memberId, 'INCONSISTENT_GROUP_PROTOCOL'));
  switch (group.state) {
    case 'PreparingRebalance':
      return updateMemberAndRebalance(c, group, member, req, respond, `member ${member.memberId} rejoined`);
    case 'CompletingRebalance':
      // A retried JoinGroup of this generation: answer it again unless the protocols changed.
      if (sameProtocols(member, req)) return respond(currentGenerationAnswer(group, member));
      return updateMemberAndRebalance(c, group, member, req, respond, `member ${member.memberId} changed its protocols`);
    case 'Stable':
      if (member.memberId === group.leaderId || !sameProtocols(member, req)) {
        return updateMemberAndRebalance(c, group, member, req, respond, `${member.memberId === group.leaderId ? 'leader' : 'member'} ${member.memberId} rejoined`);
      }
      scheduleSession(c, group, member);
      return respond(currentGenerationAnswer(group, member));
    case 'Empty':
    case 'Dead':
      return respond(joinError(req.memberId, 'UNKNOWN_MEMBER_ID'));
  }
}

/** KIP-345: a known groupInstanceId joining with an unknown memberId replaces the old member. */
function joinStaticMember(c: GroupCoordinatorCore, group: Group, req: JoinGroupRequest, newMemberId: string, respond: Respond): void {
  const oldMemberId = group.staticMembers.get(req.groupInstanceId!);
  const old = oldMemberId === undefined ? undefined : group.members.get(oldMemberId);
  if (old === undefined) return addMemberAndRebalance(c, group, req, newMemberId, respond);
  const member = replaceStaticMember(c, group, old, newMemberId);
  switch (group.state) {
    case 'Stable': {
      const protocolBefore = group.protocolName;
      const previous = { protocols: member.protocols, rebalanceTimeoutMs: member.rebalanceTimeoutMs, sessionTimeoutMs: member.sessionTimeoutMs };
      updateMember(member, req);
      if (selectProtocol(group) !== protocolBefore) {
        member.awaitingJoin = respond;
        return maybePrepareRebalance(c, group, `static member ${req.groupInstanceId} rejoined with other protocols`);
      }
      scheduleSession(c, group, member);
      c.storeGroup(group, null, (errorName) => {
        if (errorName !== 'NONE') {
          Object.assign(member, previous);
          if (isLive(c, group) && group.members.get(newMemberId) === member) replaceStaticMember(c, group, member, old.memberId);
          return respond(joinError(newMemberId, errorName));
        }
        const answer = currentGenerationAnswer(group, member);
        respond({ ...answer, skipAssignment: member.memberId === group.leaderId });
      });
      return;
    }
    case 'CompletingRebalance':
    case 'PreparingRebalance':
      return updateMemberAndRebalance(c, group, member, req, respond, `static member ${req.groupInstanceId} rejoined`);
    case 'Empty':
    case 'Dead':
      return respond(joinError(newMemberId, 'UNKNOWN_MEMBER_ID'));
  }
}

/** Moves a static member to a new memberId; the old id's pending requests get FENCED_INSTANCE_ID. */
function replaceStaticMember(c: GroupCoordinatorCore, group: Group, old: Member, newMemberId: string): Member {
  const join = old.awaitingJoin;
  const sync = old.awaitingSync;
  c.cancelTimer(old.sessionTimer);
  const member: Member = { ...old, memberId: newMemberId, awaitingJoin: null, awaitingSync: null, sessionTimer: 0 };
  group.members.delete(old.memberId);
  group.members.set(newMemberId, member);
  group.staticMembers.set(member.groupInstanceId!, newMemberId);
  if (group.pendingSync.delete(old.memberId)) group.pendingSync.add(newMemberId);
  if (group.leaderId === old.memberId) group.leaderId = newMemberId;
  c.emit({ type: 'group-member-evicted', groupId: group.groupId, memberId: old.memberId, groupInstanceId: old.groupInstanceId, reason: 'fenced-static-member' });
  c.emit({ type: 'group-member-joined', groupId: group.groupId, memberId: newMemberId, groupInstanceId: member.groupInstanceId, clientId: member.clientId });
  join?.({ errorName: 'FENCED_INSTANCE_ID', generationId: -1, protocolType: null, protocolName: null, leader: '', skipAssignment: false, memberId: old.memberId, members: [] });
  sync?.({ errorName: 'FENCED_INSTANCE_ID', protocolType: null, protocolName: null, assignment: Buffer.alloc(0) });
  return member;
}

function addMemberAndRebalance(c: GroupCoordinatorCore, group: Group, req: JoinGroupRequest, memberId: string, respond: Respond): void {
  const member: Member = {
    memberId, groupInstanceId: req.groupInstanceId, clientId: req.clientId, clientHost: req.clientHost,
    rebalanceTimeoutMs: req.rebalanceTimeoutMs, sessionTimeoutMs: req.sessionTimeoutMs, protocolType: req.protocolType,
    protocols: req.protocols, assignment: Buffer.alloc(0), awaitingJoin: respond, awaitingSync: null, isNew: true,
    sessionTimer: 0, lastHeartbeatMs: c.now(),
  };
  const pendingToken = group.pendingMembers.get(memberId);
  if (pendingToken !== undefined) c.cancelTimer(pendingToken);
  group.pendingMembers.delete(memberId);
  if (group.members.size === 0) group.protocolType = req.protocolType;
  if (group.state === 'PreparingRebalance' && group.generationId === 0) group.newMemberAdded = true;
  group.members.set(memberId, member);
  if (member.groupInstanceId !== null) group.staticMembers.set(member.groupInstanceId, memberId);
  if (group.leaderId === null) group.leaderId = memberId;
  c.emit({ type: 'group-member-joined', groupId: group.groupId, memberId, groupInstanceId: member.groupInstanceId, clientId: member.clientId });
  scheduleSession(c, group, member, NEW_MEMBER_JOIN_TIMEOUT_MS);
  maybePrepareRebalance(c, group, `member ${memberId} joined`);
}

function updateMember(member: Member, req: JoinGroupRequest): void {
  member.protocols = req.protocols;
  member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
  member.sessionTimeoutMs = req.sessionTimeoutMs;
}

function updateMemberAndRebalance(c: GroupCoordinatorCore, group: Group, member: Member, req: JoinGroupRequest, respond: Respond, reason: string): void {
  updateMember(member, req);
  const previous = member.awaitingJoin;
  member.awaitingJoin = respond;
  // A duplicate JoinGroup replaces the older one, which must still be answered (responses stay in order).
  previous?.(joinError(member.memberId, 'REBALANCE_IN_PROGRESS'));
  maybePrepareRebalance(c, group, reason);
}

function sameProtocols(member: Member, req: JoinGroupRequest): boolean {
  return member.protocols.length === req.protocols.length
    && member.protocols.every((p, i) => p.name === req.protocols[i]!.name && p.metadata.equals(req.protocols[i]!.metadata));
}

function currentGenerationAnswer(group: Group, member: Member): JoinGroupResponse {
  const isLeader = member.memberId === group.leaderId;
  return {
    errorName: 'NONE', generationId: group.generationId, protocolType: group.protocolType, protocolName: group.protocolName,
    leader: group.leaderId ?? '', skipAssignment: false, memberId: member.memberId,
    members: isLeader ? [...group.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: memberMetadataFor(m, group.protocolName) })) : [],
  };
}

