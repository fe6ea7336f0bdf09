/**
 * Committed offsets: OffsetCommit (key 8, v0–v9), TxnOffsetCommit (key 28, v0–v3), OffsetFetch
 * (key 9, v0–v9), OffsetDelete (key 47) and retention (KIP-211), after Kafka's
 * GroupCoordinator / GroupMetadataManager. Every commit is appended to __consumer_offsets
 * (OffsetCommitKey v1 / OffsetCommitValue v3) and becomes visible once replicated; transactional
 * commits (KIP-98) stay pending until the transaction's COMMIT marker reaches the partition.
 */
import type { GroupCoordinatorCore, OffsetsRecord } from './coordinator-core';
import { mapStoreOffsetsError } from './coordinator-core';
import { hasPendingCommitsFor, offsetKey, subscribedTopics, type CommittedOffset, type Group } from './group';
import { encodeGroupMetadataKey, encodeOffsetCommitKey, encodeOffsetCommitValue } from './offsets-log-format';
import { isLive, scheduleSession } from './rebalance';
import type {
  ErrorName, OffsetCommitRequest, OffsetCommitResponse, OffsetDeleteRequest, OffsetDeleteResponse,
  OffsetFetchGroupRequest, OffsetFetchGroupResponse, PartitionErrors, TxnOffsetCommitRequest,
} from './types';

type StoredOffset = CommittedOffset & { topic: string; partition: number };
type CommitTopics = { name: string; partitions: { partitionIndex: number; committedOffset: number; committedLeaderEpoch: number; commitTimestamp?: number; committedMetadata: string | null }[] }[];

function everyPartition(topics: CommitTopics, errorName: ErrorName): OffsetCommitResponse {
  return { topics: topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorName })) })) };
}

function isStaticMemberFenced(group: Group, groupInstanceId: string | null, memberId: string): boolean {
  const current = groupInstanceId === null ? undefined : group.staticMembers.get(groupInstanceId);
  return current !== undefined && current !== memberId;
}

export function handleOffsetCommit(c: GroupCoordinatorCore, req: OffsetCommitRequest, respond: (r: OffsetCommitResponse) => void): void {
  const coordinatorError = c.checkCoordinator(req.groupId);
  if (coordinatorError !== 'NONE') return respond(everyPartition(req.topics, coordinatorError));
  let group = c.groups.get(req.groupId);
  if (group === undefined) {
    // Simple consumers (generationId < 0) commit without group management: the group is created Empty.
    if (req.generationId >= 0) return respond(everyPartition(req.topics, 'ILLEGAL_GENERATION'));
    group = c.getOrCreateGroup(req.groupId);
  }
  let error: ErrorName = 'NONE';
  if (group.state === 'Dead') error = 'COORDINATOR_NOT_AVAILABLE';
  else if (isStaticMemberFenced(group, req.groupInstanceId, req.memberId)) error = 'FENCED_INSTANCE_ID';
  else if (req.generationId < 0 && group.state === 'Empty') error = 'NONE';
  else if (group.state === 'CompletingRebalance') error = 'REBALANCE_IN_PROGRESS';
  else if (!group.members.has(req.memberId)) error = 'UNKNOWN_MEMBER_ID';
  else if (req.generationId !== group.generationId) error = 'ILLEGAL_GENERATION';
  if (error !== 'NONE') return respond(everyPartition(req.topics, error));
  const member = group.members.get(req.memberId);
  if (member !== undefined) scheduleSession(c, group, member);
  storeOffsets(c, group, req.topics, req.retentionTimeMs, req.generationId, null, respond);
}

