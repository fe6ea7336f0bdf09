/**
 * A small stand-in for the cluster model, for the coordinators' tests: brokers, partitions with
 * one leader each, per-broker replica logs of raw batches, acks=all appends that complete after
 * REPLICATION_DELAY_MS of simulated time (copying the batch to every running replica and moving
 * the highWatermark), leader failover on broker stop with leadership notifications, and a
 * readable event log. Time and timers come from the real Simulation kernel (src/broker/sim).
 * Not the model: no ISR, no follower fetching, no truncation.
 */
import type { ClusterEvent, ClusterEventBody } from '../../../shared/cluster-events';
import { patchBaseOffset, patchPartitionLeaderEpoch, readBatchHeader } from '../../protocol/records';
import { Simulation } from '../../sim/simulation';
import type { AppendResult, CoordinatorHost, ReplicaOffsets } from './host';

export const REPLICATION_DELAY_MS = 2;

interface ReplicaLog { batches: Buffer[]; logEndOffset: number; highWatermark: number; logStartOffset: number }
interface PartitionState { replicas: number[]; leader: number; leaderEpoch: number; logs: Map<number, ReplicaLog> }

export interface LeadershipListener {
  onLeadershipChanged?(brokerId: number, topic: string, partition: number, isLeader: boolean, leaderEpoch: number): void;
  onEvent?(event: ClusterEvent): void;
}

export class TestCluster implements CoordinatorHost {
  readonly sim: Simulation;
  readonly events: (ClusterEventBody & { timeMs: number })[] = [];
  readonly listeners: LeadershipListener[] = [];
  private readonly topics = new Map<string, PartitionState[]>();
  private readonly running: Set<number>;
  private nextProducerId = 1000;
  private readonly startMs: number;

  constructor(readonly brokerIds: number[], readonly configs: Record<string, string> = {}, seed = 1) {
    this.sim = new Simulation(seed);
    this.startMs = this.sim.now();
    this.running = new Set(brokerIds);
  }

  now(): number { return this.sim.now(); }
  schedule(delayMs: number, label: string, run: () => void): void { this.sim.schedule(delayMs, label, run); }
  brokerConfig(name: string): string | null { return this.configs[name] ?? null; }
  allocateProducerId(): number { return this.nextProducerId++; }
  emit(event: ClusterEventBody): void {
    const stamped = { ...event, timeMs: this.now() };
    this.events.push(stamped);
    for (const l of this.listeners) l.onEvent?.({ ...stamped, seq: this.events.length } as ClusterEvent);
  }
  partitionCount(topic: string): number | null { return this.topics.get(topic)?.length ?? null; }
  leaderOf(topic: string, partition: number): number { return this.topics.get(topic)?.[partition]?.leader ?? -1; }

  /** Milliseconds since the start of the run (for readable logs). */
  elapsed(): number { return this.now() - this.startMs; }

  /** Runs the model forward by `ms` of simulated time. */
  advance(ms: number): void { this.sim.runUntil(this.now() + ms); }

  createTopic(name: string, partitions: number, replicationFactor = Math.min(3, this.brokerIds.length)): void {
    if (this.topics.has(name)) return;
    const running = this.brokerIds.filter((b) => this.running.has(b));
    const states: PartitionState[] = [];
    for (let p = 0; p < partitions; p++) {
      const replicas = Array.from({ length: Math.min(replicationFactor, running.length) }, (_, i) => running[(p + i) % running.length]!);
      const logs = new Map(replicas.map((b) => [b, { batches: [], logEndOffset: 0, highWatermark: 0, logStartOffset: 0 } as ReplicaLog]));
      states.push({ replicas, leader: replicas[0]!, leaderEpoch: 0, logs });
    }
    this.topics.set(name, states);
    this.schedule(0, 'initial-leaders', () => {
      states.forEach((s, p) => { for (const l of this.listeners) l.onLeadershipChanged?.(s.leader, name, p, true, s.leaderEpoch); });
    });
  }

  ensureInternalTopic(name: string, partitions: number, replicationFactor: number): void {
    this.createTopic(name, partitions, replicationFactor);
  }

