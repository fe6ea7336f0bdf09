/**
 * Issue 11 finding 8: the lastStableOffset must not pass a transaction before its COMMIT/ABORT
 * marker is below the highWatermark (Kafka ProducerStateManager.firstUnstableOffset keeps a
 * decided transaction in unreplicatedTxns until onHighWatermarkUpdated passes its marker; Kafka's
 * UnifiedLog.lastStableOffset = min(firstUnstableOffset, highWatermark)). The links from the
 * partition leader to its followers are slowed so the marker sits in the leader's log, above the
 * highWatermark, for a while; every model event then samples a read_committed Fetch.
 */
import { describe, expect, it } from 'vitest';
import { decodeControlRecord, decodeRecordBatch, encodeControlBatch, encodeRecordBatch } from '../../protocol/records';
import { createCluster, type SimCluster } from '../cluster';
import { tpKey } from '../metadata';
import { advance, leaderOf, produceOne } from '../testing';
import { attachCoordinators } from './attach';
import { CoordinatorInvariants } from './cluster-invariants';
import { abortedRecordOffsets, checkMarkersBelowHighWatermark, checkNoAbortedRecordVisible, readCommittedOffsets } from './invariants';

const TOPIC = 'orders';

function setup(seed: number) {
  const c = createCluster({ seed, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig: {
    'offsets.topic.num.partitions': '3', 'transaction.state.log.num.partitions': '3', 'group.initial.rebalance.delay.ms': '0',
  } });
  const coordinators = attachCoordinators(c);
  expect(c.createTopics(1, [{ name: TOPIC, numPartitions: 1, replicationFactor: 3 }], false)[0]!.errorName).toBe('NONE');
  coordinators.transactions.findCoordinator('tx');
  advance(c, 500);
  const txCoordinator = coordinators.transactions.findCoordinator('tx');
  expect(txCoordinator.errorName).toBe('NONE');
  let init = { errorName: '', producerId: -1, producerEpoch: -1 };
  coordinators.transactions.initProducerId(txCoordinator.nodeId, { transactionalId: 'tx', transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 }, (r) => { init = r; });
  advance(c, 100);
  expect(init.errorName).toBe('NONE');
  const ref = { transactionalId: 'tx', producerId: init.producerId, producerEpoch: init.producerEpoch };
  let added = '';
  coordinators.transactions.addPartitionsToTxn(txCoordinator.nodeId, ref, [{ name: TOPIC, partitions: [0] }], (r) => { added = r[0]!.partitions[0]!.errorName; });
  advance(c, 100);
  expect(added).toBe('NONE');
  const leader = c.metadata(1, [TOPIC], false).topics[0]!.partitions[0]!.leaderId;
  const batch = encodeRecordBatch({ producerId: ref.producerId, producerEpoch: ref.producerEpoch, baseSequence: 0, isTransactional: true,
    records: [{ key: null, value: Buffer.from('doomed-1'), timestamp: c.now() }, { key: null, value: Buffer.from('doomed-2'), timestamp: c.now() }] });
  const produced = produceOne(c, leader, TOPIC, 0, batch);
  advance(c, 200);
  expect(produced.result?.errorName).toBe('NONE');
  return { c, coordinators, txCoordinator: txCoordinator.nodeId, ref, leader };
}

const fetchCommitted = (c: SimCluster, brokerId: number) => c.fetch(brokerId, { isolationLevel: 1, maxBytes: 1 << 20,
  partitions: [{ topic: TOPIC, partition: 0, fetchOffset: 0, currentLeaderEpoch: -1, partitionMaxBytes: 1 << 20 }] }).partitions[0]!;

/** Offset of the producer's ABORT/COMMIT marker in the broker's replica log, or -1. */
function markerOffset(c: SimCluster, brokerId: number, producerId: number): number {
  const replica = c.core.broker(brokerId)!.replicas.get(tpKey(TOPIC, 0))!;
  for (const b of replica.log.read(0, Number.MAX_SAFE_INTEGER, replica.log.logEndOffset, true).batches) {
    if (b.isControl && b.producerId === producerId) return b.baseOffset;
  }
  return -1;
}

