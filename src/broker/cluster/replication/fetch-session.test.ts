import { describe, expect, it } from 'vitest';
import { createCluster, type SimCluster } from '../cluster';
import { tpKey } from '../metadata';
import { advance, batchOf, leaderOf, produceOne } from '../testing';

const LAG_MS = 1000;

function withTopic(): SimCluster {
  const c = createCluster({ seed: 5, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig: { 'replica.lag.time.max.ms': String(LAG_MS) } });
  c.createTopics(1, [{ name: 't', numPartitions: 4, replicationFactor: 3 }], false);
  advance(c, 100);
  return c;
}

const leaderReplica = (c: SimCluster, partition: number) => c.core.broker(leaderOf(c, 't', partition))!.replicas.get(tpKey('t', partition))!;

describe('replica fetch sessions (KIP-227): unchanged idle partitions', () => {
  it('take the session path and still count as caught up, so the ISR does not shrink while idle', () => {
    const c = withTopic();
    const acked = produceOne(c, leaderOf(c, 't', 0), 't', 0, batchOf([{ value: 'a' }]));
    advance(c, 4 * LAG_MS);
    expect(acked.result?.errorName).toBe('NONE');
    const now = c.now();
    for (let p = 0; p < 4; p++) {
      const r = leaderReplica(c, p);
      expect(r.state.isr).toHaveLength(3);
      for (const f of r.followers.values()) {
        expect(f.idleEntry).toBeDefined();
        expect(now - f.lastCaughtUpTimeMs).toBeLessThan(LAG_MS);
      }
    }
  });

  it('a follower that stops fetching leaves the ISR after replica.lag.time.max.ms once it lacks a record; the others stay', () => {
    const c = withTopic();
    advance(c, 2 * LAG_MS);
    const r = leaderReplica(c, 1);
    const gone = r.state.replicas.find((id) => id !== r.brokerId)!;
    c.command({ type: 'stop-broker', brokerId: gone, controlled: false });
    // Replica.isCaughtUp: while its logEndOffset equals the leader's it is caught up; a write ends that.
    produceOne(c, r.brokerId, 't', 1, batchOf([{ value: 'a' }]), -1);
    advance(c, 3 * LAG_MS);
    expect(leaderReplica(c, 1).state.isr).not.toContain(gone);
    expect(leaderReplica(c, 1).state.isr).toHaveLength(2);
  });

  it('new data, the highWatermark and the logStartOffset after an idle stretch still reach every follower', () => {
    const c = withTopic();
    advance(c, 2 * LAG_MS);
    const leader = leaderOf(c, 't', 2);
    const acked = produceOne(c, leader, 't', 2, batchOf([{ value: 'a' }, { value: 'b' }]));
    advance(c, 50);
    expect(acked.result?.errorName).toBe('NONE');
    c.deleteRecords(leader, [{ topic: 't', partition: 2, offset: 1 }], 30_000, () => {});
    advance(c, 2 * LAG_MS);
    const r = leaderReplica(c, 2);
    expect(r.highWatermark).toBe(2);
    expect(r.log.logStartOffset).toBe(1);
    for (const id of r.state.replicas) {
      const f = c.core.broker(id)!.replicas.get(tpKey('t', 2))!;
      expect([f.log.logEndOffset, f.highWatermark, f.log.logStartOffset]).toEqual([2, 2, 1]);
    }
  });
});
