// OffsetDelete (key 47), version 0: deletes a group's committed offsets of partitions it no longer consumes (KIP-496).
// Per partition GROUP_SUBSCRIBED_TO_TOPIC while a member subscribes to the topic; top level GROUP_ID_NOT_FOUND, NOT_COORDINATOR, NON_EMPTY_GROUP.
import { offsetDelete, type OffsetDeleteResponse } from '../../protocol';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinatorRequest, coordinators, NO_COORDINATOR } from './group-common';

export const offsetDeleteHandler = defineHandler(offsetDelete, {
  advertised: { min: 0, max: 0 },
  handle(request, context) {
    const c = coordinators(context);
    if (c === null) return { errorCode: code(NO_COORDINATOR), throttleTimeMs: 0, topics: [] };
    return coordinatorRequest(context, c, { api: 'OffsetDelete', brokerId: context.brokerId, request: {
      groupId: request.groupId,
      topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex })) })),
    } }, (r): OffsetDeleteResponse => ({
      errorCode: code(r.errorName),
      throttleTimeMs: 0,
      topics: r.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: code(p.errorName) })) })),
    }));
  },
});