describe('lastStableOffset waits for the transaction marker to be replicated (issue 11, finding 8)', () => {
  it('after an abort, while the ABORT marker is above the highWatermark, Fetch keeps the lastStableOffset at the transaction\'s first offset', () => {
    const { c, coordinators, txCoordinator, ref, leader } = setup(81);
    const invariants = new CoordinatorInvariants(c, coordinators).install();
    for (const follower of [1, 2, 3].filter((b) => b !== leader)) {
      expect(c.command({ type: 'set-link', fromBrokerId: leader, toBrokerId: follower, latencyMs: 400, lossRate: 0 }).ok).toBe(true);
    }
    const samples: { highWatermark: number; lastStableOffset: number; marker: number; visibleAborted: number }[] = [];
    const previous = c.sim.afterEvent;
    c.sim.afterEvent = (ev) => {
      previous?.(ev);
      const marker = markerOffset(c, leader, ref.producerId);
      if (marker < 0) return;
      const f = fetchCommitted(c, leader);
      // Ground truth from the leader's whole log: the marker there says ABORT even when Fetch cannot return it yet.
      const replica = c.core.broker(leader)!.replicas.get(tpKey(TOPIC, 0))!;
      const whole = replica.log.read(0, Number.MAX_SAFE_INTEGER, replica.log.logEndOffset, true).batches.map((b) => b.buffer);
      const aborted = abortedRecordOffsets(whole);
      const visibleAborted = readCommittedOffsets(f.records, f.abortedTransactions, f.lastStableOffset).filter((o) => aborted.has(o)).length;
      samples.push({ highWatermark: f.highWatermark, lastStableOffset: f.lastStableOffset, marker, visibleAborted });
    };
    let ended = '';
    coordinators.transactions.endTxn(txCoordinator, ref, false, (e) => { ended = e; });
    advance(c, 5000);
    c.sim.afterEvent = previous;
    expect(ended).toBe('NONE');

    const window = samples.filter((s) => s.marker >= s.highWatermark);
    // The scenario really opens the window (the marker in the leader's log, not yet replicated)...
    expect(window.length).toBeGreaterThan(0);
    expect(window[0]!.marker).toBe(2);
    // ...and through all of it the lastStableOffset stays at the transaction's first offset.
    expect(window.filter((s) => s.lastStableOffset !== 0)).toEqual([]);
    expect(samples.filter((s) => s.visibleAborted > 0)).toEqual([]);
    expect(invariants.violations).toEqual([]);

    // Once the marker is below the highWatermark the lastStableOffset passes the transaction,
    // and the Fetch carries the marker and the aborted-transaction entry together.
    const after = fetchCommitted(c, leader);
    expect(after).toMatchObject({ highWatermark: 3, lastStableOffset: 3, abortedTransactions: [{ producerId: ref.producerId, firstOffset: 0 }] });
    const last = decodeRecordBatch(after.records.at(-1)!);
    expect(last.header.isControl && decodeControlRecord(last.records[0]!).type).toBe('abort');
    expect(checkNoAbortedRecordVisible('orders-0', after.records, after.abortedTransactions, after.lastStableOffset)).toEqual([]);
    expect(c.snapshot().topics.find((t) => t.name === TOPIC)!.partitions[0]!.lastStableOffset).toBe(3);
  });

  it('a new leader that never received the ABORT marker keeps the transaction unstable until the coordinator writes it again', () => {
    const { c, coordinators, txCoordinator, ref, leader } = setup(82);
    const invariants = new CoordinatorInvariants(c, coordinators).install();
    // Slow replication from the leader so the marker sits in its log only; then the leader stops.
    for (const follower of [1, 2, 3].filter((b) => b !== leader)) {
      expect(c.command({ type: 'set-link', fromBrokerId: leader, toBrokerId: follower, latencyMs: 2000, lossRate: 0 }).ok).toBe(true);
    }
    let ended = '';
    coordinators.transactions.endTxn(txCoordinator, ref, false, (e) => { ended = e; });
    for (let i = 0; i < 1000 && markerOffset(c, leader, ref.producerId) < 0; i++) advance(c, 5);
    expect(markerOffset(c, leader, ref.producerId)).toBe(2);
    expect(fetchCommitted(c, leader)).toMatchObject({ highWatermark: 2, lastStableOffset: 0, records: [] });
    expect(c.command({ type: 'stop-broker', brokerId: leader, controlled: false }).ok).toBe(true);
    const followers = [1, 2, 3].filter((b) => b !== leader);
    expect(followers.map((b) => markerOffset(c, b, ref.producerId))).toEqual([-1, -1]);
    advance(c, 20_000);
    const newLeader = leaderOf(c, TOPIC, 0);
    expect(followers).toContain(newLeader);
    // The coordinator wrote the marker again at the new leader (its acks=all write to the old one failed).
    expect(markerOffset(c, newLeader, ref.producerId)).toBe(2);
    const f = fetchCommitted(c, newLeader);
    expect(f).toMatchObject({ lastStableOffset: 3, abortedTransactions: [{ producerId: ref.producerId, firstOffset: 0 }] });
    expect(readCommittedOffsets(f.records, f.abortedTransactions, f.lastStableOffset)).toEqual([]);
    expect(ended).toBe('NONE');
    expect(invariants.violations).toEqual([]);
  });
});

describe('checkMarkersBelowHighWatermark (the swarm\'s invariant for finding 8)', () => {
  const data = (producerId: number, baseOffset: number) => encodeRecordBatch({ producerId, producerEpoch: 0, baseSequence: 0, baseOffset, isTransactional: true, records: [{ key: null, value: Buffer.from('v'), timestamp: 0 }] });
  const marker = (producerId: number, baseOffset: number) => encodeControlBatch({ type: 'abort', coordinatorEpoch: 0, producerId, producerEpoch: 0, baseOffset, partitionLeaderEpoch: 0, timestamp: 0 });

  it('flags a transactional batch below the lastStableOffset whose marker is not among the batches below the highWatermark', () => {
    // Producer 1: data at 0, ABORT at 2; producer 2: data at 1, no marker yet.
    const batches = [data(1, 0), data(2, 1), marker(1, 2)];
    expect(checkMarkersBelowHighWatermark('t-0', batches, 1)).toEqual([]);
    expect(checkMarkersBelowHighWatermark('t-0', batches, 3)).toEqual([
      't-0: transactional batch at offset 1 (producerId 2) is below the lastStableOffset 3 but its marker is not below the highWatermark',
    ]);
    // The old lastStableOffset: marker appended (offset 2) but the highWatermark at 2 — batches passed stop before it.
    expect(checkMarkersBelowHighWatermark('t-0', batches.slice(0, 2), 2)).toHaveLength(2);
  });
});
