/**
 * Coordinator failover for groups: when a broker becomes leader of a __consumer_offsets partition
 * it rebuilds that partition's groups by reading its own replica of the log from the start
 * (Kafka GroupMetadataManager.doLoadGroupsAndOffsets): the last GroupMetadataValue per group,
 * the last OffsetCommitValue per (group, topic, partition), tombstones removing either, and
 * transactional offsets held back until their COMMIT marker (ABORT drops them; no marker yet
 * keeps them pending). Loaded members are Stable with fresh session timers, so consumers carry on
 * heartbeating the new coordinator without a rebalance; if they stay silent they are evicted.
 * When leadership moves away the partition's groups are dropped and waiting requests get NOT_COORDINATOR.
 *
 * Bad stored data never escapes the load (ARCHITECTURE "Containment"). As in Kafka's
 * CoordinatorLoaderImpl, a key of an unknown version is skipped (Kafka takes it for a left-over of
 * an aborted upgrade), while any other record that does not decode fails the whole load: the
 * partition is not loaded, a group-coordinator-load-failed event says why, and its groups get
 * NOT_COORDINATOR (CoordinatorRuntime moves the shard to FAILED) until the next leader epoch
 * loads again. Nothing is applied from a failed load, so no half-read group is served.
 */
import { errorText } from '../events/error-text';
import { decodeControlRecord, decodeRecordBatch } from '../../protocol/records';
import { CONSUMER_OFFSETS_TOPIC } from './config';
import type { GroupCoordinatorCore } from './coordinator-core';
import { newGroup, offsetKey, type CommittedOffset, type Group, type Member } from './group';
import { decodeGroupMetadataValue, decodeOffsetCommitValue, decodeOffsetsTopicKey, type GroupMetadataValue } from './offsets-log-format';
import { joinError, scheduleSession } from './rebalance';

type StoredOffset = CommittedOffset & { topic: string; partition: number };
type OffsetsByGroup = Map<string, Map<string, StoredOffset>>;

function offsetsOf(map: OffsetsByGroup, groupId: string): Map<string, StoredOffset> {
  let m = map.get(groupId);
  if (m === undefined) {
    m = new Map();
    map.set(groupId, m);
  }
  return m;
}

interface LoadedPartition {
  metadata: Map<string, GroupMetadataValue | null>;
  offsets: OffsetsByGroup;
  pendingByProducer: Map<number, OffsetsByGroup>;
  txnSequences: Map<string, { producerEpoch: number; next: number }>;
}

/** Reads the partition's log into its groups, or marks it failed when its records do not decode. */
export function loadOffsetsPartition(c: GroupCoordinatorCore, partition: number, leaderEpoch: number): void {
  c.failedPartitions.delete(partition);
  let loaded: LoadedPartition;
  try {
    loaded = readOffsetsPartition(c, partition);
  } catch (e) {
    c.failedPartitions.set(partition, leaderEpoch);
    c.emit({ type: 'group-coordinator-load-failed', brokerId: c.brokerId, partition, leaderEpoch, reason: errorText(e) });
    return;
  }
  applyOffsetsPartition(c, partition, leaderEpoch, loaded);
}

function readOffsetsPartition(c: GroupCoordinatorCore, partition: number): LoadedPartition {
  const metadata = new Map<string, GroupMetadataValue | null>();
  const offsets: OffsetsByGroup = new Map();
  const pendingByProducer = new Map<number, OffsetsByGroup>();
  const txnSequences = new Map<string, { producerEpoch: number; next: number }>();
  for (const bytes of c.host.readLog(c.brokerId, CONSUMER_OFFSETS_TOPIC, partition, 0)) {
    const { header, records } = decodeRecordBatch(bytes);
    if (header.isControl) {
      if (records.length !== 1) throw new Error(`control batch at offset ${header.baseOffset} holds ${records.length} records`);
      const marker = decodeControlRecord(records[0]!);
      const pending = pendingByProducer.get(header.producerId);
      pendingByProducer.delete(header.producerId);
      if (marker.type === 'commit' && pending !== undefined) {
        for (const [groupId, entries] of pending) {
          const target = offsetsOf(offsets, groupId);
          for (const [key, o] of entries) {
            const existing = target.get(key);
            if (existing === undefined || existing.recordOffset < o.recordOffset) target.set(key, o);
          }
        }
      }
      continue;
    }
    if (header.isTransactional && header.baseSequence >= 0) {
      txnSequences.set(`${partition}:${header.producerId}`, { producerEpoch: header.producerEpoch, next: header.baseSequence + header.recordCount });
    }
    for (const record of records) {
      if (record.key === null) continue;
      const key = decodeOffsetsTopicKey(record.key);
      switch (key.type) {
        case 'offset': {
          const k = offsetKey(key.topic, key.partition);
          const target = header.isTransactional
            ? offsetsOf(pendingByProducer.get(header.producerId) ?? pendingByProducer.set(header.producerId, new Map()).get(header.producerId)!, key.group)
            : offsetsOf(offsets, key.group);
          if (record.value === null) {
            target.delete(k);
            break;
          }
          const v = decodeOffsetCommitValue(record.value);
          target.set(k, {
            topic: key.topic, partition: key.partition, offset: v.offset, leaderEpoch: v.leaderEpoch, metadata: v.metadata,
            commitTimestampMs: v.commitTimestamp, expireTimestampMs: v.expireTimestamp, recordOffset: record.offset, commitGenerationId: -1,
          });
          break;
        }
        case 'group':
          metadata.set(key.group, record.value === null ? null : decodeGroupMetadataValue(record.value));
          break;
        case 'unknown':
          break;
      }
    }
  }
  return { metadata, offsets, pendingByProducer, txnSequences };
}

