/**
 * Many seeds of a busy cluster on the real model: consumers joining, crashing and committing,
 * a transactional producer committing and aborting, and the coordinating broker stopped and
 * restarted — with the coordinators' invariants checked after every model event.
 */
import { describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../../protocol/records';
import { Random } from '../../sim/random';
import { createCluster, type SimCluster } from '../cluster';
import { TestConsumer } from '../groups/test-consumer';
import { advance, eventLines } from '../testing';
import { attachCoordinators, hostFromSimCluster } from './attach';
import { CoordinatorInvariants } from './cluster-invariants';
import type { Coordinators } from './coordinators';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** A transactional producer that loops add-partition → produce → commit or abort, re-initialising on any error. */
function transactionalLoop(c: SimCluster, { transactions, groups }: Coordinators, random: Random, outcome: { committed: number; aborted: number; lastCommittedOffset: number; stopped: boolean }): void {
  let inputOffset = 0;
  const ref = { transactionalId: 'etl', producerId: -1, producerEpoch: -1 };
  let sequence = 0;
  const retry = (step: () => void) => c.services.schedule(200, 'test-txn-retry', step);
  const coordinator = () => transactions.findCoordinator('etl').nodeId;
  const init = (): void => transactions.initProducerId(coordinator(), { transactionalId: 'etl', transactionTimeoutMs: 10_000, producerId: -1, producerEpoch: -1 }, (r) => {
    if (r.errorName !== 'NONE') return retry(init);
    Object.assign(ref, { producerId: r.producerId, producerEpoch: r.producerEpoch });
    sequence = 0;
    c.services.schedule(100, 'test-txn-next', begin);
  });
  const begin = (): void => {
    if (outcome.stopped) return;
    const partition = random.int(0, 3);
    transactions.addPartitionsToTxn(coordinator(), ref, [{ name: 'orders', partitions: [partition] }], (r) => {
      if (r[0]!.partitions[0]!.errorName !== 'NONE') return retry(init);
      const leader = c.services.leaderOf('orders', partition);
      const batch = encodeRecordBatch({ producerId: ref.producerId, producerEpoch: ref.producerEpoch, baseSequence: sequence, isTransactional: true, records: [{ key: null, value: Buffer.from('x'), timestamp: c.now() }] });
      c.produce(leader, { acks: -1, timeoutMs: 5000, transactionalId: 'etl', topics: [{ topic: 'orders', partitions: [{ partition, records: batch }] }] }, (p) => {
        if (p.topics[0]!.partitions[0]!.errorName !== 'NONE') return retry(init);
        sequence++;
        // Consume-transform-produce: the input position commits with the transaction (KIP-98 sendOffsetsToTransaction).
        const offset = inputOffset + 1;
        transactions.addOffsetsToTxn(coordinator(), ref, 'etl-g', (added) => {
          if (added !== 'NONE') return retry(init);
          groups.txnOffsetCommit(groups.findCoordinator(0, 'etl-g').nodeId, { ...ref, groupId: 'etl-g', generationId: -1, memberId: '', groupInstanceId: null,
            topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: null }] }] }, (o) => {
            if (o.topics[0]!.partitions[0]!.errorName !== 'NONE') return retry(init);
            const commit = random.chance(0.6);
            transactions.endTxn(coordinator(), ref, commit, (e) => {
              if (e !== 'NONE') return retry(init);
              outcome[commit ? 'committed' : 'aborted']++;
              if (commit) outcome.lastCommittedOffset = inputOffset = offset;
              c.services.schedule(300, 'test-txn-next', begin);
            });
          });
        });
      });
    });
  };
  init();
}

describe('coordinators swarm on the real model', () => {
  it.each(SEEDS)('seed %i: offsets never go back, LSO ≤ HW, no aborted record visible, no acknowledged commit lost', (seed) => {
    const random = new Random(seed);
    const c = createCluster({ seed, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig: {
      'offsets.topic.num.partitions': '3', 'transaction.state.log.num.partitions': '3', 'group.initial.rebalance.delay.ms': '0',
    } });
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
