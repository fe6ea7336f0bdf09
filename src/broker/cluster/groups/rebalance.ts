/**
 * The rebalance machinery of the classic protocol (Kafka GroupCoordinator.scala):
 * PreparingRebalance waits for every member to (re)join — InitialDelayedJoin for an Empty group
 * (group.initial.rebalance.delay.ms, extended while new members keep arriving, bounded by the
 * rebalance timeout), DelayedJoin otherwise (completes as soon as all members joined, or at the
 * largest rebalanceTimeoutMs, evicting the members that did not rejoin). Completing the join
 * starts a new generation in CompletingRebalance and answers every pending JoinGroup; the
 * leader's SyncGroup then makes it Stable. Session timers evict silent members.
 */
import type { GroupCoordinatorCore } from './coordinator-core';
import { allMembersJoined, memberMetadataFor, selectProtocol, type Group, type Member } from './group';
import type { ErrorName, JoinGroupResponse } from './types';

/** Kafka GroupCoordinator.NewMemberJoinTimeoutMs: a member that joined but never completed its first rebalance. */
export const NEW_MEMBER_JOIN_TIMEOUT_MS = 300_000;

export function joinError(memberId: string, errorName: ErrorName): JoinGroupResponse {
  return { errorName, generationId: -1, protocolType: null, protocolName: null, leader: '', skipAssignment: false, memberId, members: [] };
}

/** True while `group` is still the live object of this coordinator (not unloaded or deleted). */
export function isLive(c: GroupCoordinatorCore, group: Group): boolean {
  return c.groups.get(group.groupId) === group;
}

/** Restarts a member's session timer (Kafka: completeAndScheduleNextHeartbeatExpiration). */
export function scheduleSession(c: GroupCoordinatorCore, group: Group, member: Member, timeoutMs = member.sessionTimeoutMs): void {
  c.cancelTimer(member.sessionTimer);
  member.lastHeartbeatMs = c.now();
  member.sessionTimer = c.startTimer(timeoutMs, 'group-session-timeout', () => {
    if (!isLive(c, group) || group.members.get(member.memberId) !== member) return;
    // Kafka MemberMetadata.shouldKeepAlive: members waiting in a rebalance are kept alive by the
    // rebalance / pending-sync timers instead, except new members past NewMemberJoinTimeoutMs.
    if ((member.awaitingJoin !== null && !member.isNew) || member.awaitingSync !== null) {
      scheduleSession(c, group, member);
      return;
    }
    removeMember(c, group, member, { kind: 'evicted', reason: 'session-timeout' });
  });
}

function rebalanceTimeoutMs(group: Group): number {
  let max = 0;
  for (const m of group.members.values()) max = Math.max(max, m.rebalanceTimeoutMs);
  return max;
}

/** Starts a rebalance from Stable, CompletingRebalance or Empty; in PreparingRebalance, checks whether the join can complete. */
export function maybePrepareRebalance(c: GroupCoordinatorCore, group: Group, reason: string): void {
  switch (group.state) {
    case 'Stable':
    case 'CompletingRebalance':
    case 'Empty':
      prepareRebalance(c, group, reason);
      return;
    case 'PreparingRebalance':
      maybeCompleteJoin(c, group);
      return;
    case 'Dead':
      return;
  }
}

function prepareRebalance(c: GroupCoordinatorCore, group: Group, reason: string): void {
  if (group.state === 'CompletingRebalance') resetAndPropagateAssignmentError(c, group, 'REBALANCE_IN_PROGRESS');
  c.cancelTimer(group.syncTimer);
  group.syncTimer = 0;
  group.pendingSync.clear();
  const wasEmpty = group.state === 'Empty';
  c.transition(group, 'PreparingRebalance');
  c.emit({ type: 'group-rebalance-started', groupId: group.groupId, generationId: group.generationId, reason, memberCount: group.members.size });
  c.cancelTimer(group.joinTimer);
  if (wasEmpty) {
    const initialDelay = c.config('group.initial.rebalance.delay.ms');
    scheduleInitialJoin(c, group, initialDelay, Math.max(rebalanceTimeoutMs(group) - initialDelay, 0));
  } else {
    group.initialDelayActive = false;
    group.joinTimer = c.startTimer(rebalanceTimeoutMs(group), 'group-rebalance-timeout', () => {
      group.joinTimer = 0;
      onCompleteJoin(c, group);
    });
    maybeCompleteJoin(c, group);
  }
}

/** Kafka InitialDelayedJoin: waits `delayMs`, again while new members arrived, never past the rebalance timeout. */
function scheduleInitialJoin(c: GroupCoordinatorCore, group: Group, delayMs: number, remainingMs: number): void {
  group.initialDelayActive = true;
  group.joinTimer = c.startTimer(delayMs, 'group-initial-rebalance-delay', () => {
    group.joinTimer = 0;
    if (group.newMemberAdded && remainingMs !== 0) {
      group.newMemberAdded = false;
      const initialDelay = c.config('group.initial.rebalance.delay.ms');
      scheduleInitialJoin(c, group, Math.min(initialDelay, remainingMs), Math.max(remainingMs - initialDelay, 0));
    } else {
      group.initialDelayActive = false;
      onCompleteJoin(c, group);
    }
  });
}

/** DelayedJoin.tryComplete: finish the join phase once every member has rejoined. */
export function maybeCompleteJoin(c: GroupCoordinatorCore, group: Group): void {
  if (group.state !== 'PreparingRebalance' || group.initialDelayActive || !allMembersJoined(group)) return;
  c.cancelTimer(group.joinTimer);
  group.joinTimer = 0;
  onCompleteJoin(c, group);
}

