import { describe, expect, it } from 'vitest';
import { decodeControlRecord, decodeRecordBatch, encodeRecordBatch } from '../../protocol/records';
import { TestCluster } from '../groups/test-cluster';
import { createCoordinators } from './coordinators';
import { abortedRecordOffsets, checkNoAbortedRecordVisible, readCommittedOffsets } from './invariants';
import type { InitProducerIdResponse } from './requests';

const TXN_EVENTS = ['transaction-begun', 'transaction-committed', 'transaction-aborted', 'producer-fenced'];

function setup(configs: Record<string, string> = {}) {
  const cluster = new TestCluster([1, 2, 3], { 'offsets.topic.num.partitions': '4', 'transaction.state.log.num.partitions': '4', 'group.initial.rebalance.delay.ms': '0', ...configs }, 3);
  const { groups, transactions, extension } = createCoordinators(cluster);
  cluster.listeners.push(extension);
  cluster.createTopic('orders', 2);
  expect(transactions.findCoordinator('tx').errorName).toBe('COORDINATOR_NOT_AVAILABLE');
  groups.findCoordinator(0, 'g');
  cluster.advance(1);
  return { cluster, groups, transactions };
}

/** A transactional producer driven step by step, answering through a log of results. */
function producer(cluster: TestCluster, transactions: ReturnType<typeof createCoordinators>['transactions'], transactionalId: string, transactionTimeoutMs = 60_000) {
  const state = { producerId: -1, producerEpoch: -1, sequence: 0 };
  const ref = () => ({ transactionalId, producerId: state.producerId, producerEpoch: state.producerEpoch });
  const coordinator = () => transactions.findCoordinator(transactionalId).nodeId;
  return {
    state,
    init(): InitProducerIdResponse {
      let answer: InitProducerIdResponse | null = null;
      transactions.initProducerId(coordinator(), { transactionalId, transactionTimeoutMs, producerId: -1, producerEpoch: -1 }, (r) => { answer = r; });
      cluster.advance(5);
      const r = answer!;
      if (r.errorName === 'NONE') Object.assign(state, { producerId: r.producerId, producerEpoch: r.producerEpoch, sequence: 0 });
      return r;
    },
    addPartition(topic: string, partition: number): string {
      let answer = '';
      transactions.addPartitionsToTxn(coordinator(), ref(), [{ name: topic, partitions: [partition] }], (r) => { answer = r[0]!.partitions[0]!.errorName; });
      cluster.advance(5);
      return answer;
    },
    send(topic: string, partition: number, values: string[]): void {
      cluster.produce(topic, partition, encodeRecordBatch({
        producerId: state.producerId, producerEpoch: state.producerEpoch, baseSequence: state.sequence, isTransactional: true,
        records: values.map((v) => ({ key: null, value: Buffer.from(v), timestamp: cluster.now() })),
      }));
      state.sequence += values.length;
      cluster.advance(5);
    },
    end(commit: boolean): string {
      let answer = '';
      transactions.endTxn(coordinator(), ref(), commit, (e) => { answer = e; });
      cluster.advance(20);
      return answer;
    },
    ref,
  };
}

function values(cluster: TestCluster, topic: string, partition: number): { offset: number; value: string; control: string | null }[] {
  const out: { offset: number; value: string; control: string | null }[] = [];
  for (const b of cluster.readLog(cluster.leaderOf(topic, partition), topic, partition, 0)) {
    const { header, records } = decodeRecordBatch(b);
    for (const r of records) out.push({ offset: r.offset, value: header.isControl ? '' : r.value!.toString(), control: header.isControl ? `${decodeControlRecord(r).type}@${decodeControlRecord(r).coordinatorEpoch}` : null });
  }
  return out;
}

