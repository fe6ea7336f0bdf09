import { describe, expect, it } from 'vitest';
import type { ClusterView } from '../../../shared/cluster-view';
import { diffSnapshot } from '../../../shared/snapshot-patch';
import { createCluster, type SimCluster } from '../cluster';
import { advance, batchOf, produceOne } from '../testing';
import { Random } from '../../sim/random';

function cluster(seed: number): SimCluster {
  const c = createCluster({ seed, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }, { brokerId: 4 }], brokerConfig: { 'replica.lag.time.max.ms': '2000' } });
  c.createTopics(1, [
    { name: 'a', numPartitions: 4, replicationFactor: 3, configs: { 'segment.bytes': '2048' } },
    { name: 'b', numPartitions: 3, replicationFactor: 2 },
    { name: 'c', numPartitions: 2, replicationFactor: 1 },
  ], false);
  advance(c, 100);
  return c;
}

const topicsOf = ['a', 'b', 'c'];

function randomStep(c: SimCluster, rnd: Random, n: number): void {
  const broker = 1 + rnd.int(0, 4 - 1);
  const topic = topicsOf[rnd.int(0, 3 - 1)]!;
  const k = rnd.int(0, 21 - 1);
  if (k < 10) {
    const view = c.snapshot({ replicaStates: 'none' });
    const t = view.topics.find((x) => x.name === topic);
    if (t) {
      const p = rnd.int(0, t.partitions.length - 1);
      const leader = t.partitions[p]!.leader;
      if (leader >= 0) produceOne(c, leader, topic, p, batchOf([{ value: `v${n}`.repeat(1 + rnd.int(0, 40 - 1)) }]), rnd.int(0, 2 - 1) ? -1 : 1);
    }
  } else if (k === 10) c.command({ type: 'stop-broker', brokerId: broker, controlled: rnd.int(0, 2 - 1) === 0 });
  else if (k === 11) c.command({ type: 'start-broker', brokerId: broker });
  else if (k === 12) c.command({ type: 'isolate-broker', brokerId: broker });
  else if (k === 13) c.command({ type: 'heal-broker', brokerId: broker });
  else if (k === 14) c.command({ type: 'elect-preferred-leader', topic });
  else if (k === 15) c.command({ type: 'reassign-partition', topic: 'a', partition: rnd.int(0, 4 - 1), replicas: [1, 2, 3, 4].sort(() => rnd.int(0, 3 - 1) - 1).slice(0, 3) });
  else if (k === 16) c.command({ type: 'alter-topic-config', topic, configs: { 'retention.bytes': rnd.int(0, 2 - 1) ? '4096' : null } });
  else if (k === 17) c.command({ type: 'set-link', fromBrokerId: broker, toBrokerId: 1 + (broker % 4), latencyMs: rnd.int(0, 2 - 1) ? 400 : 0, lossRate: 0 });
  else if (k === 18) c.command({ type: 'power-loss-broker', brokerId: broker });
  advance(c, rnd.int(0, 3 - 1) * 250);
}

/** Every object of `next` that is also in `prev` (same identity) must be equal in value to a fresh build's. */
function stripTimes(v: ClusterView): unknown {
  return JSON.parse(JSON.stringify(v));
}

describe('snapshot reuse', () => {
  // The reusing build rebuilds only the partitions their replicas flagged (per-partition change
  // tracking); a fresh build reads every replica. Any change the flags miss shows up here as a
  // difference between the two.
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`a reusing snapshot equals a fresh build after random operations (seed ${seed})`, () => {
      const c = cluster(seed);
      const rnd = new Random(seed);
      let prev = c.snapshot();
      let reused = 0;
      for (let n = 0; n < 150; n++) {
        randomStep(c, rnd, n);
        const options = n % 7 === 0 ? { replicaStates: { topics: ['a'] } } : {};
        const next = c.snapshot(options);
        const fresh = c.snapshot({ ...options, reuse: false });
        expect(stripTimes(next), `step ${n}`).toEqual(stripTimes(fresh));
        // The diff against the previous snapshot treats shared objects as unchanged; the fresh
        // build's diff must find the same changes.
        const a = diffSnapshot(prev, next, 1, 2);
        const b = diffSnapshot(prev, fresh, 1, 2);
        expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify(b)));
        for (const t of next.topics) for (const p of t.partitions) if (prev.topics.find((x) => x.name === t.name)?.partitions[p.partition] === p) reused++;
        prev = next;
      }
      expect(reused).toBeGreaterThan(0);
    });
  }

  it('hands out the same objects when nothing changed, and caught-up replicas keep their lastCaughtUpTimeMs', () => {
    const c = cluster(7);
    produceOne(c, c.snapshot().topics[0]!.partitions[0]!.leader, 'a', 0, batchOf([{ value: 'x' }]));
    advance(c, 1000);
    const first = c.snapshot();
    advance(c, 1000);
    const second = c.snapshot();
    expect(second.simTimeMs).toBeGreaterThan(first.simTimeMs);
    for (let i = 0; i < first.topics.length; i++) {
      expect(second.topics[i]!.partitions).toBe(first.topics[i]!.partitions);
    }
    const patch = diffSnapshot(first, second, 1, 2);
    expect(patch.changed.every((t) => !('partitions' in t) || t.partitions.length === 0)).toBe(true);
  });

  it('a lagging replica reports the last time it was caught up, still while it lags', () => {
    const c = cluster(8);
    const p = c.snapshot().topics[0]!.partitions[0]!;
    const follower = p.replicas.find((id) => id !== p.leader)!;
    c.command({ type: 'stop-broker', brokerId: follower, controlled: false });
    advance(c, 100);
    produceOne(c, p.leader, 'a', 0, batchOf([{ value: 'x' }]), 1);
    advance(c, 500);
    const before = c.snapshot().topics[0]!.partitions[0]!.replicaStates.find((r) => r.brokerId === follower)!;
    advance(c, 1500);
    const v = c.snapshot();
    const after = v.topics[0]!.partitions[0]!.replicaStates.find((r) => r.brokerId === follower)!;
    expect(after.lastCaughtUpTimeMs).toBe(before.lastCaughtUpTimeMs);
    expect(after.lastCaughtUpTimeMs).toBeLessThan(v.simTimeMs - 1500);
  });
});
