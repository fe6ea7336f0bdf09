/**
 * The controller's periodic leader tasks and the unclean election on demand, in virtual time with
 * fixed seeds: unclean.leader.election.enable reaching an already offline partition at the next
 * unclean.leader.election.interval.ms check (KRaft), ElectLeaders UNCLEAN (the
 * `elect-unclean-leader` command), and preferred-leader rebalancing every
 * leader.imbalance.check.interval.seconds.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type SimCluster } from '../cluster';
import { InvariantChecker } from '../../sim/invariants';
import { advance, batchOf, leaderOf, produceOne } from '../testing';

const UNCLEAN_CHECK_MS = 4000;

/**
 * Topic t-0 on [4, 5] (brokers 1–3 are the quorum's voters and stay up): broker 5 stops, three
 * records are written and acknowledged on broker 4 alone, broker 4 crashes and broker 5 comes
 * back: the partition is offline (its only in-sync replica is down) while broker 5, out of sync, is alive.
 */
function offlineWithStaleReplica(seed: number, brokerConfig: Record<string, string> = {}): { c: SimCluster; checker: InvariantChecker } {
  const c = createCluster({ seed, brokers: [1, 2, 3, 4, 5].map((brokerId) => ({ brokerId })), brokerConfig: { 'unclean.leader.election.interval.ms': String(UNCLEAN_CHECK_MS), 'auto.leader.rebalance.enable': 'false', ...brokerConfig } });
  const checker = new InvariantChecker(c, { checkAcked: false }).install();
  advance(c, 50);
  c.createTopics(1, [{ name: 't', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [4, 5] }] }], false);
  advance(c, 500);
  expect(produceOne(c, 4, 't', 0, batchOf([{ value: 'a' }, { value: 'b' }, { value: 'c' }]), -1)).toBeDefined();
  advance(c, 500);
  c.command({ type: 'stop-broker', brokerId: 5, controlled: true });
  advance(c, 500);
  const acked = produceOne(c, 4, 't', 0, batchOf([{ value: 'd' }, { value: 'e' }, { value: 'f' }]), -1);
  advance(c, 500);
  expect(acked.result?.errorName).toBe('NONE');
  c.command({ type: 'stop-broker', brokerId: 4, controlled: false });
  advance(c, 12_000);
  c.command({ type: 'start-broker', brokerId: 5 });
  advance(c, 3000);
  expect(leaderOf(c, 't', 0)).toBe(-1);
  return { c, checker };
}

const lostLines = (c: SimCluster) => c.events.filter((e) => e.type === 'records-lost' && e.topic === 't');

