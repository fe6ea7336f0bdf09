// OffsetCommit (key 8), versions 0-9: commits offsets to __consumer_offsets at the group's coordinator, answered once replicated (acks=all).
// Offsets of partitions this broker does not know get UNKNOWN_TOPIC_OR_PARTITION (KafkaApis). generationId -1 with an empty memberId commits for a group without members (admin offset resets, simple consumers); v1 per-partition timestamp, v2-4 retention, v6+ leader epoch (KIP-320), v7+ groupInstanceId.
import { offsetCommit, type OffsetCommitResponse } from '../../protocol';
import type { OffsetCommitResponse as CoordinatorOffsetCommitResponse } from '../../cluster/groups/types';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinatorRequest, coordinators, NO_COORDINATOR } from './group-common';
import { splitUnknownPartitions } from './offset-commit-partitions';

export const offsetCommitHandler = defineHandler(offsetCommit, {
  advertised: { min: 0, max: 9 },
  handle(request, context) {
    const v = context.apiVersion;
    const c = coordinators(context);
    const everyPartition = (errorName: string): OffsetCommitResponse => ({
      throttleTimeMs: 0,
      topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: code(errorName) })) })),
    });
    // Issue 16: READ on the group, then on each topic (KafkaApis.handleOffsetCommitRequest).
    const authz = requestAuthorizer(context, 'OffsetCommit');
    if (!authz.group('READ', request.groupId)) return everyPartition('GROUP_AUTHORIZATION_FAILED');
    const deniedTopics = new Set(authz.enabled ? request.topics.map((t) => t.name).filter((name) => !authz.topic('READ', name)) : []);
    if (c === null) return everyPartition(NO_COORDINATOR);
    const partitions = splitUnknownPartitions(context, request.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        committedOffset: p.committedOffset,
        committedLeaderEpoch: v >= 6 ? p.committedLeaderEpoch : -1,
        commitTimestamp: v === 1 ? p.commitTimestamp : -1,
        committedMetadata: p.committedMetadata,
      })),
    })), deniedTopics);
    const toResponse = (r: CoordinatorOffsetCommitResponse): OffsetCommitResponse => ({
      throttleTimeMs: 0,
      topics: partitions.answer(r.topics).map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: code(p.errorName) })) })),
    });
    if (partitions.known.length === 0) return toResponse({ topics: [] });
    return coordinatorRequest(context, c, { api: 'OffsetCommit', brokerId: context.brokerId, request: {
      groupId: request.groupId,
      generationId: v >= 1 ? request.generationIdOrMemberEpoch : -1,
      memberId: v >= 1 ? request.memberId : '',
      groupInstanceId: v >= 7 ? request.groupInstanceId : null,
      retentionTimeMs: v >= 2 && v <= 4 ? request.retentionTimeMs : -1,
      topics: partitions.known,
    } }, toResponse);
  },
});
