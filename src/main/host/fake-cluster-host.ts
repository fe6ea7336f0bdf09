/**
 * A stand-in cluster host without a simulation or sockets behind it: state changes only
 * through commands, and time advances on a wall-clock timer. For tests of the shell and serve
 * mode, for `serve --demo`, and for the UI benchmark's 10,000-partition cluster.
 */
import type { ClusterCommand, ClusterEvent, ClusterEventBody, ClusterView, CommandResult, PartitionView, TopicView } from '../../shared';
import { defaultTopicConfigs, makeClusterView, makeTopic, recountBrokers, type FixtureTopic } from '../../shared/cluster-view-fixtures';
import type { EventHistory, MetricHistory } from '../../shared/history-contract';
import { EventHistoryStore } from '../../broker/host/event-history';
import { MetricHistoryStore } from '../../broker/host/metric-history';
import type { ClusterHostLike } from './cluster-host-like';
import { SessionHistory } from '../../broker/host/session-history';
import type { PastViewResult, SessionHistoryRange } from '../../shared/session-history-contract';

export interface FakeHostOptions {
  brokers?: number;
  basePort?: number;
  seed?: number;
  topics?: FixtureTopic[];
  /** Wall-clock tick in ms; 0 disables the timer (tests advance with `advance`). */
  tickMs?: number;
}

const topicNamePattern = /^[a-zA-Z0-9._-]{1,249}$/;

export class FakeClusterHost implements ClusterHostLike {
  readonly bootstrap: string;
  readonly seed: number;
  private view: ClusterView;
  private readonly history = new EventHistoryStore();
  private readonly metrics = new MetricHistoryStore();
  private readonly listeners = new Set<(events: ClusterEvent[]) => void>();
  private seq = 0;
  /** Time travel (issue 13): sampled on `advance` when due and around every command, like the real host. */
  private readonly sessionHistory = new SessionHistory();
  private readonly timer: ReturnType<typeof setInterval> | null;

  constructor(options: FakeHostOptions = {}) {
    this.seed = options.seed ?? 42;
    this.view = makeClusterView({ brokers: options.brokers ?? 3, basePort: options.basePort ?? 9092, seed: this.seed, topics: options.topics ?? [] });
    this.bootstrap = this.view.brokers.map((b) => `${b.host}:${b.port}`).join(',');
    const tickMs = options.tickMs ?? 100;
    this.timer = tickMs > 0 ? setInterval(() => this.advance(tickMs), tickMs) : null;
    this.timer?.unref?.();
    this.sessionHistory.record(this.view, this.seq, 'start', Date.now());
  }

  sessionHistoryRange(): SessionHistoryRange {
    return this.sessionHistory.range();
  }

  viewAt(simTimeMs: number, throughEventSeq?: number): PastViewResult {
    if (typeof simTimeMs !== 'number' || !Number.isFinite(simTimeMs)) return { ok: false, errorName: 'INVALID_REQUEST', message: `A moment is a simulated time in ms, got ${String(simTimeMs)}.` };
    const past = this.sessionHistory.viewAt(simTimeMs, throughEventSeq);
    return past ? { ok: true, ...past } : { ok: false, errorName: 'OFFSET_OUT_OF_RANGE', message: `No history at ${simTimeMs}.` };
  }

  snapshot(): ClusterView {
    return this.view;
  }

