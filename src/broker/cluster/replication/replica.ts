/**
 * One partition replica on one broker: its log, its idempotent-producer state, the partition state
 * as this broker last applied it from the metadata log, its highWatermark, and — while it leads —
 * the leader-side view of its followers (Kafka's Partition + Replica classes).
 */
import type { ReplicaLogStore } from '../log/log-storage';
import { ReplicaLog } from '../log/replica-log';
import type { PartitionState } from '../metadata';
import { ProducerStateTable } from '../producers/producer-state';
import type { AcknowledgedRange } from './acknowledged';

/** What the leader knows about one follower (Kafka's Replica.ReplicaState). */
export interface FollowerState {
  /** Fetch offset of the follower's last fetch = its logEndOffset; -1 before its first fetch. */
  logEndOffset: number;
  lastFetchTimeMs: number;
  /** Leader logEndOffset when that last fetch arrived. */
  lastFetchLeaderLogEndOffset: number;
  /** Last time (ms) the follower had everything the leader had (ISR shrink uses it). */
  lastCaughtUpTimeMs: number;
  /**
   * The follower's fetch entry last answered with nothing to say (leader-fetch.ts): the same
   * object again means an unchanged partition of its incremental fetch session (KIP-227).
   */
  idleEntry?: object;
}

/** An acks=all produce waiting for the highWatermark to reach requiredOffset. */
export interface DelayedProduceWait {
  requiredOffset: number;
  complete(errorName: string): void;
}

/**
 * The cluster view's per-partition change flag (../view/partition-view.ts): the snapshot builder
 * hands every replica of a partition the partition's watch, and the replica flags it (once, queueing
 * it) whenever something the view shows changes: its log (offsets, segments, sizes, flushed offset,
 * failures), its highWatermark or its partition state. A snapshot then rebuilds only flagged partitions.
 */
export interface ReplicaViewWatch {
  dirty: boolean;
  readonly queue: ReplicaViewWatch[];
}

export class Replica {
  readonly log: ReplicaLog;
  readonly producers = new ProducerStateTable();
  /** The snapshot builder's watch on this replica's partition, or null before the first snapshot. */
  viewWatch: ReplicaViewWatch | null = null;
  private currentState!: PartitionState;
  private currentHighWatermark = 0;

  /** The partition state as this broker knows it. */
  get state(): PartitionState {
    return this.currentState;
  }

  set state(state: PartitionState) {
    if (state === this.currentState) return;
    this.currentState = state;
    this.markViewChanged();
  }

  /** Offsets below it are committed (Kafka's Partition.highWatermark / UnifiedLog.highWatermark). */
  get highWatermark(): number {
    return this.currentHighWatermark;
  }

  set highWatermark(offset: number) {
    if (offset === this.currentHighWatermark) return;
    this.currentHighWatermark = offset;
    this.markViewChanged();
  }

  /** Flags this partition's view as changed (see ReplicaViewWatch); allocates nothing. */
  markViewChanged(): void {
    const watch = this.viewWatch;
    if (watch !== null && !watch.dirty) {
      watch.dirty = true;
      watch.queue.push(watch);
    }
  }
  /** Leader side: followers' fetch state, keyed by broker id. */
  readonly followers = new Map<number, FollowerState>();
  /** Leader side: first offset of the current leader epoch (ISR expansion needs followers past it). */
  leaderEpochStartOffset = 0;
  /** Leader side: an AlterPartition is in flight (Kafka allows one at a time). */
  alterPartitionInFlight = false;
  /** Leader side: the ISR proposed by the in-flight AlterPartition. */
  pendingIsr: number[] | null = null;
  /** Leader side: matches AlterPartition answers to requests. */
  alterPartitionToken = 0;
  /** Leader side: acks=all produces waiting on the highWatermark. */
  readonly delayedProduces: DelayedProduceWait[] = [];
  /**
   * Whether the last view showed this replica lagging (the builder sets it): the view then shows
   * lastCaughtUpTimeMs as it is, so a change of it flags the view; a caught-up replica's view does
   * not move with it (../view/partition-view.ts caughtUpTime).
   */
  viewLagging = false;
  private currentLastCaughtUpTimeMs = 0;

  /** Last time (ms) this replica was caught up (Kafka's Replica.lastCaughtUpTimeMs). */
  get lastCaughtUpTimeMs(): number {
    return this.currentLastCaughtUpTimeMs;
  }

  set lastCaughtUpTimeMs(timeMs: number) {
    if (timeMs === this.currentLastCaughtUpTimeMs) return;
    this.currentLastCaughtUpTimeMs = timeMs;
    if (this.viewLagging) this.markViewChanged();
  }
  /** Records beyond this offset were reported lost at an election; truncation reports only what lies beyond. */
  lostReportedUpTo = -1;
  /** Leader side: records acknowledged with acks=0/1 while above the highWatermark (./acknowledged.ts). */
  acknowledged: AcknowledgedRange[] = [];

  constructor(
    readonly brokerId: number,
    state: PartitionState,
    nowMs: number,
    store?: ReplicaLogStore,
  ) {
    this.state = state;
    this.log = new ReplicaLog(nowMs, store);
    this.log.onViewChange = () => this.markViewChanged();
    // Opened on existing data (issue 15): the highWatermark from replication-offset-checkpoint;
    // producer state from the newest snapshot (a segment roll's or a clean shutdown's) plus the
    // batches after it, else rebuilt from the log (UnifiedLog.rebuildProducerState;
    // ProducerStateManager.truncateAndReload ignores a snapshot at or below the logStartOffset).
    const recovered = this.log.recovered;
    if (recovered && this.log.logEndOffset > 0) {
      this.highWatermark = Math.max(this.log.logStartOffset, Math.min(recovered.highWatermark, this.log.logEndOffset));
      const snapshot = recovered.producerSnapshot;
      if (snapshot && snapshot.offset <= this.log.logEndOffset && snapshot.offset > this.log.logStartOffset) {
        this.producers.loadSnapshot(snapshot.rows);
        for (const b of this.log.allBatches()) if (b.baseOffset >= snapshot.offset) this.producers.update(b);
      } else this.producers.rebuild(this.log.allBatches());
    }
    this.lastCaughtUpTimeMs = nowMs;
  }

  get topic(): string {
    return this.state.topic;
  }

  get partition(): number {
    return this.state.partition;
  }

  get isLeader(): boolean {
    return this.state.leader === this.brokerId;
  }

  get leaderEpoch(): number {
    return this.state.leaderEpoch;
  }

  /** Resets the leader-side follower map when this replica becomes leader (Partition.makeLeader). */
  resetFollowers(nowMs: number): void {
    this.followers.clear();
    for (const id of this.state.replicas) {
      if (id === this.brokerId) continue;
      const inIsr = this.state.isr.includes(id);
      this.followers.set(id, { logEndOffset: -1, lastFetchTimeMs: inIsr ? nowMs : 0, lastFetchLeaderLogEndOffset: -1, lastCaughtUpTimeMs: inIsr ? nowMs : 0 });
    }
  }
}
