// DeleteGroups (key 42), versions 0-2: deletes Empty groups and their committed offsets (tombstones in __consumer_offsets), KIP-229.
// Errors per group: NON_EMPTY_GROUP while members remain, GROUP_ID_NOT_FOUND, NOT_COORDINATOR, INVALID_GROUP_ID.
import { deleteGroups, type DeleteGroupsResponse } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinatorRequest, coordinators, NO_COORDINATOR } from './group-common';

export const deleteGroupsHandler = defineHandler(deleteGroups, {
  advertised: { min: 0, max: 2 },
  handle(request, context) {
    const c = coordinators(context);
    const toResponse = (results: { groupId: string; errorName: string }[]): DeleteGroupsResponse => ({
      throttleTimeMs: 0,
      results: results.map((r) => ({ groupId: r.groupId, errorCode: code(r.errorName) })),
    });
    // Issue 16: DELETE on each group (KafkaApis.handleDeleteGroupsRequest).
    const authz = requestAuthorizer(context, 'DeleteGroups');
    const denied = new Set(authz.enabled ? request.groupsNames.filter((g) => !authz.group('DELETE', g)) : []);
    const deniedResults = [...denied].map((groupId) => ({ groupId, errorName: 'GROUP_AUTHORIZATION_FAILED' }));
    const allowed = request.groupsNames.filter((g) => !denied.has(g));
    if (c === null) return toResponse([...deniedResults, ...allowed.map((groupId) => ({ groupId, errorName: NO_COORDINATOR }))]);
    if (allowed.length === 0) return toResponse(deniedResults);
    return coordinatorRequest(context, c, { api: 'DeleteGroups', brokerId: context.brokerId, groupIds: allowed }, (results) => toResponse([...deniedResults, ...results]));
  },
});
