import { describe, expect, it } from 'vitest';
import { decodeRecordBatch } from '../protocol/records/index';
import type { SimCluster } from '../cluster/cluster';
import { batchOf, leaderOf, produceOne } from '../cluster/testing';
import { runScenario, STORY, type ScenarioRun } from './scenario';
import { replayTrace, traceFromJson, traceToJson } from './trace';

const DUMP = process.env.DUMP === '1';

function createTopic(c: SimCluster, name: string, configs: Record<string, string> = {}, replicas = [1, 2, 3]): void {
  const r = c.createTopics(1, [{ name, numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: replicas }], configs }], false);
  expect(r[0]!.errorName).toBe('NONE');
}

const stop = (brokerId: number, controlled = false) => (c: SimCluster) => void c.command({ type: 'stop-broker', brokerId, controlled });
const start = (brokerId: number) => (c: SimCluster) => void c.command({ type: 'start-broker', brokerId });

/** Values of the records a consumer reads from the current leader. */
function readValues(c: SimCluster, topic: string): (string | null)[] {
  const leader = leaderOf(c, topic, 0);
  const f = c.fetch(leader, { isolationLevel: 0, maxBytes: 1 << 20, partitions: [{ topic, partition: 0, fetchOffset: c.listOffsets(leader, 0, [{ topic, partition: 0, timestamp: -2, currentLeaderEpoch: -1 }])[0]!.offset, currentLeaderEpoch: -1, partitionMaxBytes: 1 << 20 }] });
  return f.partitions[0]!.records.flatMap((b) => decodeRecordBatch(b).records.map((r) => (r.value ? r.value.toString() : null)));
}

function expectLines(run: ScenarioRun, types: string[], expected: string[]): void {
  const lines = run.lines(types);
  if (DUMP) console.log(lines.join('\n'));
  expect(lines).toEqual(expected);
  expect(run.checker.violations).toEqual([]);
}

const FAST = { 'log.retention.check.interval.ms': '1000', 'log.cleaner.backoff.ms': '1000' };

describe('scenario: leader failover', () => {
  it('a crashed leader is fenced after broker.session.timeout.ms and the first live ISR replica takes over', () => {
    const run = runScenario({ seed: 11, brokers: 3, untilMs: 20_000, steps: [{ atMs: 0, run: (c) => createTopic(c, 'orders', {}, [2, 3, 1]) }, { atMs: 1000, run: stop(2) }] });
    expectLines(run, STORY, [
      't=0 controller-elected controller=1 epoch=1',
      't=0 leader-elected orders-0 leader=2 epoch=0 (initial)',
      't=1000 broker-stopped broker=2',
      't=9000 broker-fenced broker=2 (session timeout)',
      't=9000 leader-elected orders-0 leader=3 epoch=1 (broker-failure)',
      't=9000 isr-shrunk orders-0 removed=[2] isr=[3,1]',
    ]);
  });

  it('a controlled shutdown moves leadership away at once', () => {
    const run = runScenario({ seed: 12, brokers: 3, untilMs: 5_000, steps: [{ atMs: 0, run: (c) => createTopic(c, 'orders', {}, [2, 3, 1]) }, { atMs: 1000, run: stop(2, true) }] });
    expectLines(run, STORY, [
      't=0 controller-elected controller=1 epoch=1',
      't=0 leader-elected orders-0 leader=2 epoch=0 (initial)',
      't=1000 broker-fenced broker=2 (controlled shutdown)',
      't=1000 leader-elected orders-0 leader=3 epoch=1 (controlled-shutdown)',
      't=1000 isr-shrunk orders-0 removed=[2] isr=[3,1]',
      't=1000 broker-stopped broker=2 (controlled)',
    ]);
  });
});

