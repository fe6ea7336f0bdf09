import { describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../../protocol/records';
import { createCluster } from '../cluster';
import { CommittedOffsetsMonotonic } from '../groups/invariants';
import { encodeSubscription } from '../groups/test-consumer';
import type { JoinGroupResponse, OffsetCommitResponse } from '../groups/types';
import { tpKey } from '../metadata';
import { advance, eventLines, produceOne } from '../testing';
import { attachCoordinators } from './attach';
import { checkLastStableOffsets, checkNoAbortedRecordVisible } from './invariants';

function cluster(seed: number) {
  const c = createCluster({ seed, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig: {
    'offsets.topic.num.partitions': '3', 'transaction.state.log.num.partitions': '3', 'group.initial.rebalance.delay.ms': '0',
  } });
  const coordinators = attachCoordinators(c);
  expect(c.createTopics(1, [{ name: 'orders', numPartitions: 2, replicationFactor: 3 }], false)[0]!.errorName).toBe('NONE');
  expect(coordinators.groups.findCoordinator(0, 'g').errorName).toBe('COORDINATOR_NOT_AVAILABLE');
  expect(coordinators.transactions.findCoordinator('tx').errorName).toBe('COORDINATOR_NOT_AVAILABLE');
  advance(c, 500);
  return { c, ...coordinators };
}

describe('coordinators on the real model (SimCluster)', () => {
  it('joins, commits through __consumer_offsets and reloads the offsets after the coordinator broker stops', () => {
    const { c, groups } = cluster(11);
    const monotonic = new CommittedOffsetsMonotonic();
    const coordinator = groups.findCoordinator(0, 'g');
    expect(coordinator.errorName).toBe('NONE');
    const joins: JoinGroupResponse[] = [];
    const join = (memberId: string) => groups.joinGroup(coordinator.nodeId, {
      groupId: 'g', sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 60_000, memberId, groupInstanceId: null, protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: encodeSubscription(['orders']) }], clientId: 'c', clientHost: '/127.0.0.1', requireKnownMemberId: true, reason: null,
    }, (r) => joins.push(r));
    join('');
    join(joins[0]!.memberId);
    advance(c, 10);
    expect(joins[1]).toMatchObject({ errorName: 'NONE', generationId: 1 });
    let synced = '';
    groups.syncGroup(coordinator.nodeId, { groupId: 'g', generationId: 1, memberId: joins[1]!.memberId, groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments: [] }, (r) => { synced = r.errorName; });
    advance(c, 100);
    expect(synced).toBe('NONE');
    const commits: OffsetCommitResponse[] = [];
    groups.offsetCommit(coordinator.nodeId, { groupId: 'g', generationId: 1, memberId: joins[1]!.memberId, groupInstanceId: null, retentionTimeMs: -1,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 42, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: '' }] }] }, (r) => commits.push(r));
    advance(c, 100);
    expect(commits[0]!.topics[0]!.partitions[0]!.errorName).toBe('NONE');
    expect(monotonic.check(groups)).toEqual([]);
    expect(c.command({ type: 'stop-broker', brokerId: coordinator.nodeId }).ok).toBe(true);
    advance(c, 2000);
    const moved = groups.findCoordinator(0, 'g');
    expect(moved.errorName).toBe('NONE');
    expect(moved.nodeId).not.toBe(coordinator.nodeId);
    const fetched = groups.offsetFetch(moved.nodeId, [{ groupId: 'g', topics: [{ name: 'orders', partitionIndexes: [0] }] }], true)[0]!;
    expect(fetched.topics[0]!.partitions[0]).toMatchObject({ committedOffset: 42, errorName: 'NONE' });
    expect(monotonic.check(groups)).toEqual([]);
    expect(eventLines(c, ['group-coordinator-loaded']).at(-1)).toContain(`brokerId=${moved.nodeId}`);
    const view = c.snapshot().groups.find((g) => g.groupId === 'g')!;
    expect(view).toMatchObject({ state: 'Stable', generationId: 1, coordinatorId: moved.nodeId, members: [{ memberId: joins[1]!.memberId }] });
    expect(view.offsets).toEqual([{ topic: 'orders', partition: 0, committedOffset: 42, endOffset: 0, lag: 0, timeLagMs: 0, memberId: null }]);
  });

  it('serves read_committed Fetch: lastStableOffset held by an open transaction, aborted list after an abort', () => {
    const { c, transactions } = cluster(12);
    const txCoordinator = transactions.findCoordinator('tx');
    expect(txCoordinator.errorName).toBe('NONE');
    let init = { errorName: '', producerId: -1, producerEpoch: -1 };
    transactions.initProducerId(txCoordinator.nodeId, { transactionalId: 'tx', transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 }, (r) => { init = r; });
    advance(c, 100);
    expect(init.errorName).toBe('NONE');
    const ref = { transactionalId: 'tx', producerId: init.producerId, producerEpoch: init.producerEpoch };
    let added = '';
    transactions.addPartitionsToTxn(txCoordinator.nodeId, ref, [{ name: 'orders', partitions: [0] }], (r) => { added = r[0]!.partitions[0]!.errorName; });
    advance(c, 100);
    expect(added).toBe('NONE');
    const leader = c.metadata(1, ['orders'], false).topics[0]!.partitions[0]!.leaderId;
    const batch = encodeRecordBatch({ producerId: ref.producerId, producerEpoch: ref.producerEpoch, baseSequence: 0, isTransactional: true, records: [{ key: null, value: Buffer.from('doomed'), timestamp: c.now() }] });
    const produced = produceOne(c, leader, 'orders', 0, batch);
    advance(c, 100);
    expect(produced.result?.errorName).toBe('NONE');
    const fetchCommitted = () => c.fetch(leader, { isolationLevel: 1, maxBytes: 1 << 20, partitions: [{ topic: 'orders', partition: 0, fetchOffset: 0, currentLeaderEpoch: -1, partitionMaxBytes: 1 << 20 }] }).partitions[0]!;
    expect(fetchCommitted()).toMatchObject({ highWatermark: 1, lastStableOffset: 0, records: [] });
    let ended = '';
    transactions.endTxn(txCoordinator.nodeId, ref, false, (e) => { ended = e; });
    advance(c, 2000);
    expect(ended).toBe('NONE');
    const after = fetchCommitted();
    expect(after).toMatchObject({ highWatermark: 2, lastStableOffset: 2, abortedTransactions: [{ producerId: ref.producerId, firstOffset: 0 }] });
    expect(checkNoAbortedRecordVisible('orders-0', after.records, after.abortedTransactions, after.lastStableOffset)).toEqual([]);
    expect(checkLastStableOffsets(c.snapshot())).toEqual([]);
    expect(eventLines(c, ['transaction-aborted'])).toEqual([expect.stringContaining('transactionalId=tx')]);
  });

  it('commits transactional offsets (sendOffsetsToTransaction) in consecutive transactions of one producer', () => {
    const { c, groups, transactions } = cluster(13);
    const tx = transactions.findCoordinator('tx').nodeId;
    let init = { errorName: '', producerId: -1, producerEpoch: -1 };
    transactions.initProducerId(tx, { transactionalId: 'tx', transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 }, (r) => { init = r; });
    advance(c, 100);
    const ref = { transactionalId: 'tx', producerId: init.producerId, producerEpoch: init.producerEpoch };
    const groupCoordinator = groups.findCoordinator(0, 'g').nodeId;
    for (const [offset, commit] of [[5, true], [9, false], [12, true]] as const) {
      const answers: string[] = [];
      transactions.addOffsetsToTxn(tx, ref, 'g', (e) => answers.push(e));
      advance(c, 100);
      groups.txnOffsetCommit(groupCoordinator, { ...ref, groupId: 'g', generationId: -1, memberId: '', groupInstanceId: null,
        topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: null }, { partitionIndex: 1, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: null }] }] },
      (r) => answers.push(...r.topics[0]!.partitions.map((p) => p.errorName)));
      advance(c, 100);
      transactions.endTxn(tx, ref, commit, (e) => answers.push(e));
      advance(c, 1000);
      expect(answers).toEqual(['NONE', 'NONE', 'NONE', 'NONE']);
    }
    const fetched = groups.offsetFetch(groupCoordinator, [{ groupId: 'g', topics: [{ name: 'orders', partitionIndexes: [0, 1] }] }], true)[0]!;
    expect(fetched.topics[0]!.partitions.map((p) => `${p.committedOffset} ${p.errorName}`)).toEqual(['12 NONE', '12 NONE']);
  });

  it('fences a zombie: the ABORT marker raises the partition\'s producer epoch, so its later non-transactional write gets INVALID_PRODUCER_EPOCH', () => {
    const { c, transactions } = cluster(14);
    const tx = transactions.findCoordinator('tx').nodeId;
    const inits: { errorName: string; producerId: number; producerEpoch: number }[] = [];
    const initProducer = () => transactions.initProducerId(tx, { transactionalId: 'tx', transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 }, (r) => inits.push(r));
    initProducer();
    advance(c, 100);
    const zombie = { transactionalId: 'tx', producerId: inits[0]!.producerId, producerEpoch: inits[0]!.producerEpoch };
    transactions.addPartitionsToTxn(tx, zombie, [{ name: 'orders', partitions: [0] }], () => undefined);
    advance(c, 100);
    const leader = c.metadata(1, ['orders'], false).topics[0]!.partitions[0]!.leaderId;
    const write = (isTransactional: boolean, baseSequence: number) => produceOne(c, leader, 'orders', 0, encodeRecordBatch({
      producerId: zombie.producerId, producerEpoch: zombie.producerEpoch, baseSequence, isTransactional, records: [{ key: null, value: Buffer.from('z'), timestamp: c.now() }],
    }));
    const first = write(true, 0);
    advance(c, 100);
    expect(first.result?.errorName).toBe('NONE');
    // A second producer with the same transactional.id: the coordinator bumps the epoch, aborts the open
    // transaction (ABORT marker with the bumped epoch) and answers CONCURRENT_TRANSACTIONS until that is done.
    initProducer();
    advance(c, 2000);
    expect(inits[1]!.errorName).toBe('CONCURRENT_TRANSACTIONS');
    const replica = c.core.broker(leader)!.replicas.get(tpKey('orders', 0))!;
    expect(replica.producers.producers.get(zombie.producerId)?.producerEpoch).toBe(zombie.producerEpoch + 1);
    initProducer();
    advance(c, 200);
    expect(inits[2]).toMatchObject({ errorName: 'NONE', producerId: zombie.producerId });
    expect(inits[2]!.producerEpoch).toBeGreaterThan(zombie.producerEpoch);
    const late = write(false, 1);
    advance(c, 100);
    expect(late.result?.errorName).toBe('INVALID_PRODUCER_EPOCH');
  });
});
