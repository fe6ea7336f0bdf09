/**
 * Topic administration on the controller: create/delete topics, add partitions, alter topic
 * configs, preferred and unclean leader elections, partition reassignment (Kafka's
 * ReplicationControlManager / ConfigurationControlManager). Each returns a Kafka error name.
 */
import type { ClusterCore } from '../core';
import { topicSettings, validateTopicConfigs } from '../config/configs';
import type { PartitionState, TopicRecord } from '../metadata';
import { assignReplicasToBrokers, type BrokerMetadata } from '../topics/assignment';
import { newTopicId } from '../topics/topic-id';
import { collidingTopic, INTERNAL_TOPIC_NAMES, internalTopicCreationError, validateTopicName } from '../../../shared/topic-names';

export { validateTopicName };
import type { Controller, ControllerTopic } from './controller';

/** A topic as a lab's metadata checkpoint holds it (src/broker/storage/lab-metadata.ts). */
export interface RestoredTopic {
  name: string;
  topicId: string;
  internal: boolean;
  configs: Record<string, string>;
  /** addingReplicas / removingReplicas: a reassignment in progress when the lab stopped (PartitionRecord's fields); it resumes. */
  partitions: { partition: number; replicas: number[]; isr: number[]; leader: number; leaderEpoch: number; partitionEpoch: number; addingReplicas?: number[]; removingReplicas?: number[] }[];
}

/**
 * Most partitions one request may create, as Kafka's ReplicationControlManager.MAX_PARTITIONS_PER_BATCH
 * (KAFKA-17870), answered with POLICY_VIOLATION. The CreateTopics and CreatePartitions handlers
 * also apply it to a whole request before the model is asked.
 */
export const MAX_PARTITIONS_PER_BATCH = 10_000;

export type AdminResult = { errorName: 'NONE'; message: null } | { errorName: string; message: string };

const OK: AdminResult = { errorName: 'NONE', message: null };
const err = (errorName: string, message: string): AdminResult => ({ errorName, message });

export interface CreateTopicSpec {
  name: string;
  numPartitions: number;
  replicationFactor: number;
  assignments?: { partition: number; brokerIds: number[] }[];
  configs?: Record<string, string | null>;
  internal?: boolean;
  /** Created by a Metadata request for a missing topic (auto.create.topics.enable): the event names the defaults used. */
  autoCreated?: boolean;
}

export class TopicAdmin {
  constructor(private readonly core: ClusterCore, private readonly controller: Controller) {
    controller.onIsrExpanded = (topic, state) => this.maybeCompleteReassignment(topic, state);
  }

  private eligibleBrokers(): BrokerMetadata[] {
    return [...this.core.brokers.values()]
      .filter((b) => this.controller.isEligibleLeader(b.brokerId))
      .map((b) => ({ brokerId: b.brokerId, rack: b.rack }));
  }

