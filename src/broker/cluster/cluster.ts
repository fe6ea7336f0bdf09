/**
 * createCluster: the simulated Kafka cluster behind api.ts's KafkaCluster. Wires the simulation
 * kernel, network, event log, configs, brokers, controller and topic admin, and routes every
 * model-changing call through `input()` so it lands in the input log (exact replay, see api.ts).
 */
import type { FaultableRequest } from './faults/request-faults';
import type { RequestFaultAction } from '../../shared/request-faults';
import type { ClusterCommand, CommandResult } from '../../shared/cluster-commands';
import type { ClusterView } from '../../shared/cluster-view';
import { SimNetwork } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type * as api from './api';
import { Broker } from './brokers/broker';
import { startTasks } from './brokers/lifecycle';
import { applyCommand } from './client/commands';
import { alterConfigs, describeConfigs, describeLogDirs, incrementalToPatch } from './client/admin';
import { fetch } from './client/fetch';
import { FlowRecorder, type FlowClientRef, type FlowRecorderOptions } from './flow/flow-recorder';
import type { FlowView } from '../../shared/flow-view';
import { describeCluster, metadata } from './client/metadata';
import { deleteRecords, listOffsets, offsetForLeaderEpoch } from './client/offsets';
import { produce } from './client/produce';
import { ownRecordSet } from './log/stored-batch';
import { BrokerConfigStore } from './config/configs';
import { Controller } from './controller/controller';
import { MAX_PARTITIONS_PER_BATCH, TopicAdmin, validateTopicName } from './controller/topic-admin';
import { ClusterCore, type DataWaiter } from './core';
import { EventLog } from './events/event-log';
import { tpKey } from './metadata';
import { InputLog } from './input-log';
import { snapshot, type SnapshotOptions } from './view/snapshot';
import { clusterServices } from './cluster-services';
import { ClusterMetrics } from './metrics/cluster-metrics';

const noop = () => {};

export class SimCluster implements api.KafkaCluster {
  readonly clusterId: string;
  readonly seed: number;
  readonly sim: Simulation;
  readonly core: ClusterCore;
  readonly admin: TopicAdmin;
  private readonly inputLog: InputLog;
  readonly services: api.ClusterServices;

  constructor(readonly options: api.ClusterOptions) {
    this.seed = options.seed;
    const start = options.startTimeMs;
    if (start !== undefined && !(Number.isSafeInteger(start) && start >= 0)) throw new Error(`startTimeMs must be a whole number of ms since the epoch, got ${start}`);
    this.sim = new Simulation(options.seed, start);
    this.inputLog = new InputLog(options.inputLogLimitBytes ?? Infinity, options.recordInputLog !== false);
    const random = this.sim.random;
    this.clusterId = options.clusterId ?? Buffer.from(random.fork('cluster-id').bytes(16)).toString('base64url');
    const network = new SimNetwork(this.sim, random.fork('network'), options.defaultLinkLatencyMs ?? 1);
    this.core = new ClusterCore(this.sim, network, new EventLog(this.sim), new BrokerConfigStore(options.brokerConfig ?? {}), {
      topicIds: random.fork('topic-ids'),
      assignment: random.fork('assignment'),
      controller: random.fork('controller'),
    });
    const ids = options.brokers.map((b) => b.brokerId);
    if (ids.length === 0 || new Set(ids).size !== ids.length) throw new Error('brokers need distinct ids');
    for (const b of options.brokers) this.core.brokers.set(b.brokerId, new Broker(this.core, b.brokerId, b.rack ?? null));
    const controllerIds = (options.controllers ?? []).map((c) => c.nodeId);
    if (new Set(controllerIds).size !== controllerIds.length || controllerIds.some((id) => ids.includes(id) || !Number.isSafeInteger(id) || id < 0)) {
      throw new Error('dedicated controllers need distinct non-negative node ids, apart from the broker ids');
    }
    this.core.controller = new Controller(this.core, ids, controllerIds);
    this.admin = new TopicAdmin(this.core, this.core.controller);
    const controller = this.core.controller;
    const metrics = new ClusterMetrics({
      now: () => this.sim.now(),
      partitionLeader: (topic, partition) => controller.topics.get(topic)?.partitions[partition]?.leader ?? -1,
      activeControllerId: () => controller.activeControllerId,
    });
    this.core.metrics = metrics;
    this.core.events.subscribe((e) => metrics.onEvent(e));
    this.core.controller.becomeActive(this.core.controller.voters[0]!);
    for (const b of this.core.brokers.values()) startTasks(this.core, b);
    this.services = clusterServices(this.core, this.admin);
  }