describe('transaction coordinator', () => {
  it('commits: markers with correct CRCs on every partition, lastStableOffset held back while open', () => {
    const { cluster, transactions } = setup();
    const p = producer(cluster, transactions, 'tx');
    expect(p.init()).toEqual({ errorName: 'NONE', producerId: 1000, producerEpoch: 0 });
    expect(p.addPartition('orders', 0)).toBe('NONE');
    expect(p.addPartition('orders', 1)).toBe('NONE');
    p.send('orders', 0, ['a', 'b']);
    p.send('orders', 1, ['c']);
    expect(transactions.lastStableOffset('orders', 0)).toBe(0);
    expect(cluster.replicaOffsets(cluster.leaderOf('orders', 0), 'orders', 0)!.highWatermark).toBe(2);
    expect(p.end(true)).toBe('NONE');
    expect(values(cluster, 'orders', 0)).toEqual([{ offset: 0, value: 'a', control: null }, { offset: 1, value: 'b', control: null }, { offset: 2, value: '', control: 'commit@0' }]);
    expect(values(cluster, 'orders', 1).map((v) => v.control)).toEqual([null, 'commit@0']);
    expect(transactions.lastStableOffset('orders', 0)).toBe(3);
    expect(transactions.abortedTransactions(cluster.leaderOf('orders', 0), 'orders', 0, 0, 3)).toEqual([]);
    expect(transactions.describeTransactions(transactions.findCoordinator('tx').nodeId, ['tx', 'nope'])).toMatchObject([
      { transactionalId: 'tx', errorName: 'NONE', transactionState: 'CompleteCommit', producerId: 1000, producerEpoch: 0, topics: [] },
      { transactionalId: 'nope', errorName: expect.stringMatching(/TRANSACTIONAL_ID_NOT_FOUND|NOT_COORDINATOR/) },
    ]);
    expect(cluster.log(TXN_EVENTS)).toEqual([
      '+8ms transaction-begun transactionalId=tx producerId=1000 producerEpoch=0',
      '+32ms transaction-committed transactionalId=tx producerId=1000 producerEpoch=0 partitions=2',
    ]);
  });

  it('aborts: the aborted list hides the records from read_committed, not from read_uncommitted', () => {
    const { cluster, transactions } = setup();
    const p = producer(cluster, transactions, 'tx');
    p.init();
    p.addPartition('orders', 0);
    p.send('orders', 0, ['x1', 'x2']);
    expect(p.end(false)).toBe('NONE');
    p.addPartition('orders', 0);
    p.send('orders', 0, ['y1']);
    expect(p.end(true)).toBe('NONE');
    const leader = cluster.leaderOf('orders', 0);
    const batches = cluster.readLog(leader, 'orders', 0, 0);
    const lso = transactions.lastStableOffset('orders', 0)!;
    expect(lso).toBe(5);
    const aborted = transactions.abortedTransactions(leader, 'orders', 0, 0, lso);
    expect(aborted).toEqual([{ producerId: 1000, firstOffset: 0 }]);
    expect([...abortedRecordOffsets(batches)]).toEqual([0, 1]);
    expect(readCommittedOffsets(batches, aborted, lso)).toEqual([3]);
    expect(readCommittedOffsets(batches, [], lso)).toEqual([0, 1, 3]);
    expect(checkNoAbortedRecordVisible('orders-0', batches, aborted, lso)).toEqual([]);
    expect(checkNoAbortedRecordVisible('orders-0', batches, [], lso)).toEqual(['orders-0: aborted record at offset 0 is visible under read_committed', 'orders-0: aborted record at offset 1 is visible under read_committed']);
  });

  it('fences a zombie: a second InitProducerId aborts the open transaction under a bumped epoch', () => {
    const { cluster, transactions } = setup();
    const zombie = producer(cluster, transactions, 'tx');
    zombie.init();
    zombie.addPartition('orders', 0);
    zombie.send('orders', 0, ['z']);
    const successor = producer(cluster, transactions, 'tx');
    expect(successor.init().errorName).toBe('CONCURRENT_TRANSACTIONS');
    cluster.advance(50);
    expect(successor.init()).toEqual({ errorName: 'NONE', producerId: 1000, producerEpoch: 2 });
    expect(zombie.end(true)).toBe('PRODUCER_FENCED');
    expect(zombie.addPartition('orders', 1)).toBe('PRODUCER_FENCED');
    expect(values(cluster, 'orders', 0).map((v) => v.control)).toEqual([null, 'abort@0']);
    expect(cluster.log(TXN_EVENTS).slice(1)).toEqual([
      '+18ms producer-fenced transactionalId=tx producerId=1000 fencedEpoch=0 newEpoch=1',
      '+22ms transaction-aborted transactionalId=tx producerId=1000 producerEpoch=1 partitions=1 reason=init-producer-id',
      '+73ms producer-fenced transactionalId=tx producerId=1000 fencedEpoch=1 newEpoch=2',
    ]);
  });

  it('aborts a transaction older than transaction.timeout.ms at the next cleanup interval', () => {
    const { cluster, transactions } = setup({ 'transaction.abort.timed.out.transaction.cleanup.interval.ms': '1000' });
    const p = producer(cluster, transactions, 'tx', 3000);
    p.init();
    p.addPartition('orders', 0);
    p.send('orders', 0, ['late']);
    cluster.advance(5000);
    expect(cluster.log(['transaction-aborted', 'producer-fenced'])).toEqual([
      expect.stringMatching(/producer-fenced transactionalId=tx producerId=1000 fencedEpoch=0 newEpoch=1$/),
      expect.stringMatching(/transaction-aborted transactionalId=tx producerId=1000 producerEpoch=1 partitions=1 reason=timeout$/),
    ]);
    expect(p.end(true)).toBe('PRODUCER_FENCED');
    expect(transactions.lastStableOffset('orders', 0)).toBe(2);
  });

  it('bumps the epoch for a KIP-360 re-init with the current id and epoch, answers a retried bump without bumping again, fences strangers', () => {
    const { cluster, transactions } = setup();
    const p = producer(cluster, transactions, 'tx');
    p.init();
    const coordinator = transactions.findCoordinator('tx').nodeId;
    const init = (producerId: number, producerEpoch: number) => {
      let answer: InitProducerIdResponse | null = null;
      transactions.initProducerId(coordinator, { transactionalId: 'tx', transactionTimeoutMs: 60_000, producerId, producerEpoch }, (r) => { answer = r; });
      cluster.advance(5);
      return answer!;
    };
    expect(init(1000, 0)).toEqual({ errorName: 'NONE', producerId: 1000, producerEpoch: 1 });
    expect(init(1000, 0)).toEqual({ errorName: 'NONE', producerId: 1000, producerEpoch: 1 });
    expect(init(1000, 7)).toMatchObject({ errorName: 'PRODUCER_FENCED' });
    expect(init(999, 1)).toMatchObject({ errorName: 'PRODUCER_FENCED' });
    expect(transactions.verifyTransactionalPartition('tx', 'orders', 0, 1000, 1)).toBe('INVALID_TXN_STATE');
    expect(transactions.verifyTransactionalPartition('tx', 'orders', 0, 1000, 0)).toBe('INVALID_PRODUCER_EPOCH');
  });

  it('validates transaction.timeout.ms ≤ transaction.max.timeout.ms and coordinator ownership', () => {
    const { cluster, transactions } = setup({ 'transaction.max.timeout.ms': '10000' });
    const coordinator = transactions.findCoordinator('tx').nodeId;
    const answers: string[] = [];
    transactions.initProducerId(coordinator, { transactionalId: 'tx', transactionTimeoutMs: 20_000, producerId: -1, producerEpoch: -1 }, (r) => answers.push(r.errorName));
    transactions.initProducerId(coordinator === 1 ? 2 : 1, { transactionalId: 'tx', transactionTimeoutMs: 5000, producerId: -1, producerEpoch: -1 }, (r) => answers.push(r.errorName));
    cluster.advance(5);
    expect(answers).toEqual(['INVALID_TRANSACTION_TIMEOUT', 'NOT_COORDINATOR']);
  });

  it('keeps transactional offsets pending until the marker: UNSTABLE_OFFSET_COMMIT, visible on commit, dropped on abort', () => {
    const { cluster, groups, transactions } = setup();
    const p = producer(cluster, transactions, 'tx');
    p.init();
    const groupCoordinator = groups.findCoordinator(0, 'g').nodeId;
    const commitOffsets = (offset: number) => {
      let answer = '';
      transactions.addOffsetsToTxn(transactions.findCoordinator('tx').nodeId, p.ref(), 'g', (e) => { answer = e; });
      cluster.advance(5);
      expect(answer).toBe('NONE');
      groups.txnOffsetCommit(groupCoordinator, { ...p.ref(), groupId: 'g', generationId: -1, memberId: '', groupInstanceId: null, topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: null }] }] }, (r) => { answer = r.topics[0]!.partitions[0]!.errorName; });
      cluster.advance(5);
      expect(answer).toBe('NONE');
    };
    const fetch = (requireStable: boolean) => {
      const p0 = groups.offsetFetch(groupCoordinator, [{ groupId: 'g', topics: [{ name: 'orders', partitionIndexes: [0] }] }], requireStable)[0]!.topics[0]!.partitions[0]!;
      return `${p0.committedOffset} ${p0.errorName}`;
    };
    commitOffsets(10);
    expect(fetch(true)).toBe('-1 UNSTABLE_OFFSET_COMMIT');
    expect(fetch(false)).toBe('-1 NONE');
    expect(p.end(true)).toBe('NONE');
    expect(fetch(true)).toBe('10 NONE');
    commitOffsets(20);
    expect(p.end(false)).toBe('NONE');
    expect(fetch(true)).toBe('10 NONE');
    // A new coordinator replays markers from the log: committed 10 survives, the aborted 20 does not.
    cluster.stopBroker(groupCoordinator);
    expect(groups.offsetFetch(groups.findCoordinator(0, 'g').nodeId, [{ groupId: 'g', topics: [{ name: 'orders', partitionIndexes: [0] }] }], true)[0]!.topics[0]!.partitions[0]!.committedOffset).toBe(10);
  });

  it('fails over: the new coordinator loads the open transaction from __transaction_state and commits it', () => {
    const { cluster, transactions } = setup();
    const p = producer(cluster, transactions, 'tx');
    p.init();
    p.addPartition('orders', 0);
    p.send('orders', 0, ['before-failover']);
    const first = transactions.findCoordinator('tx').nodeId;
    cluster.stopBroker(first);
    const second = transactions.findCoordinator('tx').nodeId;
    expect(second).not.toBe(first);
    expect(transactions.describeTransactions(second, ['tx'])[0]).toMatchObject({ errorName: 'NONE', transactionState: 'Ongoing', topics: [{ topic: 'orders', partitions: [0] }] });
    expect(p.end(true)).toBe('NONE');
    expect(values(cluster, 'orders', 0).map((v) => v.control)).toEqual([null, 'commit@1']);
    expect(transactions.listTransactions(second)).toEqual([{ transactionalId: 'tx', producerId: 1000, transactionState: 'CompleteCommit' }]);
  });
});