  onEvents(listener: (events: ClusterEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  recentEvents(limit = 1000): ClusterEvent[] {
    return this.history.recent(limit);
  }

  eventHistory(): EventHistory {
    return this.history.history();
  }

  /** Sampled on every `advance` (the fake's clock tick). */
  metricHistory(): MetricHistory {
    return this.metrics.history();
  }

  /** A fake has no model input log: a placeholder trace with the seed (the real host: ClusterHost.exportTrace). */
  exportTrace(): string {
    return JSON.stringify({ seed: this.seed, config: {}, inputLog: [], endTimeMs: this.view.simTimeMs });
  }

  /** Advances simulated time by `wallMs` × speed unless paused. */
  advance(wallMs: number): void {
    const sim = this.view.sim!;
    if (sim.paused) return;
    this.view = { ...this.view, simTimeMs: this.view.simTimeMs + wallMs * sim.speed };
    this.metrics.sample(this.view);
    const reason = this.sessionHistory.due(this.view.simTimeMs, Date.now(), false);
    if (reason) this.sessionHistory.record(this.view, this.seq, reason, Date.now());
  }

  /** Appends `count` records to a partition's leader and all in-sync replicas (test helper). */
  produce(topic: string, partition: number, count: number): void {
    this.updatePartition(topic, partition, (p) => {
      const end = p.logEndOffset + count;
      const replicaStates = p.replicaStates.map((r) => (p.inSyncReplicas.includes(r.brokerId) ? { ...r, logEndOffset: end, highWatermark: end } : r));
      return { ...p, logEndOffset: end, highWatermark: end, lastStableOffset: end, replicaStates };
    });
  }

  async execute(command: ClusterCommand): Promise<CommandResult> {
    this.sessionHistory.record(this.view, this.seq, 'before-command', Date.now());
    const result = await this.executeCommand(command);
    this.sessionHistory.record(this.view, this.seq, 'event', Date.now());
    return result;
  }

  private async executeCommand(command: ClusterCommand): Promise<CommandResult> {
    switch (command.type) {
      case 'stop-broker':
      case 'isolate-broker':
        return this.takeDown(command.brokerId, command.type === 'stop-broker' ? 'stopped' : 'isolated', command.type === 'stop-broker' ? !!command.controlled : false);
      case 'power-loss-broker':
        return this.takeDown(command.brokerId, 'stopped', false);
      case 'start-broker':
      case 'heal-broker':
        return this.bringUp(command.brokerId, command.type === 'heal-broker');
      case 'stop-controller':
      case 'start-controller':
      case 'isolate-controller':
      case 'heal-controller':
        return { ok: false, errorName: 'INVALID_REQUEST', message: 'The fake host runs in combined mode: its voters are brokers.' };
      case 'set-link':
        this.emit([{ type: 'link-changed', fromBrokerId: command.fromBrokerId, toBrokerId: command.toBrokerId, latencyMs: command.latencyMs, lossRate: command.lossRate, cut: !!command.cut }]);
        return { ok: true };
      case 'elect-preferred-leader':
        return this.electPreferred(command.topic, command.partition);
      case 'elect-preferred-leaders':
        for (const t of this.view.topics) this.electPreferred(t.name);
        return { ok: true };
      case 'elect-unclean-leader':
        return { ok: false, errorName: 'UNSUPPORTED_VERSION', message: 'The fake host does not elect unclean leaders.' };
      case 'reassign-partition':
        this.updatePartition(command.topic, command.partition, (p) => ({ ...p, replicas: command.replicas, preferredLeader: command.replicas[0]!, inSyncReplicas: p.inSyncReplicas.filter((b) => command.replicas.includes(b)) }));
        this.emit([{ type: 'partition-reassigned', topic: command.topic, partition: command.partition, replicas: command.replicas }]);
        return { ok: true };
      case 'create-topic':
        return this.createTopic(command);
      case 'delete-topic': {
        const topic = this.view.topics.find((t) => t.name === command.topic);
        if (!topic) return { ok: false, errorName: 'UNKNOWN_TOPIC_OR_PARTITION', message: `Topic ${command.topic} does not exist.` };
        this.setTopics(this.view.topics.filter((t) => t !== topic));
        this.emit([{ type: 'topic-deleted', topic: topic.name, topicId: topic.topicId }]);
        return { ok: true };
      }
      case 'add-partitions':
        return { ok: false, errorName: 'UNSUPPORTED_VERSION', message: 'The fake host does not add partitions.' };
      case 'alter-topic-config': {
        const topic = this.view.topics.find((t) => t.name === command.topic);
        if (!topic) return { ok: false, errorName: 'UNKNOWN_TOPIC_OR_PARTITION', message: `Topic ${command.topic} does not exist.` };
        const configs = topic.configs.map((c) => (c.name in command.configs ? { ...c, value: command.configs[c.name] ?? c.defaultValue, source: command.configs[c.name] === null ? ('DEFAULT_CONFIG' as const) : ('DYNAMIC_TOPIC_CONFIG' as const) } : c));
        this.setTopics(this.view.topics.map((t) => (t === topic ? { ...t, configs } : t)));
        return { ok: true };
      }
      case 'inject-request-fault':
      case 'clear-request-faults':
        return { ok: false, errorName: 'UNSUPPORTED_VERSION', message: 'The fake host has no wire to inject request faults into.' };
      case 'set-speed':
        this.view = { ...this.view, sim: { ...this.view.sim!, speed: command.speed } };
        return { ok: true };
      case 'pause':
      case 'resume':
        this.view = { ...this.view, sim: { ...this.view.sim!, paused: command.type === 'pause' } };
        return { ok: true };
      case 'step':
        this.view = { ...this.view, simTimeMs: this.view.simTimeMs + (command.stepMs ?? 100) };
        return { ok: true };
      case 'alter-broker-config':
        return { ok: false, errorName: 'UNSUPPORTED_VERSION', message: 'The fake host has no broker configs.' };
      case 'create-acl':
      case 'delete-acl':
      case 'set-client-quota':
        return { ok: false, errorName: 'SECURITY_DISABLED', message: 'The fake host has no ACLs or quotas.' };
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.listeners.clear();
  }

  private createTopic(command: Extract<ClusterCommand, { type: 'create-topic' }>): CommandResult {
    if (!topicNamePattern.test(command.topic) || command.topic === '.' || command.topic === '..') return { ok: false, errorName: 'INVALID_TOPIC_EXCEPTION', message: `Topic name "${command.topic}" is illegal.` };
    if (this.view.topics.some((t) => t.name === command.topic)) return { ok: false, errorName: 'TOPIC_ALREADY_EXISTS', message: `Topic '${command.topic}' already exists.` };
    if (command.partitions < 1) return { ok: false, errorName: 'INVALID_PARTITIONS', message: 'Number of partitions must be larger than 0.' };
    const running = this.view.brokers.filter((b) => b.state === 'running').map((b) => b.brokerId);
    if (command.replicationFactor < 1 || command.replicationFactor > running.length) {
      return { ok: false, errorName: 'INVALID_REPLICATION_FACTOR', message: `Replication factor: ${command.replicationFactor} larger than available brokers: ${running.length}.` };
    }
    const topic = { ...makeTopic({ name: command.topic, partitions: command.partitions, replicationFactor: command.replicationFactor }, running, this.view.topics.length + 1), configs: defaultTopicConfigs(command.configs ?? {}) };
    this.setTopics([...this.view.topics, topic]);
    this.emit([
      { type: 'topic-created', topic: topic.name, topicId: topic.topicId, partitions: command.partitions, replicationFactor: command.replicationFactor },
      ...topic.partitions.map((p): ClusterEventBody => ({ type: 'leader-elected', topic: topic.name, partition: p.partition, leader: p.leader, previousLeader: -1, leaderEpoch: 0, unclean: false, reason: 'initial' })),
    ]);
    return { ok: true };
  }

  private takeDown(brokerId: number, state: 'stopped' | 'isolated', controlled: boolean): CommandResult {
    const broker = this.view.brokers.find((b) => b.brokerId === brokerId);
    if (!broker) return { ok: false, errorName: 'BROKER_NOT_AVAILABLE', message: `No broker ${brokerId}.` };
    if (broker.state !== 'running') return { ok: false, errorName: 'BROKER_NOT_AVAILABLE', message: `Broker ${brokerId} is ${broker.state}.` };
    const events: ClusterEventBody[] = [state === 'stopped' ? { type: 'broker-stopped', brokerId, controlled } : { type: 'broker-isolated', brokerId }];
    this.view = { ...this.view, brokers: this.view.brokers.map((b) => (b.brokerId === brokerId ? { ...b, state, isActiveController: false } : b)) };
    this.setTopics(this.view.topics.map((t) => ({ ...t, partitions: t.partitions.map((p) => this.failReplica(t.name, p, brokerId, events)) })));
    this.emit(events);
    return { ok: true };
  }

  private failReplica(topic: string, p: PartitionView, brokerId: number, events: ClusterEventBody[]): PartitionView {
    if (!p.replicas.includes(brokerId)) return p;
    const inSyncReplicas = p.inSyncReplicas.filter((b) => b !== brokerId);
    const replicaStates = p.replicaStates.map((r) => (r.brokerId === brokerId ? { ...r, offline: true } : r));
    const next = { ...p, inSyncReplicas, replicaStates, offlineReplicas: [...p.offlineReplicas, brokerId] };
    if (inSyncReplicas.length < p.inSyncReplicas.length) events.push({ type: 'isr-shrunk', topic, partition: p.partition, removed: [brokerId], inSyncReplicas });
    if (p.leader !== brokerId) return next;
    const leader = inSyncReplicas[0] ?? -1;
    const leaderEpoch = p.leaderEpoch + 1;
    if (leader < 0) events.push({ type: 'partition-offline', topic, partition: p.partition, leaderEpoch, previousLeader: brokerId });
    else events.push({ type: 'leader-elected', topic, partition: p.partition, leader, previousLeader: brokerId, leaderEpoch, unclean: false, reason: 'broker-failure' });
    return { ...next, leader, leaderEpoch };
  }

  private bringUp(brokerId: number, healed: boolean): CommandResult {
    const broker = this.view.brokers.find((b) => b.brokerId === brokerId);
    if (!broker) return { ok: false, errorName: 'BROKER_NOT_AVAILABLE', message: `No broker ${brokerId}.` };
    if (broker.state === 'running') return { ok: true, message: `Broker ${brokerId} is already running.` };
    const events: ClusterEventBody[] = [healed ? { type: 'broker-healed', brokerId } : { type: 'broker-started', brokerId }];
    this.view = { ...this.view, brokers: this.view.brokers.map((b) => (b.brokerId === brokerId ? { ...b, state: 'running' } : b)) };
    this.setTopics(this.view.topics.map((t) => ({
      ...t,
      partitions: t.partitions.map((p) => {
        if (!p.replicas.includes(brokerId)) return p;
        const inSyncReplicas = [...p.inSyncReplicas, brokerId];
        events.push({ type: 'isr-expanded', topic: t.name, partition: p.partition, added: [brokerId], inSyncReplicas });
        const replicaStates = p.replicaStates.map((r) => (r.brokerId === brokerId ? { ...r, offline: false, logEndOffset: p.logEndOffset, highWatermark: p.highWatermark } : r));
        const leader = p.leader < 0 ? brokerId : p.leader;
        return { ...p, inSyncReplicas, replicaStates, leader, offlineReplicas: p.offlineReplicas.filter((b) => b !== brokerId) };
      }),
    })));
    this.emit(events);
    return { ok: true };
  }

  private electPreferred(topicName: string, partition?: number): CommandResult {
    const events: ClusterEventBody[] = [];
    this.setTopics(this.view.topics.map((t) => (t.name !== topicName ? t : {
      ...t,
      partitions: t.partitions.map((p) => {
        if ((partition !== undefined && p.partition !== partition) || p.leader === p.preferredLeader || !p.inSyncReplicas.includes(p.preferredLeader)) return p;
        events.push({ type: 'leader-elected', topic: t.name, partition: p.partition, leader: p.preferredLeader, previousLeader: p.leader, leaderEpoch: p.leaderEpoch + 1, unclean: false, reason: 'preferred' });
        return { ...p, leader: p.preferredLeader, leaderEpoch: p.leaderEpoch + 1 };
      }),
    })));
    this.emit(events);
    return events.length > 0 ? { ok: true } : { ok: false, errorName: 'ELECTION_NOT_NEEDED', message: 'The preferred leader already leads (or is not in sync).' };
  }

  private updatePartition(topicName: string, partition: number, update: (p: PartitionView) => PartitionView): void {
    this.setTopics(this.view.topics.map((t) => (t.name !== topicName ? t : { ...t, partitions: t.partitions.map((p) => (p.partition === partition ? update(p) : p)) })));
  }

  private setTopics(topics: TopicView[]): void {
    this.view = { ...this.view, topics, brokers: recountBrokers(this.view.brokers, topics), controller: { ...this.view.controller, metadataEpoch: this.view.controller.metadataEpoch + 1 } };
  }

  private emit(bodies: ClusterEventBody[]): void {
    if (bodies.length === 0) return;
    const events = bodies.map((body) => ({ ...body, timeMs: this.view.simTimeMs, seq: ++this.seq }) as ClusterEvent);
    for (const event of events) this.history.add(event);
    for (const listener of this.listeners) listener(events);
  }
}