  /** Validates and (unless validateOnly) creates a topic; returns the error and the resolved shape. */
  createTopic(spec: CreateTopicSpec, validateOnly: boolean): AdminResult & { numPartitions: number; replicationFactor: number } {
    const shape = { numPartitions: spec.numPartitions, replicationFactor: spec.replicationFactor };
    const fail = (e: AdminResult) => ({ ...e, ...shape });
    const nameError = validateTopicName(spec.name);
    if (nameError) return fail(err('INVALID_TOPIC_EXCEPTION', nameError));
    if (this.controller.topics.has(spec.name)) return fail(err('TOPIC_ALREADY_EXISTS', `Topic '${spec.name}' already exists.`));
    const internalError = spec.internal ? null : internalTopicCreationError(spec.name);
    if (internalError) return fail(err('INVALID_REQUEST', internalError));
    const collision = collidingTopic(spec.name, this.controller.topics.keys());
    if (collision !== null) return fail(err('INVALID_TOPIC_EXCEPTION', `Topic '${spec.name}' collides with existing topic: ${collision}`));
    const configs = spec.configs ?? {};
    const configError = validateTopicConfigs(configs);
    if (configError) return fail(configError);
    let assignment: number[][];
    if (spec.assignments && spec.assignments.length > 0) {
      if (spec.numPartitions !== -1 || spec.replicationFactor !== -1) {
        return fail(err('INVALID_REQUEST', 'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.'));
      }
      const sorted = [...spec.assignments].sort((a, b) => a.partition - b.partition);
      if (sorted.some((a, i) => a.partition !== i)) return fail(err('INVALID_REPLICA_ASSIGNMENT', 'Partitions must be numbered consecutively from 0.'));
      const check = this.checkManualAssignment(sorted.map((a) => a.brokerIds));
      if (check) return fail(check);
      assignment = sorted.map((a) => [...a.brokerIds]);
    } else {
      const partitions = spec.numPartitions === -1 ? this.core.num('num.partitions') : spec.numPartitions;
      const rf = spec.replicationFactor === -1 ? this.core.num('default.replication.factor') : spec.replicationFactor;
      shape.numPartitions = partitions;
      shape.replicationFactor = rf;
      if (partitions <= 0) return fail(err('INVALID_PARTITIONS', 'Number of partitions was set to an invalid non-positive value.'));
      // The bound holds after the default is resolved: numPartitions -1 (and every auto-created
      // topic) takes num.partitions, which a dynamic broker config can set to 100000; one Metadata
      // request then wedged the model replicating 10^5 partitions (found by the semantic fuzzer).
      if (partitions > MAX_PARTITIONS_PER_BATCH) return fail(err('POLICY_VIOLATION', 'Excessively large number of partitions per request.'));
      if (rf <= 0) return fail(err('INVALID_REPLICATION_FACTOR', 'Replication factor must be larger than 0, or -1 to use the default value.'));
      const r = assignReplicasToBrokers(this.core.random.assignment, this.eligibleBrokers(), partitions, rf);
      if (!r.ok) return fail(err(r.errorName, r.message));
      assignment = r.assignment;
    }
    shape.numPartitions = assignment.length;
    shape.replicationFactor = assignment[0]!.length;
    const minIsr = Number(configs['min.insync.replicas'] ?? this.core.configs.get('min.insync.replicas'));
    if (configs['min.insync.replicas'] !== undefined && minIsr > shape.replicationFactor) {
      // Kafka Lab's create-topic policy: a topic that can never accept acks=all writes is refused.
      return fail(err('POLICY_VIOLATION', `min.insync.replicas ${minIsr} is larger than the replication factor ${shape.replicationFactor}; acks=all writes could never succeed.`));
    }
    if (validateOnly) return { ...OK, ...shape };
    const overrides = Object.fromEntries(Object.entries(configs).filter(([, v]) => v !== null)) as Record<string, string>;
    // A topic ID already held (a lab restored from disk restarts the seeded draws) is drawn again:
    // two topics with one ID would make the metadata log unreadable (ReplicationControlManager refuses it).
    let topicId = newTopicId(this.core.random.topicIds);
    const used = new Set([...this.controller.topics.values()].map((t) => t.record.topicId.text));
    while (used.has(topicId.text)) topicId = newTopicId(this.core.random.topicIds);
    const record: TopicRecord = { name: spec.name, topicId, internal: spec.internal ?? false, configs: overrides, settings: topicSettings(this.core.configs, overrides) };
    const topic: ControllerTopic = { record, partitions: [] };
    this.controller.topics.set(spec.name, topic);
    this.controller.publish({ type: 'topic', topic: record });
    this.core.emit({
      type: 'topic-created', topic: spec.name, topicId: record.topicId.text, partitions: assignment.length, replicationFactor: shape.replicationFactor,
      ...(spec.autoCreated ? { autoCreated: { numPartitions: this.core.num('num.partitions'), defaultReplicationFactor: this.core.num('default.replication.factor') } } : {}),
    });
    this.addPartitionStates(topic, assignment, 0);
    return { ...OK, ...shape };
  }

