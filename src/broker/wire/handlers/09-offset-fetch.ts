// OffsetFetch (key 9), versions 0-9: a group's committed offsets from its coordinator; offset -1 where none is committed.
// v2+ a null topic list asks for every committed partition; v7+ requireStable answers UNSTABLE_OFFSET_COMMIT for pending transactional commits (KIP-447); v8+ batches groups (KIP-709).
import { offsetFetch, type OffsetFetchResponsePartition } from '../../protocol';
import type { OffsetFetchGroupRequest, OffsetFetchGroupResponse } from '../../cluster/groups/types';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinators, NO_COORDINATOR } from './group-common';

export const offsetFetchHandler = defineHandler(offsetFetch, {
  advertised: { min: 0, max: 9 },
  handle(request, context) {
    const v = context.apiVersion;
    const groups: OffsetFetchGroupRequest[] = v >= 8
      ? request.groups.map((g) => ({ groupId: g.groupId, topics: g.topics }))
      : [{ groupId: request.groupId, topics: request.topics }];
    const c = coordinators(context);
    // Issue 16: DESCRIBE on each group (GROUP_AUTHORIZATION_FAILED); topics the principal may not DESCRIBE
    // are answered TOPIC_AUTHORIZATION_FAILED, or left out of an all-topics answer (KafkaApis.handleOffsetFetchRequest).
    const authz = requestAuthorizer(context, 'OffsetFetch');
    const deniedGroups = new Set(authz.enabled ? groups.map((g) => g.groupId).filter((g) => !authz.group('DESCRIBE', g)) : []);
    const fetched = c === null
      ? groups.map((g): OffsetFetchGroupResponse => ({ groupId: g.groupId, errorName: NO_COORDINATOR, topics: [] }))
      : c.groups.offsetFetch(context.brokerId, groups.filter((g) => !deniedGroups.has(g.groupId)), v >= 7 && request.requireStable);
    const byGroup = new Map(fetched.map((g) => [g.groupId, g]));
    const results = groups.map((g): OffsetFetchGroupResponse => {
      if (deniedGroups.has(g.groupId)) return { groupId: g.groupId, errorName: 'GROUP_AUTHORIZATION_FAILED', topics: [] };
      const r = byGroup.get(g.groupId)!;
      if (!authz.enabled) return r;
      const named = g.topics !== null;
      return { ...r, topics: r.topics.flatMap((t) => authz.topic('DESCRIBE', t.name, named) ? [t] : named ? [{ ...t, partitions: t.partitions.map((p) => ({ ...p, committedOffset: -1, errorName: 'TOPIC_AUTHORIZATION_FAILED' })) }] : []) };
    });
    if (v >= 8) {
      return { throttleTimeMs: 0, groups: results.map((g) => ({ groupId: g.groupId, topics: g.topics.map(toTopic), errorCode: code(g.errorName) })) };
    }
    const g = results[0]!;
    if (v >= 2) return { throttleTimeMs: 0, topics: g.topics.map(toTopic), errorCode: code(g.errorName) };
    // v0-1 have no top-level error: a group error is reported on every requested partition.
    const topics = g.errorName === 'NONE'
      ? g.topics.map(toTopic)
      : (request.topics ?? []).map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, committedOffset: -1, metadata: '', errorCode: code(g.errorName) })) }));
    return { throttleTimeMs: 0, topics };
  },
});

function toTopic(t: OffsetFetchGroupResponse['topics'][number]): { name: string; partitions: OffsetFetchResponsePartition[] } {
  return {
    name: t.name,
    partitions: t.partitions.map((p) => ({
      partitionIndex: p.partitionIndex,
      committedOffset: p.committedOffset,
      committedLeaderEpoch: p.committedLeaderEpoch,
      metadata: p.metadata,
      errorCode: code(p.errorName),
    })),
  };
}
