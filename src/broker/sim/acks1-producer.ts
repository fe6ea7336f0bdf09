/**
 * An acks=1 producer for scenarios and the swarm, shaped like librdkafka's default producer
 * (enable.idempotence=false, acks=1): no producerId, every record a unique value, a metadata
 * cache refreshed from a running broker after an error. It keeps every acknowledgement with the
 * simulated time, leader and leaderEpoch that gave it, so a test can ask afterwards which
 * acknowledged records are missing from the partition's final leader and when they were acknowledged.
 */
import { decodeRecordBatch } from '../protocol/records/index';
import type { SimCluster } from '../cluster/cluster';
import { tpKey } from '../cluster/metadata';
import { batchOf } from '../cluster/testing';
import { SIM_EPOCH_MS } from './clock';
import type { Random } from './random';

export interface Acks1Ack {
  partition: number;
  value: string;
  /** Simulated ms since the cluster's start when the leader answered NONE. */
  ackedAtMs: number;
  leader: number;
  leaderEpoch: number;
  baseOffset: number;
}

export class Acks1Producer {
  readonly acks: Acks1Ack[] = [];
  attempted = 0;
  private readonly leaders = new Map<number, number>();
  private next = 0;
  private readonly startMs: number;

  constructor(
    private readonly cluster: SimCluster,
    private readonly rnd: Random,
    readonly topic: string,
    readonly partitions: number,
    private readonly brokerIds: number[],
    /** Records per batch. */
    private readonly batchSize = 1,
  ) {
    this.startMs = cluster.options.startTimeMs ?? SIM_EPOCH_MS;
  }

  private refresh(): void {
    const running = this.brokerIds.filter((id) => this.cluster.isBrokerRunning(id));
    if (!running.length) return;
    const md = this.cluster.metadata(this.rnd.pick(running), [this.topic], false);
    for (const p of md.topics[0]?.partitions ?? []) this.leaders.set(p.partition, p.leaderId);
  }

  /** One produce to a partition drawn from this producer's own random stream. */
  produceAny(): void {
    this.produce(this.rnd.int(0, this.partitions - 1));
  }

  /** One produce of `batchSize` records to `partition` (every partition when omitted). */
  produce(partition?: number): void {
    if (partition === undefined) {
      for (let p = 0; p < this.partitions; p++) this.produce(p);
      return;
    }
    const leader = this.leaders.get(partition) ?? -1;
    if (leader < 0 || !this.cluster.isBrokerRunning(leader)) return this.refresh();
    const values = Array.from({ length: this.batchSize }, () => `a1-${partition}-${this.next++}`);
    this.attempted += values.length;
    const at = this.cluster.now();
    this.cluster.produce(leader, { acks: 1, timeoutMs: 5000, topics: [{ topic: this.topic, partitions: [{ partition, records: batchOf(values.map((value) => ({ value }))) }] }] }, (r) => {
      const res = r.topics[0]!.partitions[0]!;
      if (res.errorName !== 'NONE') {
        if (res.currentLeader) this.leaders.set(partition, res.currentLeader.leaderId);
        else this.leaders.delete(partition);
        return;
      }
      const leaderEpoch = this.cluster.core.broker(leader)?.replicas.get(tpKey(this.topic, partition))?.leaderEpoch ?? -1;
      const ackedAtMs = Math.max(at, this.cluster.now()) - this.startMs;
      values.forEach((value, i) => this.acks.push({ partition, value, ackedAtMs, leader, leaderEpoch, baseOffset: res.baseOffset + i }));
    });
  }

  /** Acknowledged records absent from their partition's current leader log (call once the cluster has settled). */
  lost(): Acks1Ack[] {
    const present = new Set<string>();
    for (let p = 0; p < this.partitions; p++) {
      const state = this.cluster.core.controller.topics.get(this.topic)?.partitions[p];
      const log = state && this.cluster.core.broker(state.leader)?.replicas.get(tpKey(this.topic, p))?.log;
      if (!log) continue;
      for (const b of log.allBatches()) for (const r of decodeRecordBatch(b.buffer).records) if (r.value) present.add(r.value.toString());
    }
    return this.acks.filter((a) => !present.has(a.value));
  }
}
