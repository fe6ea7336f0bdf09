/**
 * Link faults against Kafka's ISR rule (Partition.getOutOfSyncReplicas / Replica.updateFetchState,
 * Replica.isCaughtUp): a follower leaves the ISR when its logEndOffset is behind the leader's and it
 * has not caught up to the leader's logEndOffset for replica.lag.time.max.ms, checked every
 * replica.lag.time.max.ms / 2 (ReplicaManager's isr-expiration task). Latency alone does not drop a follower that keeps fetching up to the
 * leader's end; a cut link does. Seeds are fixed; invariants run after every event.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type SimCluster } from '../cluster';
import { tpKey } from '../metadata';
import { InvariantChecker } from '../../sim/invariants';
import { advance, batchOf, leaderOf, produceOne } from '../testing';

const LAG_MS = 2000;

function lab(seed: number): { c: SimCluster; leader: number; follower: number; checker: InvariantChecker } {
  const c = createCluster({ seed, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig: { 'replica.lag.time.max.ms': String(LAG_MS), 'auto.leader.rebalance.enable': 'false' } });
  const checker = new InvariantChecker(c, { checkAcked: true }).install();
  advance(c, 50);
  c.createTopics(1, [{ name: 't', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [1, 2, 3] }] }], false);
  advance(c, 500);
  const leader = leaderOf(c, 't', 0);
  // A follower that is not the active controller, so the leader's AlterPartition still reaches the controller.
  const follower = [1, 2, 3].find((id) => id !== leader && id !== c.core.controller.activeControllerId)!;
  return { c, leader, follower, checker };
}

const isr = (c: SimCluster) => c.core.controller.topics.get('t')!.partitions[0]!.isr;
const leaderReplica = (c: SimCluster) => c.core.broker(leaderOf(c, 't', 0))!.replicas.get(tpKey('t', 0))!;
const shrinkTimes = (c: SimCluster, id: number) => c.events.filter((e) => e.type === 'isr-shrunk' && e.topic === 't' && e.removed.includes(id)).map((e) => e.timeMs);

/** Produces one record every `everyMs` for `forMs`, acks=all; returns each produce's latency (ms) once answered. */
function steadyWrites(c: SimCluster, leader: number, everyMs: number, forMs: number): { latencies: number[]; errors: string[] } {
  const latencies: number[] = [];
  const errors: string[] = [];
  for (let t = 0; t < forMs; t += everyMs) {
    const sent = c.now();
    c.produce(leader, { acks: -1, timeoutMs: 30_000, topics: [{ topic: 't', partitions: [{ partition: 0, records: batchOf([{ value: `v${t}` }]) }] }] }, (r) => {
      const name = r.topics[0]!.partitions[0]!.errorName;
      if (name === 'NONE') latencies.push(c.now() - sent);
      else errors.push(name);
    });
    advance(c, everyMs);
  }
  return { latencies, errors };
}