describe('scenario: controller failover', () => {
  it('stopping the active controller elects another voter with a higher controllerEpoch', () => {
    const run = runScenario({ seed: 13, brokers: 4, untilMs: 15_000, steps: [{ atMs: 0, run: (c) => createTopic(c, 'orders', {}, [2, 3, 4]) }, { atMs: 1000, run: stop(1) }, { atMs: 8000, run: (c) => void c.command({ type: 'isolate-broker', brokerId: c.core.controller.activeControllerId! }) }] });
    expectLines(run, ['controller-elected', 'controller-lost', 'broker-stopped', 'broker-isolated'], [
      't=0 controller-elected controller=1 epoch=1',
      't=1000 broker-stopped broker=1',
      't=1000 controller-lost controller=1 epoch=1',
      't=2111 controller-elected controller=2 epoch=2',
      't=8000 broker-isolated broker=2',
      't=8000 controller-lost controller=2 epoch=2',
    ]);
    expect(run.cluster.snapshot().controller.voters).toEqual([1, 2, 3]);
  });
});

describe('scenario: ISR shrink and expand under a slow follower', () => {
  it('a follower behind for replica.lag.time.max.ms leaves the ISR and rejoins after catching up', () => {
    const steps = [{ atMs: 0, run: (c: SimCluster) => createTopic(c, 'orders') }, { atMs: 1000, run: (c: SimCluster) => void c.command({ type: 'set-link', fromBrokerId: 1, toBrokerId: 3, latencyMs: 8000, lossRate: 0 }) }, { atMs: 20_000, run: (c: SimCluster) => void c.command({ type: 'set-link', fromBrokerId: 1, toBrokerId: 3, latencyMs: 0, lossRate: 0 }) }];
    for (let t = 1100; t < 19_000; t += 500) steps.push({ atMs: t, run: (c: SimCluster) => void produceOne(c, 1, 'orders', 0, batchOf([{ value: `v${t}` }]), 1) });
    const run = runScenario({ seed: 14, brokers: 3, brokerConfig: { 'replica.lag.time.max.ms': '5000' }, untilMs: 40_000, steps });
    expectLines(run, ['isr-shrunk', 'isr-expanded', 'link-changed'], [
      't=1000 link-changed 1<->3 latency=8000 loss=0',
      't=7500 isr-shrunk orders-0 removed=[3] isr=[1,2]',
      't=20000 link-changed 1<->3 latency=1 loss=0',
      't=25007 isr-expanded orders-0 added=[3] isr=[1,2,3]',
    ]);
  });
});

