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

export class Replica {
  readonly log: ReplicaLog;
  readonly producers = new ProducerStateTable();
  /** The partition state as this broker knows it. */
  state: PartitionState;
  highWatermark = 0;
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
  /** Last time (ms) this replica was caught up, as the view shows it. */
  lastCaughtUpTimeMs: number;
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
