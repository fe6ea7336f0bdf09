/**
 * The part of a broker's group coordinator that every API shares: which __consumer_offsets
 * partitions this broker leads (and so which groups it coordinates), timers as tokens on the
 * model's event queue, state transitions with events, and writes to __consumer_offsets through
 * the model's normal append path (acks=all: a write completes once replicated).
 */
import type { GroupState } from '../../../shared/cluster-view';
import type { ClusterEventBody } from '../../../shared/cluster-events';
import { encodeRecordBatch } from '../../protocol/records';
import { errorText } from '../events/error-text';
import { CONSUMER_OFFSETS_TOPIC, configNumber, internalPartitionCount } from './config';
import { canTransition, memberMetadataFor, newGroup, type Group } from './group';
import type { AppendResult, CoordinatorHost } from './host';
import { encodeGroupMetadataKey, encodeGroupMetadataValue } from './offsets-log-format';
import { partitionFor } from './partition-for';
import type { ErrorName } from './types';

/** Window of the coalesced offsets-committed event, ms of simulated time. */
export const OFFSETS_COMMITTED_COALESCE_MS = 1000;

export interface OffsetsRecord { key: Buffer; value: Buffer | null }

export class GroupCoordinatorCore {
  /** Groups of the partitions this broker leads, by groupId. */
  readonly groups = new Map<string, Group>();
  /** __consumer_offsets partition → leader epoch, for partitions this broker leads and has loaded. */
  readonly ownedPartitions = new Map<number, number>();
  /** __consumer_offsets partition → leader epoch, for partitions this broker leads but failed to load (their groups get NOT_COORDINATOR). */
  readonly failedPartitions = new Map<number, number>();
  private readonly liveTimers = new Set<number>();
  private nextTimer = 1;
  private nextMemberSuffix = 0;
  /** Commits not yet reported, per group: offsets-committed events are coalesced per second. */
  private readonly unreportedCommits = new Map<string, { count: number; transactional: boolean; commits: number; partitions: Set<string> }>();
  /**
   * Next sequence number of TxnOffsetCommit batches per "offsetsPartition:producerId". Kafka writes
   * them with baseSequence 0 and coordinator origin (no sequence check); the model validates
   * sequences of every producer batch, so the coordinator numbers them like a producer would.
   */
  readonly txnSequences = new Map<string, { producerEpoch: number; next: number }>();

  constructor(readonly brokerId: number, readonly host: CoordinatorHost) {}

  now(): number {
    return this.host.now();
  }

  emit(event: ClusterEventBody): void {
    this.host.emit(event);
  }

  offsetsPartitionCount(): number {
    return internalPartitionCount(this.host, CONSUMER_OFFSETS_TOPIC, 'offsets.topic.num.partitions');
  }

  partitionOf(groupId: string): number {
    return partitionFor(groupId, this.offsetsPartitionCount());
  }

  /** Kafka's validateGroupStatus: INVALID_GROUP_ID for '', NOT_COORDINATOR unless this broker leads the group's partition. */
  checkCoordinator(groupId: string): ErrorName {
    if (groupId === '') return 'INVALID_GROUP_ID';
    return this.ownedPartitions.has(this.partitionOf(groupId)) ? 'NONE' : 'NOT_COORDINATOR';
  }

  getOrCreateGroup(groupId: string): Group {
    let group = this.groups.get(groupId);
    if (group === undefined) {
      group = newGroup(groupId, this.partitionOf(groupId), this.now());
      this.groups.set(groupId, group);
    }
    return group;
  }

  /** Member ids are clientId-<suffix> like Kafka's clientId-UUID; the suffix is a deterministic counter per broker. */
  newMemberId(clientId: string): string {
    this.nextMemberSuffix++;
    return `${clientId}-b${this.brokerId}-${this.nextMemberSuffix.toString(16).padStart(8, '0')}`;
  }

  /** Starts a timer; returns its token. The callback runs only if the token was not cancelled. */
  startTimer(delayMs: number, label: string, fire: () => void): number {
    const token = this.nextTimer++;
    this.liveTimers.add(token);
    this.host.schedule(delayMs, label, () => {
      if (!this.liveTimers.delete(token)) return;
      this.contained(label, fire);
    });
    return token;
  }

  /**
   * Runs a background step (a timer, a marker completion) so that a throw — bad stored data, a
   * bug — stops only that step: it is reported as coordinator-task-failed and the model goes on,
   * as a Kafka coordinator thread logs a failed operation and keeps serving.
   */
  contained(task: string, run: () => void): void {
    try {
      run();
    } catch (e) {
      this.emit({ type: 'coordinator-task-failed', coordinator: 'group', brokerId: this.brokerId, task, reason: errorText(e) });
    }
  }

  cancelTimer(token: number): void {
    this.liveTimers.delete(token);
  }

  transition(group: Group, to: GroupState): void {
    if (!canTransition(group.state, to)) throw new Error(`group ${group.groupId}: illegal transition ${group.state} → ${to}`);
    const from = group.state;
    group.state = to;
    group.stateTimestampMs = this.now();
    this.emit({ type: 'group-state-changed', groupId: group.groupId, from, to, generationId: group.generationId, coordinatorId: this.brokerId });
  }