  // ------------------------------------------------------------ time and inputs

  now(): number {
    return this.sim.now();
  }

  runUntil(timeMs: number): void {
    this.sim.runUntil(timeMs);
  }

  nextEventTime(): number {
    return this.sim.nextEventTime();
  }

  /** Logs an input (time, model events so far) and applies it; model-internal calls are not logged. */
  private input<T>(input: api.ClusterInput, apply: () => T, internal = this.modelInternalDepth > 0): T {
    if (!internal) this.inputLog.append(this.sim.now(), this.sim.processedEvents, input);
    return apply();
  }

  private modelInternalDepth = 0;

  /**
   * Runs `fn` as a MODEL-INTERNAL caller: the produce, command and admin calls it makes are not
   * appended to the input log. Only for callers that a replay regenerates by itself from the trace
   * — the scenario engine's simulated clients and steps (src/broker/scenario/), which run inside
   * model events and are re-attached from `ClusterTrace.scenario` before the logged inputs replay.
   * Anything else (a socket, a UI click) must stay logged or the recording cannot replay it.
   * A produce keeps the mark it had when called, even when it is deferred to the end of the event.
   */
  asModelInternal<T>(fn: () => T): T {
    this.modelInternalDepth++;
    try {
      return fn();
    } finally {
      this.modelInternalDepth--;
    }
  }

  /** The scenario attached to this cluster, exported with the trace (set by attachScenario). */
  traceScenario: api.TraceScenario | null = null;

  /** Re-applies a logged input (replay); results and callbacks are discarded. */
  applyInput(input: api.ClusterInput): void {
    switch (input.type) {
      case 'produce': return this.produce(input.brokerId, input.request, noop);
      case 'metadata-auto-create': return void this.metadata(input.brokerId, input.topics, true);
      case 'create-topics': return void this.createTopics(input.brokerId, input.topics, input.validateOnly);
      case 'delete-topics': return void this.deleteTopics(input.brokerId, input.topics);
      case 'create-partitions': return void this.createPartitions(input.brokerId, input.topics, input.validateOnly);
      case 'delete-records': return this.deleteRecords(input.brokerId, input.partitions, input.timeoutMs, noop);
      case 'alter-configs': return void this.alterConfigs(input.brokerId, input.resources, input.validateOnly);
      case 'incremental-alter-configs': return void this.incrementalAlterConfigs(input.brokerId, input.resources, input.validateOnly);
      case 'elect-leaders': return void this.electLeaders(input.brokerId, input.electionType, input.partitions);
      case 'alter-partition-reassignments': return void this.alterPartitionReassignments(input.brokerId, input.partitions);
      case 'init-producer-id': return void this.initProducerId(input.brokerId, input.transactionalId, input.producerId, input.producerEpoch);
      case 'command': return void this.command(input.command);
      case 'request-fault': return void this.input(input, () => this.hitRequestFault(input));
      case 'extension': {
        const ext = this.core.extensions.find((e) => e.name === input.extension);
        if (!ext?.replayInput) throw new Error(`trace needs extension ${input.extension}; register it before replaying`);
        return this.input(input, () => ext.replayInput!(input.input));
      }
    }
  }

  private brokerOrThrow(brokerId: number): Broker {
    const b = this.core.broker(brokerId);
    if (!b) throw new RangeError(`unknown broker ${brokerId}`);
    return b;
  }

  // ------------------------------------------------------------ client APIs