export function handleTxnOffsetCommit(c: GroupCoordinatorCore, req: TxnOffsetCommitRequest, respond: (r: OffsetCommitResponse) => void): void {
  const coordinatorError = c.checkCoordinator(req.groupId);
  if (coordinatorError !== 'NONE') return respond(everyPartition(req.topics, coordinatorError));
  const group = c.getOrCreateGroup(req.groupId);
  let error: ErrorName = 'NONE';
  if (group.state === 'Dead') error = 'COORDINATOR_NOT_AVAILABLE';
  else if (isStaticMemberFenced(group, req.groupInstanceId, req.memberId)) error = 'FENCED_INSTANCE_ID';
  else if (req.memberId !== '' && !group.members.has(req.memberId)) error = 'UNKNOWN_MEMBER_ID';
  else if (req.generationId >= 0 && req.generationId !== group.generationId) error = 'ILLEGAL_GENERATION';
  if (error !== 'NONE') return respond(everyPartition(req.topics, error));
  group.usesTransactions = true;
  storeOffsets(c, group, req.topics, -1, req.generationId, { producerId: req.producerId, producerEpoch: req.producerEpoch }, respond);
}

function storeOffsets(c: GroupCoordinatorCore, group: Group, topics: CommitTopics, retentionTimeMs: number, generationId: number, txn: { producerId: number; producerEpoch: number } | null, respond: (r: OffsetCommitResponse) => void): void {
  const now = c.now();
  const maxMetadata = c.config('offset.metadata.max.bytes');
  const results: PartitionErrors[] = topics.map((t) => ({ name: t.name, partitions: [] }));
  const accepted: { result: { partitionIndex: number; errorName: ErrorName }; key: string; offset: StoredOffset }[] = [];
  topics.forEach((t, ti) => {
    for (const p of t.partitions) {
      const metadata = p.committedMetadata ?? '';
      const result = { partitionIndex: p.partitionIndex, errorName: 'NONE' as ErrorName };
      results[ti]!.partitions.push(result);
      if (Buffer.byteLength(metadata, 'utf8') > maxMetadata) {
        result.errorName = 'OFFSET_METADATA_TOO_LARGE';
        continue;
      }
      const commitTimestampMs = p.commitTimestamp !== undefined && p.commitTimestamp >= 0 ? p.commitTimestamp : now;
      accepted.push({
        result, key: offsetKey(t.name, p.partitionIndex),
        offset: {
          topic: t.name, partition: p.partitionIndex, offset: p.committedOffset, leaderEpoch: p.committedLeaderEpoch, metadata,
          commitTimestampMs, expireTimestampMs: retentionTimeMs >= 0 ? now + retentionTimeMs : -1, recordOffset: -1, commitGenerationId: generationId,
        },
      });
    }
  });
  if (accepted.length === 0) return respond({ topics: results });
  const pendingTxn = txn === null ? null : pendingTransactionalMap(group, txn.producerId);
  for (const a of accepted) {
    if (pendingTxn === null) group.pendingOffsetCommits.set(a.key, (group.pendingOffsetCommits.get(a.key) ?? 0) + 1);
    else pendingTxn.set(a.key, a.offset);
  }
  const records: OffsetsRecord[] = accepted.map((a) => ({
    key: encodeOffsetCommitKey(group.groupId, a.offset.topic, a.offset.partition),
    value: encodeOffsetCommitValue({ offset: a.offset.offset, leaderEpoch: a.offset.leaderEpoch, metadata: a.offset.metadata, commitTimestamp: a.offset.commitTimestampMs, expireTimestamp: a.offset.expireTimestampMs }),
  }));
  c.appendOffsetsRecords(group.offsetsPartition, records, (appendError, baseOffset) => {
    const errorName = mapStoreOffsetsError(appendError);
    accepted.forEach((a, i) => {
      a.result.errorName = errorName;
      if (pendingTxn === null) {
        const left = (group.pendingOffsetCommits.get(a.key) ?? 1) - 1;
        if (left > 0) group.pendingOffsetCommits.set(a.key, left);
        else group.pendingOffsetCommits.delete(a.key);
        if (errorName === 'NONE') group.offsets.set(a.key, { ...a.offset, recordOffset: baseOffset + i });
      } else if (errorName === 'NONE') {
        a.offset.recordOffset = baseOffset + i;
      } else if (pendingTxn.get(a.key) === a.offset) {
        pendingTxn.delete(a.key);
      }
    });
    if (pendingTxn !== null && pendingTxn.size === 0) group.pendingTransactionalOffsets.delete(txn!.producerId);
    if (errorName === 'NONE' && pendingTxn === null) c.noteOffsetsCommitted(group.groupId, accepted.map((a) => a.key), false);
    respond({ topics: results });
  }, txn ?? undefined);
}