describe('unclean leader election', () => {
  for (const seed of [2, 19]) {
    it(`enabling unclean.leader.election.enable on an offline partition elects a leader at the next unclean check (seed ${seed})`, () => {
      const { c } = offlineWithStaleReplica(seed);
      c.command({ type: 'alter-topic-config', topic: 't', configs: { 'unclean.leader.election.enable': 'true' } });
      const next = c.snapshot().leaderChecks!.nextUncleanLeaderElectionCheckMs!;
      expect(next).toBeGreaterThan(c.now());
      expect(next - c.now()).toBeLessThanOrEqual(UNCLEAN_CHECK_MS);
      expect(leaderOf(c, 't', 0)).toBe(-1);
      c.runUntil(next + 100);
      expect(leaderOf(c, 't', 0)).toBe(5);
      const elected = c.events.find((e) => e.type === 'leader-elected' && e.topic === 't' && e.leader === 5);
      expect(elected).toMatchObject({ unclean: true, reason: 'unclean' });
      // Offsets 3, 4 and 5 were acknowledged on broker 4 only: three records, the half-open range [3, 6).
      expect(lostLines(c)).toEqual([expect.objectContaining({ fromOffset: 3, toOffset: 6, count: 3, reason: 'unclean-election' })]);
    });
  }

  it('without the config the check elects nothing', () => {
    const { c } = offlineWithStaleReplica(4);
    advance(c, 3 * UNCLEAN_CHECK_MS);
    expect(leaderOf(c, 't', 0)).toBe(-1);
    expect(lostLines(c)).toEqual([]);
  });

  it('elect-unclean-leader (ElectLeaders UNCLEAN) elects at once and reports the records lost', () => {
    const { c } = offlineWithStaleReplica(6, { 'unclean.leader.election.interval.ms': '300000' });
    const result = c.command({ type: 'elect-unclean-leader', topic: 't', partition: 0 });
    expect(result).toMatchObject({ ok: true });
    expect(leaderOf(c, 't', 0)).toBe(5);
    expect(lostLines(c)).toEqual([expect.objectContaining({ fromOffset: 3, toOffset: 6, count: 3 })]);
    advance(c, 2000);
    expect(c.snapshot().topics.find((t) => t.name === 't')!.partitions[0]!.highWatermark).toBe(3);
  });

  it('elect-unclean-leader on a partition that has a leader: ELECTION_NOT_NEEDED; on an unknown one: UNKNOWN_TOPIC_OR_PARTITION', () => {
    const c = createCluster({ seed: 8, brokers: [{ brokerId: 1 }, { brokerId: 2 }] });
    advance(c, 50);
    c.createTopics(1, [{ name: 't', numPartitions: 1, replicationFactor: 2 }], false);
    advance(c, 500);
    expect(c.command({ type: 'elect-unclean-leader', topic: 't', partition: 0 })).toMatchObject({ ok: false, errorName: 'ELECTION_NOT_NEEDED' });
    expect(c.command({ type: 'elect-unclean-leader', topic: 'nope', partition: 0 })).toMatchObject({ ok: false, errorName: 'UNKNOWN_TOPIC_OR_PARTITION' });
  });

  it('with no live replica at all: ELIGIBLE_LEADERS_NOT_AVAILABLE, nothing changes', () => {
    const { c } = offlineWithStaleReplica(10);
    c.command({ type: 'stop-broker', brokerId: 5, controlled: false });
    advance(c, 12_000);
    expect(c.command({ type: 'elect-unclean-leader', topic: 't', partition: 0 })).toMatchObject({ ok: false, errorName: 'ELIGIBLE_LEADERS_NOT_AVAILABLE' });
    expect(leaderOf(c, 't', 0)).toBe(-1);
  });
});

describe('leader imbalance', () => {
  function imbalanced(seed: number, auto: boolean): SimCluster {
    const c = createCluster({ seed, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig: { 'auto.leader.rebalance.enable': String(auto), 'leader.imbalance.check.interval.seconds': '20' } });
    advance(c, 50);
    c.createTopics(1, [{ name: 't', numPartitions: 6, replicationFactor: 3 }], false);
    advance(c, 500);
    // Broker 1 restarts: its leaderships move away and stay away until a preferred election.
    c.command({ type: 'stop-broker', brokerId: 1, controlled: true });
    advance(c, 1000);
    c.command({ type: 'start-broker', brokerId: 1 });
    advance(c, 3000);
    return c;
  }
  const notPreferred = (c: SimCluster) => c.snapshot().topics.find((t) => t.name === 't')!.partitions.filter((p) => p.leader !== p.preferredLeader).length;

  it('auto.leader.rebalance.enable: the controller elects preferred leaders at the next check, whose time the view shows', () => {
    const c = imbalanced(12, true);
    expect(notPreferred(c)).toBeGreaterThan(0);
    const next = c.snapshot().leaderChecks!.nextLeaderImbalanceCheckMs!;
    expect(next).toBeGreaterThan(c.now());
    c.runUntil(next - 1);
    expect(notPreferred(c)).toBeGreaterThan(0);
    c.runUntil(next + 500);
    expect(notPreferred(c)).toBe(0);
    expect(c.snapshot().leaderChecks!.nextLeaderImbalanceCheckMs).toBe(next + 20_000);
  });

  it('without auto rebalance the imbalance stays until elect-preferred-leaders', () => {
    const c = imbalanced(14, false);
    const before = notPreferred(c);
    expect(before).toBeGreaterThan(0);
    advance(c, 60_000);
    expect(notPreferred(c)).toBe(before);
    expect(c.command({ type: 'elect-preferred-leaders' })).toMatchObject({ ok: true, message: expect.stringContaining(`${before} partition`) });
    advance(c, 500);
    expect(notPreferred(c)).toBe(0);
  });
});