  /**
   * Record sets are copied into log memory here, before the call returns (stored-batch.ts
   * ownRecordSet): the caller may reuse its buffers at once (the wire server's socket reads), and the
   * input log and the replica logs share the copy.
   */
  produce(brokerId: number, request: api.ProduceRequest, done: (result: api.ProduceResult) => void, client?: FlowClientRef): void {
    const owned: api.ProduceRequest = { ...request, topics: request.topics.map((t) => ({ ...t, partitions: t.partitions.map((p) => ({ ...p, records: ownRecordSet(p.records) })) })) };
    const internal = this.modelInternalDepth > 0;
    this.sim.outsideEvent(() => this.produceNow(brokerId, owned, done, internal, client));
  }

  private produceNow(brokerId: number, request: api.ProduceRequest, done: (result: api.ProduceResult) => void, internal = false, client?: FlowClientRef): void {
    this.input({ type: 'produce', brokerId, request }, () => {
      const b = this.brokerOrThrow(brokerId);
      if (!b.running) {
        return done({ topics: request.topics.map((t) => ({ topic: t.topic, partitions: t.partitions.map((p) => ({ partition: p.partition, errorName: 'BROKER_NOT_AVAILABLE', errorMessage: 'The broker is not running.', baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, recordErrors: [], currentLeader: null })) })), nodeEndpoints: [] });
      }
      produce(this.core, b, request, (result) => {
        this.core.metrics?.onProduceAnswer(brokerId, result);
        done(result);
      }, client);
    }, internal);
  }

  fetch(brokerId: number, request: api.FetchRequest, client?: FlowClientRef): api.FetchResult {
    return fetch(this.core, this.brokerOrThrow(brokerId), request, client);
  }

  enableFlow(options?: FlowRecorderOptions): void {
    this.core.flow ??= new FlowRecorder(options);
  }

  flowView(windowMs?: number): FlowView | null {
    return this.core.flow?.view(this.sim.now(), windowMs) ?? null;
  }

  waitForData(brokerId: number, partitions: { topic: string; partition: number }[], maxWaitMs: number, wake: (reason: 'data' | 'timeout') => void): api.DataWait {
    const keys = new Set(partitions.map((p) => tpKey(p.topic, p.partition)));
    let timer: { cancel(): void } | null = null;
    const waiter: DataWaiter = {
      brokerId,
      keys,
      done: false,
      wake: (reason) => {
        if (waiter.done) return;
        cancel();
        wake(reason);
      },
    };
    const cancel = () => {
      waiter.done = true;
      timer?.cancel();
      for (const k of keys) this.core.waiters.get(k)?.delete(waiter);
    };
    for (const k of keys) {
      let set = this.core.waiters.get(k);
      if (!set) this.core.waiters.set(k, (set = new Set()));
      set.add(waiter);
    }
    timer = this.sim.scheduleObserver(maxWaitMs, () => waiter.wake('timeout'));
    return { cancel };
  }

  metadata(brokerId: number, topics: string[] | null, allowAutoCreate: boolean): api.MetadataResult {
    const b = this.brokerOrThrow(brokerId);
    const autoCreated = new Set<string>();
    const missing = [...new Set(topics ?? [])].filter((t) => !b.topics.has(t));
    if (allowAutoCreate && missing.length > 0 && this.core.configs.bool('auto.create.topics.enable') && this.core.controller.reachable(brokerId)) {
      this.input({ type: 'metadata-auto-create', brokerId, topics: missing }, () => {
        const toCreate = missing.filter((t) => !this.core.controller.topics.has(t));
        for (const t of missing) if (this.core.controller.topics.has(t)) autoCreated.add(t);
        // Kafka's AutoTopicCreationManager sends one CreateTopics for the request's missing topics
        // and the controller refuses the whole batch when its partitions, num.partitions each,
        // pass MAX_PARTITIONS_PER_BATCH (ReplicationControlManager.validateTotalNumberOfPartitions,
        // KAFKA-17870); the topics stay unknown. Without it one Metadata naming 2000 new topics
        // with num.partitions=50 made 100000 partitions: seconds of blocked event loop per
        // simulated second, rss without bound. Invalid names are refused one by one, not counted.
        const creatable = toCreate.filter((t) => validateTopicName(t) === null).length;
        if (creatable * Math.max(0, this.core.num('num.partitions')) > MAX_PARTITIONS_PER_BATCH) return;
        for (const t of toCreate) {
          const r = this.admin.createTopic({ name: t, numPartitions: -1, replicationFactor: Math.min(this.core.num('default.replication.factor'), this.core.brokers.size), autoCreated: true }, false);
          if (r.errorName === 'NONE') autoCreated.add(t);
        }
      });
    }
    return { ...metadata(this.core, b, topics, autoCreated), clusterId: this.clusterId };
  }