function pendingTransactionalMap(group: Group, producerId: number): Map<string, StoredOffset> {
  let pending = group.pendingTransactionalOffsets.get(producerId);
  if (pending === undefined) {
    pending = new Map();
    group.pendingTransactionalOffsets.set(producerId, pending);
  }
  return pending;
}

/**
 * A transaction marker for producerId landed in __consumer_offsets partition `offsetsPartition`
 * (Kafka: GroupCoordinator.scheduleHandleTxnCompletion): COMMIT makes its pending offsets the
 * committed ones (unless a later plain commit already superseded them), ABORT discards them.
 */
export function completeTransactionalOffsets(c: GroupCoordinatorCore, offsetsPartition: number, producerId: number, commit: boolean): void {
  for (const group of c.groups.values()) {
    if (group.offsetsPartition !== offsetsPartition) continue;
    const pending = group.pendingTransactionalOffsets.get(producerId);
    if (pending === undefined) continue;
    group.pendingTransactionalOffsets.delete(producerId);
    if (!commit) {
      c.emit({ type: 'offsets-deleted', groupId: group.groupId, count: pending.size, reason: 'transaction-aborted' });
      continue;
    }
    for (const [key, offset] of pending) {
      const existing = group.offsets.get(key);
      if (existing === undefined || existing.recordOffset < offset.recordOffset) group.offsets.set(key, offset);
    }
    c.noteOffsetsCommitted(group.groupId, pending.keys(), true);
  }
}

/** OffsetFetch for one group (v8+ sends several; the handler loops). Synchronous. */
export function handleOffsetFetch(c: GroupCoordinatorCore, req: OffsetFetchGroupRequest, requireStable: boolean): OffsetFetchGroupResponse {
  const coordinatorError = c.checkCoordinator(req.groupId);
  if (coordinatorError !== 'NONE') return { groupId: req.groupId, errorName: coordinatorError, topics: [] };
  const group = c.groups.get(req.groupId);
  const live = group !== undefined && group.state !== 'Dead' ? group : undefined;
  const requested = req.topics ?? allCommittedTopics(live);
  const topics = requested.map((t) => ({
    name: t.name,
    partitions: t.partitionIndexes.map((partitionIndex) => {
      const key = offsetKey(t.name, partitionIndex);
      if (live !== undefined && requireStable && hasPendingCommitsFor(live, key)) {
        return { partitionIndex, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorName: 'UNSTABLE_OFFSET_COMMIT' };
      }
      const committed = live?.offsets.get(key);
      if (committed === undefined) return { partitionIndex, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorName: 'NONE' };
      return { partitionIndex, committedOffset: committed.offset, committedLeaderEpoch: committed.leaderEpoch, metadata: committed.metadata, errorName: 'NONE' };
    }),
  }));
  return { groupId: req.groupId, errorName: 'NONE', topics };
}

function allCommittedTopics(group: Group | undefined): { name: string; partitionIndexes: number[] }[] {
  const byTopic = new Map<string, number[]>();
  for (const o of group?.offsets.values() ?? []) {
    const list = byTopic.get(o.topic) ?? [];
    list.push(o.partition);
    byTopic.set(o.topic, list);
  }
  return [...byTopic.keys()].sort().map((name) => ({ name, partitionIndexes: byTopic.get(name)!.sort((a, b) => a - b) }));
}

