/** Pure pieces of the workbench: explanations, seek presets, key distributions, reset targets, lag memory bound. */
import { describe, expect, it } from 'vitest';
import type { GroupView } from '../../shared/cluster-view';
import { partitionForStringKey } from '../../shared/partitioner';
import { explainKafkaError, kafkaErrorName } from './error-explainer';
import { LagSampler } from './lag-sampler';
import { keyPicker, renderValue } from './load-generator';
import { refusalReason, targetOffset } from './offset-reset';
import { startOffsets } from './scan-session';

const partitions = [
  { partitionId: 0, leader: 1, replicas: [1, 2, 3], isr: [1] },
  { partitionId: 1, leader: 2, replicas: [2, 3, 1], isr: [2, 3, 1] },
];

describe('explainKafkaError', () => {
  it('says how many replicas are in sync and what the topic requires', () => {
    const text = explainKafkaError('NOT_ENOUGH_REPLICAS', { topic: 't', partition: 0, acks: -1, recordBytes: 10, partitions, configs: { 'min.insync.replicas': '2' } });
    expect(text).toMatch(/^only 1 of 3 replicas in sync, topic requires 2 \(min.insync.replicas\)/);
  });

  it('finds the partition of a keyed send without a chosen partition', () => {
    const key = ['a', 'b', 'c', 'd', 'e'].find((k) => partitionForStringKey(k, 2) === 0)!;
    const text = explainKafkaError('NOT_ENOUGH_REPLICAS', { topic: 't', partition: null, key: new TextEncoder().encode(key), acks: -1, recordBytes: 1, partitions, configs: { 'min.insync.replicas': '2' } });
    expect(text).toMatch(/only 1 of 3/);
  });

  it('names missing topics and partitions', () => {
    expect(explainKafkaError('UNKNOWN_TOPIC_OR_PARTITION', { topic: 'nope', partition: null, acks: 1, recordBytes: 1, partitions: null, configs: {} })).toMatch(/Topic nope does not exist/);
    expect(explainKafkaError('UNKNOWN_TOPIC_OR_PARTITION', { topic: 't', partition: 7, acks: 1, recordBytes: 1, partitions, configs: {} })).toMatch(/t-7 does not exist: topic t has 2 partitions/);
  });

  it('names the stopped broker of a leaderless partition instead of listing it as in sync', () => {
    const ctx = (facts: (typeof partitions)[number] & { offlineReplicas?: number[] }) => ({ topic: 'solo', partition: 0, acks: 1, recordBytes: 1, partitions: [facts], configs: {} });
    const rf1 = explainKafkaError('LEADER_NOT_AVAILABLE', ctx({ partitionId: 0, leader: -1, replicas: [3], isr: [3], offlineReplicas: [3] }));
    expect(rf1).toMatch(/^solo-0 has no leader: its only replica, broker 3, is offline \(stopped, or cut off from the controller\)/);
    expect(rf1).not.toMatch(/in sync: 3/);
    const rf3 = explainKafkaError('LEADER_NOT_AVAILABLE', ctx({ partitionId: 0, leader: -1, replicas: [1, 2, 3], isr: [2], offlineReplicas: [2] }));
    expect(rf3).toMatch(/its last in-sync replica, broker 2, is offline .*brokers 1, 3 are up but out of sync/);
    const electing = explainKafkaError('LEADER_NOT_AVAILABLE', ctx({ partitionId: 0, leader: -1, replicas: [1, 2], isr: [1, 2], offlineReplicas: [1] }));
    expect(electing).toMatch(/in sync: 1, 2; offline: broker 1\): an election is in progress/);
  });

  it('unwraps kafkajs retry wrappers to the broker error name', () => {
    const inner = Object.assign(new Error('Broker: not enough replicas'), { type: 'NOT_ENOUGH_REPLICAS', retriable: true });
    expect(kafkaErrorName({ name: 'KafkaJSNumberOfRetriesExceeded', message: 'x', originalError: inner })).toMatchObject({ errorName: 'NOT_ENOUGH_REPLICAS', retriable: true });
    expect(kafkaErrorName({ name: 'KafkaJSConnectionError', message: 'refused' })).toMatchObject({ errorName: 'NETWORK_EXCEPTION' });
  });
});

