import { describe, expect, it } from 'vitest';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import { checkLinkForm, linkBetween, linkEffects, linkLabel, type LinkContext } from './link-effects';
import { uncleanCandidate, uncleanElectionBlocker, uncleanElectionCost } from './action-guards';

const checks = { replicaLagTimeMaxMs: 3000, brokerSessionTimeoutMs: 9000 };
const base: LinkContext = { leader: 1, follower: 2, link: null, followerInIsr: true, highWatermark: 7, isrSize: 3, minInSyncReplicas: 2, activeControllerId: 3, checks };

describe('linkEffects', () => {
  it('a cut link in the ISR: highWatermark held, leaves after replica.lag.time.max.ms, checked every half of it', () => {
    const [text] = linkEffects({ ...base, link: { latencyMs: 1, lossRate: 0, cut: true } });
    expect(text).toContain('While no new record arrives it has everything the leader has and stays in the ISR.');
    expect(text).toContain('acks=all writes wait and the highWatermark (now 7) stays put until broker 2 leaves the ISR');
    expect(text).toContain('replica.lag.time.max.ms (3000 ms), checking every 1500 ms');
    expect(text).not.toContain('NOT_ENOUGH_REPLICAS');
  });

  it('a cut link that takes the ISR below min.insync.replicas says acks=all writes then fail', () => {
    expect(linkEffects({ ...base, isrSize: 2, link: { latencyMs: 1, lossRate: 0, cut: true } })[0]).toContain('NOT_ENOUGH_REPLICAS (the ISR falls below min.insync.replicas = 2)');
  });

  it('after the shrink: it says the follower has left the ISR', () => {
    expect(linkEffects({ ...base, followerInIsr: false, link: { latencyMs: 1, lossRate: 0, cut: true } })[0]).toContain('Broker 2 has left the ISR');
  });

  it('latency: round trip added to acks=all; stays in while 4 × latency fits in replica.lag.time.max.ms, else drops out', () => {
    const slow = linkEffects({ ...base, link: { latencyMs: 300, lossRate: 0, cut: false } });
    expect(slow[0]).toContain('at least 600 ms there and back');
    expect(slow[1]).toContain('about 1200 ms), within replica.lag.time.max.ms (3000 ms): it stays in the ISR');
    const slower = linkEffects({ ...base, link: { latencyMs: 1500, lossRate: 0, cut: false } });
    expect(slower[1]).toContain('longer than replica.lag.time.max.ms (3000 ms): it drops out of the ISR');
  });

  it('names the controller cases: follower is the controller, leader is the controller', () => {
    expect(linkEffects({ ...base, activeControllerId: 2, link: { latencyMs: 1, lossRate: 0, cut: true } })[0]).toContain('the controller fences broker 1 after broker.session.timeout.ms (9000 ms)');
    const leaderIsController = linkEffects({ ...base, activeControllerId: 1, checks: { replicaLagTimeMaxMs: 30_000, brokerSessionTimeoutMs: 9000 }, link: { latencyMs: 1, lossRate: 0, cut: true } });
    expect(leaderIsController[1]).toContain('fences broker 2 after broker.session.timeout.ms (9000 ms), before replica.lag.time.max.ms runs out');
  });

  it('loss: TCP retransmission', () => {
    expect(linkEffects({ ...base, link: { latencyMs: 1, lossRate: 0.2, cut: false } })[0]).toContain('20% of transmissions');
  });
});

describe('link labels and the form', () => {
  it('finds a link in either order and labels it', () => {
    const links = [{ brokerA: 1, brokerB: 3, latencyMs: 250, lossRate: 0.05, cut: false }];
    expect(linkLabel(linkBetween(links, 3, 1))).toBe('250 ms one way, 5% loss');
    expect(linkLabel(linkBetween(links, 1, 2))).toBe('normal');
    expect(linkLabel({ latencyMs: 1, lossRate: 0, cut: true })).toBe('cut');
  });

  it('refuses what the network cannot take, in words that name the field and its range', () => {
    expect(checkLinkForm('abc', '0', false)).toEqual({ error: 'Latency must be a whole number of milliseconds from 0 to 60000, got "abc".' });
    expect(checkLinkForm('-5', '0', false)).toHaveProperty('error');
    expect(checkLinkForm('1e3', '0', false)).toHaveProperty('error');
    expect(checkLinkForm('100', '150', false)).toEqual({ error: 'Loss must be a percentage from 0 to 100, got "150".' });
    expect(checkLinkForm('100', '2.5', false)).toEqual({ fault: { latencyMs: 100, lossRate: 0.025, cut: false } });
    expect(checkLinkForm('', '0', false)).toEqual({ error: 'Enter a latency in ms, one way (0 for a healthy link).' });
    expect(checkLinkForm('0', '', false)).toEqual({ error: 'Enter a loss in percent (0 for none).' });
    expect(checkLinkForm('0', '0', false)).toEqual({ fault: { latencyMs: 0, lossRate: 0, cut: false } });
  });
});

describe('unclean election guard', () => {
  const view = makeClusterView({ topics: [{ name: 'orders', partitions: 1, replicationFactor: 3, records: 6 }] });
  const p = view.topics[0]!.partitions[0]!;

  it('a partition with a leader: ELECTION_NOT_NEEDED', () => {
    expect(uncleanElectionBlocker(p, view.brokers)).toContain('ELECTION_NOT_NEEDED');
  });

  it('offline with a live replica: allowed, the first live replica in replica order, and the records beyond its end', () => {
    const brokers = view.brokers.map((b) => (b.brokerId === p.replicas[0] ? { ...b, state: 'stopped' as const } : b));
    const offline = { ...p, leader: -1, replicaStates: p.replicaStates.map((r) => (r.brokerId === p.replicas[1] ? { ...r, logEndOffset: 3 } : r)) };
    expect(uncleanElectionBlocker(offline, brokers)).toBeNull();
    expect(uncleanCandidate(offline, brokers)).toBe(p.replicas[1]);
    expect(uncleanElectionCost(offline, p.replicas[1]!)).toEqual({ candidateLogEndOffset: 3, furthestLogEndOffset: 6 });
  });

  it('offline with every replica down: ELIGIBLE_LEADERS_NOT_AVAILABLE', () => {
    const brokers = view.brokers.map((b) => ({ ...b, state: 'stopped' as const }));
    expect(uncleanElectionBlocker({ ...p, leader: -1 }, brokers)).toContain('ELIGIBLE_LEADERS_NOT_AVAILABLE');
  });
});