  private checkManualAssignment(assignment: number[][]): AdminResult | null {
    const rf = assignment[0]?.length ?? 0;
    for (const replicas of assignment) {
      if (replicas.length === 0 || replicas.length !== rf) return err('INVALID_REPLICA_ASSIGNMENT', 'All partitions should have the same number of replicas.');
      if (new Set(replicas).size !== replicas.length) return err('INVALID_REPLICA_ASSIGNMENT', `Duplicate brokers not allowed in replica assignment: ${replicas.join(', ')}.`);
      const unknown = replicas.find((id) => !this.core.brokers.has(id));
      if (unknown !== undefined) return err('INVALID_REPLICA_ASSIGNMENT', `The manual partition assignment includes broker ${unknown}, which is not registered.`);
    }
    return null;
  }

  private addPartitionStates(topic: ControllerTopic, assignment: number[][], firstPartition: number): void {
    assignment.forEach((replicas, i) => {
      const partition = firstPartition + i;
      const isr = replicas.filter(this.controller.isEligibleLeader);
      const leader = isr[0] ?? -1;
      const state: PartitionState = { topic: topic.record.name, partition, replicas, isr: isr.length ? isr : [...replicas], leader, leaderEpoch: 0, partitionEpoch: 0, addingReplicas: [], removingReplicas: [] };
      topic.partitions[partition] = state;
      this.controller.publish({ type: 'partition', state });
      if (leader >= 0) this.core.emit({ type: 'leader-elected', topic: state.topic, partition, leader, previousLeader: -1, leaderEpoch: 0, unclean: false, reason: 'initial' });
    });
  }

  /**
   * Issue 15: re-creates a topic found in a lab's metadata checkpoint on restart, as a KRaft
   * controller replays its metadata log: same topic ID, configs and replica assignment. Each
   * partition keeps its ISR and leader (another ISR member when that one is not eligible) with
   * the leader epoch raised by one, so followers check their logs against the leader's
   * (OffsetForLeaderEpoch) before fetching on. Not an input: the lab's data is the session's
   * starting state.
   */
  restoreTopic(saved: RestoredTopic): void {
    if (this.controller.topics.has(saved.name)) return;
    const record: TopicRecord = { name: saved.name, topicId: { bytes: new Uint8Array(Buffer.from(saved.topicId, 'base64url')), text: saved.topicId }, internal: saved.internal, configs: saved.configs, settings: topicSettings(this.core.configs, saved.configs) };
    const topic: ControllerTopic = { record, partitions: [] };
    this.controller.topics.set(saved.name, topic);
    this.controller.publish({ type: 'topic', topic: record });
    for (const p of saved.partitions) {
      const eligible = p.isr.filter(this.controller.isEligibleLeader);
      const leader = eligible.includes(p.leader) ? p.leader : (eligible[0] ?? -1);
      // A reassignment in progress resumes (Kafka's controller replays PartitionRecord's AddingReplicas /
      // RemovingReplicas and completes it once the target replicas are in the ISR).
      const state: PartitionState = { topic: saved.name, partition: p.partition, replicas: [...p.replicas], isr: [...p.isr], leader, leaderEpoch: p.leaderEpoch + 1, partitionEpoch: p.partitionEpoch + 1, addingReplicas: [...(p.addingReplicas ?? [])], removingReplicas: [...(p.removingReplicas ?? [])] };
      topic.partitions[p.partition] = state;
      this.controller.publish({ type: 'partition', state });
      if (leader >= 0) this.core.emit({ type: 'leader-elected', topic: saved.name, partition: p.partition, leader, previousLeader: p.leader, leaderEpoch: state.leaderEpoch, unclean: false, reason: 'initial' });
    }
    for (const state of [...topic.partitions]) this.maybeCompleteReassignment(topic, state);
  }

  deleteTopic(name: string): AdminResult {
    const topic = this.controller.topics.get(name);
    if (!topic) return err('UNKNOWN_TOPIC_OR_PARTITION', 'This server does not host this topic-partition.');
    if (!this.core.configs.bool('delete.topic.enable')) return err('TOPIC_DELETION_DISABLED', 'Topic deletion is disabled.');
    if (topic.record.internal || INTERNAL_TOPIC_NAMES.has(name)) return err('INVALID_REQUEST', `Topic ${name} is a kafka internal topic and is not allowed to be marked for deletion.`);
    this.controller.topics.delete(name);
    this.controller.publish({ type: 'topic-removed', name });
    this.core.emit({ type: 'topic-deleted', topic: name, topicId: topic.record.topicId.text });
    return OK;
  }

