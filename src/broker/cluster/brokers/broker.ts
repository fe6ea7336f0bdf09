/**
 * A simulated broker: id, rack, running state, its own metadata image (applied from the
 * controller's metadata log as far as it has fetched), its partition replicas and its periodic
 * tasks (heartbeats, ISR expiration, retention, log cleaning, log flushing). Replication and client request
 * handling live in ../replication and ../client and work on the state here.
 */
import type { ClusterCore } from '../core';
import { errorText } from '../events/error-text';
import { isNeverIntervalMs } from '../log/flush';
import { tpKey, type MetadataRecord, type PartitionState, type TopicRecord } from '../metadata';
import { Replica } from '../replication/replica';
import type { FollowerFetcher } from '../replication/follower-fetcher';
import { onBecomeFollower, onBecomeLeader, onLeaderStateUpdated, onReplicaRemoved } from '../replication/transitions';

export interface TopicImage {
  record: TopicRecord;
  partitions: PartitionState[];
}

export class Broker {
  running = true;
  /** Rises on every start; timers of an earlier incarnation do nothing. */
  incarnation = 0;
  /** False after a start until the first metadata catch-up (Kafka: broker waits to catch up before serving). */
  caughtUp = true;
  /** Registered with the current incarnation (the first heartbeat after a start registers). */
  registered = true;
  host = '127.0.0.1';
  port = 0;
  /** Metadata log offset applied so far. */
  metadataOffset = 0;
  readonly topics = new Map<string, TopicImage>();
  /** Fenced flags as this broker's image knows them. */
  readonly fencedBrokers = new Set<number>();
  readonly replicas = new Map<string, Replica>();
  /** Rises whenever a replica is added to or removed from `replicas` (the snapshot builder then re-checks every partition). */
  replicasVersion = 0;
  /** Follower fetchers keyed by the leader broker id (one ReplicaFetcherThread per leader). */
  readonly fetchers = new Map<number, FollowerFetcher>();
  /** Follower fetches parked at this (leader) broker until data arrives or replica.fetch.wait.max.ms passes. */
  readonly parkedFetches = new Set<{ keys: Set<string>; fire: () => void; reset: () => void }>();
  /** Client-facing byte counters for the view. */
  bytesIn = 0;
  bytesOut = 0;

  constructor(
    private readonly core: ClusterCore,
    readonly brokerId: number,
    readonly rack: string | null,
  ) {}

  /** Schedules fn after delayMs if this incarnation is still running then; returns a cancel function. */
  /** Simulated time of each periodic task's next run (by task name), for the views (retention timing). */
  readonly nextTaskRunMs = new Map<string, number>();

  later(delayMs: number, label: string, fn: () => void): () => void {
    const inc = this.incarnation;
    const ev = this.core.sim.schedule(delayMs, label, () => {
      if (this.running && this.incarnation === inc) fn();
    });
    return () => this.core.sim.cancel(ev);
  }

  /** Starts periodic tasks; called at cluster creation and on every start. */
  startTasks(tasks: { heartbeat: () => void; isrExpiration: () => void; retention: () => void; cleaner: () => void; logFlusher: () => void }): void {
    // Rescheduled before it runs, and a run that throws is reported and dropped: one failure must
    // not end a broker's heartbeats or ISR checks for good. Kafka's KafkaScheduler does the same:
    // it catches what a run throws, logs "Uncaught exception in scheduled task" and keeps the period.
    const every = (name: string, interval: () => number, fn: () => void, firstDelay?: number) => {
      const schedule = (delayMs: number) => {
        this.nextTaskRunMs.set(name, this.core.now() + delayMs);
        this.later(delayMs, name, tick);
      };
      const tick = () => {
        schedule(interval());
        try {
          fn();
        } catch (e) {
          this.core.emit({ type: 'broker-task-failed', brokerId: this.brokerId, task: name, reason: errorText(e) });
        }
      };
      schedule(firstDelay ?? interval());
    };
    every('broker-heartbeat', () => this.core.num('broker.heartbeat.interval.ms', this.brokerId), tasks.heartbeat, this.caughtUp ? undefined : 0);
    every('isr-expiration', () => Math.max(1, Math.floor(this.core.num('replica.lag.time.max.ms', this.brokerId) / 2)), tasks.isrExpiration);
    every('log-retention', () => this.core.num('log.retention.check.interval.ms', this.brokerId), tasks.retention);
    every('log-cleaner', () => Math.max(1, this.core.num('log.cleaner.backoff.ms', this.brokerId)), tasks.cleaner);
    // LogManager's "kafka-log-flusher" every log.flush.scheduler.interval.ms (static); its default Long.MAX_VALUE never runs.
    const flushCheckMs = this.core.num('log.flush.scheduler.interval.ms', this.brokerId);
    if (!isNeverIntervalMs(flushCheckMs)) every('log-flusher', () => Math.max(1, flushCheckMs), tasks.logFlusher);
  }

