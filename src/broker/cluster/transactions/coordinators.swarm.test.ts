/**
 * Coordinator failover on the real model, seed by seed: consumers joining, crashing and
 * committing, a transactional producer committing and aborting (the swarm's workload,
 * src/broker/sim/swarm-coordinators.ts), and the COORDINATING broker stopped or cut off — with the
 * coordinators' invariants checked after every model event. The main swarm (src/broker/sim/swarm.ts)
 * runs the same workload under random faults on every 10th seed; this test aims the fault at the
 * coordinator and checks that the group moved and its offsets were loaded back.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../../sim/random';
import { SMALL_COORDINATOR_CONFIG, transactionalLoop } from '../../sim/swarm-coordinators';
import { createCluster } from '../cluster';
import { TestConsumer } from '../groups/test-consumer';
import { advance, eventLines } from '../testing';
import { attachCoordinators, hostFromSimCluster } from './attach';
import { CoordinatorInvariants } from './cluster-invariants';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

describe('coordinators swarm on the real model', () => {
  it.each(SEEDS)('seed %i: offsets never go back, LSO ≤ HW, no aborted record visible, no acknowledged commit lost', (seed) => {
    const random = new Random(seed);
    const c = createCluster({ seed, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig: SMALL_COORDINATOR_CONFIG });
    const coordinators = attachCoordinators(c);
    const invariants = new CoordinatorInvariants(c, coordinators).install();
    c.createTopics(1, [{ name: 'orders', numPartitions: 4, replicationFactor: 3 }], false);
    coordinators.groups.findCoordinator(0, 'g');
    coordinators.transactions.findCoordinator('etl');
    advance(c, 1000);
    const host = hostFromSimCluster(c);
    const consumer = (i: number) => new TestConsumer(host, coordinators.groups, { groupId: 'g', clientId: `c${i}`, topics: ['orders'], sessionTimeoutMs: 6000, heartbeatIntervalMs: 1000, autoCommitIntervalMs: 500 });
    const consumers = [0, 1, 2].map(consumer);
    for (const k of consumers) k.start();
    const outcome = { committed: 0, aborted: 0, lastCommittedOffset: 0, stopped: false };
    transactionalLoop(c, coordinators, random.fork('txn'), outcome);
    advance(c, random.int(3000, 8000));
    const victim = coordinators.groups.findCoordinator(0, 'g').nodeId;
    // Odd seeds stop the coordinating broker, even seeds cut it off (it keeps its stale claims until healed).
    const isolate = seed % 2 === 0;
    c.command(isolate ? { type: 'isolate-broker', brokerId: victim } : { type: 'stop-broker', brokerId: victim });
    // An isolated broker is fenced only after broker.session.timeout.ms (9 s): stay cut off beyond it.
    advance(c, isolate ? 15_000 : 8000);
    c.command(isolate ? { type: 'heal-broker', brokerId: victim } : { type: 'start-broker', brokerId: victim });
    consumers[0]!.crash();
    advance(c, 4000);
    const late = consumer(3);
    consumers.push(late);
    late.start();
    advance(c, 15_000);

    expect(invariants.violations).toEqual([]);
    expect(outcome.committed).toBeGreaterThan(2);
    expect(outcome.aborted).toBeGreaterThan(0);
    // The group really moved: another broker loaded it (and its offsets) from __consumer_offsets.
    const loads = eventLines(c, ['group-coordinator-loaded']).filter((l) => / groups=[1-9]/.test(l) && !l.includes(`brokerId=${victim} `));
    expect(loads.length).toBeGreaterThanOrEqual(1);
    const coordinator = coordinators.groups.findCoordinator(0, 'g').nodeId;
    const committed = coordinators.groups.offsetFetch(coordinator, [{ groupId: 'g', topics: [{ name: 'orders', partitionIndexes: [0, 1, 2, 3] }] }], false)[0]!;
    for (const p of committed.topics[0]!.partitions) {
      const acknowledged = Math.max(0, ...consumers.map((k) => k.acknowledged.get(`orders\u0000${p.partitionIndex}`) ?? 0));
      expect(p.committedOffset).toBeGreaterThanOrEqual(acknowledged);
      expect(acknowledged).toBeGreaterThan(0);
    }
    outcome.stopped = true;
    advance(c, 2000);
    const etl = coordinators.groups.offsetFetch(coordinators.groups.findCoordinator(0, 'etl-g').nodeId, [{ groupId: 'etl-g', topics: [{ name: 'orders', partitionIndexes: [0] }] }], false)[0]!;
    expect(etl.topics[0]!.partitions[0]!.committedOffset).toBe(outcome.lastCommittedOffset);
    const view = coordinators.views().groups.find((g) => g.groupId === 'g')!;
    expect(view.state).toBe('Stable');
    expect(view.members.map((m) => m.assignment.flatMap((a) => a.partitions).length).sort()).toEqual([1, 1, 2]);
  });
});