function applyOffsetsPartition(c: GroupCoordinatorCore, partition: number, leaderEpoch: number, loaded: LoadedPartition): void {
  const { metadata, offsets, pendingByProducer } = loaded;
  for (const [key, sequence] of loaded.txnSequences) c.txnSequences.set(key, sequence);
  const groupIds = new Set<string>([...metadata.keys(), ...offsets.keys()]);
  for (const pending of pendingByProducer.values()) for (const g of pending.keys()) groupIds.add(g);
  let offsetCount = 0;
  let groupCount = 0;
  for (const groupId of [...groupIds].sort()) {
    const value = metadata.get(groupId) ?? null;
    const groupOffsets = offsets.get(groupId) ?? new Map<string, StoredOffset>();
    const pending = [...pendingByProducer].filter(([, byGroup]) => byGroup.has(groupId));
    if (value === null && groupOffsets.size === 0 && pending.length === 0) continue;
    const group = restoreGroup(c, groupId, partition, value);
    group.offsets = groupOffsets;
    for (const [producerId, byGroup] of pending) {
      group.pendingTransactionalOffsets.set(producerId, byGroup.get(groupId)!);
      group.usesTransactions = true;
    }
    c.groups.set(groupId, group);
    for (const m of group.members.values()) scheduleSession(c, group, m);
    offsetCount += groupOffsets.size;
    groupCount++;
  }
  c.ownedPartitions.set(partition, leaderEpoch);
  c.emit({ type: 'group-coordinator-loaded', brokerId: c.brokerId, partition, leaderEpoch, groups: groupCount, offsets: offsetCount });
}

function restoreGroup(c: GroupCoordinatorCore, groupId: string, partition: number, value: GroupMetadataValue | null): Group {
  const group = newGroup(groupId, partition, c.now());
  if (value === null) return group;
  group.protocolType = value.protocolType === '' ? null : value.protocolType;
  group.protocolName = value.protocol;
  group.generationId = value.generation;
  group.leaderId = value.leader;
  if (value.currentStateTimestamp >= 0) group.stateTimestampMs = value.currentStateTimestamp;
  for (const m of value.members) {
    const member: Member = {
      memberId: m.memberId, groupInstanceId: m.groupInstanceId, clientId: m.clientId, clientHost: m.clientHost,
      rebalanceTimeoutMs: m.rebalanceTimeout, sessionTimeoutMs: m.sessionTimeout, protocolType: value.protocolType,
      protocols: [{ name: value.protocol ?? '', metadata: m.subscription }], assignment: m.assignment,
      awaitingJoin: null, awaitingSync: null, isNew: false, sessionTimer: 0, lastHeartbeatMs: c.now(),
    };
    group.members.set(m.memberId, member);
    if (m.groupInstanceId !== null) group.staticMembers.set(m.groupInstanceId, m.memberId);
  }
  // Kafka restores a group with members as Stable (the stored generation's assignment holds).
  group.state = group.members.size > 0 ? 'Stable' : 'Empty';
  return group;
}

/** Leadership of the partition moved away: drop its groups; pending JoinGroup/SyncGroup get NOT_COORDINATOR. */
export function unloadOffsetsPartition(c: GroupCoordinatorCore, partition: number): void {
  c.failedPartitions.delete(partition);
  if (!c.ownedPartitions.delete(partition)) return;
  let count = 0;
  for (const group of [...c.groups.values()]) {
    if (group.offsetsPartition !== partition) continue;
    count++;
    c.groups.delete(group.groupId);
    c.cancelTimer(group.joinTimer);
    c.cancelTimer(group.syncTimer);
    for (const token of group.pendingMembers.values()) c.cancelTimer(token);
    for (const m of group.members.values()) {
      c.cancelTimer(m.sessionTimer);
      const join = m.awaitingJoin;
      const sync = m.awaitingSync;
      m.awaitingJoin = null;
      m.awaitingSync = null;
      join?.(joinError(m.memberId, 'NOT_COORDINATOR'));
      sync?.({ errorName: 'NOT_COORDINATOR', protocolType: null, protocolName: null, assignment: Buffer.alloc(0) });
    }
  }
  c.emit({ type: 'group-coordinator-unloaded', brokerId: c.brokerId, partition, groups: count });
}