  createPartitions(name: string, count: number, assignments: number[][] | null, validateOnly: boolean): AdminResult {
    const topic = this.controller.topics.get(name);
    if (!topic) return err('UNKNOWN_TOPIC_OR_PARTITION', 'This server does not host this topic-partition.');
    const current = topic.partitions.length;
    if (count < current) return err('INVALID_PARTITIONS', `Topic currently has ${current} partitions, which is higher than the requested ${count}.`);
    if (count === current) return err('INVALID_PARTITIONS', `Topic already has ${current} partitions.`);
    const rf = topic.partitions[0]!.replicas.length;
    let assignment: number[][];
    if (assignments && assignments.length > 0) {
      if (assignments.length !== count - current) return err('INVALID_REPLICA_ASSIGNMENT', `Increasing the number of partitions by ${count - current} but ${assignments.length} assignments provided.`);
      const check = this.checkManualAssignment(assignments);
      if (check) return check;
      assignment = assignments;
    } else {
      const r = assignReplicasToBrokers(this.core.random.assignment, this.eligibleBrokers(), count - current, rf, current);
      if (!r.ok) return err(r.errorName, r.message);
      assignment = r.assignment;
    }
    if (validateOnly) return OK;
    this.addPartitionStates(topic, assignment, current);
    this.core.emit({ type: 'partitions-added', topic: name, previousCount: current, newCount: count });
    return OK;
  }