/** OffsetDelete (KIP-496): refused per partition with GROUP_SUBSCRIBED_TO_TOPIC while a member consumes the topic. */
export function handleOffsetDelete(c: GroupCoordinatorCore, req: OffsetDeleteRequest): OffsetDeleteResponse {
  const coordinatorError = c.checkCoordinator(req.groupId);
  if (coordinatorError !== 'NONE') return { errorName: coordinatorError, topics: [] };
  const group = c.groups.get(req.groupId);
  if (group === undefined || group.state === 'Dead') return { errorName: 'GROUP_ID_NOT_FOUND', topics: [] };
  let subscribed: Set<string> | null = new Set();
  if (group.state !== 'Empty') {
    if (group.protocolType !== 'consumer') return { errorName: 'NON_EMPTY_GROUP', topics: [] };
    subscribed = subscribedTopics(group);
  }
  const removed: StoredOffset[] = [];
  const topics = req.topics.map((t) => {
    const refused = subscribed === null || subscribed.has(t.name);
    return {
      name: t.name,
      partitions: t.partitions.map(({ partitionIndex }) => {
        if (refused) return { partitionIndex, errorName: 'GROUP_SUBSCRIBED_TO_TOPIC' };
        const key = offsetKey(t.name, partitionIndex);
        const offset = group.offsets.get(key);
        if (offset !== undefined) {
          group.offsets.delete(key);
          removed.push(offset);
        }
        return { partitionIndex, errorName: 'NONE' };
      }),
    };
  });
  writeOffsetTombstones(c, group, removed, 'offset-delete');
  return { errorName: 'NONE', topics };
}

export function writeOffsetTombstones(c: GroupCoordinatorCore, group: Group, removed: StoredOffset[], reason: 'offset-delete' | 'retention' | 'group-deleted', extra: OffsetsRecord[] = [], done?: (errorName: ErrorName) => void): void {
  const records: OffsetsRecord[] = [...removed.map((o) => ({ key: encodeOffsetCommitKey(group.groupId, o.topic, o.partition), value: null })), ...extra];
  if (removed.length > 0) c.emit({ type: 'offsets-deleted', groupId: group.groupId, count: removed.length, reason });
  if (records.length === 0) return done?.('NONE');
  c.appendOffsetsRecords(group.offsetsPartition, records, (errorName) => done?.(mapStoreOffsetsError(errorName)));
}

/**
 * Offset retention (KIP-211), run every offsets.retention.check.interval.ms: an Empty group's
 * offsets expire offsets.retention.ms after it became Empty (a simple consumer's, after the commit); a consumer group's offsets of topics
 * no member subscribes to expire that long after their commit; an explicit expireTimestamp (v1
 * value) wins. An Empty group left without offsets becomes Dead and is removed (with a tombstone).
 */
export function expireOffsets(c: GroupCoordinatorCore, group: Group): void {
  if (!isLive(c, group)) return;
  const now = c.now();
  const retentionMs = c.config('offsets.retention.ms');
  const empty = group.state === 'Empty';
  const subscribed = empty ? null : group.protocolType === 'consumer' ? subscribedTopics(group) : null;
  if (!empty && subscribed === null) return;
  const expired: StoredOffset[] = [];
  for (const [key, o] of group.offsets) {
    if (!empty && subscribed!.has(o.topic)) continue;
    if (hasPendingCommitsFor(group, key)) continue;
    // Simple consumers (no protocolType) count from the commit; an Empty consumer group from when it became Empty.
    const base = empty && group.protocolType !== null && group.stateTimestampMs >= 0 ? group.stateTimestampMs : o.commitTimestampMs;
    const due = o.expireTimestampMs >= 0 ? now >= o.expireTimestampMs : now - base >= retentionMs;
    if (due) expired.push(o);
  }
  for (const o of expired) group.offsets.delete(offsetKey(o.topic, o.partition));
  const dead = empty && group.offsets.size === 0 && group.pendingTransactionalOffsets.size === 0 && group.pendingOffsetCommits.size === 0 && group.pendingMembers.size === 0;
  if (expired.length === 0 && !dead) return;
  writeOffsetTombstones(c, group, expired, 'retention', dead ? [groupTombstone(group)] : []);
  if (dead) {
    c.transition(group, 'Dead');
    c.groups.delete(group.groupId);
    c.emit({ type: 'group-deleted', groupId: group.groupId });
  }
}

export function groupTombstone(group: Group): OffsetsRecord {
  return { key: encodeGroupMetadataKey(group.groupId), value: null };
}
