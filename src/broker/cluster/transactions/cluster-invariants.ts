/**
 * The coordinators' invariants over a real SimCluster, ready for src/broker/sim/invariants.ts or
 * any test to call after every event: committed offsets never go backwards without a reset,
 * lastStableOffset ≤ highWatermark on every partition leader, and no aborted record visible
 * under read_committed at any partition leader.
 */
import type { SimCluster } from '../cluster';
import { CommittedOffsetsMonotonic } from '../groups/invariants';
import { tpKey } from '../metadata';
import type { Coordinators } from './coordinators';
import { checkNoAbortedRecordVisible } from './invariants';

export class CoordinatorInvariants {
  readonly violations: string[] = [];
  private readonly offsets = new CommittedOffsetsMonotonic();
  /** Per leader replica: the (leaderEpoch, logEndOffset, lastStableOffset) last verified, so unchanged logs are not rescanned. */
  private readonly verified = new Map<string, string>();

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

  check(): void {
    const found = [...this.offsets.check(this.coordinators.groups), ...this.checkPartitions()];
    for (const v of found) if (this.violations.length < 50) this.violations.push(`t=${this.cluster.now()} ${v}`);
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
        const stamp = `${p.leader}:${replica.leaderEpoch}:${replica.log.logStartOffset}:${replica.log.logEndOffset}:${lso}`;
        if (this.verified.get(key) === stamp) continue;
        this.verified.set(key, stamp);
        const batches = replica.log.read(replica.log.logStartOffset, Number.MAX_SAFE_INTEGER, lso, true).batches;
        if (!batches.some((b) => b.isTransactional)) continue;
        const aborted = this.coordinators.transactions.abortedTransactions(p.leader, p.topic, p.partition, replica.log.logStartOffset, lso);
        out.push(...checkNoAbortedRecordVisible(`${p.topic}-${p.partition}`, batches.map((b) => b.buffer), aborted, lso));
      }
    }
    return out;
  }
}