describe('link faults and the ISR (replica.lag.time.max.ms)', () => {
  for (const seed of [3, 17, 41]) {
    it(`a cut follower leaves the ISR after replica.lag.time.max.ms once the leader has a record it lacks, not before (seed ${seed})`, () => {
      const { c, leader, follower, checker } = lab(seed);
      const cutAt = c.now();
      c.command({ type: 'set-link', fromBrokerId: leader, toBrokerId: follower, latencyMs: 0, lossRate: 0, cut: true });
      produceOne(c, leader, 't', 0, batchOf([{ value: 'x' }]), -1);
      advance(c, 3 * LAG_MS);
      const [shrunkAt] = shrinkTimes(c, follower);
      expect(shrunkAt).toBeDefined();
      // Its last fetch reached the leader at most replica.fetch.wait.max.ms before the cut; the
      // expiry task runs every LAG_MS / 2, and the AlterPartition takes a round trip.
      expect(shrunkAt! - cutAt).toBeGreaterThan(LAG_MS - 500);
      expect(shrunkAt! - cutAt).toBeLessThanOrEqual(LAG_MS + LAG_MS / 2 + 50);
      expect(isr(c)).not.toContain(follower);
      expect(checker.violations).toEqual([]);
    });
  }

  it('a cut follower on an idle partition stays in the ISR: its logEndOffset equals the leader\'s (Replica.isCaughtUp)', () => {
    const { c, leader, follower } = lab(15);
    c.command({ type: 'set-link', fromBrokerId: leader, toBrokerId: follower, latencyMs: 0, lossRate: 0, cut: true });
    advance(c, 4 * LAG_MS);
    expect(shrinkTimes(c, follower)).toEqual([]);
    // The first record it lacks: out at the first check past the lag, counted from its last fetch before the cut.
    const wroteAt = c.now();
    produceOne(c, leader, 't', 0, batchOf([{ value: 'x' }]), -1);
    advance(c, LAG_MS);
    const [shrunkAt] = shrinkTimes(c, follower);
    expect(shrunkAt).toBeDefined();
    expect(shrunkAt! - wroteAt).toBeLessThanOrEqual(LAG_MS / 2 + 50);
  });

  it('the expiry task runs every replica.lag.time.max.ms / 2', () => {
    const { c } = lab(5);
    const runs: number[] = [];
    const original = c.core.sim.schedule.bind(c.core.sim);
    c.core.sim.schedule = (delay, label, fn) => {
      if (label.includes('isr-expiration')) runs.push(delay);
      return original(delay, label, fn);
    };
    advance(c, 2 * LAG_MS);
    c.core.sim.schedule = original;
    expect(runs.length).toBeGreaterThan(0);
    expect(new Set(runs)).toEqual(new Set([LAG_MS / 2]));
  });

  it('a slow follower that keeps fetching up to the leader stays in the ISR; acks=all waits one fetch round trip more', () => {
    const { c, leader, follower, checker } = lab(7);
    const healthy = steadyWrites(c, leader, 100, 2000);
    const latencyMs = 300;
    c.command({ type: 'set-link', fromBrokerId: leader, toBrokerId: follower, latencyMs, lossRate: 0 });
    const slow = steadyWrites(c, leader, 100, 10_000);
    advance(c, 2000);
    expect(shrinkTimes(c, follower)).toEqual([]);
    expect(isr(c)).toContain(follower);
    expect(slow.errors).toEqual([]);
    expect(Math.max(...healthy.latencies)).toBeLessThan(50);
    // The leader answers the follower's parked fetch at once; the data crosses the link and the
    // follower's next fetch crosses back: at least one round trip (2 × latency) before the highWatermark moves.
    expect(Math.min(...slow.latencies)).toBeGreaterThanOrEqual(2 * latencyMs);
    expect(Math.max(...slow.latencies)).toBeLessThanOrEqual(4 * latencyMs + 50);
    expect(checker.violations).toEqual([]);
  });

  it('a follower whose fetch round trip is too slow to reach the leader\'s end within replica.lag.time.max.ms leaves the ISR', () => {
    const { c, leader, follower } = lab(9);
    c.command({ type: 'set-link', fromBrokerId: leader, toBrokerId: follower, latencyMs: 1500, lossRate: 0 });
    steadyWrites(c, leader, 200, 4 * LAG_MS);
    expect(shrinkTimes(c, follower).length).toBeGreaterThan(0);
  });

  // The partition panel's rule of thumb (features/topic-detail/link-effects.ts): under steady writes a
  // follower catches up at least every two round trips (4 × one-way latency); it stays in the ISR
  // when that is shorter than replica.lag.time.max.ms and drops out when it is longer.
  for (const [latencyMs, staysIn] of [[200, true], [450, true], [600, false], [900, false]] as const) {
    it(`steady writes over a ${latencyMs} ms link: 4 × latency ${staysIn ? '<' : '>'} replica.lag.time.max.ms, the follower ${staysIn ? 'stays in' : 'leaves'} the ISR`, () => {
      const { c, leader, follower } = lab(21);
      c.command({ type: 'set-link', fromBrokerId: leader, toBrokerId: follower, latencyMs, lossRate: 0 });
      steadyWrites(c, leader, 50, 5 * LAG_MS);
      expect(shrinkTimes(c, follower).length > 0).toBe(!staysIn);
    });
  }

  it('an idle partition over a slow link: the follower stays in the ISR (idle fetches reach the leader\'s end)', () => {
    const { c, follower, leader } = lab(23);
    c.command({ type: 'set-link', fromBrokerId: leader, toBrokerId: follower, latencyMs: 600, lossRate: 0 });
    advance(c, 5 * LAG_MS);
    expect(shrinkTimes(c, follower)).toEqual([]);
  });

  it('a cut link to the leader when the follower is the active controller: the leader is fenced and another in-sync replica leads', () => {
    const c = createCluster({ seed: 25, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig: { 'replica.lag.time.max.ms': String(LAG_MS), 'auto.leader.rebalance.enable': 'false' } });
    advance(c, 50);
    const controllerId = c.core.controller.activeControllerId!;
    const leader = [1, 2, 3].find((id) => id !== controllerId)!;
    const third = [1, 2, 3].find((id) => id !== controllerId && id !== leader)!;
    c.createTopics(1, [{ name: 't', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [leader, controllerId, third] }] }], false);
    advance(c, 500);
    expect(leaderOf(c, 't', 0)).toBe(leader);
    c.command({ type: 'set-link', fromBrokerId: leader, toBrokerId: controllerId, latencyMs: 0, lossRate: 0, cut: true });
    advance(c, 15_000);
    expect(c.events.some((e) => e.type === 'broker-fenced' && e.brokerId === leader)).toBe(true);
    expect(leaderOf(c, 't', 0)).not.toBe(leader);
    expect(c.core.controller.activeControllerId).toBe(controllerId);
  });

  it('a cut link from the leader that is also the active controller: the follower is fenced after broker.session.timeout.ms and leaves the ISR', () => {
    const c = createCluster({ seed: 27, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig: { 'replica.lag.time.max.ms': '30000', 'auto.leader.rebalance.enable': 'false' } });
    advance(c, 50);
    const controllerId = c.core.controller.activeControllerId!;
    const follower = [1, 2, 3].find((id) => id !== controllerId)!;
    c.createTopics(1, [{ name: 't', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [controllerId, follower, [1, 2, 3].find((id) => id !== controllerId && id !== follower)!] }] }], false);
    advance(c, 500);
    const cutAt = c.now();
    c.command({ type: 'set-link', fromBrokerId: controllerId, toBrokerId: follower, latencyMs: 0, lossRate: 0, cut: true });
    advance(c, 15_000);
    const fenced = c.events.find((e) => e.type === 'broker-fenced' && e.brokerId === follower);
    expect(fenced).toBeDefined();
    expect(fenced!.timeMs - cutAt).toBeLessThan(30_000);
    expect(isr(c)).not.toContain(follower);
  });

  it('a cut follower holds the highWatermark back until it leaves the ISR; then the acks=all write completes', () => {
    const { c, leader, follower } = lab(11);
    c.command({ type: 'set-link', fromBrokerId: leader, toBrokerId: follower, latencyMs: 0, lossRate: 0, cut: true });
    advance(c, 10);
    const before = leaderReplica(c).highWatermark;
    const sentAt = c.now();
    const acked = produceOne(c, leader, 't', 0, batchOf([{ value: 'x' }]), -1);
    advance(c, LAG_MS - 600);
    expect(acked.result).toBeNull();
    expect(leaderReplica(c).highWatermark).toBe(before);
    advance(c, LAG_MS + 200);
    const [shrunkAt] = shrinkTimes(c, follower);
    expect(shrunkAt).toBeDefined();
    expect(acked.result?.errorName).toBe('NONE');
    expect(leaderReplica(c).highWatermark).toBe(before + 1);
    const answeredAt = c.events.find((e) => e.type === 'high-watermark-advanced' && e.topic === 't' && e.highWatermark === before + 1)?.timeMs;
    expect(answeredAt).toBeGreaterThanOrEqual(shrunkAt!);
    expect(answeredAt! - sentAt).toBeGreaterThan(LAG_MS - 600);
  });

  it('restoring a cut link lets the follower catch up and rejoin the ISR', () => {
    const { c, leader, follower } = lab(13);
    c.command({ type: 'set-link', fromBrokerId: leader, toBrokerId: follower, latencyMs: 0, lossRate: 0, cut: true });
    produceOne(c, leader, 't', 0, batchOf([{ value: 'x' }]), -1);
    advance(c, 2 * LAG_MS);
    expect(isr(c)).not.toContain(follower);
    c.command({ type: 'set-link', fromBrokerId: leader, toBrokerId: follower, latencyMs: 0, lossRate: 0 });
    advance(c, 3000);
    expect(isr(c)).toContain(follower);
    expect(c.snapshot().links).toEqual([]);
  });
});
