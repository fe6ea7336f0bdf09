/**
 * Coordinator-load containment (issue 11, "What to build"): bad bytes in __consumer_offsets or
 * __transaction_state never escape a coordinator load. A key of an unknown version is skipped
 * (Kafka's CoordinatorLoaderImpl / TransactionStateManager take it for a left-over of an aborted
 * upgrade); any other record that does not decode fails that partition's load — a
 * *-coordinator-load-failed event, NOT_COORDINATOR for its ids (CoordinatorRuntime's FAILED state) —
 * while every other partition, group, transaction and data topic keeps being served. Clients cannot
 * write such bytes (Produce to an internal topic is INVALID_TOPIC_EXCEPTION, Kafka
 * ReplicaManager.appendToLocalLog); the test appends them with coordinator origin, as a corrupt
 * store or a coordinator bug would.
 */
import { describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../../protocol/records';
import { createCluster, type SimCluster } from '../cluster';
import { CONSUMER_OFFSETS_TOPIC, TRANSACTION_STATE_TOPIC } from '../groups/config';
import { encodeGroupMetadataKey, encodeGroupMetadataValue, encodeOffsetCommitKey, type GroupMetadataValue } from '../groups/offsets-log-format';
import { encodeSubscription } from '../groups/test-consumer';
import { partitionFor } from '../groups/partition-for';
import type { OffsetCommitResponse } from '../groups/types';
import { advance, batchOf, eventLines, leaderOf, produceOne } from '../testing';
import { attachCoordinators, hostFromSimCluster } from './attach';
import { CoordinatorInvariants } from './cluster-invariants';
import { encodeTransactionLogKey, encodeTransactionLogValue, TRANSACTION_STATUS_IDS } from './txn-log-format';

const PARTITIONS = 3;

function setup(seed: number) {
  const c = createCluster({ seed, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig: {
    'offsets.topic.num.partitions': String(PARTITIONS), 'transaction.state.log.num.partitions': String(PARTITIONS), 'group.initial.rebalance.delay.ms': '0',
  } });
  const coordinators = attachCoordinators(c);
  expect(c.createTopics(1, [{ name: 'orders', numPartitions: 1, replicationFactor: 3 }], false)[0]!.errorName).toBe('NONE');
  coordinators.groups.findCoordinator(0, 'any');
  coordinators.transactions.findCoordinator('any');
  advance(c, 500);
  const invariants = new CoordinatorInvariants(c, coordinators).install();
  return { c, ...coordinators, invariants };
}

/** Two ids that hash to different partitions, the first onto `partition`. */
function idsOn(partition: number, prefix: string): { victim: string; other: string } {
  const names = Array.from({ length: 200 }, (_, i) => `${prefix}-${i}`);
  const victim = names.find((n) => partitionFor(n, PARTITIONS) === partition)!;
  const other = names.find((n) => partitionFor(n, PARTITIONS) !== partition)!;
  return { victim, other };
}

/** Appends one record at the partition's leader with coordinator origin (acks=all). */
function appendRaw(c: SimCluster, topic: string, partition: number, key: Buffer, value: Buffer): void {
  let answer = '';
  hostFromSimCluster(c).appendAsCoordinator(leaderOf(c, topic, partition), topic, partition,
    encodeRecordBatch({ baseTimestamp: c.now(), records: [{ key, value, timestamp: c.now() }] }), -1, 30_000, (r) => { answer = r.errorName; });
  advance(c, 200);
  expect(answer).toBe('NONE');
}

/** Stops the partition's leader so another broker loads it; returns the new leader. */
function moveLeader(c: SimCluster, topic: string, partition: number): number {
  const old = leaderOf(c, topic, partition);
  expect(c.command({ type: 'stop-broker', brokerId: old }).ok).toBe(true);
  advance(c, 3000);
  const now = leaderOf(c, topic, partition);
  expect(now).toBeGreaterThan(0);
  expect(now).not.toBe(old);
  return now;
}

/** The cluster still takes and serves data on `orders` (produce with acks=all, then fetch). */
function stillServesData(c: SimCluster, value: string): void {
  const leader = leaderOf(c, 'orders', 0);
  const produced = produceOne(c, leader, 'orders', 0, batchOf([{ value }]));
  advance(c, 200);
  expect(produced.result?.errorName).toBe('NONE');
  const f = c.fetch(leader, { isolationLevel: 0, maxBytes: 1 << 20, partitions: [{ topic: 'orders', partition: 0, fetchOffset: 0, currentLeaderEpoch: -1, partitionMaxBytes: 1 << 20 }] }).partitions[0]!;
  expect(f.errorName).toBe('NONE');
  expect(f.highWatermark).toBeGreaterThan(produced.result!.baseOffset);
}

describe('coordinator loads contain bad stored records', () => {
  it('clients cannot produce to internal topics (INVALID_TOPIC_EXCEPTION)', () => {
    const { c } = setup(91);
    for (const topic of [CONSUMER_OFFSETS_TOPIC, TRANSACTION_STATE_TOPIC]) {
      const produced = produceOne(c, leaderOf(c, topic, 0), topic, 0, batchOf([{ key: 'k', value: 'garbage' }]));
      advance(c, 100);
      expect(produced.result?.errorName).toBe('INVALID_TOPIC_EXCEPTION');
    }
  });

  it('__consumer_offsets: an undecodable value fails that partition\'s load (NOT_COORDINATOR, event); an unknown key version is skipped; the rest serves', () => {
    const { c, groups, invariants } = setup(92);
    const { victim, other } = idsOn(1, 'g');
    const commit = (groupId: string, offset: number): string => {
      const answers: OffsetCommitResponse[] = [];
      groups.offsetCommit(groups.findCoordinator(0, groupId).nodeId, { groupId, generationId: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1,
        topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: '' }] }] }, (r) => answers.push(r));
      advance(c, 200);
      return answers[0]!.topics[0]!.partitions[0]!.errorName;
    };
    expect(commit(victim, 7)).toBe('NONE');
    expect(commit(other, 9)).toBe('NONE');
    const otherPartition = partitionFor(other, PARTITIONS);
    // A truncated OffsetCommitValue v3 for the victim group, and a key of version 99 beside the other group.
    appendRaw(c, CONSUMER_OFFSETS_TOPIC, 1, encodeOffsetCommitKey(victim, 'orders', 0), Buffer.from([0x00, 0x03, 0x00, 0x00]));
    appendRaw(c, CONSUMER_OFFSETS_TOPIC, otherPartition, Buffer.from([0x00, 0x63, 0x01, 0x02]), Buffer.from('from a newer version'));

    const loader = moveLeader(c, CONSUMER_OFFSETS_TOPIC, 1);
    const failed = eventLines(c, ['group-coordinator-load-failed']);
    expect(failed).toEqual([expect.stringMatching(new RegExp(`brokerId=${loader} partition=1 leaderEpoch=\\d+ reason=.*SchemaError`))]);
    expect(groups.findCoordinator(0, victim)).toMatchObject({ errorName: 'NONE', nodeId: loader });
    const fetched = groups.offsetFetch(loader, [{ groupId: victim, topics: [{ name: 'orders', partitionIndexes: [0] }] }], true)[0]!;
    expect(fetched.errorName).toBe('NOT_COORDINATOR');
    expect(commit(victim, 8)).toBe('NOT_COORDINATOR');

    // The other group's partition loads (its unknown key skipped) even after its own move.
    const otherLoader = leaderOf(c, CONSUMER_OFFSETS_TOPIC, otherPartition);
    const otherFetched = groups.offsetFetch(otherLoader, [{ groupId: other, topics: [{ name: 'orders', partitionIndexes: [0] }] }], true)[0]!;
    expect(otherFetched).toMatchObject({ errorName: 'NONE', topics: [{ partitions: [{ committedOffset: 9, errorName: 'NONE' }] }] });
    expect(commit(other, 10)).toBe('NONE');
    stillServesData(c, 'after-offsets-load-failure');
    expect(invariants.violations).toEqual([]);
  });

  it('__transaction_state: an undecodable value fails that partition\'s load (NOT_COORDINATOR, event); other transactional ids keep working', () => {
    const { c, transactions, invariants } = setup(93);
    const { victim, other } = idsOn(2, 'tx');
    const init = (transactionalId: string): string => {
      let answer = '';
      transactions.initProducerId(transactions.findCoordinator(transactionalId).nodeId, { transactionalId, transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 }, (r) => { answer = r.errorName; });
      advance(c, 200);
      return answer;
    };
    expect(init(victim)).toBe('NONE');
    // A TransactionLogValue v0 with a status byte Kafka does not define (42).
    const badValue = Buffer.alloc(2 + 8 + 2 + 4 + 1 + 4 + 8 + 8);
    badValue.writeInt8(42, 16);
    badValue.writeInt32BE(-1, 17);
    appendRaw(c, TRANSACTION_STATE_TOPIC, 2, encodeTransactionLogKey(victim), badValue);

    const loader = moveLeader(c, TRANSACTION_STATE_TOPIC, 2);
    expect(eventLines(c, ['transaction-coordinator-load-failed'])).toEqual([
      expect.stringMatching(new RegExp(`brokerId=${loader} partition=2 leaderEpoch=\\d+ reason=.*unknown transaction status 42`)),
    ]);
    expect(init(victim)).toBe('NOT_COORDINATOR');
    expect(transactions.describeTransactions(loader, [victim])[0]!.errorName).toBe('NOT_COORDINATOR');
    expect(init(other)).toBe('NONE');
    stillServesData(c, 'after-transactions-load-failure');
    expect(invariants.violations).toEqual([]);

    // The next leader epoch loads again; with the bad record still there it fails again, and is reported again.
    expect(c.command({ type: 'start-broker', brokerId: [1, 2, 3].find((b) => !c.core.broker(b)!.running)! }).ok).toBe(true);
    advance(c, 3000);
    moveLeader(c, TRANSACTION_STATE_TOPIC, 2);
    expect(eventLines(c, ['transaction-coordinator-load-failed']).length).toBe(2);
    expect(init(other)).toBe('NONE');
  });

  it('a loaded PrepareAbort naming a partition that does not exist completes: its marker is skipped, as Kafka skips unknown partitions', () => {
    const { c, transactions, invariants } = setup(95);
    const { victim } = idsOn(0, 'ghost');
    appendRaw(c, TRANSACTION_STATE_TOPIC, 0, encodeTransactionLogKey(victim), encodeTransactionLogValue({
      producerId: 5000, producerEpoch: 3, transactionTimeoutMs: 60_000, transactionStatus: 'PrepareAbort',
      transactionPartitions: [{ topic: 'orders', partitionIds: [0, 99] }], transactionLastUpdateTimestampMs: c.now(), transactionStartTimestampMs: c.now(),
    }));
    const loader = moveLeader(c, TRANSACTION_STATE_TOPIC, 0);
    advance(c, 2000);
    expect(eventLines(c, ['transaction-aborted'])).toEqual([expect.stringContaining(`transactionalId=${victim} producerId=5000 producerEpoch=3 partitions=2`)]);
    expect(transactions.describeTransactions(loader, [victim])[0]).toMatchObject({ errorName: 'NONE', transactionState: 'CompleteAbort' });
    const f = c.fetch(leaderOf(c, 'orders', 0), { isolationLevel: 1, maxBytes: 1 << 20, partitions: [{ topic: 'orders', partition: 0, fetchOffset: 0, currentLeaderEpoch: -1, partitionMaxBytes: 1 << 20 }] }).partitions[0]!;
    expect(f).toMatchObject({ errorName: 'NONE', lastStableOffset: 1, highWatermark: 1 });
    expect(invariants.violations).toEqual([]);
  });

  it.each(Object.keys(TRANSACTION_STATUS_IDS))('a stored transaction in state %s is loaded and every transaction API and timer on it answers without throwing', (state) => {
    const { c, transactions, invariants } = setup(96);
    const { victim } = idsOn(1, 'stored');
    appendRaw(c, TRANSACTION_STATE_TOPIC, 1, encodeTransactionLogKey(victim), encodeTransactionLogValue({
      producerId: 6000, producerEpoch: 2, transactionTimeoutMs: 1000, transactionStatus: state as keyof typeof TRANSACTION_STATUS_IDS,
      transactionPartitions: state === 'Empty' ? null : [{ topic: 'orders', partitionIds: [0] }], transactionLastUpdateTimestampMs: c.now() - 60_000, transactionStartTimestampMs: c.now() - 60_000,
    }));
    const loader = moveLeader(c, TRANSACTION_STATE_TOPIC, 1);
    const answers: string[] = [];
    const ref = { transactionalId: victim, producerId: 6000, producerEpoch: 2 };
    transactions.addPartitionsToTxn(loader, ref, [{ name: 'orders', partitions: [0] }], (r) => answers.push(r[0]!.partitions[0]!.errorName));
    transactions.addOffsetsToTxn(loader, ref, 'g', (e) => answers.push(e));
    transactions.endTxn(loader, ref, true, (e) => answers.push(e));
    transactions.endTxn(loader, ref, false, (e) => answers.push(e));
    advance(c, 5000);
    transactions.initProducerId(loader, { transactionalId: victim, transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 }, (r) => answers.push(r.errorName));
    advance(c, 5000);
    expect(answers).toHaveLength(5);
    expect(eventLines(c, ['transaction-coordinator-load-failed'])).toEqual([]);
    // Dead is a state Kafka never leaves: its transitions are refused (UNKNOWN_SERVER_ERROR) and reported.
    if (state === 'Dead') expect(answers).toContain('UNKNOWN_SERVER_ERROR');
    else expect(eventLines(c, ['coordinator-task-failed'])).toEqual([]);
    expect(transactions.describeTransactions(loader, [victim])[0]!.errorName).toBe('NONE');
    expect(invariants.violations).toEqual([]);
  });

  const member = (memberId: string, sessionTimeout: number) => ({ memberId, groupInstanceId: null, clientId: 'c', clientHost: '/127.0.0.1', rebalanceTimeout: 60_000, sessionTimeout, subscription: encodeSubscription(['orders']), assignment: Buffer.from([1, 2, 3]) });
  const oddGroups: Record<string, Omit<GroupMetadataValue, 'currentStateTimestamp'>> = {
    'members but no protocol': { protocolType: 'consumer', generation: 4, protocol: null, leader: 'm-1', members: [member('m-1', 10_000)] },
    'a leader that is not a member': { protocolType: 'consumer', generation: 7, protocol: 'range', leader: 'ghost', members: [member('m-1', 10_000), member('m-2', 10_000)] },
    'no protocol type, negative generation, zero session timeout': { protocolType: '', generation: -3, protocol: 'range', leader: null, members: [member('m-1', 0)] },
  };
  it.each(Object.keys(oddGroups))('a stored group with %s is loaded and every group API and timer on it answers without throwing', (name) => {
    const { c, groups, invariants } = setup(97);
    const { victim } = idsOn(2, 'odd');
    appendRaw(c, CONSUMER_OFFSETS_TOPIC, 2, encodeGroupMetadataKey(victim), encodeGroupMetadataValue({ ...oddGroups[name]!, currentStateTimestamp: c.now() }));
    const loader = moveLeader(c, CONSUMER_OFFSETS_TOPIC, 2);
    const answers: string[] = [];
    const join = (memberId: string) => groups.joinGroup(loader, { groupId: victim, sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, memberId, groupInstanceId: null, protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: encodeSubscription(['orders']) }], clientId: 'c', clientHost: '/127.0.0.1', requireKnownMemberId: false, reason: null }, (r) => answers.push(`join ${r.errorName}`));
    answers.push(`heartbeat ${groups.heartbeat(loader, { groupId: victim, generationId: oddGroups[name]!.generation, memberId: 'm-1', groupInstanceId: null })}`);
    join('');
    join('m-1');
    groups.syncGroup(loader, { groupId: victim, generationId: oddGroups[name]!.generation, memberId: 'm-1', groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments: [] }, (r) => answers.push(`sync ${r.errorName}`));
    advance(c, 30_000);
    answers.push(`leave ${groups.leaveGroup(loader, { groupId: victim, members: [{ memberId: 'm-1', groupInstanceId: null, reason: null }] }).errorName}`);
    advance(c, 30_000);
    expect(answers.length).toBeGreaterThanOrEqual(4);
    expect(eventLines(c, ['coordinator-task-failed', 'group-coordinator-load-failed'])).toEqual([]);
    stillServesData(c, `after-${name}`);
    expect(invariants.violations).toEqual([]);
  });

  it('a coordinator background task that throws is reported and stopped; later tasks still run', () => {
    const { c, groups, transactions } = setup(94);
    let later = 0;
    groups.core(1).startTimer(10, 'test-bad-step', () => { throw new Error('stored state makes no sense'); });
    groups.core(1).startTimer(20, 'test-next-step', () => { later++; });
    transactions.core(2).startTimer(10, 'test-bad-txn-step', () => { throw new RangeError('offset out of range'); });
    transactions.core(2).startTimer(20, 'test-next-txn-step', () => { later++; });
    advance(c, 100);
    expect(later).toBe(2);
    expect(eventLines(c, ['coordinator-task-failed'])).toEqual([
      expect.stringContaining('coordinator=group brokerId=1 task=test-bad-step reason=Error: stored state makes no sense'),
      expect.stringContaining('coordinator=transaction brokerId=2 task=test-bad-txn-step reason=RangeError: offset out of range'),
    ]);
    stillServesData(c, 'after-task-failures');
  });
});