  readLog(brokerId: number, topic: string, partition: number, fromOffset: number): Buffer[] {
    const log = this.topics.get(topic)?.[partition]?.logs.get(brokerId);
    if (log === undefined) return [];
    return log.batches.filter((b) => {
      const h = readBatchHeader(b);
      return h.baseOffset + h.lastOffsetDelta >= fromOffset;
    });
  }

  replicaOffsets(brokerId: number, topic: string, partition: number): ReplicaOffsets | null {
    const state = this.topics.get(topic)?.[partition];
    const log = state?.logs.get(brokerId);
    if (state === undefined || log === undefined) return null;
    return { logStartOffset: log.logStartOffset, highWatermark: log.highWatermark, logEndOffset: log.logEndOffset, leaderEpoch: state.leaderEpoch };
  }

  appendAsCoordinator(brokerId: number, topic: string, partition: number, batch: Buffer, _acks: -1 | 1, _timeoutMs: number, done: (r: AppendResult) => void): void {
    const state = this.topics.get(topic)?.[partition];
    if (state === undefined) return done({ errorName: 'UNKNOWN_TOPIC_OR_PARTITION', baseOffset: -1 });
    if (state.leader !== brokerId || !this.running.has(brokerId)) return done({ errorName: 'NOT_LEADER_OR_FOLLOWER', baseOffset: -1 });
    const leaderLog = state.logs.get(brokerId)!;
    const stored = Buffer.from(batch);
    const baseOffset = leaderLog.logEndOffset;
    patchBaseOffset(stored, baseOffset);
    patchPartitionLeaderEpoch(stored, state.leaderEpoch);
    const count = readBatchHeader(stored).lastOffsetDelta + 1;
    leaderLog.batches.push(stored);
    leaderLog.logEndOffset += count;
    const epoch = state.leaderEpoch;
    this.schedule(REPLICATION_DELAY_MS, 'replicate', () => {
      if (state.leaderEpoch !== epoch) return done({ errorName: 'NOT_LEADER_OR_FOLLOWER', baseOffset: -1 });
      for (const [b, log] of state.logs) {
        if (b !== brokerId && this.running.has(b)) {
          log.batches.push(stored);
          log.logEndOffset = leaderLog.logEndOffset;
        }
        if (this.running.has(b)) log.highWatermark = Math.max(log.highWatermark, baseOffset + count);
      }
      done({ errorName: 'NONE', baseOffset });
    });
  }

  /** A client produce with acks=all (tests write data batches this way). */
  produce(topic: string, partition: number, batch: Buffer, done: (r: AppendResult) => void = () => undefined): void {
    this.appendAsCoordinator(this.leaderOf(topic, partition), topic, partition, batch, -1, 30_000, done);
  }

  /** Stops a broker: every partition it led elects the next running replica (clean election) and listeners hear of it. */
  stopBroker(brokerId: number): void {
    this.running.delete(brokerId);
    this.emit({ type: 'broker-stopped', brokerId, controlled: false });
    for (const [topic, states] of this.topics) {
      states.forEach((s, p) => {
        if (s.leader !== brokerId) return;
        const next = s.replicas.find((b) => this.running.has(b)) ?? -1;
        s.leader = next;
        s.leaderEpoch++;
        for (const l of this.listeners) l.onLeadershipChanged?.(brokerId, topic, p, false, s.leaderEpoch);
        if (next >= 0) for (const l of this.listeners) l.onLeadershipChanged?.(next, topic, p, true, s.leaderEpoch);
      });
    }
  }

  /** Readable log lines of the events of the given types: "+3000ms group-state-changed groupId=g from=Empty …". */
  log(types?: string[]): string[] {
    return this.events
      .filter((e) => types === undefined || types.includes(e.type))
      .map((e) => {
        const { timeMs, type, ...rest } = e;
        const fields = Object.entries(rest).map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`);
        return `+${timeMs - this.startMs}ms ${type} ${fields.join(' ')}`.trimEnd();
      });
  }
}
