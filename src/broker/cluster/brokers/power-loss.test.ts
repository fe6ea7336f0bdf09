/**
 * The power-loss fault and flushing (issue 15), in virtual time with fixed seeds: a power loss
 * drops each replica's batches at and above its flushed offset (recoveryPoint); flush.messages,
 * flush.ms (checked every log.flush.scheduler.interval.ms), segment rolls and clean stops move
 * that offset; replication with acks=all keeps every acknowledged record; the broker recovers and
 * rejoins the ISR.
 */
import { describe, expect, it } from 'vitest';
import type { SimCluster } from '../cluster';
import { tpKey } from '../metadata';
import { advance, batchOf, eventLines, leaderOf, produceOne } from '../testing';
import { runScenario } from '../../sim/scenario';
import { createCluster } from '../cluster';

const replicaLog = (c: SimCluster, brokerId: number, topic: string) => c.core.broker(brokerId)!.replicas.get(tpKey(topic, 0))!.log;

/** n acks=1 produces of one record each to `topic`-0 at its leader; returns how many were answered NONE. */
function produceMany(c: SimCluster, topic: string, n: number, acks: -1 | 1): { answered: () => number } {
  const holders: ReturnType<typeof produceOne>[] = [];
  for (let i = 0; i < n; i++) {
    holders.push(produceOne(c, leaderOf(c, topic, 0), topic, 0, batchOf([{ key: `k${i}`, value: `v${i}` }]), acks));
    advance(c, 5);
  }
  return { answered: () => holders.filter((h) => h.result?.errorName === 'NONE').length };
}

function singleReplicaCluster(seed: number, topicConfigs: Record<string, string> = {}, brokerConfig: Record<string, string> = {}): SimCluster {
  const c = createCluster({ seed, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig });
  c.createTopics(1, [{ name: 'solo', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [1] }], configs: topicConfigs }], false);
  advance(c, 500);
  return c;
}

describe('power loss with Kafka\'s default flushing (flush.messages = flush.ms = Long.MAX_VALUE)', () => {
  it('RF=1, acks=1: drops exactly the unflushed records, keeps the rolled (flushed) segments, and the broker comes back with what is left', () => {
    // 1-record batches are 70 bytes here: segment.bytes 300 rolls every 4 batches.
    const c = singleReplicaCluster(11, { 'segment.bytes': '300' });
    const sent = produceMany(c, 'solo', 10, 1);
    advance(c, 100);
    expect(sent.answered()).toBe(10);
    const log = replicaLog(c, 1, 'solo');
    const flushed = log.recoveryPoint;
    expect(log.logEndOffset).toBe(10);
    // Flushed = the active segment's base offset (rolled segments are fsynced, the active one is not).
    expect(flushed).toBe(log.activeSegment.baseOffset);
    expect(flushed).toBeGreaterThan(0);
    expect(flushed).toBeLessThan(10);

    expect(c.command({ type: 'power-loss-broker', brokerId: 1 })).toMatchObject({ ok: true });
    const lines = eventLines(c, ['broker-stopped', 'unflushed-records-dropped', 'records-lost']);
    expect(lines).toEqual([
      expect.stringMatching(/broker-stopped broker=1 \(power loss\)$/),
      expect.stringMatching(new RegExp(`unflushed-records-dropped solo-0 broker=1 flushedOffset=${flushed} logEndOffset=10 count=${10 - flushed}$`)),
      expect.stringMatching(new RegExp(`records-lost solo-0 offsets=\\[${flushed},10\\) count=${10 - flushed} \\(power-loss\\)$`)),
    ]);
    expect(log.logEndOffset).toBe(flushed);

    c.command({ type: 'start-broker', brokerId: 1 });
    advance(c, 15_000);
    expect(leaderOf(c, 'solo', 0)).toBe(1);
    expect(c.core.broker(1)!.replicas.get(tpKey('solo', 0))!.highWatermark).toBe(flushed);
    // The flushed records are still there, byte for byte.
    expect([...log.allBatches()].map((b) => b.baseOffset)).toEqual(Array.from({ length: flushed }, (_, i) => i));
    // New writes continue at the flushed offset: the lost offsets are reused by new records.
    const next = produceOne(c, 1, 'solo', 0, batchOf([{ value: 'after' }]), 1);
    advance(c, 50);
    expect(next.result).toMatchObject({ errorName: 'NONE', baseOffset: flushed });
  });

  it('a kill (process crash) keeps the unflushed records: the page cache survives', () => {
    const c = singleReplicaCluster(12);
    produceMany(c, 'solo', 6, 1);
    c.command({ type: 'stop-broker', brokerId: 1, controlled: false });
    c.command({ type: 'start-broker', brokerId: 1 });
    advance(c, 15_000);
    expect(replicaLog(c, 1, 'solo').logEndOffset).toBe(6);
    expect(eventLines(c, ['unflushed-records-dropped', 'records-lost'])).toEqual([]);
  });

  it('a clean (controlled) stop flushes every log, so a later power loss drops nothing written before it', () => {
    const c = singleReplicaCluster(13);
    produceMany(c, 'solo', 6, 1);
    expect(replicaLog(c, 1, 'solo').recoveryPoint).toBe(0);
    c.command({ type: 'stop-broker', brokerId: 1, controlled: true });
    expect(replicaLog(c, 1, 'solo').recoveryPoint).toBe(6);
    c.command({ type: 'start-broker', brokerId: 1 });
    advance(c, 15_000);
    c.command({ type: 'power-loss-broker', brokerId: 1 });
    expect(eventLines(c, ['unflushed-records-dropped'])).toEqual([]);
    expect(replicaLog(c, 1, 'solo').logEndOffset).toBe(6);
  });

  it('refuses a power loss on a stopped or unknown broker with INVALID_REQUEST', () => {
    const c = singleReplicaCluster(14);
    c.command({ type: 'stop-broker', brokerId: 2, controlled: false });
    expect(c.command({ type: 'power-loss-broker', brokerId: 2 })).toMatchObject({ ok: false, errorName: 'INVALID_REQUEST' });
    expect(c.command({ type: 'power-loss-broker', brokerId: 9 })).toMatchObject({ ok: false, errorName: 'INVALID_REQUEST' });
  });
});

