import { describe, expect, it } from 'vitest';
import type { ClusterView } from '../../../shared';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import { healthReasons } from './health';
import { leaderBalance } from './leader-balance';

/** 36 partitions preferring brokers 1, 2, 3 in turn; `moved` of broker 1's led by broker 2 instead. */
function cluster(moved: number, leaderChecks?: ClusterView['leaderChecks']): ClusterView {
  const view = makeClusterView({ topics: [{ name: 'orders', partitions: 36, replicationFactor: 3, records: 1 }] });
  let left = moved;
  for (const p of view.topics[0]!.partitions) {
    if (p.preferredLeader === 1 && left > 0) {
      p.leader = 2;
      left--;
    }
  }
  return { ...view, simTimeMs: 1_000_000, ...(leaderChecks ? { leaderChecks } : {}) };
}

const checks = (auto: boolean): NonNullable<ClusterView['leaderChecks']> => ({
  autoLeaderRebalanceEnable: auto, leaderImbalancePerBrokerPercentage: 10, nextLeaderImbalanceCheckMs: 1_000_000 + 252_000,
  nextUncleanLeaderElectionCheckMs: null, replicaLagTimeMaxMs: 30_000, brokerSessionTimeoutMs: 9000, uncleanLeaderElectionIntervalMs: 300_000,
});

describe('leader imbalance (leader.imbalance.per.broker.percentage)', () => {
  it('a snapshot that changes some partitions of a topic counts the same as one counted afresh', () => {
    const before = cluster(0);
    expect(leaderBalance(before).notPreferred).toBe(0);
    // The next snapshot: the topic is a new object, two partitions changed, the rest kept (as patches keep them).
    const topic = before.topics[0]!;
    const partitions = topic.partitions.map((p) => (p.partition === 0 || p.partition === 3 ? { ...p, leader: p.preferredLeader === 1 ? 2 : 1 } : p));
    const after = { ...before, topics: [{ ...topic, partitions }] };
    const fresh = { ...before, topics: [{ ...topic, name: 'orders-fresh', partitions: partitions.map((p) => ({ ...p })) }] };
    expect(leaderBalance(after)).toEqual(leaderBalance(fresh));
    expect(leaderBalance(after).notPreferred).toBe(2);
    // Then offsets only (the counts are shared, not copied), then partition 0 back to its preferred
    // leader: each counts as a fresh count does, and the earlier snapshot's counts are untouched.
    const grown = { ...after, topics: [{ ...after.topics[0]!, partitions: partitions.map((p) => ({ ...p, highWatermark: p.highWatermark + 1 })) }] };
    expect(leaderBalance(grown)).toEqual(leaderBalance(after));
    const back = { ...grown, topics: [{ ...grown.topics[0]!, partitions: grown.topics[0]!.partitions.map((p) => (p.partition === 0 ? { ...p, leader: p.preferredLeader } : p)) }] };
    const backFresh = { ...back, topics: [{ ...back.topics[0]!, name: 'orders-fresh-2', partitions: back.topics[0]!.partitions.map((p) => ({ ...p })) }] };
    expect(leaderBalance(back)).toEqual(leaderBalance(backFresh));
    expect(leaderBalance(back).notPreferred).toBe(1);
    expect(leaderBalance(grown).notPreferred).toBe(2);
  });

  it('counts, per broker, the preferred partitions it does not lead', () => {
    const b = leaderBalance(cluster(5));
    expect(b.brokers.find((x) => x.brokerId === 1)).toEqual({ brokerId: 1, preferred: 12, notLed: 5, leads: 7 });
    expect(b.brokers.find((x) => x.brokerId === 2)!.leads).toBe(17);
    expect(b.imbalanced.map((x) => x.brokerId)).toEqual([1]);
    expect(b.notPreferred).toBe(5);
  });

  it('at or under the percentage it is no health reason (1 of 12 = 8.3% ≤ 10%)', () => {
    expect(leaderBalance(cluster(1)).imbalanced).toEqual([]);
    expect(healthReasons(cluster(1)).find((r) => r.key === 'leader-imbalance')).toBeUndefined();
  });

  it('over it: a warning with counts, the next automatic check, and the election that fixes it', () => {
    const reason = healthReasons(cluster(12, checks(true))).find((r) => r.key === 'leader-imbalance')!;
    expect(reason.count).toBe(12);
    expect(reason.text).toContain('broker 1 leads 0 of the 12 partitions it is preferred for (over leader.imbalance.per.broker.percentage = 10%)');
    expect(reason.text).toContain('broker 2 leads 24 of 36.');
    expect(reason.text).toContain('every leader.imbalance.check.interval.seconds): in 4 min 12 s.');
    expect(reason.action).toMatchObject({ label: 'Elect preferred leaders', command: { type: 'elect-preferred-leaders' } });
    expect(healthReasons(cluster(12, checks(false))).find((r) => r.key === 'leader-imbalance')!.text).toContain('auto.leader.rebalance.enable is false');
  });
});
