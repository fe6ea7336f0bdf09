/**
 * Kafka's metrics computed by the model, in virtual time with fixed seeds: they count what the
 * model did (ISR changes, elections, refused appends), per broker and cluster-wide.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterView } from '../../../shared/cluster-view';
import type { KafkaMetricName } from '../../../shared/cluster-metrics-view';
import { createCluster, type SimCluster } from '../cluster';
import { advance, batchOf, eventLines, leaderOf, produceOne } from '../testing';
import { loadBuiltinScenario } from '../../scenario/builtins';
import { runScenarioWithCluster } from '../../scenario/run';
import { attachCoordinators } from '../transactions/attach';

function metric(view: ClusterView, name: KafkaMetricName) {
  const m = view.metrics?.metrics.find((x) => x.name === name);
  if (!m) throw new Error(`no ${name} in the view`);
  return m;
}

function threeBrokers(seed: number, configs: Record<string, string> = {}): SimCluster {
  const c = createCluster({ seed, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }] });
  attachCoordinators(c);
  expect(c.createTopics(1, [{ name: 'orders', numPartitions: 6, replicationFactor: 3, configs: { 'min.insync.replicas': '2', ...configs } }], false)[0]!.errorName).toBe('NONE');
  advance(c, 100);
  return c;
}

describe('ClusterMetrics', () => {
  it('a stopped leader: UnderReplicatedPartitions and IsrShrinks rise, one election per partition it led, one active controller (seed 11)', () => {
    const c = threeBrokers(11);
    const before = c.snapshot();
    expect(metric(before, 'UnderReplicatedPartitions').value).toBe(0);
    expect(metric(before, 'IsrShrinksPerSec').value).toBe(0);
    expect(metric(before, 'LeaderElectionRateAndTimeMs').value).toBe(0);
    const controllerId = c.core.controller.activeControllerId!;
    const victim = [1, 2, 3].find((b) => b !== controllerId && [0, 1, 2, 3, 4, 5].some((p) => leaderOf(c, 'orders', p) === b))!;
    const led = [0, 1, 2, 3, 4, 5].filter((p) => leaderOf(c, 'orders', p) === victim);
    c.command({ type: 'stop-broker', brokerId: victim, controlled: false });
    advance(c, 30_000);
    const after = c.snapshot();
    const urp = metric(after, 'UnderReplicatedPartitions');
    // Every orders partition lost a replica; the survivors lead them all. __consumer_offsets counts too.
    expect(urp.value).toBeGreaterThanOrEqual(6);
    expect(urp.detail.find((d) => d.label === `broker ${victim}`)!.value).toBe(0);
    const shrinks = eventLines(c, ['isr-shrunk']).length;
    expect(shrinks).toBeGreaterThanOrEqual(6);
    expect(metric(after, 'IsrShrinksPerSec').value).toBe(shrinks);
    expect(metric(after, 'IsrShrinksPerSec').oneMinuteRate).toBeGreaterThan(0);
    const elections = c.events.filter((e) => e.type === 'leader-elected' && e.reason !== 'initial');
    const ordersElections = elections.filter((e) => e.type === 'leader-elected' && e.topic === 'orders');
    expect(ordersElections.length).toBe(led.length);
    expect(metric(after, 'LeaderElectionRateAndTimeMs').value).toBe(elections.length);
    expect(metric(after, 'LeaderElectionRateAndTimeMs').detail.find((d) => d.label === `broker ${controllerId}`)!.value).toBe(elections.length);
    expect(metric(after, 'UncleanLeaderElectionsPerSec').value).toBe(0);
    const active = metric(after, 'ActiveControllerCount');
    expect(active.value).toBe(1);
    expect(active.detail.filter((d) => d.value === 1).map((d) => d.label)).toEqual([`broker ${controllerId}`]);
    expect(metric(after, 'OfflinePartitionsCount').value).toBe(0);
    // Back: the ISR expands again, counted on the leaders.
    c.command({ type: 'start-broker', brokerId: victim });
    advance(c, 60_000);
    const healed = c.snapshot();
    expect(metric(healed, 'UnderReplicatedPartitions').value).toBe(0);
    expect(metric(healed, 'IsrExpandsPerSec').value).toBe(eventLines(c, ['isr-expanded']).length);
    expect(metric(healed, 'IsrExpandsPerSec').value).toBeGreaterThanOrEqual(6);
  });

  it('an unclean election raises UncleanLeaderElectionsPerSec; an offline partition shows on OfflinePartitionsCount at the controller (seed 12)', () => {
    const c = createCluster({ seed: 12, brokers: [1, 2, 3, 4, 5].map((brokerId) => ({ brokerId })) });
    // The replicas on brokers 4 and 5, outside the controller quorum (voters 1-3), so it keeps its majority.
    expect(c.createTopics(1, [{ name: 'ledger', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [4, 5] }] }], false)[0]!.errorName).toBe('NONE');
    advance(c, 100);
    expect(leaderOf(c, 'ledger', 0)).toBe(4);
    c.command({ type: 'stop-broker', brokerId: 5, controlled: false });
    advance(c, 30_000);
    c.command({ type: 'stop-broker', brokerId: 4, controlled: false });
    advance(c, 30_000);
    const down = c.snapshot();
    expect(metric(down, 'OfflinePartitionsCount').value).toBe(1);
    expect(metric(down, 'OfflinePartitionsCount').detail.find((d) => d.value === 1)!.label).toBe(`broker ${c.core.controller.activeControllerId}`);
    c.command({ type: 'start-broker', brokerId: 5 });
    advance(c, 30_000);
    c.command({ type: 'elect-unclean-leader', topic: 'ledger', partition: 0 });
    advance(c, 1000);
    const after = c.snapshot();
    expect(leaderOf(c, 'ledger', 0)).toBe(5);
    expect(metric(after, 'UncleanLeaderElectionsPerSec').value).toBe(1);
    expect(metric(after, 'OfflinePartitionsCount').value).toBe(0);
  });

  it('acks=all with too few in-sync replicas raises FailedProduceRequestsPerSec on the leader; NOT_LEADER_OR_FOLLOWER does not (seed 13)', () => {
    const c = threeBrokers(13, { 'min.insync.replicas': '3' });
    const leader = leaderOf(c, 'orders', 0);
    const follower = [1, 2, 3].find((b) => b !== leader && b !== c.core.controller.activeControllerId)!;
    const ok = produceOne(c, leader, 'orders', 0, batchOf([{ value: 'a' }]));
    advance(c, 100);
    expect(ok.result?.errorName).toBe('NONE');
    const notLeader = produceOne(c, [1, 2, 3].find((b) => b !== leader)!, 'orders', 0, batchOf([{ value: 'b' }]));
    advance(c, 100);
    expect(notLeader.result?.errorName).toBe('NOT_LEADER_OR_FOLLOWER');
    expect(metric(c.snapshot(), 'FailedProduceRequestsPerSec').value).toBe(0);
    c.command({ type: 'stop-broker', brokerId: follower, controlled: false });
    advance(c, 30_000);
    const refused = produceOne(c, leaderOf(c, 'orders', 0), 'orders', 0, batchOf([{ value: 'c' }]));
    advance(c, 100);
    expect(refused.result?.errorName).toBe('NOT_ENOUGH_REPLICAS');
    const failed = metric(c.snapshot(), 'FailedProduceRequestsPerSec');
    expect(failed.value).toBe(1);
    expect(failed.detail.find((d) => d.label === `broker ${leaderOf(c, 'orders', 0)}`)!.value).toBe(1);
    expect(metric(c.snapshot(), 'BytesInPerSec').value).toBeGreaterThan(0);
  });

  it("counts a scenario producer's refused batches: not-enough-replicas (seed 1) fails acks=all produce while the ISR is [1]", () => {
    const parsed = loadBuiltinScenario('not-enough-replicas');
    if (!parsed.ok) throw new Error('not-enough-replicas.json is invalid');
    const { cluster } = runScenarioWithCluster(parsed.doc);
    const view = cluster.snapshot();
    expect(metric(view, 'FailedProduceRequestsPerSec').value).toBeGreaterThan(0);
    expect(metric(view, 'BytesInPerSec').value).toBeGreaterThan(0);
    // Dedicated controllers: one of the three controller nodes is active.
    expect(metric(view, 'ActiveControllerCount').detail.map((d) => d.label)).toEqual(['controller 3000', 'controller 3001', 'controller 3002']);
    expect(metric(view, 'ActiveControllerCount').value).toBe(1);
  });

  it('records-lag-max is the largest partition lag of each consumer group', () => {
    const c = threeBrokers(14);
    const view = c.snapshot();
    const withGroups: ClusterView = {
      ...view,
      groups: [
        { groupId: 'a', offsets: [{ lag: 3 }, { lag: 7 }] },
        { groupId: 'b', offsets: [{ lag: 12 }] },
      ] as unknown as ClusterView['groups'],
    };
    const lag = c.core.metrics!.view(withGroups).metrics.find((m) => m.name === 'records-lag-max')!;
    expect(lag.value).toBe(12);
    expect(lag.detail).toEqual([{ label: 'group b', value: 12 }, { label: 'group a', value: 7 }]);
  });

  it('lists the eleven metrics in the issue order with their MBeans', () => {
    const names = threeBrokers(15).snapshot().metrics!.metrics.map((m) => m.name);
    expect(names).toEqual(['UnderReplicatedPartitions', 'OfflinePartitionsCount', 'ActiveControllerCount', 'UnderMinIsrPartitionCount', 'IsrShrinksPerSec', 'IsrExpandsPerSec', 'LeaderElectionRateAndTimeMs', 'UncleanLeaderElectionsPerSec', 'FailedProduceRequestsPerSec', 'BytesInPerSec', 'records-lag-max']);
  });
});