  /** Applies the controller's metadata log up to `offset` (a metadata push or heartbeat response). */
  catchUpMetadata(offset: number): void {
    // A restarted broker applies metadata only once registered (KIP-631: it catches up to the
    // controller's log as of its BrokerRegistration, which already fences its old incarnation and
    // moves its leaderships); a push before that would revive its stale leaderships meanwhile.
    if (!this.running || !this.registered) return;
    const log = this.core.controller.metadataLog;
    const firstCatchUp = !this.caughtUp;
    const touched = new Map<string, PartitionState>();
    for (; this.metadataOffset < offset && this.metadataOffset < log.length; this.metadataOffset++) {
      const rec = log[this.metadataOffset]!;
      this.applyRecord(rec, touched);
    }
    if (firstCatchUp) {
      this.caughtUp = true;
      for (const img of this.topics.values()) for (const p of img.partitions) if (p) touched.set(tpKey(p.topic, p.partition), p);
    }
    for (const state of touched.values()) this.applyPartitionState(state, firstCatchUp);
  }

  private applyRecord(rec: MetadataRecord, touched: Map<string, PartitionState>): void {
    switch (rec.type) {
      case 'topic': {
        const img = this.topics.get(rec.topic.name);
        if (img) img.record = rec.topic;
        else this.topics.set(rec.topic.name, { record: rec.topic, partitions: [] });
        return;
      }
      case 'topic-removed': {
        this.topics.delete(rec.name);
        for (const [key, r] of [...this.replicas]) {
          if (r.topic !== rec.name) continue;
          touched.delete(key);
          onReplicaRemoved(this.core, this, r, 'UNKNOWN_TOPIC_OR_PARTITION');
          this.replicas.delete(key);
          this.replicasVersion++;
        }
        return;
      }
      case 'partition': {
        const img = this.topics.get(rec.state.topic);
        if (!img) return;
        img.partitions[rec.state.partition] = rec.state;
        touched.set(tpKey(rec.state.topic, rec.state.partition), rec.state);
        return;
      }
      case 'broker-registration':
        if (rec.fenced) this.fencedBrokers.add(rec.brokerId);
        else this.fencedBrokers.delete(rec.brokerId);
        return;
    }
  }

  /** Becomes leader or follower, or drops the replica, as a partition state says (Kafka's ReplicaManager.applyDelta). */
  applyPartitionState(state: PartitionState, force: boolean): void {
    if (!this.caughtUp) return;
    const key = tpKey(state.topic, state.partition);
    let replica = this.replicas.get(key);
    if (!state.replicas.includes(this.brokerId)) {
      if (replica) {
        onReplicaRemoved(this.core, this, replica, 'NOT_LEADER_OR_FOLLOWER');
        this.replicas.delete(key);
        this.replicasVersion++;
      }
      return;
    }
    const isNew = !replica;
    if (!replica) {
      const topicId = this.topicRecord(state.topic)?.topicId.text ?? '';
      replica = new Replica(this.brokerId, state, this.core.now(), this.core.logStorage.openReplica({ brokerId: this.brokerId, topic: state.topic, partition: state.partition, topicId }));
      this.replicas.set(key, replica);
      this.replicasVersion++;
      const recovered = replica.log.recovered;
      if (recovered && (recovered.segments.length > 0 || recovered.truncatedBytes > 0)) {
        this.core.emit({ type: 'log-recovered', topic: state.topic, partition: state.partition, brokerId: this.brokerId, logStartOffset: replica.log.logStartOffset, logEndOffset: replica.log.logEndOffset, highWatermark: replica.highWatermark, truncatedBytes: recovered.truncatedBytes, reason: recovered.truncationReason });
      }
    }
    const prev = replica.state;
    if (!isNew && !force && state.partitionEpoch <= prev.partitionEpoch && state.leaderEpoch <= prev.leaderEpoch) return;
    replica.state = state;
    const leadershipChanged = isNew || force || state.leaderEpoch !== prev.leaderEpoch || state.leader !== prev.leader;
    if (state.leader === this.brokerId) {
      if (leadershipChanged) onBecomeLeader(this.core, this, replica);
      else onLeaderStateUpdated(this.core, this, replica);
    } else if (leadershipChanged) {
      onBecomeFollower(this.core, this, replica, prev.leader === this.brokerId && !isNew);
    }
  }

  /** Topic settings as this broker knows them. */
  topicRecord(topic: string): TopicRecord | undefined {
    return this.topics.get(topic)?.record;
  }
}