describe('flush.messages and flush.ms', () => {
  it('flush.messages=1 fsyncs after every append: a power loss drops nothing', () => {
    const c = singleReplicaCluster(21, { 'flush.messages': '1' });
    produceMany(c, 'solo', 8, 1);
    expect(replicaLog(c, 1, 'solo').recoveryPoint).toBe(8);
    c.command({ type: 'power-loss-broker', brokerId: 1 });
    expect(eventLines(c, ['unflushed-records-dropped', 'records-lost'])).toEqual([]);
    expect(replicaLog(c, 1, 'solo').logEndOffset).toBe(8);
  });

  it('flush.messages=3 flushes once 3 messages are unflushed, so at most 2 are lost', () => {
    const c = singleReplicaCluster(22, { 'flush.messages': '3' });
    produceMany(c, 'solo', 8, 1);
    expect(replicaLog(c, 1, 'solo').recoveryPoint).toBe(6);
    c.command({ type: 'power-loss-broker', brokerId: 1 });
    expect(eventLines(c, ['unflushed-records-dropped'])).toEqual([expect.stringMatching(/flushedOffset=6 logEndOffset=8 count=2$/)]);
  });

  it('flush.ms flushes at the log flusher\'s next check (log.flush.scheduler.interval.ms) once flush.ms passed since the last flush', () => {
    const c = singleReplicaCluster(23, { 'flush.ms': '1000' }, { 'log.flush.scheduler.interval.ms': '500' });
    produceMany(c, 'solo', 4, 1);
    const log = replicaLog(c, 1, 'solo');
    advance(c, 1600);
    expect(log.recoveryPoint).toBe(4);
    produceMany(c, 'solo', 2, 1);
    // Within flush.ms of the last flush: still unflushed.
    expect(log.recoveryPoint).toBe(4);
    c.command({ type: 'power-loss-broker', brokerId: 1 });
    expect(eventLines(c, ['unflushed-records-dropped'])).toEqual([expect.stringMatching(/flushedOffset=4 logEndOffset=6 count=2$/)]);
  });

  it('without log.flush.scheduler.interval.ms (Long.MAX_VALUE) no log flusher runs, whatever flush.ms says', () => {
    const c = singleReplicaCluster(24, { 'flush.ms': '1000' });
    produceMany(c, 'solo', 4, 1);
    advance(c, 10_000);
    expect(replicaLog(c, 1, 'solo').recoveryPoint).toBe(0);
    expect(c.core.broker(1)!.nextTaskRunMs.has('log-flusher')).toBe(false);
  });

  it('describes the configs with Kafka\'s defaults and refuses flush.messages=0 with INVALID_CONFIG', () => {
    const c = singleReplicaCluster(25);
    const [broker] = c.describeConfigs(1, [{ resourceType: 4, resourceName: '1', configNames: ['log.flush.interval.messages', 'log.flush.interval.ms', 'log.flush.scheduler.interval.ms'] }]);
    expect(broker!.configs.map((e) => [e.name, e.value])).toEqual([
      ['log.flush.interval.messages', '9223372036854775807'],
      ['log.flush.interval.ms', '9223372036854775807'],
      ['log.flush.scheduler.interval.ms', '9223372036854775807'],
    ]);
    const [bad] = c.incrementalAlterConfigs(1, [{ resourceType: 2, resourceName: 'solo', configs: [{ name: 'flush.messages', op: 'SET', value: '0' }] }], false);
    expect(bad!.errorName).toBe('INVALID_CONFIG');
  });
});