  private readonly topicIdIndex = new Map<number, { metadataOffset: number; byId: Map<string, string> }>();

  topicNameById(brokerId: number, topicId: string): string | null {
    const b = this.brokerOrThrow(brokerId);
    let index = this.topicIdIndex.get(brokerId);
    if (!index || index.metadataOffset !== b.metadataOffset) {
      index = { metadataOffset: b.metadataOffset, byId: new Map([...b.topics.values()].map((t) => [t.record.topicId.text, t.record.name])) };
      this.topicIdIndex.set(brokerId, index);
    }
    return index.byId.get(topicId) ?? null;
  }

  listOffsets(brokerId: number, isolationLevel: 0 | 1, partitions: api.ListOffsetsPartitionRequest[]): api.ListOffsetsPartitionResult[] {
    return listOffsets(this.core, this.brokerOrThrow(brokerId), isolationLevel, partitions);
  }

  offsetForLeaderEpoch(brokerId: number, partitions: api.OffsetForLeaderEpochPartitionRequest[]): api.OffsetForLeaderEpochPartitionResult[] {
    return offsetForLeaderEpoch(this.brokerOrThrow(brokerId), partitions);
  }

  deleteRecords(brokerId: number, partitions: { topic: string; partition: number; offset: number }[], timeoutMs: number, done: (r: api.DeleteRecordsPartitionResult[]) => void): void {
    this.sim.outsideEvent(() => this.input({ type: 'delete-records', brokerId, partitions, timeoutMs }, () => done(deleteRecords(this.core, this.brokerOrThrow(brokerId), partitions))));
  }

  createTopics(brokerId: number, topics: api.CreatableTopic[], validateOnly: boolean): api.CreateTopicResult[] {
    return this.input({ type: 'create-topics', brokerId, topics, validateOnly }, () => topics.map((t) => {
      const base = { name: t.name, topicId: 'AAAAAAAAAAAAAAAAAAAAAA', topicIdBytes: new Uint8Array(16), configs: [] as api.CreateTopicResult['configs'] };
      if (!this.core.controller.reachable(brokerId)) return { ...base, errorName: 'REQUEST_TIMED_OUT', errorMessage: 'The controller could not be reached.', numPartitions: -1, replicationFactor: -1 };
      const r = this.admin.createTopic({ name: t.name, numPartitions: t.numPartitions, replicationFactor: t.replicationFactor, assignments: t.assignments, configs: t.configs }, validateOnly);
      const created = this.core.controller.topics.get(t.name);
      const ok = r.errorName === 'NONE';
      return {
        ...base,
        topicId: ok && created && !validateOnly ? created.record.topicId.text : base.topicId,
        topicIdBytes: ok && created && !validateOnly ? created.record.topicId.bytes : base.topicIdBytes,
        errorName: r.errorName,
        errorMessage: r.message,
        numPartitions: ok ? r.numPartitions : -1,
        replicationFactor: ok ? r.replicationFactor : -1,
        configs: ok ? this.core.configs.describeTopic(created && !validateOnly ? created.record.configs : {}, null) : [],
      };
    }));
  }

  deleteTopics(brokerId: number, topics: string[]): api.TopicErrorResult[] {
    return this.input({ type: 'delete-topics', brokerId, topics }, () => topics.map((name) => {
      if (!this.core.controller.reachable(brokerId)) return { name, errorName: 'REQUEST_TIMED_OUT', errorMessage: 'The controller could not be reached.' };
      const r = this.admin.deleteTopic(name);
      return { name, errorName: r.errorName, errorMessage: r.message };
    }));
  }