describe('scenario: min.insync.replicas', () => {
  it('acks=all is refused with NOT_ENOUGH_REPLICAS once the ISR is below min.insync.replicas, and NOT_ENOUGH_REPLICAS_AFTER_APPEND when it shrinks while waiting', () => {
    const results: Record<string, string> = {};
    const run = runScenario({
      seed: 15, brokers: 3, brokerConfig: { 'replica.lag.time.max.ms': '3000' }, untilMs: 30_000,
      steps: [
        { atMs: 0, run: (c) => createTopic(c, 'payments', { 'min.insync.replicas': '2' }) },
        { atMs: 500, run: stop(3) },
        { atMs: 12_000, run: (c) => void c.command({ type: 'set-link', fromBrokerId: 1, toBrokerId: 2, latencyMs: 20_000, lossRate: 0 }) },
        { atMs: 12_100, run: (c) => { const h = produceOne(c, 1, 'payments', 0, batchOf([{ value: 'a' }]), -1, 20_000); c.onEvent(() => { if (h.result) results.afterAppend = h.result.errorName; }); } },
        { atMs: 25_000, run: (c) => { results.before = produceOne(c, 1, 'payments', 0, batchOf([{ value: 'b' }]), -1).result!.errorName; } },
      ],
    });
    expectLines(run, ['broker-stopped', 'isr-shrunk', 'isr-expanded'], [
      't=500 broker-stopped broker=3',
      // Nothing was written since broker 3 stopped: it has the leader's logEndOffset, so it is caught up
      // (Replica.isCaughtUp) and the leader keeps it; the controller drops it when it fences the broker
      // after broker.session.timeout.ms (9 s).
      't=9000 isr-shrunk payments-0 removed=[3] isr=[1,2]',
      't=15000 isr-shrunk payments-0 removed=[2] isr=[1]',
    ]);
    if (DUMP) console.log(JSON.stringify(results));
    expect(results).toEqual({ afterAppend: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', before: 'NOT_ENOUGH_REPLICAS' });
  });
});

describe('scenario: acks=1 loses an acknowledged record when the leader dies before replication', () => {
  it('the new leader never had it; the old leader truncates it on restart', () => {
    let acked = -1;
    const run = runScenario({
      seed: 16, brokers: 3, untilMs: 40_000,
      steps: [
        { atMs: 0, run: (c) => createTopic(c, 'clicks', {}, [2, 1, 3]) },
        { atMs: 500, run: (c) => void produceOne(c, 2, 'clicks', 0, batchOf([{ value: 'kept' }]), -1) },
        { atMs: 1000, run: (c) => void c.command({ type: 'isolate-broker', brokerId: 2 }) },
        { atMs: 1100, run: (c) => { acked = produceOne(c, 2, 'clicks', 0, batchOf([{ value: 'lost' }]), 1).result!.baseOffset; } },
        { atMs: 1200, run: stop(2) },
        { atMs: 1300, run: (c) => void c.command({ type: 'heal-broker', brokerId: 2 }) },
        { atMs: 20_000, run: start(2) },
      ],
    });
    expect(acked).toBe(1);
    expectLines(run, STORY, [
      't=0 controller-elected controller=1 epoch=1',
      't=0 leader-elected clicks-0 leader=2 epoch=0 (initial)',
      't=1000 broker-isolated broker=2',
      't=1200 broker-stopped broker=2',
      't=1300 broker-healed broker=2',
      't=9000 broker-fenced broker=2 (session timeout)',
      't=9000 leader-elected clicks-0 leader=1 epoch=1 (broker-failure)',
      't=9000 isr-shrunk clicks-0 removed=[2] isr=[1,3]',
      't=9000 records-lost clicks-0 offsets=[1,2) count=1 (not-replicated-before-leader-change)',
      't=20000 broker-started broker=2',
      't=20001 broker-unfenced broker=2',
      't=20004 log-truncated clicks-0 broker=2 2->1',
      't=20005 isr-expanded clicks-0 added=[2] isr=[1,3,2]',
    ]);
    expect(readValues(run.cluster, 'clicks')).toEqual(['kept']);
  });
});

describe('scenario: unclean election loses records, clean election does not', () => {
  // Five brokers: the controller quorum (voters 1, 2, 3) keeps a majority while replicas 3, 4, 5 fail.
  const both = (fn: (c: SimCluster, t: string) => void) => (c: SimCluster) => { fn(c, 'clean'); fn(c, 'unclean'); };
  it('with unclean.leader.election.enable a stale replica leads at once and committed records are lost; without it the partition waits offline', () => {
    const run = runScenario({
      seed: 17, brokers: 5, untilMs: 60_000, checkAcked: false,
      steps: [
        { atMs: 0, run: (c) => { createTopic(c, 'clean', {}, [3, 4, 5]); createTopic(c, 'unclean', { 'unclean.leader.election.enable': 'true' }, [3, 4, 5]); } },
        { atMs: 500, run: both((c, t) => void produceOne(c, 3, t, 0, batchOf([{ value: 'a' }, { value: 'b' }]), -1)) },
        { atMs: 1000, run: (c) => { stop(4)(c); stop(5)(c); } },
        { atMs: 15_000, run: both((c, t) => void produceOne(c, 3, t, 0, batchOf([{ value: 'c' }, { value: 'd' }, { value: 'e' }]), -1)) },
        { atMs: 16_000, run: stop(3) },
        { atMs: 30_000, run: start(4) },
        { atMs: 45_000, run: start(3) },
      ],
    });
    expectLines(run, ['leader-elected', 'partition-offline', 'records-lost', 'log-truncated'], [
      't=0 leader-elected clean-0 leader=3 epoch=0 (initial)',
      't=0 leader-elected unclean-0 leader=3 epoch=0 (initial)',
      't=23001 partition-offline clean-0 epoch=1 previousLeader=3',
      't=23001 partition-offline unclean-0 epoch=1 previousLeader=3',
      't=30001 leader-elected unclean-0 leader=4 epoch=2 (unclean)',
      't=30001 records-lost unclean-0 offsets=[2,5) count=3 (unclean-election)',
      't=45001 leader-elected clean-0 leader=3 epoch=2 (broker-failure)',
      't=45004 log-truncated unclean-0 broker=3 5->2',
    ]);
    expect(readValues(run.cluster, 'clean')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(readValues(run.cluster, 'unclean')).toEqual(['a', 'b']);
  });

  it('the invariant checker flags acknowledged acks=all writes lost to an unclean election', () => {
    const run = runScenario({
      seed: 18, brokers: 5, untilMs: 40_000,
      steps: [
        { atMs: 0, run: (c) => createTopic(c, 'unclean', { 'unclean.leader.election.enable': 'true' }, [3, 4, 5]) },
        { atMs: 1000, run: (c) => { stop(4)(c); stop(5)(c); } },
        { atMs: 15_000, run: (c, checker) => { const b = batchOf([{ value: 'x' }]); const h = produceOne(c, 3, 'unclean', 0, b, -1); c.runUntil(c.now() + 10); checker.recordAck('unclean', 0, h.result!.baseOffset, b); } },
        { atMs: 16_000, run: stop(3) },
        { atMs: 30_000, run: start(4) },
      ],
    });
    expect(run.checker.violations.join('\n')).toMatch(/acknowledged acks=all batch at offset 0 missing from leader 4/);
  });
});

describe('scenario: follower truncation after a leader change', () => {
  it('a replica with records the new leader lacks truncates to the end of its last common epoch (OffsetForLeaderEpoch logic)', () => {
    const link = (a: number, b: number, cut: boolean) => (c: SimCluster) => void c.command({ type: 'set-link', fromBrokerId: a, toBrokerId: b, latencyMs: 0, lossRate: 0, cut });
    const run = runScenario({
      seed: 19, brokers: 4, brokerConfig: { 'replica.lag.time.max.ms': '60000' }, untilMs: 30_000,
      steps: [
        { atMs: 0, run: (c) => createTopic(c, 'orders', {}, [2, 3, 4]) },
        { atMs: 500, run: (c) => void produceOne(c, 2, 'orders', 0, batchOf([{ value: 'a' }]), -1) },
        { atMs: 1000, run: (c) => { link(2, 3, true)(c); link(2, 4, true)(c); } },
        { atMs: 1100, run: (c) => void produceOne(c, 2, 'orders', 0, batchOf([{ value: 'b' }, { value: 'c' }]), 1) },
        { atMs: 1400, run: stop(2, true) },
        { atMs: 1500, run: (c) => { link(2, 3, false)(c); link(2, 4, false)(c); } },
        { atMs: 2000, run: (c) => void produceOne(c, 3, 'orders', 0, batchOf([{ value: 'd' }]), -1) },
        { atMs: 5000, run: start(2) },
      ],
    });
    expectLines(run, ['leader-elected', 'log-truncated', 'records-lost', 'broker-stopped', 'broker-started', 'isr-expanded'], [
      't=0 leader-elected orders-0 leader=2 epoch=0 (initial)',
      't=1400 leader-elected orders-0 leader=3 epoch=1 (controlled-shutdown)',
      't=1400 records-lost orders-0 offsets=[1,3) count=2 (not-replicated-before-leader-change)',
      't=1400 broker-stopped broker=2 (controlled)',
      't=5000 broker-started broker=2',
      't=5004 log-truncated orders-0 broker=2 3->1',
      't=5008 isr-expanded orders-0 added=[2] isr=[3,4,2]',
    ]);
    expect(run.cluster.offsetForLeaderEpoch(3, [{ topic: 'orders', partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0 }])[0]).toMatchObject({ errorName: 'NONE', leaderEpoch: 0, endOffset: 1 });
    expect(readValues(run.cluster, 'orders')).toEqual(['a', 'd']);
  });
});

describe('scenario: retention', () => {
  it('deletes whole segments older than retention.ms and advances logStartOffset', () => {
    const steps = [{ atMs: 0, run: (c: SimCluster) => createTopic(c, 'logs', { 'segment.bytes': '300', 'retention.ms': '10000' }, [1]) }];
    for (let i = 0; i < 8; i++) steps.push({ atMs: 100 + i * 1000, run: (c: SimCluster) => void produceOne(c, 1, 'logs', 0, batchOf([{ value: `record-${i}-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx` }], { timestamp: c.now() }), 1) });
    const run = runScenario({ seed: 20, brokers: 1, brokerConfig: FAST, untilMs: 25_000, steps });
    expectLines(run, ['segment-rolled', 'segment-deleted', 'log-start-offset-advanced'], [
      't=2100 segment-rolled logs-0 broker=1 base=2',
      't=4100 segment-rolled logs-0 broker=1 base=4',
      't=6100 segment-rolled logs-0 broker=1 base=6',
      't=12000 segment-deleted logs-0 broker=1 [0,2) (retention.ms)',
      't=12000 log-start-offset-advanced logs-0 logStartOffset=2',
      't=14000 segment-deleted logs-0 broker=1 [2,4) (retention.ms)',
      't=14000 log-start-offset-advanced logs-0 logStartOffset=4',
      't=16000 segment-deleted logs-0 broker=1 [4,6) (retention.ms)',
      't=16000 log-start-offset-advanced logs-0 logStartOffset=6',
      // The active segment goes too once its newest record expired and all of it is below the
      // highWatermark: Kafka rolls an empty one first (UnifiedLog.deletableSegments/deleteSegments).
      't=18000 segment-rolled logs-0 broker=1 base=8',
      't=18000 segment-deleted logs-0 broker=1 [6,8) (retention.ms)',
      't=18000 log-start-offset-advanced logs-0 logStartOffset=8',
    ]);
  });

  it('deletes the oldest segments while the log exceeds retention.bytes', () => {
    const steps = [{ atMs: 0, run: (c: SimCluster) => createTopic(c, 'logs', { 'segment.bytes': '300', 'retention.bytes': '500' }, [1]) }];
    for (let i = 0; i < 8; i++) steps.push({ atMs: 100 + i * 100, run: (c: SimCluster) => void produceOne(c, 1, 'logs', 0, batchOf([{ value: `record-${i}-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx` }], { timestamp: c.now() }), 1) });
    const run = runScenario({ seed: 21, brokers: 1, brokerConfig: FAST, untilMs: 3_000, steps });
    expectLines(run, ['segment-rolled', 'segment-deleted', 'log-start-offset-advanced'], [
      't=300 segment-rolled logs-0 broker=1 base=2',
      't=500 segment-rolled logs-0 broker=1 base=4',
      't=700 segment-rolled logs-0 broker=1 base=6',
      't=1000 segment-deleted logs-0 broker=1 [0,2) (retention.bytes)',
      't=1000 segment-deleted logs-0 broker=1 [2,4) (retention.bytes)',
      't=1000 log-start-offset-advanced logs-0 logStartOffset=4',
    ]);
    expect(run.cluster.snapshot().topics[0]!.partitions[0]!.replicaStates[0]!.sizeBytes).toBeLessThanOrEqual(500 + 300);
  });
});

describe('scenario: compaction', () => {
  it('keeps the latest record per key, drops tombstones after delete.retention.ms, never touches the active segment', () => {
    const put = (atMs: number, key: string, value: string | null) => ({ atMs, run: (c: SimCluster) => void produceOne(c, 1, 'users', 0, batchOf([{ key, value }], { timestamp: c.now() }), 1) });
    const run = runScenario({
      seed: 22, brokers: 1, brokerConfig: FAST, untilMs: 20_000,
      steps: [
        { atMs: 0, run: (c) => createTopic(c, 'users', { 'cleanup.policy': 'compact', 'segment.bytes': '200', 'delete.retention.ms': '8000' }, [1]) },
        put(100, 'alice', 'v1'), put(200, 'bob', 'v1'), put(300, 'alice', 'v2'), put(400, 'bob', null), put(500, 'carol', 'carol-v1'), put(600, 'alice', 'alice-v3'), put(700, 'dave', 'dave-v1'),
      ],
    });
    expectLines(run, ['segment-rolled', 'log-compacted'], [
      't=300 segment-rolled users-0 broker=1 base=2',
      't=500 segment-rolled users-0 broker=1 base=4',
      't=700 segment-rolled users-0 broker=1 base=6',
      't=1000 log-compacted users-0 broker=1 removedRecords=3 removedTombstones=0',
      't=9000 log-compacted users-0 broker=1 removedRecords=0 removedTombstones=1',
    ]);
    expect(readValues(run.cluster, 'users')).toEqual(['carol-v1', 'alice-v3', 'dave-v1']);
  });
});

describe('scenario: reassignment', () => {
  it('new replicas catch up and join the ISR, then the old ones leave and leadership moves', () => {
    const run = runScenario({
      seed: 23, brokers: 4, untilMs: 5_000,
      steps: [
        { atMs: 0, run: (c) => createTopic(c, 'orders', {}, [1, 2, 3]) },
        { atMs: 100, run: (c) => void produceOne(c, 1, 'orders', 0, batchOf([{ value: 'a' }, { value: 'b' }]), -1) },
        { atMs: 1000, run: (c) => expect(c.alterPartitionReassignments(1, [{ topic: 'orders', partition: 0, replicas: [4, 2, 3] }])[0]!.errorName).toBe('NONE') },
      ],
    });
    expectLines(run, ['reassignment-started', 'isr-expanded', 'isr-shrunk', 'partition-reassigned', 'leader-elected'], [
      't=0 leader-elected orders-0 leader=1 epoch=0 (initial)',
      't=1000 reassignment-started orders-0 target=[4,2,3] adding=[4] removing=[1]',
      't=1004 isr-expanded orders-0 added=[4] isr=[1,2,3,4]',
      't=1004 leader-elected orders-0 leader=4 epoch=1 (reassignment)',
      't=1004 partition-reassigned orders-0 replicas=[4,2,3]',
    ]);
    expect(run.cluster.core.broker(1)!.replicas.size).toBe(0);
    expect(readValues(run.cluster, 'orders')).toEqual(['a', 'b']);
  });
});

describe('scenario: idempotent producer', () => {
  it('answers a duplicate with the original offset and refuses a sequence gap and an old epoch', () => {
    const out: Record<string, string> = {};
    runScenario({
      seed: 24, brokers: 3, untilMs: 2_000,
      steps: [
        { atMs: 0, run: (c) => createTopic(c, 'orders', {}, [1, 2, 3]) },
        { atMs: 100, run: (c) => {
          const { producerId } = c.initProducerId(2, null, -1, -1);
          const send = (seq: number, epoch = 0, n = 2) => produceOne(c, 1, 'orders', 0, batchOf(Array.from({ length: n }, (_, i) => ({ value: `s${seq + i}` })), { producerId, producerEpoch: epoch, baseSequence: seq }), 1).result!;
          const first = send(0);
          const second = send(2);
          const dup = send(0);
          out.first = `${first.errorName}@${first.baseOffset}`;
          out.second = `${second.errorName}@${second.baseOffset}`;
          out.duplicate = `${dup.errorName}@${dup.baseOffset}`;
          out.gap = send(7).errorName;
          out.bumped = send(0, 1).errorName;
          out.oldEpoch = send(4, 0).errorName;
        } },
      ],
    });
    expect(out).toEqual({ first: 'NONE@0', second: 'NONE@2', duplicate: 'NONE@0', gap: 'OUT_OF_ORDER_SEQUENCE_NUMBER', bumped: 'NONE', oldEpoch: 'INVALID_PRODUCER_EPOCH' });
  });
});

describe('determinism', () => {
  it('the same seed gives the same event log, and an exported trace replays to it', () => {
    const make = () => runScenario({
      seed: 25, brokers: 3, untilMs: 30_000,
      steps: [
        { atMs: 0, run: (c) => createTopic(c, 'orders') },
        ...Array.from({ length: 40 }, (_, i) => ({ atMs: 100 + i * 300, run: (c: SimCluster) => void produceOne(c, leaderOf(c, 'orders', 0), 'orders', 0, batchOf([{ value: `v${i}` }]), -1) })),
        { atMs: 3000, run: stop(1) },
        { atMs: 9000, run: (c) => void c.command({ type: 'set-link', fromBrokerId: 2, toBrokerId: 3, latencyMs: 300, lossRate: 0.2 }) },
        { atMs: 15_000, run: start(1) },
      ],
    });
    const a = make().cluster;
    const b = make().cluster;
    expect(b.events).toEqual(a.events);
    const replayed = replayTrace(traceFromJson(traceToJson(a.exportTrace())));
    expect(replayed.events).toEqual(a.events);
    expect(a.events.length).toBeGreaterThan(20);
  });
});

describe('scenario: an isolated leader keeps its stale claim', () => {
  it('answers clients from its stale view: acks=all times out, acks=1 is accepted and later truncated away', () => {
    const out: Record<string, string> = {};
    const run = runScenario({
      seed: 26, brokers: 3, untilMs: 40_000,
      steps: [
        { atMs: 0, run: (c) => createTopic(c, 'orders', { 'min.insync.replicas': '2' }, [2, 3, 1]) },
        { atMs: 1000, run: (c) => void c.command({ type: 'isolate-broker', brokerId: 2 }) },
        { atMs: 1100, run: (c) => {
          const all = produceOne(c, 2, 'orders', 0, batchOf([{ value: 'all' }]), -1, 3000);
          c.onEvent(() => { if (all.result) out.acksAll = all.result.errorName; });
          out.acksOne = produceOne(c, 2, 'orders', 0, batchOf([{ value: 'one' }]), 1).result!.errorName;
          out.metadataLeader = String(c.metadata(2, ['orders'], false).topics[0]!.partitions[0]!.leaderId);
        } },
        { atMs: 20_000, run: (c) => { out.afterFence = String(c.metadata(2, ['orders'], false).topics[0]!.partitions[0]!.leaderId); c.command({ type: 'heal-broker', brokerId: 2 }); } },
      ],
    });
    expectLines(run, [...STORY, 'records-lost'], [
      't=0 controller-elected controller=1 epoch=1',
      't=0 leader-elected orders-0 leader=2 epoch=0 (initial)',
      't=1000 broker-isolated broker=2',
      't=9000 broker-fenced broker=2 (session timeout)',
      't=9000 leader-elected orders-0 leader=3 epoch=1 (broker-failure)',
      't=9000 isr-shrunk orders-0 removed=[2] isr=[3,1]',
      // Offset 0 (acks=all) was never acknowledged — it timed out — so only the acks=1 record at offset 1 is lost.
      't=9000 records-lost orders-0 offsets=[1,2) count=1 (not-replicated-before-leader-change)',
      't=20000 broker-healed broker=2',
      // Its heartbeat of t=14000, held by TCP (retransmissions at 14200, 14600, 15400, 17000, 20200: network.ts), arrives at the first retransmission after the heal.
      't=20201 broker-unfenced broker=2',
      't=20204 log-truncated orders-0 broker=2 2->0',
      't=20206 isr-expanded orders-0 added=[2] isr=[3,1,2]',
    ]);
    expect(out).toEqual({ acksOne: 'NONE', metadataLeader: '2', acksAll: 'REQUEST_TIMED_OUT', afterFence: '2' });
    expect(readValues(run.cluster, 'orders')).toEqual([]);
  });
});

describe('scenario: automatic preferred-leader rebalance', () => {
  it('moves leadership back to a restarted preferred replica at the next imbalance check', () => {
    const run = runScenario({
      seed: 27, brokers: 3, brokerConfig: { 'leader.imbalance.check.interval.seconds': '30' }, untilMs: 65_000,
      steps: [{ atMs: 0, run: (c) => createTopic(c, 'orders', {}, [2, 3, 1]) }, { atMs: 1000, run: stop(2, true) }, { atMs: 5000, run: start(2) }],
    });
    expectLines(run, ['leader-elected', 'broker-stopped', 'broker-started', 'isr-expanded'], [
      't=0 leader-elected orders-0 leader=2 epoch=0 (initial)',
      't=1000 leader-elected orders-0 leader=3 epoch=1 (controlled-shutdown)',
      't=1000 broker-stopped broker=2 (controlled)',
      't=5000 broker-started broker=2',
      't=5004 isr-expanded orders-0 added=[2] isr=[3,1,2]',
      't=30000 leader-elected orders-0 leader=2 epoch=2 (preferred)',
    ]);
  });
});

describe('determinism with a hosted-style client', () => {
  it('replays inputs submitted from long-poll wake-ups and acks=all completions', () => {
    const c = runScenario({ seed: 28, brokers: 3, untilMs: 100, steps: [{ atMs: 0, run: (cl) => { createTopic(cl, 'in'); createTopic(cl, 'out'); } }] }).cluster;
    // A consume-transform-produce loop driven only by callbacks, as the wire layer would drive it.
    let offset = 0;
    const poll = () => {
      c.waitForData(1, [{ topic: 'in', partition: 0 }], 500, () => {
        const f = c.fetch(1, { isolationLevel: 0, maxBytes: 1 << 20, partitions: [{ topic: 'in', partition: 0, fetchOffset: offset, currentLeaderEpoch: -1, partitionMaxBytes: 1 << 20 }] });
        for (const b of f.partitions[0]!.records) {
          for (const rec of decodeRecordBatch(b).records) {
            if (rec.offset < offset) continue;
            offset = rec.offset + 1;
            c.produce(1, { acks: -1, timeoutMs: 5000, topics: [{ topic: 'out', partitions: [{ partition: 0, records: batchOf([{ value: `seen ${rec.value}` }]) }] }] }, () => {});
          }
        }
        poll();
      });
    };
    poll();
    for (let i = 0; i < 10; i++) {
      c.runUntil(c.now() + 137);
      c.produce(1, { acks: -1, timeoutMs: 5000, topics: [{ topic: 'in', partitions: [{ partition: 0, records: batchOf([{ value: `v${i}` }]) }] }] }, (r) => {
        if (r.topics[0]!.partitions[0]!.errorName === 'NONE') c.produce(1, { acks: 1, timeoutMs: 5000, topics: [{ topic: 'in', partitions: [{ partition: 0, records: batchOf([{ value: `echo${i}` }]) }] }] }, () => {});
      });
    }
    c.runUntil(c.now() + 3000);
    expect(readValues(c, 'out').length).toBe(20);
    const replayed = replayTrace(traceFromJson(traceToJson(c.exportTrace())));
    expect(replayed.events).toEqual(c.events);
    expect(readValues(replayed, 'out')).toEqual(readValues(c, 'out'));
  });
});