  /**
   * Notes one commit of `partitionKeys` (topic:partition) for the coalesced offsets-committed event
   * (one per group per second): how many commits, how many partition offsets, how many partitions.
   */
  noteOffsetsCommitted(groupId: string, partitionKeys: Iterable<string>, transactional: boolean): void {
    const key = `${groupId}\u0000${transactional}`;
    let pending = this.unreportedCommits.get(key);
    if (pending === undefined) {
      pending = { count: 0, transactional, commits: 0, partitions: new Set() };
      this.unreportedCommits.set(key, pending);
      this.host.schedule(OFFSETS_COMMITTED_COALESCE_MS, 'offsets-committed-report', () => {
        const report = this.unreportedCommits.get(key)!;
        this.unreportedCommits.delete(key);
        this.emit({ type: 'offsets-committed', groupId, count: report.count, transactional: report.transactional, commits: report.commits, partitions: report.partitions.size });
      });
    }
    pending.commits++;
    for (const partition of partitionKeys) {
      pending.count++;
      pending.partitions.add(partition);
    }
  }

  config(name: Parameters<typeof configNumber>[1]): number {
    return configNumber(this.host, name);
  }

  /**
   * Appends records to the group's __consumer_offsets partition (one batch; transactional when
   * producerId ≥ 0) and calls done with the append's Kafka error name once replicated.
   */
  appendOffsetsRecords(partition: number, records: OffsetsRecord[], done: (errorName: ErrorName, baseOffset: number) => void, txn?: { producerId: number; producerEpoch: number }): void {
    const now = this.now();
    let baseSequence = -1;
    const sequenceKey = txn === undefined ? '' : `${partition}:${txn.producerId}`;
    if (txn !== undefined) {
      const entry = this.txnSequences.get(sequenceKey);
      baseSequence = entry !== undefined && entry.producerEpoch === txn.producerEpoch ? entry.next : 0;
      this.txnSequences.set(sequenceKey, { producerEpoch: txn.producerEpoch, next: baseSequence + records.length });
    }
    const batch = encodeRecordBatch({
      baseTimestamp: now,
      producerId: txn?.producerId ?? -1,
      producerEpoch: txn?.producerEpoch ?? -1,
      baseSequence,
      isTransactional: txn !== undefined,
      records: records.map((r) => ({ key: r.key, value: r.value, timestamp: now })),
    });
    const timeoutMs = this.config('offsets.commit.timeout.ms');
    this.host.appendAsCoordinator(this.brokerId, CONSUMER_OFFSETS_TOPIC, partition, batch, -1, timeoutMs, (r: AppendResult) => {
      const entry = this.txnSequences.get(sequenceKey);
      if (r.errorName !== 'NONE' && entry !== undefined && entry.next === baseSequence + records.length) entry.next = baseSequence;
      done(r.errorName, r.baseOffset);
    });
  }

  /**
   * Writes the group's GroupMetadataValue (Kafka: storeGroup), with `assignments` overriding the
   * members' current ones. done receives the error as the group APIs report it.
   */
  storeGroup(group: Group, assignments: Map<string, Buffer> | null, done: (errorName: ErrorName) => void): void {
    const value = encodeGroupMetadataValue({
      protocolType: group.protocolType ?? '',
      generation: group.generationId,
      protocol: group.protocolName,
      leader: group.leaderId,
      currentStateTimestamp: group.stateTimestampMs,
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId, groupInstanceId: m.groupInstanceId, clientId: m.clientId, clientHost: m.clientHost,
        rebalanceTimeout: m.rebalanceTimeoutMs, sessionTimeout: m.sessionTimeoutMs,
        subscription: memberMetadataFor(m, group.protocolName),
        assignment: assignments?.get(m.memberId) ?? m.assignment,
      })),
    });
    this.appendOffsetsRecords(group.offsetsPartition, [{ key: encodeGroupMetadataKey(group.groupId), value }], (errorName) => done(mapStoreGroupError(errorName)));
  }
}

/** Kafka GroupMetadataManager.storeGroup's error mapping for JoinGroup/SyncGroup. */
export function mapStoreGroupError(errorName: ErrorName): ErrorName {
  switch (errorName) {
    case 'UNKNOWN_TOPIC_OR_PARTITION':
    case 'NOT_ENOUGH_REPLICAS':
    case 'NOT_ENOUGH_REPLICAS_AFTER_APPEND':
      return 'COORDINATOR_NOT_AVAILABLE';
    case 'NOT_LEADER_OR_FOLLOWER':
    case 'KAFKA_STORAGE_ERROR':
      return 'NOT_COORDINATOR';
    case 'REQUEST_TIMED_OUT':
      return 'REBALANCE_IN_PROGRESS';
    case 'MESSAGE_TOO_LARGE':
    case 'RECORD_LIST_TOO_LARGE':
    case 'INVALID_FETCH_SIZE':
      return 'UNKNOWN_SERVER_ERROR';
    default:
      return errorName;
  }
}

/** Kafka GroupMetadataManager.storeOffsets' error mapping for OffsetCommit/TxnOffsetCommit. */
export function mapStoreOffsetsError(errorName: ErrorName): ErrorName {
  switch (errorName) {
    case 'UNKNOWN_TOPIC_OR_PARTITION':
    case 'NOT_ENOUGH_REPLICAS':
    case 'NOT_ENOUGH_REPLICAS_AFTER_APPEND':
    case 'REQUEST_TIMED_OUT':
      return 'COORDINATOR_NOT_AVAILABLE';
    case 'NOT_LEADER_OR_FOLLOWER':
    case 'KAFKA_STORAGE_ERROR':
      return 'NOT_COORDINATOR';
    case 'MESSAGE_TOO_LARGE':
    case 'RECORD_LIST_TOO_LARGE':
    case 'INVALID_FETCH_SIZE':
      return 'INVALID_COMMIT_OFFSET_SIZE';
    default:
      return errorName;
  }
}