describe('power loss and replication', () => {
  it('acks=all, RF=3, min.insync.replicas=2: a power loss on the leader loses nothing acknowledged; the broker recovers and rejoins the ISR', () => {
    const answers: { result: { errorName: string } | null }[] = [];
    const run = runScenario({
      seed: 31, brokers: 3, untilMs: 60_000,
      steps: [
        { atMs: 0, run: (c) => void c.command({ type: 'create-topic', topic: 'orders', partitions: 1, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }) },
        ...Array.from({ length: 20 }, (_, i) => ({
          atMs: 1000 + i * 20,
          run: (c: SimCluster, checker: import('../../sim/invariants').InvariantChecker) => {
            const batch = batchOf([{ value: `o${i}` }]);
            const h = produceOne(c, leaderOf(c, 'orders', 0), 'orders', 0, batch, -1);
            answers.push(h);
            c.onEvent(() => {
              if (h.result?.errorName === 'NONE' && !(h as { recorded?: boolean }).recorded) {
                (h as { recorded?: boolean }).recorded = true;
                checker.recordAck('orders', 0, (h.result as { baseOffset: number }).baseOffset, batch);
              }
            });
          },
        })),
        { atMs: 2000, run: (c) => { expect(c.command({ type: 'power-loss-broker', brokerId: leaderOf(c, 'orders', 0) })).toMatchObject({ ok: true }); } },
        { atMs: 20_000, run: (c) => { for (const id of [1, 2, 3]) if (!c.isBrokerRunning(id)) c.command({ type: 'start-broker', brokerId: id }); } },
      ],
    });
    const c = run.cluster;
    expect(answers.filter((h) => h.result?.errorName === 'NONE')).toHaveLength(20);
    const dropped = run.lines(['unflushed-records-dropped']);
    expect(dropped).toEqual([expect.stringMatching(/orders-0 broker=\d flushedOffset=0 logEndOffset=20 count=20$/)]);
    expect(run.lines(['records-lost'])).toEqual([]);
    run.checker.checkAllAcked();
    run.checker.checkConverged();
    expect(run.checker.violations).toEqual([]);
    const state = c.core.controller.topics.get('orders')!.partitions[0]!;
    expect([...state.isr].sort()).toEqual([1, 2, 3]);
    for (const id of [1, 2, 3]) expect(replicaLog(c, id, 'orders').logEndOffset).toBe(20);
  });

  it('acks=1 leader whose followers had not fetched: the unflushed, unreplicated records are really lost', () => {
    const c = createCluster({ seed: 41, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig: { 'replica.lag.time.max.ms': '60000' } });
    c.createTopics(1, [{ name: 'fast', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [1, 2, 3] }], configs: {} }], false);
    advance(c, 500);
    produceMany(c, 'fast', 3, 1);
    advance(c, 500);
    // Followers stop fetching: cut the leader's links to them.
    for (const f of [2, 3]) c.command({ type: 'set-link', fromBrokerId: 1, toBrokerId: f, latencyMs: 0, lossRate: 0, cut: true });
    const sent = produceMany(c, 'fast', 4, 1);
    advance(c, 50);
    expect(sent.answered()).toBe(4);
    c.command({ type: 'power-loss-broker', brokerId: 1 });
    expect(eventLines(c, ['unflushed-records-dropped', 'records-lost'])).toEqual([
      expect.stringMatching(/unflushed-records-dropped fast-0 broker=1 flushedOffset=0 logEndOffset=7 count=7$/),
      expect.stringMatching(/records-lost fast-0 offsets=\[3,7\) count=4 \(power-loss\)$/),
    ]);
    for (const f of [2, 3]) c.command({ type: 'set-link', fromBrokerId: 1, toBrokerId: f, latencyMs: 0, lossRate: 0 });
    c.command({ type: 'start-broker', brokerId: 1 });
    advance(c, 30_000);
    // The records 0..2 the followers had fetched survive; broker 1 caught up from the new leader.
    expect(replicaLog(c, 1, 'fast').logEndOffset).toBe(3);
    expect([...c.core.controller.topics.get('fast')!.partitions[0]!.isr].sort()).toEqual([1, 2, 3]);
  });
});
