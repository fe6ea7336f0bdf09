/**
 * The classic group coordinator of the whole simulated cluster: one GroupCoordinatorCore per
 * broker (a broker coordinates the groups of the __consumer_offsets partitions it leads), and the
 * entry points the wire handlers call with the brokerId the request arrived at. Asynchronous
 * APIs (JoinGroup, SyncGroup, OffsetCommit, TxnOffsetCommit) answer through a callback that runs
 * inside simulated-time event processing, like the model's acks=all produce completion.
 */
import type { GroupView } from '../../../shared/cluster-view';
import { deleteGroup, describeGroup, listGroups } from './admin';
import { CONSUMER_OFFSETS_TOPIC } from './config';
import { GroupCoordinatorCore } from './coordinator-core';
import type { Group } from './group';
import { findCoordinator, type CoordinatorKeyType, type FindCoordinatorResult } from './find-coordinator';
import type { CoordinatorHost } from './host';
import { handleJoinGroup } from './join';
import { loadOffsetsPartition, unloadOffsetsPartition } from './loader';
import { completeTransactionalOffsets, expireOffsets, handleOffsetCommit, handleOffsetDelete, handleOffsetFetch, handleTxnOffsetCommit } from './offsets';
import { handleHeartbeat, handleLeaveGroup, handleSyncGroup } from './sync-heartbeat-leave';
import type {
  DescribedGroup, ErrorName, HeartbeatRequest, JoinGroupRequest, JoinGroupResponse, LeaveGroupRequest, LeaveGroupResponse,
  ListedGroup, OffsetCommitRequest, OffsetCommitResponse, OffsetDeleteRequest, OffsetDeleteResponse, OffsetFetchGroupRequest,
  OffsetFetchGroupResponse, SyncGroupRequest, SyncGroupResponse, TxnOffsetCommitRequest,
} from './types';
import { TimestampCache, groupView, type LastStableOffsetOf } from './view';

export class GroupCoordinator {
  private readonly cores = new Map<number, GroupCoordinatorCore>();
  private readonly retentionTimers = new Set<number>();
  private readonly timestamps: TimestampCache;

  constructor(private readonly host: CoordinatorHost) {
    this.timestamps = new TimestampCache(host);
  }

  /** The coordinator state of one broker (created on first use). */
  core(brokerId: number): GroupCoordinatorCore {
    let core = this.cores.get(brokerId);
    if (core === undefined) {
      core = new GroupCoordinatorCore(brokerId, this.host);
      this.cores.set(brokerId, core);
    }
    return core;
  }

  /** ClusterExtension.onLeadershipChanged: load a __consumer_offsets partition on its new leader, unload it elsewhere. */
  onLeadershipChanged(brokerId: number, topic: string, partition: number, isLeader: boolean, leaderEpoch: number): void {
    if (topic !== CONSUMER_OFFSETS_TOPIC) return;
    const core = this.core(brokerId);
    if (!isLeader) return unloadOffsetsPartition(core, partition);
    if (core.ownedPartitions.has(partition) || core.failedPartitions.has(partition)) unloadOffsetsPartition(core, partition);
    loadOffsetsPartition(core, partition, leaderEpoch);
    this.startRetention(core);
  }

  /** A broker stopped: it coordinates nothing any more (its in-memory groups are gone). */
  onBrokerStopped(brokerId: number): void {
    const core = this.cores.get(brokerId);
    if (core === undefined) return;
    for (const partition of [...core.ownedPartitions.keys()]) unloadOffsetsPartition(core, partition);
  }

  /** A transaction marker for producerId was appended to a __consumer_offsets partition led by brokerId. */
  onTransactionMarker(brokerId: number, offsetsPartition: number, producerId: number, commit: boolean): void {
    const core = this.cores.get(brokerId);
    if (core !== undefined && core.ownedPartitions.has(offsetsPartition)) core.contained('transactional-offsets-completion', () => completeTransactionalOffsets(core, offsetsPartition, producerId, commit));
  }

  findCoordinator(keyType: CoordinatorKeyType, key: string): FindCoordinatorResult {
    return findCoordinator(this.host, keyType, key);
  }

  joinGroup(brokerId: number, request: JoinGroupRequest, respond: (r: JoinGroupResponse) => void): void {
    handleJoinGroup(this.core(brokerId), request, respond);
  }

