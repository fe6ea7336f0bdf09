/**
 * DescribeGroups (key 15, v0–v5), ListGroups (key 16, v0–v5) and DeleteGroups (key 42, v0–v2)
 * at the coordinator (Kafka GroupCoordinator.handleDescribeGroup / handleListGroups /
 * handleDeleteGroups). Synchronous; DeleteGroups writes its tombstones through the append path.
 */
import type { GroupCoordinatorCore } from './coordinator-core';
import { memberMetadataFor } from './group';
import { groupTombstone, writeOffsetTombstones } from './offsets';
import type { DescribedGroup, ErrorName, ListedGroup } from './types';

/** Kafka's GroupSummary: protocol and member metadata only when Stable; an unknown group is reported Dead with NONE. */
export function describeGroup(c: GroupCoordinatorCore, groupId: string): DescribedGroup {
  const coordinatorError = c.checkCoordinator(groupId);
  const dead = (errorName: ErrorName): DescribedGroup => ({ errorName, groupId, groupState: 'Dead', protocolType: '', protocolData: '', members: [] });
  if (coordinatorError !== 'NONE') return dead(coordinatorError);
  const group = c.groups.get(groupId);
  if (group === undefined) return dead('NONE');
  const stable = group.state === 'Stable';
  return {
    errorName: 'NONE', groupId, groupState: group.state, protocolType: group.protocolType ?? '',
    protocolData: stable ? group.protocolName ?? '' : '',
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId, groupInstanceId: m.groupInstanceId, clientId: m.clientId, clientHost: m.clientHost,
      memberMetadata: stable ? memberMetadataFor(m, group.protocolName) : Buffer.alloc(0),
      memberAssignment: stable ? m.assignment : Buffer.alloc(0),
    })),
  };
}

/**
 * Groups this broker coordinates. statesFilter (v4+, KIP-518) and typesFilter (v5+, KIP-848:
 * every group here is 'classic') match case-insensitively; empty filters match everything.
 */
export function listGroups(c: GroupCoordinatorCore, statesFilter: string[], typesFilter: string[]): ListedGroup[] {
  const states = new Set(statesFilter.map((s) => s.toLowerCase()));
  const types = new Set(typesFilter.map((s) => s.toLowerCase()));
  if (types.size > 0 && !types.has('classic')) return [];
  return [...c.groups.values()]
    .filter((g) => states.size === 0 || states.has(g.state.toLowerCase()))
    .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? '', groupState: g.state, groupType: 'classic' }))
    .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
}

/** Deletes an Empty group with its offsets (tombstones); NON_EMPTY_GROUP while members remain, GROUP_ID_NOT_FOUND if unknown. */
export function deleteGroup(c: GroupCoordinatorCore, groupId: string): ErrorName {
  const coordinatorError = c.checkCoordinator(groupId);
  if (coordinatorError !== 'NONE') return coordinatorError;
  const group = c.groups.get(groupId);
  if (group === undefined || group.state === 'Dead') return 'GROUP_ID_NOT_FOUND';
  if (group.state !== 'Empty') return 'NON_EMPTY_GROUP';
  for (const token of group.pendingMembers.values()) c.cancelTimer(token);
  c.transition(group, 'Dead');
  c.groups.delete(groupId);
  writeOffsetTombstones(c, group, [...group.offsets.values()], 'group-deleted', [groupTombstone(group)]);
  c.emit({ type: 'group-deleted', groupId });
  return 'NONE';
}
