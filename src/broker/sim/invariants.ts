/**
 * Invariants checked from OUTSIDE the model, after every event in tests and the swarm
 * (ARCHITECTURE §2):
 * - one leader per partition and leader epoch (across all running brokers, over the whole run);
 * - leader epochs only rise (controller state and every replica's view);
 * - highWatermark ≤ logEndOffset of every in-sync replica on a running, caught-up broker (at the active leader);
 * - no acknowledged acks=all write lost: every batch acknowledged with NONE is, at each new leader
 *   epoch and at the end, still in the active leader's log at its offset with the same CRC
 *   (meaningful under clean election, RF=3, min.insync.replicas=2; retention off);
 * - with the coordinators attached (watchCoordinators), theirs (CoordinatorInvariants): committed
 *   offsets never move backwards without a reset, lastStableOffset ≤ highWatermark, no aborted
 *   record visible under read_committed.
 */
import { SIM_EPOCH_MS } from './clock';
import { readBatchHeader } from '../protocol/records/index';
import type { SimCluster } from '../cluster/cluster';
import { tpKey, type PartitionState } from '../cluster/metadata';
import type { Replica } from '../cluster/replication/replica';
import { CoordinatorInvariants } from '../cluster/transactions/cluster-invariants';
import type { Coordinators } from '../cluster/transactions/coordinators';

interface AckedBatch {
  baseOffset: number;
  crc: number;
}

export class InvariantChecker {
  readonly violations: string[] = [];
  private readonly leaderOfEpoch = new Map<string, number>();
  private readonly controllerEpochs = new Map<string, number>();
  private readonly replicaEpochs = new Map<string, number>();
  private readonly acked = new Map<string, AckedBatch[]>();
  private readonly verifiedEpoch = new Map<string, number>();

  private coordinatorInvariants: CoordinatorInvariants | null = null;

  constructor(private readonly cluster: SimCluster, private readonly opts: { checkAcked: boolean } = { checkAcked: true }) {}

  /** Adds the group and transaction coordinators' invariants to the checks run after every event. */
  watchCoordinators(coordinators: Coordinators): this {
    this.coordinatorInvariants = new CoordinatorInvariants(this.cluster, coordinators);
    return this;
  }

  /** A group's application seeked back and will commit lower offsets on `topic` (a reset, not a regression). */
  acceptOffsetReset(groupId: string, topic: string): void {
    this.coordinatorInvariants?.acceptOffsetReset(groupId, topic);
  }

  /** Installs the checker on the simulation: runs after every model event. */
  install(): this {
    this.cluster.sim.afterEvent = () => this.check();
    return this;
  }

  /** Records an acknowledged (NONE) acks=all write of `batch` at baseOffset. */
  recordAck(topic: string, partition: number, baseOffset: number, batch: Buffer): void {
    const key = tpKey(topic, partition);
    const list = this.acked.get(key) ?? [];
    list.push({ baseOffset, crc: readBatchHeader(batch).crc });
    this.acked.set(key, list);
  }

  private fail(message: string): void {
    if (this.violations.length < 50) this.violations.push(`t=${this.cluster.now() - (this.cluster.options.startTimeMs ?? SIM_EPOCH_MS)} ${message}`);
  }

  // Keys cached per object: check() runs after every model event, so it must not build strings each time.
  private readonly partitionKeyCache = new WeakMap<PartitionState, { id: string; key: string; ek: string }>();
  private readonly replicaKeyCache = new WeakMap<Replica, { id: string; rk: string }>();

  private partitionKeys(p: PartitionState, id: string): { key: string; ek: string } {
    let keys = this.partitionKeyCache.get(p);
    if (keys?.id !== id) this.partitionKeyCache.set(p, (keys = { id, key: tpKey(p.topic, p.partition), ek: `${id}:${p.partition}` }));
    return keys;
  }

  private replicaKeys(brokerId: number, r: Replica, id: string): { id: string; rk: string } {
    let keys = this.replicaKeyCache.get(r);
    if (keys?.id !== id) this.replicaKeyCache.set(r, (keys = { id, rk: `${brokerId}:${id}:${r.partition}` }));
    return keys;
  }