  syncGroup(brokerId: number, request: SyncGroupRequest, respond: (r: SyncGroupResponse) => void): void {
    handleSyncGroup(this.core(brokerId), request, respond);
  }

  heartbeat(brokerId: number, request: HeartbeatRequest): ErrorName {
    return handleHeartbeat(this.core(brokerId), request);
  }

  leaveGroup(brokerId: number, request: LeaveGroupRequest): LeaveGroupResponse {
    return handleLeaveGroup(this.core(brokerId), request);
  }

  offsetCommit(brokerId: number, request: OffsetCommitRequest, respond: (r: OffsetCommitResponse) => void): void {
    handleOffsetCommit(this.core(brokerId), request, respond);
  }

  txnOffsetCommit(brokerId: number, request: TxnOffsetCommitRequest, respond: (r: OffsetCommitResponse) => void): void {
    handleTxnOffsetCommit(this.core(brokerId), request, respond);
  }

  /** OffsetFetch; v0–v7 pass one group, v8+ several. requireStable is v7+ (KIP-447). */
  offsetFetch(brokerId: number, groups: OffsetFetchGroupRequest[], requireStable: boolean): OffsetFetchGroupResponse[] {
    return groups.map((g) => handleOffsetFetch(this.core(brokerId), g, requireStable));
  }

  offsetDelete(brokerId: number, request: OffsetDeleteRequest): OffsetDeleteResponse {
    return handleOffsetDelete(this.core(brokerId), request);
  }

  describeGroups(brokerId: number, groupIds: string[]): DescribedGroup[] {
    return groupIds.map((id) => describeGroup(this.core(brokerId), id));
  }

  /** ListGroups answers for this broker only (clients ask every broker). */
  listGroups(brokerId: number, statesFilter: string[] = [], typesFilter: string[] = []): { errorName: ErrorName; groups: ListedGroup[] } {
    return { errorName: 'NONE', groups: listGroups(this.core(brokerId), statesFilter, typesFilter) };
  }

  deleteGroups(brokerId: number, groupIds: string[]): { groupId: string; errorName: ErrorName }[] {
    return groupIds.map((groupId) => ({ groupId, errorName: deleteGroup(this.core(brokerId), groupId) }));
  }

  /** Every group at its current coordinator, by groupId, for the ClusterView. */
  views(lastStableOffsetOf: LastStableOffsetOf = () => null): GroupView[] {
    const out: GroupView[] = [];
    for (const { brokerId, group } of this.currentGroups()) out.push(groupView(this.core(brokerId), group, this.timestamps, lastStableOffsetOf));
    return out.sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  }

  /** Every group object held by any broker, stale ones included (an isolated broker keeps its claims). */
  *allGroups(): Iterable<{ brokerId: number; group: Group }> {
    for (const core of this.cores.values()) for (const group of core.groups.values()) yield { brokerId: core.brokerId, group };
  }

  /**
   * Groups held by the broker the controller names leader of their __consumer_offsets partition —
   * the authoritative copy when a partitioned-off broker still believes it coordinates.
   */
  *currentGroups(): Iterable<{ brokerId: number; group: Group }> {
    for (const entry of this.allGroups()) {
      if (this.host.leaderOf(CONSUMER_OFFSETS_TOPIC, entry.group.offsetsPartition) === entry.brokerId) yield entry;
    }
  }

  /** Offset retention (KIP-211) every offsets.retention.check.interval.ms on each coordinating broker. */
  private startRetention(core: GroupCoordinatorCore): void {
    if (this.retentionTimers.has(core.brokerId)) return;
    this.retentionTimers.add(core.brokerId);
    // Rescheduled first and one group at a time: a group whose expiration throws is reported
    // (coordinator-task-failed) and skipped; the others and later checks still run.
    const tick = (): void => {
      core.startTimer(core.config('offsets.retention.check.interval.ms'), 'offsets-retention-check', tick);
      for (const group of [...core.groups.values()]) core.contained(`offsets-retention ${group.groupId}`, () => expireOffsets(core, group));
    };
    core.startTimer(core.config('offsets.retention.check.interval.ms'), 'offsets-retention-check', tick);
  }
}