function onCompleteJoin(c: GroupCoordinatorCore, group: Group): void {
  if (!isLive(c, group) || group.state !== 'PreparingRebalance') return;
  for (const m of [...group.members.values()]) {
    if (m.awaitingJoin === null) removeMember(c, group, m, { kind: 'evicted', reason: 'rebalance-timeout' }, false);
  }
  if (group.members.size === 0) {
    group.generationId++;
    group.protocolName = null;
    group.leaderId = null;
    c.transition(group, 'Empty');
    c.storeGroup(group, null, () => undefined);
    return;
  }
  if (group.leaderId === null || !group.members.has(group.leaderId)) group.leaderId = group.members.keys().next().value!;
  group.generationId++;
  group.protocolName = selectProtocol(group);
  c.transition(group, 'CompletingRebalance');
  const protocolName = group.protocolName;
  const allMembers = [...group.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: memberMetadataFor(m, protocolName) }));
  for (const m of group.members.values()) {
    const respond = m.awaitingJoin!;
    m.awaitingJoin = null;
    m.isNew = false;
    group.pendingSync.add(m.memberId);
    scheduleSession(c, group, m);
    respond({
      errorName: 'NONE', generationId: group.generationId, protocolType: group.protocolType, protocolName,
      leader: group.leaderId, skipAssignment: false, memberId: m.memberId,
      members: m.memberId === group.leaderId ? allMembers : [],
    });
  }
  schedulePendingSync(c, group);
}

/** Kafka schedulePendingSync: members that never send SyncGroup within the rebalance timeout are removed. */
function schedulePendingSync(c: GroupCoordinatorCore, group: Group): void {
  c.cancelTimer(group.syncTimer);
  const generationId = group.generationId;
  group.syncTimer = c.startTimer(rebalanceTimeoutMs(group), 'group-pending-sync', () => {
    group.syncTimer = 0;
    if (!isLive(c, group) || group.generationId !== generationId) return;
    if (group.state !== 'CompletingRebalance' && group.state !== 'Stable') return;
    const missing = [...group.pendingSync].map((id) => group.members.get(id)).filter((m): m is Member => m !== undefined);
    group.pendingSync.clear();
    for (const m of missing) removeMember(c, group, m, { kind: 'evicted', reason: 'sync-timeout' }, false);
    if (missing.length > 0) maybePrepareRebalance(c, group, `members ${missing.map((m) => m.memberId).join(', ')} did not sync`);
  });
}

/** The leader's assignment reached the coordinator and was stored: answer every pending SyncGroup, become Stable. */
export function setAndPropagateAssignment(c: GroupCoordinatorCore, group: Group, assignments: Map<string, Buffer>): void {
  for (const m of group.members.values()) m.assignment = assignments.get(m.memberId) ?? Buffer.alloc(0);
  for (const m of group.members.values()) {
    if (m.awaitingSync === null) continue;
    const respond = m.awaitingSync;
    m.awaitingSync = null;
    scheduleSession(c, group, m);
    respond({ errorName: 'NONE', protocolType: group.protocolType, protocolName: group.protocolName, assignment: m.assignment });
  }
  c.transition(group, 'Stable');
  c.emit({ type: 'group-stabilized', groupId: group.groupId, generationId: group.generationId, protocol: group.protocolName, leaderId: group.leaderId, members: [...group.members.keys()] });
}

export function resetAndPropagateAssignmentError(c: GroupCoordinatorCore, group: Group, errorName: ErrorName): void {
  for (const m of group.members.values()) {
    m.assignment = Buffer.alloc(0);
    if (m.awaitingSync === null) continue;
    const respond = m.awaitingSync;
    m.awaitingSync = null;
    scheduleSession(c, group, m);
    respond({ errorName, protocolType: group.protocolType, protocolName: group.protocolName, assignment: Buffer.alloc(0) });
  }
}

export type Removal =
  | { kind: 'left'; reason: string }
  | { kind: 'evicted'; reason: 'session-timeout' | 'rebalance-timeout' | 'sync-timeout' | 'fenced-static-member' };

/**
 * Removes a member (Kafka removeMemberAndUpdateGroup): its pending JoinGroup/SyncGroup get
 * UNKNOWN_MEMBER_ID, leadership passes to the next member, and the group rebalances unless
 * `updateGroup` is false (used while completing a join, which handles the group itself).
 */
export function removeMember(c: GroupCoordinatorCore, group: Group, member: Member, removal: Removal, updateGroup = true): void {
  c.cancelTimer(member.sessionTimer);
  group.members.delete(member.memberId);
  group.pendingSync.delete(member.memberId);
  if (member.groupInstanceId !== null && group.staticMembers.get(member.groupInstanceId) === member.memberId) group.staticMembers.delete(member.groupInstanceId);
  if (group.leaderId === member.memberId) group.leaderId = group.members.keys().next().value ?? null;
  const base = { groupId: group.groupId, memberId: member.memberId, groupInstanceId: member.groupInstanceId };
  if (removal.kind === 'left') c.emit({ type: 'group-member-left', ...base, reason: removal.reason });
  else c.emit({ type: 'group-member-evicted', ...base, reason: removal.reason });
  const join = member.awaitingJoin;
  const sync = member.awaitingSync;
  member.awaitingJoin = null;
  member.awaitingSync = null;
  join?.(joinError(member.memberId, 'UNKNOWN_MEMBER_ID'));
  sync?.({ errorName: 'UNKNOWN_MEMBER_ID', protocolType: null, protocolName: null, assignment: Buffer.alloc(0) });
  if (updateGroup) maybePrepareRebalance(c, group, `member ${member.memberId} removed (${removal.reason})`);
}