  /** Replaces (alterConfigs) or patches topic config overrides; null deletes an override. */
  alterTopicConfigs(name: string, changes: Record<string, string | null>, replace: boolean, validateOnly: boolean): AdminResult {
    const topic = this.controller.topics.get(name);
    if (!topic) return err('UNKNOWN_TOPIC_OR_PARTITION', 'This server does not host this topic-partition.');
    const configError = validateTopicConfigs(changes);
    if (configError) return configError;
    const next: Record<string, string> = replace ? {} : { ...topic.record.configs };
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) delete next[k];
      else next[k] = v;
    }
    if (validateOnly) return OK;
    this.setTopicConfigs(topic, next);
    const keys = new Set([...Object.keys(topic.record.configs), ...Object.keys(changes)]);
    for (const k of keys) this.core.emit({ type: 'topic-config-changed', topic: name, name: k, value: next[k] ?? null });
    return OK;
  }

  setTopicConfigs(topic: ControllerTopic, configs: Record<string, string>): void {
    topic.record = { ...topic.record, configs, settings: topicSettings(this.core.configs, configs) };
    this.controller.publish({ type: 'topic', topic: topic.record });
  }

  /** Broker config changed: topics inherit new defaults through their synonyms. */
  refreshTopicSettings(): void {
    for (const topic of this.controller.topics.values()) this.setTopicConfigs(topic, { ...topic.record.configs });
  }

  /** ElectLeaders: preferred (0) moves leadership to the first replica if it is in the ISR and eligible; unclean (1) elects any live replica of an offline partition. */
  electLeader(name: string, partition: number, electionType: 0 | 1): AdminResult {
    const topic = this.controller.topics.get(name);
    const state = topic?.partitions[partition];
    if (!topic || !state) return err('UNKNOWN_TOPIC_OR_PARTITION', 'This server does not host this topic-partition.');
    if (electionType === 0) {
      const preferred = state.replicas[0]!;
      if (state.leader === preferred) return err('ELECTION_NOT_NEEDED', 'Leader election not needed for topic partition.');
      if (!state.isr.includes(preferred) || !this.controller.isEligibleLeader(preferred)) {
        return err('PREFERRED_LEADER_NOT_AVAILABLE', `Failed to elect leader for partition ${name}-${partition} under strategy PreferredReplicaPartitionLeaderElectionStrategy`);
      }
      this.controller.elect(topic, state, 'preferred', { preferred });
      return OK;
    }
    if (state.leader !== -1) return err('ELECTION_NOT_NEEDED', 'Leader election not needed for topic partition.');
    const next = this.controller.elect(topic, state, 'unclean', { unclean: true });
    return next.leader === -1 ? err('ELIGIBLE_LEADERS_NOT_AVAILABLE', `Failed to elect leader for partition ${name}-${partition} under strategy UncleanLeaderElectionStrategy`) : OK;
  }

  /** AlterPartitionReassignments: start (target replicas) or cancel (null) a reassignment. */
  reassign(name: string, partition: number, target: number[] | null): AdminResult {
    const topic = this.controller.topics.get(name);
    const state = topic?.partitions[partition];
    if (!topic || !state) return err('UNKNOWN_TOPIC_OR_PARTITION', 'This server does not host this topic-partition.');
    const original = state.replicas.filter((r) => !state.addingReplicas.includes(r));
    if (target === null) {
      if (state.addingReplicas.length === 0 && state.removingReplicas.length === 0) return err('NO_REASSIGNMENT_IN_PROGRESS', `No ongoing reassignment for ${name}-${partition}.`);
      if (!state.isr.some((r) => original.includes(r))) return err('INVALID_REPLICA_ASSIGNMENT', 'Cancelling would leave no in-sync replica.');
      this.replaceReplicas(topic, state, original, [], []);
      return OK;
    }
    if (target.length === 0 || new Set(target).size !== target.length) return err('INVALID_REPLICA_ASSIGNMENT', 'The replica assignment is empty or has duplicates.');
    const unknown = target.find((id) => !this.core.brokers.has(id));
    if (unknown !== undefined) return err('INVALID_REPLICA_ASSIGNMENT', `The proposed assignment contains broker ${unknown}, which is not registered.`);
    // A new target replaces an ongoing reassignment: replicas being added that are not in it leave at once.
    const adding = target.filter((r) => !original.includes(r));
    const removing = original.filter((r) => !target.includes(r));
    if (!state.isr.some((r) => target.includes(r) || removing.includes(r))) return err('INVALID_REPLICA_ASSIGNMENT', 'The new assignment would leave no in-sync replica.');
    if (adding.length === 0 && removing.length === 0) {
      this.replaceReplicas(topic, state, target, [], []);
      return OK;
    }
    const next = this.replaceReplicas(topic, state, [...target, ...removing], adding, removing);
    this.core.emit({ type: 'reassignment-started', topic: name, partition, addingReplicas: adding, removingReplicas: removing, targetReplicas: [...target] });
    this.maybeCompleteReassignment(topic, next);
    return OK;
  }

  /** Sets the replica set, keeping only ISR members still in it and moving leadership off removed replicas. */
  private replaceReplicas(topic: ControllerTopic, state: PartitionState, replicas: number[], adding: number[], removing: number[]): PartitionState {
    const isr = state.isr.filter((r) => replicas.includes(r));
    let next = this.controller.commit(topic, state, { replicas, isr, addingReplicas: adding, removingReplicas: removing });
    const removed = state.isr.filter((r) => !isr.includes(r));
    if (removed.length) this.core.emit({ type: 'isr-shrunk', topic: state.topic, partition: state.partition, removed, inSyncReplicas: [...isr] });
    if (!replicas.includes(next.leader)) next = this.controller.elect(topic, next, 'reassignment', {});
    return next;
  }

  /** Completes when every target replica is in the ISR: old replicas leave, leadership moves if needed. */
  maybeCompleteReassignment(topic: ControllerTopic, state: PartitionState): void {
    if (state.addingReplicas.length === 0 && state.removingReplicas.length === 0) return;
    const target = state.replicas.filter((r) => !state.removingReplicas.includes(r));
    if (!target.every((r) => state.isr.includes(r))) return;
    const isr = state.isr.filter((r) => target.includes(r));
    const next = this.controller.commit(topic, state, { replicas: target, isr, addingReplicas: [], removingReplicas: [] });
    if (!target.includes(next.leader)) this.controller.elect(topic, next, 'reassignment', {});
    this.core.emit({ type: 'partition-reassigned', topic: state.topic, partition: state.partition, replicas: [...target] });
  }
}