  createPartitions(brokerId: number, topics: { name: string; count: number; assignments?: number[][] | null }[], validateOnly: boolean): api.TopicErrorResult[] {
    return this.input({ type: 'create-partitions', brokerId, topics, validateOnly }, () => topics.map((t) => {
      if (!this.core.controller.reachable(brokerId)) return { name: t.name, errorName: 'REQUEST_TIMED_OUT', errorMessage: 'The controller could not be reached.' };
      const r = this.admin.createPartitions(t.name, t.count, t.assignments ?? null, validateOnly);
      return { name: t.name, errorName: r.errorName, errorMessage: r.message };
    }));
  }

  describeConfigs(brokerId: number, resources: (api.ConfigResourceRef & { configNames: string[] | null })[]): api.DescribeConfigsResult[] {
    return describeConfigs(this.core, this.brokerOrThrow(brokerId), resources);
  }

  alterConfigs(brokerId: number, resources: (api.ConfigResourceRef & { configs: Record<string, string | null> })[], validateOnly: boolean): api.AlterConfigsResult[] {
    return this.input({ type: 'alter-configs', brokerId, resources, validateOnly }, () => alterConfigs(this.core, this.admin, brokerId, resources, validateOnly, true));
  }

  incrementalAlterConfigs(brokerId: number, resources: (api.ConfigResourceRef & { configs: { name: string; op: api.IncrementalOp; value: string | null }[] })[], validateOnly: boolean): api.AlterConfigsResult[] {
    return this.input({ type: 'incremental-alter-configs', brokerId, resources, validateOnly }, () => resources.map((res) => {
      const patch = incrementalToPatch(this.core, this.brokerOrThrow(brokerId), res, res.configs);
      if ('errorName' in patch && typeof patch.errorName === 'string' && 'message' in patch) {
        return { resourceType: res.resourceType, resourceName: res.resourceName, errorName: patch.errorName, errorMessage: String(patch.message) };
      }
      return alterConfigs(this.core, this.admin, brokerId, [{ ...res, configs: patch as Record<string, string | null> }], validateOnly, false)[0]!;
    }));
  }

  describeCluster(brokerId: number): api.DescribeClusterResult {
    return describeCluster(this.core, this.brokerOrThrow(brokerId), this.clusterId);
  }

  describeLogDirs(brokerId: number, topics: { topic: string; partitions: number[] }[] | null): api.LogDirDescription[] {
    return describeLogDirs(this.core, this.brokerOrThrow(brokerId), topics);
  }

  electLeaders(brokerId: number, electionType: 0 | 1, partitions: { topic: string; partition: number }[] | null): api.ElectLeadersPartitionResult[] {
    return this.input({ type: 'elect-leaders', brokerId, electionType, partitions }, () => {
      const all = partitions ?? [...this.core.controller.topics.values()].flatMap((t) => t.partitions.filter((p) => (electionType === 0 ? p.leader !== p.replicas[0] : p.leader === -1)).map((p) => ({ topic: p.topic, partition: p.partition })));
      return all.map((p) => {
        if (!this.core.controller.reachable(brokerId)) return { ...p, errorName: 'REQUEST_TIMED_OUT', errorMessage: 'The controller could not be reached.' };
        const r = this.admin.electLeader(p.topic, p.partition, electionType);
        return { ...p, errorName: r.errorName, errorMessage: r.message };
      });
    });
  }

  alterPartitionReassignments(brokerId: number, partitions: { topic: string; partition: number; replicas: number[] | null }[]): api.ReassignmentResult[] {
    return this.input({ type: 'alter-partition-reassignments', brokerId, partitions }, () => partitions.map((p) => {
      if (!this.core.controller.reachable(brokerId)) return { topic: p.topic, partition: p.partition, errorName: 'REQUEST_TIMED_OUT', errorMessage: 'The controller could not be reached.' };
      const r = this.admin.reassign(p.topic, p.partition, p.replicas);
      return { topic: p.topic, partition: p.partition, errorName: r.errorName, errorMessage: r.message };
    }));
  }

