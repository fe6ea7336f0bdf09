/**
 * The coordinators' invariants over a real SimCluster, ready for src/broker/sim/invariants.ts or
 * any test to call after every event: committed offsets never go backwards without a reset,
 * lastStableOffset ≤ highWatermark on every partition leader, no aborted record visible under
 * read_committed at any partition leader, and no transaction below the lastStableOffset whose
 * marker is not yet below the highWatermark.
 */
import type { SimCluster } from '../cluster';
import { CommittedOffsetsMonotonic } from '../groups/invariants';
import { tpKey } from '../metadata';
import type { Coordinators } from './coordinators';
import { checkMarkersBelowHighWatermark, checkNoAbortedRecordVisible } from './invariants';

export class CoordinatorInvariants {
  readonly violations: string[] = [];
  private readonly offsets = new CommittedOffsetsMonotonic();
  /**
   * Per partition: where its leader's log was last verified up to. While the same leader (same
   * epoch, same logStartOffset) only grows, only [verified lastStableOffset, new one) is read again.
   */
  private readonly verified = new Map<string, { stamp: string; lastStableOffset: number }>();

  constructor(private readonly cluster: SimCluster, private readonly coordinators: Coordinators) {}

  /** Chains onto the simulation's afterEvent hook (keeping any checker already installed). */
  install(): this {
    const previous = this.cluster.sim.afterEvent;
    this.cluster.sim.afterEvent = (ev) => {
      previous?.(ev);
      this.check();
    };
    return this;
  }

  /** A seek-and-commit by the group's application (see CommittedOffsetsMonotonic.acceptReset). */
  acceptOffsetReset(groupId: string, topic: string): void {
    this.offsets.acceptReset(groupId, topic);
  }

  check(): void {
    for (const v of this.findViolations()) if (this.violations.length < 50) this.violations.push(`t=${this.cluster.now()} ${v}`);
  }

  /** Checks once and returns the violations found now (without recording them). */
  findViolations(): string[] {
    return [...this.offsets.check(this.coordinators.groups), ...this.checkPartitions()];
  }

  private checkPartitions(): string[] {
    const out: string[] = [];
    const core = this.cluster.core;
    for (const topic of core.controller.topics.values()) {
      for (const p of topic.partitions) {
        if (p.leader < 0) continue;
        const broker = core.broker(p.leader);
        const replica = broker?.running ? broker.replicas.get(tpKey(p.topic, p.partition)) : undefined;
        if (replica === undefined || !replica.isLeader) continue;
        const firstUnstable = this.coordinators.transactions.firstUnstableOffset(p.leader, p.topic, p.partition);
        const lso = firstUnstable === null ? replica.highWatermark : Math.min(firstUnstable, replica.highWatermark);
        if (lso > replica.highWatermark) out.push(`${p.topic}-${p.partition}: lastStableOffset ${lso} > highWatermark ${replica.highWatermark}`);
        if (lso <= replica.log.logStartOffset) continue;
        const key = tpKey(p.topic, p.partition);
        const stamp = `${p.leader}:${replica.leaderEpoch}:${replica.log.logStartOffset}`;
        const previous = this.verified.get(key);
        if (previous?.stamp === stamp && previous.lastStableOffset === lso) continue;
        // Incremental while the leader's log only grew; from the start after any change of leader, epoch or log start.
        const from = previous?.stamp === stamp && previous.lastStableOffset < lso ? previous.lastStableOffset : replica.log.logStartOffset;
        this.verified.set(key, { stamp, lastStableOffset: lso });
        // Up to the highWatermark: the markers deciding the transactions below the lastStableOffset must be there.
        const batches = replica.log.read(from, Number.MAX_SAFE_INTEGER, replica.highWatermark, true).batches;
        if (!batches.some((b) => b.isTransactional && b.baseOffset < lso)) continue;
        const buffers = batches.map((b) => b.buffer);
        const aborted = this.coordinators.transactions.abortedTransactions(p.leader, p.topic, p.partition, from, lso);
        out.push(...checkMarkersBelowHighWatermark(`${p.topic}-${p.partition}`, buffers, lso));
        out.push(...checkNoAbortedRecordVisible(`${p.topic}-${p.partition}`, buffers, aborted, lso));
      }
    }
    return out;
  }
}
