import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { RACK_AWARE_REPLICA_SELECTOR } from '../config/definitions';
import { advance, batchOf, produceOne } from '../testing';
import { validateBrokerConfig } from '../../host/broker-config';

function rackedCluster(selector: boolean) {
  const c = createCluster({
    seed: 392,
    brokers: [{ brokerId: 1, rack: 'rack-a' }, { brokerId: 2, rack: 'rack-b' }, { brokerId: 3, rack: 'rack-c' }],
    brokerConfig: selector ? { 'replica.selector.class': RACK_AWARE_REPLICA_SELECTOR } : {},
  });
  expect(c.createTopics(1, [{ name: 'near', numPartitions: 1, replicationFactor: 3, configs: {} }], false)[0]!.errorName).toBe('NONE');
  advance(c, 50);
  const p = c.metadata(1, ['near'], false).topics[0]!.partitions[0]!;
  const h = produceOne(c, p.leaderId, 'near', 0, batchOf([{ value: 'a' }, { value: 'b' }, { value: 'c' }]));
  advance(c, 2000);
  expect(h.result?.errorName).toBe('NONE');
  const rackOf = (id: number) => ['rack-a', 'rack-b', 'rack-c'][id - 1]!;
  return { c, leader: p.leaderId, followers: p.replicas.filter((r) => r !== p.leaderId), rackOf };
}

const fetchAt = (rackId: string | undefined, fetchOffset = 0) => ({
  isolationLevel: 0 as const, maxBytes: 1 << 20, ...(rackId !== undefined ? { clientMetadata: { rackId } } : {}),
  partitions: [{ topic: 'near', partition: 0, fetchOffset, currentLeaderEpoch: -1, partitionMaxBytes: 1 << 20 }],
});

describe('fetch from the closest replica (KIP-392)', () => {
  it('with RackAwareReplicaSelector the leader names the in-sync follower in the consumer\'s rack and reads nothing', () => {
    const { c, leader, followers, rackOf } = rackedCluster(true);
    const near = followers[0]!;
    const answer = c.fetch(leader, fetchAt(rackOf(near))).partitions[0]!;
    expect(answer).toMatchObject({ errorName: 'NONE', preferredReadReplica: near, highWatermark: 3, records: [] });
    // The leader in the consumer's rack, no rack, a rack without a replica, or no client metadata: the leader reads.
    for (const rack of [rackOf(leader), '', 'rack-z', undefined]) {
      const p = c.fetch(leader, fetchAt(rack)).partitions[0]!;
      expect(p.preferredReadReplica, String(rack)).toBe(-1);
      expect(p.records.length, String(rack)).toBe(1);
    }
    // An offset past every follower's logEndOffset: no follower holds it, the leader answers OFFSET_OUT_OF_RANGE.
    expect(c.fetch(leader, fetchAt(rackOf(near), 99)).partitions[0]).toMatchObject({ errorName: 'OFFSET_OUT_OF_RANGE', preferredReadReplica: -1 });
  });

  it('a follower answers a consumer with client metadata from its own log up to its own highWatermark; without, NOT_LEADER_OR_FOLLOWER', () => {
    const { c, followers } = rackedCluster(false);
    const follower = followers[0]!;
    const served = c.fetch(follower, fetchAt('')).partitions[0]!;
    expect(served).toMatchObject({ errorName: 'NONE', highWatermark: 3, preferredReadReplica: -1 });
    expect(served.records.length).toBe(1);
    expect(c.fetch(follower, fetchAt(undefined)).partitions[0]!.errorName).toBe('NOT_LEADER_OR_FOLLOWER');
    expect(c.fetch(follower, { ...fetchAt(''), partitions: [{ topic: 'near', partition: 0, fetchOffset: 0, currentLeaderEpoch: 99, partitionMaxBytes: 1024 }] }).partitions[0]!.errorName).toBe('UNKNOWN_LEADER_EPOCH');
  });

  it('without replica.selector.class the leader never names another replica', () => {
    const { c, leader, followers, rackOf } = rackedCluster(false);
    expect(c.fetch(leader, fetchAt(rackOf(followers[0]!))).partitions[0]!.preferredReadReplica).toBe(-1);
  });

  it('a follower out of the ISR is not offered: the consumer stays on the leader', () => {
    const { c, leader, followers, rackOf } = rackedCluster(true);
    // Not the active controller: cutting the leader off it would fence the leader instead.
    const controllerId = c.snapshot().controller.activeControllerId;
    const cut = followers.find((f) => f !== controllerId)!;
    c.command({ type: 'set-link', fromBrokerId: leader, toBrokerId: cut, latencyMs: 0, lossRate: 0, cut: true });
    produceOne(c, leader, 'near', 0, batchOf([{ value: 'd' }]));
    // replica.lag.time.max.ms (30 s) after its last catch-up, at the next expiry check (every 15 s).
    advance(c, 60_000);
    const isr = c.snapshot().topics.find((t) => t.name === 'near')!.partitions[0]!.inSyncReplicas;
    expect(isr).not.toContain(cut);
    expect(c.fetch(leader, fetchAt(rackOf(cut))).partitions[0]!.preferredReadReplica).toBe(-1);
  });

  it('replica.selector.class accepts only the built-in RackAwareReplicaSelector (--config is checked before start)', () => {
    expect(validateBrokerConfig({ 'replica.selector.class': 'com.example.MySelector' })).toMatch(/replica\.selector\.class/);
    expect(validateBrokerConfig({ 'replica.selector.class': RACK_AWARE_REPLICA_SELECTOR })).toBeNull();
  });
});