  listPartitionReassignments(_brokerId: number, partitions: { topic: string; partition: number }[] | null): api.OngoingReassignment[] {
    const out: api.OngoingReassignment[] = [];
    this.core.controller.forEachPartition((_t, p) => {
      if (!p.addingReplicas.length && !p.removingReplicas.length) return;
      if (partitions && !partitions.some((q) => q.topic === p.topic && q.partition === p.partition)) return;
      out.push({ topic: p.topic, partition: p.partition, replicas: [...p.replicas], addingReplicas: [...p.addingReplicas], removingReplicas: [...p.removingReplicas] });
    });
    return out;
  }

  initProducerId(brokerId: number, transactionalId: string | null, producerId: number, producerEpoch: number): api.InitProducerIdResult {
    return this.input({ type: 'init-producer-id', brokerId, transactionalId, producerId, producerEpoch }, () => {
      if (transactionalId !== null) {
        for (const ext of this.core.extensions) {
          const r = ext.initTransactionalProducerId?.(brokerId, transactionalId, producerId, producerEpoch);
          if (r) return r;
        }
        return { errorName: 'COORDINATOR_NOT_AVAILABLE', producerId: -1, producerEpoch: -1 };
      }
      return { errorName: 'NONE', producerId: this.core.controller.allocateProducerId(), producerEpoch: 0 };
    });
  }

  // ------------------------------------------------------------ host

  command(command: ClusterCommand): CommandResult {
    return this.input({ type: 'command', command }, () => applyCommand(this.core, this.admin, command));
  }

  takeRequestFault(request: FaultableRequest): RequestFaultAction | null {
    const rule = this.core.requestFaults.match(request);
    if (!rule) return null;
    const input = { type: 'request-fault' as const, faultId: rule.faultId, brokerId: request.brokerId, apiName: request.apiName, clientId: request.clientId };
    return this.input(input, () => this.hitRequestFault(input));
  }

  private hitRequestFault(input: Extract<api.ClusterInput, { type: 'request-fault' }>): RequestFaultAction | null {
    const hit = this.core.requestFaults.hit(input.faultId);
    if (!hit) return null;
    const a = hit.action;
    const action = a.kind === 'error' ? a.errorName : a.kind === 'delay' ? `delay ${a.delayMs} ms` : 'disconnect';
    this.core.emit({ type: 'request-fault-injected', faultId: hit.faultId, brokerId: input.brokerId, apiName: input.apiName, clientId: input.clientId, action, remaining: hit.remaining });
    return a;
  }

  setBrokerEndpoint(brokerId: number, host: string, port: number): void {
    const b = this.brokerOrThrow(brokerId);
    b.host = host;
    b.port = port;
  }

  isBrokerRunning(brokerId: number): boolean {
    return this.core.broker(brokerId)?.running ?? false;
  }

  snapshot(options?: SnapshotOptions): ClusterView {
    const view = snapshot(this.core, this.clusterId, this.seed, options);
    for (const ext of this.core.extensions) ext.contributeToView?.(view);
    if (this.core.metrics) view.metrics = this.core.metrics.view(view);
    return view;
  }

  onEvent(listener: api.ClusterEventListener): () => void {
    return this.core.events.subscribe(listener);
  }

  /** Every event emitted so far (bounded; see EventLog.maxRetained). */
  get events() {
    return this.core.events.events;
  }

  exportTrace(): api.ClusterTrace {
    const trace: api.ClusterTrace = { seed: this.seed, config: this.options, inputLog: this.inputLog.exportEntries(), endTimeMs: this.sim.now() };
    if (this.traceScenario) trace.scenario = this.traceScenario;
    return trace;
  }

  /**
   * Issue 15: this session starts from a lab's stored data (topics and records recovered from
   * disk), which no recording holds; the input log stops, and export says why.
   */
  startedFromStoredData(reason: string): void {
    this.inputLog.stopRecording(reason);
  }

  inputLogStatus(): api.InputLogStatus {
    return this.inputLog.status();
  }

  extensionInput<T>(extension: string, input: unknown, apply: () => T): T {
    return this.input({ type: 'extension', extension, input }, apply);
  }

  registerExtension(extension: api.ClusterExtension): void {
    this.core.extensions.push(extension);
    if (extension.onEvent) this.core.events.subscribe((e) => extension.onEvent!(e));
  }
}

export function createCluster(options: api.ClusterOptions): SimCluster {
  return new SimCluster(options);
}