  check(): void {
    if (this.coordinatorInvariants) for (const v of this.coordinatorInvariants.findViolations()) this.fail(v);
    const core = this.cluster.core;
    const ctrl = core.controller;
    for (const topic of ctrl.topics.values()) {
      const id = topic.record.topicId.text;
      for (const p of topic.partitions) {
        const { key, ek } = this.partitionKeys(p, id);
        const prevEpoch = this.controllerEpochs.get(ek) ?? -1;
        if (p.leaderEpoch < prevEpoch) this.fail(`${key} controller leaderEpoch went back ${prevEpoch} -> ${p.leaderEpoch}`);
        this.controllerEpochs.set(ek, p.leaderEpoch);
        if (p.leader < 0) continue;
        const leaderBroker = core.broker(p.leader);
        const leader = leaderBroker?.running ? leaderBroker.replicas.get(key) : undefined;
        if (!leader || !leader.isLeader || leader.leaderEpoch !== p.leaderEpoch) continue;
        for (const fid of p.isr) {
          // A broker that is down, or restarted and not yet back in the metadata, serves nothing: after a
          // power loss its log is what survived on disk, shorter than the highWatermark, and it stays in
          // the ISR until the controller fences it (session timeout, or its re-registration), as on Kafka.
          const fb = core.broker(fid);
          if (fb && (!fb.running || !fb.caughtUp)) continue;
          const f = fb?.replicas.get(key);
          if (f && f.log.logEndOffset < leader.highWatermark) this.fail(`${p.topic}-${p.partition} highWatermark ${leader.highWatermark} > logEndOffset ${f.log.logEndOffset} of in-sync replica ${fid}`);
          if (!f && leader.highWatermark > 0) this.fail(`${p.topic}-${p.partition} in-sync replica ${fid} has no log but highWatermark is ${leader.highWatermark}`);
        }
        if (this.opts.checkAcked && this.verifiedEpoch.get(ek) !== p.leaderEpoch) {
          this.verifiedEpoch.set(ek, p.leaderEpoch);
          this.checkAcked(p.topic, p.partition, p.leader);
        }
      }
    }
    for (const b of core.brokers.values()) {
      if (!b.running) continue;
      for (const r of b.replicas.values()) {
        const { id, rk } = this.replicaKeys(b.brokerId, r, b.topics.get(r.topic)?.record.topicId.text ?? '?');
        const prev = this.replicaEpochs.get(rk) ?? -1;
        if (r.leaderEpoch < prev) this.fail(`${r.topic}-${r.partition} broker ${b.brokerId} leaderEpoch went back ${prev} -> ${r.leaderEpoch}`);
        this.replicaEpochs.set(rk, r.leaderEpoch);
        if (!r.isLeader) continue;
        const lk = `${id}:${r.partition}:${r.leaderEpoch}`;
        const holder = this.leaderOfEpoch.get(lk);
        if (holder === undefined) this.leaderOfEpoch.set(lk, b.brokerId);
        else if (holder !== b.brokerId) this.fail(`${r.topic}-${r.partition} epoch ${r.leaderEpoch} led by both ${holder} and ${b.brokerId}`);
      }
    }
  }

  /** Every acknowledged batch must be in the leader's log (unless below its logStartOffset). */
  checkAcked(topic: string, partition: number, leaderId: number): void {
    const key = tpKey(topic, partition);
    const list = this.acked.get(key);
    const r = this.cluster.core.broker(leaderId)?.replicas.get(key);
    if (!list || !r) return;
    for (const a of list) {
      if (a.baseOffset < r.log.logStartOffset) continue;
      const found = r.log.read(a.baseOffset, 1, Infinity).batches[0];
      if (!found || found.baseOffset !== a.baseOffset || readBatchHeader(found.buffer).crc !== a.crc) {
        this.fail(`${topic}-${partition} acknowledged acks=all batch at offset ${a.baseOffset} missing from leader ${leaderId} (epoch ${r.leaderEpoch})`);
      }
    }
  }

  /**
   * After faults heal and the cluster settles: every partition has a leader, every replica is in
   * the ISR, and every replica's log holds the same batches (same offsets and CRCs) as the leader's.
   */
  checkConverged(): void {
    const core = this.cluster.core;
    for (const topic of core.controller.topics.values()) {
      for (const p of topic.partitions) {
        const key = tpKey(p.topic, p.partition);
        if (p.leader < 0) {
          this.fail(`${p.topic}-${p.partition} has no leader after settling`);
          continue;
        }
        if ([...p.isr].sort().join() !== [...p.replicas].sort().join()) this.fail(`${p.topic}-${p.partition} ISR [${p.isr.join(',')}] != replicas [${p.replicas.join(',')}] after settling`);
        const leaderLog = core.broker(p.leader)?.replicas.get(key)?.log;
        if (!leaderLog) continue;
        const sig = (log: typeof leaderLog) => [...log.allBatches()].filter((b) => b.baseOffset >= leaderLog.logStartOffset).map((b) => `${b.baseOffset}:${readBatchHeader(b.buffer).crc}`).join(' ');
        const expected = sig(leaderLog);
        for (const id of p.replicas) {
          const log = core.broker(id)?.replicas.get(key)?.log;
          if (!log || sig(log) !== expected) this.fail(`${p.topic}-${p.partition} replica ${id} log differs from leader ${p.leader} after settling`);
        }
      }
    }
  }

  /**
   * Idempotence: in every leader log each (producerId, baseSequence) appears once and a producer's
   * sequences have no gaps (one batch in flight per partition, retried until acknowledged).
   */
  checkIdempotentLogs(topics?: string[]): void {
    const core = this.cluster.core;
    for (const topic of core.controller.topics.values()) {
      if (topics && !topics.includes(topic.record.name)) continue;
      for (const p of topic.partitions) {
        const log = core.broker(p.leader)?.replicas.get(tpKey(p.topic, p.partition))?.log;
        if (!log) continue;
        const last = new Map<number, number>();
        for (const b of log.allBatches()) {
          if (b.producerId < 0) continue;
          const prev = last.get(b.producerId);
          if (prev !== undefined && b.baseSequence !== prev + 1) this.fail(`${p.topic}-${p.partition} producer ${b.producerId} sequence ${b.baseSequence} follows ${prev} at offset ${b.baseOffset} (duplicate or gap)`);
          last.set(b.producerId, b.baseSequence + b.recordCount - 1);
        }
      }
    }
  }

  /** Final check of every partition's acknowledged writes at its current leader. */
  checkAllAcked(): void {
    for (const topic of this.cluster.core.controller.topics.values()) {
      for (const p of topic.partitions) if (p.leader >= 0) this.checkAcked(p.topic, p.partition, p.leader);
    }
  }
}