describe('seek presets and reset targets', () => {
  const bounds = [{ partition: 0, low: 5, high: 20 }, { partition: 1, low: 0, high: 2 }];
  it('start offsets stay within [logStartOffset, highWatermark]', () => {
    expect([...startOffsets({ kind: 'newest', count: 10 }, bounds, null)]).toEqual([[0, 10], [1, 0]]);
    expect([...startOffsets({ kind: 'oldest' }, bounds, null)]).toEqual([[0, 5], [1, 0]]);
    expect([...startOffsets({ kind: 'offset', offset: 1 }, bounds, null)]).toEqual([[0, 5], [1, 1]]);
    expect([...startOffsets({ kind: 'timestamp', timestampMs: 1 }, bounds, new Map([[0, 12], [1, -1]]))]).toEqual([[0, 12], [1, 2]]);
  });

  it('reset targets clamp and fall back to the highWatermark when no record is that late', () => {
    expect(targetOffset({ kind: 'earliest' }, 3, 9, undefined)).toBe(3);
    expect(targetOffset({ kind: 'latest' }, 3, 9, undefined)).toBe(9);
    expect(targetOffset({ kind: 'offset', offset: 100 }, 3, 9, undefined)).toBe(9);
    expect(targetOffset({ kind: 'timestamp', timestampMs: 5 }, 3, 9, -1)).toBe(9);
    expect(refusalReason('g', 'Stable', 3)).toMatch(/g is Stable with 3 members: Kafka resets offsets only while a group is Empty/);
  });
});

describe('load generator keys and values', () => {
  it('zipf makes key-0 the hottest; fixed sets pick from the list', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const pick = keyPicker({ kind: 'zipf', keyCount: 50, exponent: 1.2 }, random);
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i++) { const k = pick()!; counts.set(k, (counts.get(k) ?? 0) + 1); }
    expect(counts.get('key-0')!).toBeGreaterThan(counts.get('key-10') ?? 0);
    expect(keyPicker({ kind: 'fixed', keys: ['x'] })()).toBe('x');
    expect(keyPicker({ kind: 'none' })()).toBeNull();
    expect(renderValue('{{seq}}-{{key}}-{{ts}}', 7, 'k', 99)).toBe('7-k-99');
  });
});

describe('LagSampler', () => {
  const group = (generationId: number, totalLag: number): GroupView => ({
    groupId: 'g', state: 'Stable', protocolType: 'consumer', protocol: 'range', generationId, leaderId: 'm1', coordinatorId: 1,
    members: [{ memberId: 'm1', groupInstanceId: null, clientId: 'c', clientHost: '/127.0.0.1', assignment: [{ topic: 't', partitions: [0] }] }],
    offsets: [{ topic: 't', partition: 0, committedOffset: 0, endOffset: totalLag, lag: totalLag, timeLagMs: 5, memberId: 'm1' }], totalLag,
  });

  it('keeps memory bounded while sampling for a long time and records each generation once', () => {
    let now = 0;
    let generation = 1;
    const sampler = new LagSampler(() => [group(generation, now % 100)], { capacity: 50, now: () => now });
    for (let i = 0; i < 10_000; i++) {
      now += 1000;
      if (i === 5000) generation = 2;
      sampler.sample();
    }
    const history = sampler.history('g');
    expect(history.samples.length).toBeLessThanOrEqual(50);
    expect(history.samples[0]!.atMs).toBeLessThan(now - 25 * 1000); // thinned, so it still reaches back
    expect(history.rebalances.map((r) => r.generationId)).toEqual([1, 2]);
    expect(sampler.trends()[0]!.totalLag.length).toBeLessThanOrEqual(60);
  });
});
