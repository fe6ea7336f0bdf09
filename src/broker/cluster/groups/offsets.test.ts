import { describe, expect, it } from 'vitest';
import { decodeRecordBatch, encodeRecordBatch } from '../../protocol/records';
import { GroupCoordinator } from './group-coordinator';
import { decodeOffsetCommitValue, decodeOffsetsTopicKey } from './offsets-log-format';
import { TestCluster } from './test-cluster';
import { TestConsumer } from './test-consumer';
import type { OffsetCommitRequest, OffsetCommitResponse } from './types';

function setup() {
  const cluster = new TestCluster([1, 2, 3], { 'offsets.topic.num.partitions': '4', 'group.initial.rebalance.delay.ms': '0' }, 7);
  const groups = new GroupCoordinator(cluster);
  cluster.listeners.push(groups);
  cluster.createTopic('orders', 2);
  groups.findCoordinator(0, 'g');
  cluster.advance(1);
  return { cluster, groups };
}

function commit(groups: GroupCoordinator, broker: number, over: Partial<OffsetCommitRequest> & { offsets: [string, number, number][] }): OffsetCommitResponse[] {
  const answers: OffsetCommitResponse[] = [];
  const byTopic = new Map<string, { partitionIndex: number; committedOffset: number; committedLeaderEpoch: number; commitTimestamp: number; committedMetadata: string | null }[]>();
  for (const [topic, partition, offset] of over.offsets) {
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), { partitionIndex: partition, committedOffset: offset, committedLeaderEpoch: 0, commitTimestamp: -1, committedMetadata: 'meta' }]);
  }
  groups.offsetCommit(broker, {
    groupId: 'g', generationId: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1,
    topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })), ...over,
  }, (r) => answers.push(r));
  return answers;
}

function fetchOffsets(groups: GroupCoordinator, broker: number, requireStable = false) {
  const r = groups.offsetFetch(broker, [{ groupId: 'g', topics: [{ name: 'orders', partitionIndexes: [0, 1] }] }], requireStable)[0]!;
  return r.errorName !== 'NONE' ? r.errorName : r.topics[0]!.partitions.map((p) => `${p.partitionIndex}:${p.committedOffset}${p.errorName === 'NONE' ? '' : ` ${p.errorName}`}`);
}

function produceRecords(cluster: TestCluster, topic: string, partition: number, count: number, timestamp: number) {
  cluster.produce(topic, partition, encodeRecordBatch({ records: Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.from(`v${i}`), timestamp })) }));
}

describe('offset commit and fetch through __consumer_offsets', () => {
  it('commits for a simple consumer (generation -1) once replicated, in Kafka’s key/value format', () => {
    const { cluster, groups } = setup();
    const broker = groups.findCoordinator(0, 'g').nodeId;
    const answers = commit(groups, broker, { offsets: [['orders', 0, 5], ['orders', 1, 7]] });
    expect(answers).toHaveLength(0);
    expect(fetchOffsets(groups, broker, true)).toEqual(['0:-1 UNSTABLE_OFFSET_COMMIT', '1:-1 UNSTABLE_OFFSET_COMMIT']);
    cluster.advance(2);
    expect(answers[0]!.topics[0]!.partitions.map((p) => p.errorName)).toEqual(['NONE', 'NONE']);
    expect(fetchOffsets(groups, broker)).toEqual(['0:5', '1:7']);
    const offsetsPartition = [...groups.allGroups()][0]!.group.offsetsPartition;
    expect(offsetsPartition).toBe(103 % 4); // "g".hashCode() = 103
    const [batch] = cluster.readLog(broker, '__consumer_offsets', offsetsPartition, 0);
    const records = decodeRecordBatch(batch!).records;
    expect(records.map((r) => decodeOffsetsTopicKey(r.key!))).toEqual([
      { type: 'offset', group: 'g', topic: 'orders', partition: 0 }, { type: 'offset', group: 'g', topic: 'orders', partition: 1 },
    ]);
    expect(decodeOffsetCommitValue(records[0]!.value!)).toMatchObject({ offset: 5, leaderEpoch: 0, metadata: 'meta' });
    expect(cluster.log(['offsets-committed'])).toEqual([]);
    // Two more commits of the same two partitions in the same second: 3 commits, 6 partition offsets, 2 partitions (issue 12).
    commit(groups, broker, { offsets: [['orders', 0, 6], ['orders', 1, 8]] });
    commit(groups, broker, { offsets: [['orders', 0, 7], ['orders', 1, 9]] });
    cluster.advance(1000);
    expect(cluster.log(['offsets-committed'])).toEqual(['+1003ms offsets-committed groupId=g count=6 transactional=false commits=3 partitions=2']);
  });

  it('checks generation and member: ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, OFFSET_METADATA_TOO_LARGE', () => {
    const { cluster, groups } = setup();
    const consumer = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'c', topics: ['orders'] });
    consumer.start();
    cluster.advance(100);
    const broker = consumer.coordinator();
    const errors = (over: Partial<OffsetCommitRequest>) => {
      const a = commit(groups, broker, { offsets: [['orders', 0, 1]], ...over });
      cluster.advance(2);
      return a[0]!.topics[0]!.partitions[0]!.errorName;
    };
    expect(errors({ generationId: 1, memberId: consumer.memberId })).toBe('NONE');
    expect(errors({ generationId: 0, memberId: consumer.memberId })).toBe('ILLEGAL_GENERATION');
    expect(errors({ generationId: 1, memberId: 'other' })).toBe('UNKNOWN_MEMBER_ID');
    expect(errors({ generationId: -1, memberId: '' })).toBe('UNKNOWN_MEMBER_ID');
    expect(errors({ generationId: 1, memberId: consumer.memberId, topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 1, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: 'x'.repeat(4097) }] }] })).toBe('OFFSET_METADATA_TOO_LARGE');
    expect(commit(groups, broker === 1 ? 2 : 1, { offsets: [['orders', 0, 1]] })[0]!.topics[0]!.partitions[0]!.errorName).toBe('NOT_COORDINATOR');
  });

  it('moves coordination with the partition leader and reloads the offsets from the log', () => {
    const { cluster, groups } = setup();
    const consumer = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'c', topics: ['orders'], sessionTimeoutMs: 10_000 });
    consumer.start();
    cluster.advance(100);
    const first = consumer.coordinator();
    commit(groups, first, { generationId: consumer.generationId, memberId: consumer.memberId, offsets: [['orders', 0, 11], ['orders', 1, 3]] });
    cluster.advance(10);
    commit(groups, first, { generationId: consumer.generationId, memberId: consumer.memberId, offsets: [['orders', 0, 12]] });
    cluster.advance(10);
    cluster.stopBroker(first);
    const second = consumer.coordinator();
    expect(second).not.toBe(first);
    expect(fetchOffsets(groups, second)).toEqual(['0:12', '1:3']);
    expect(fetchOffsets(groups, first)).toBe('NOT_COORDINATOR');
    expect(cluster.log(['group-coordinator-loaded']).at(-1)).toMatch(new RegExp(`group-coordinator-loaded brokerId=${second} partition=3 leaderEpoch=1 groups=1 offsets=2$`));
    // The member was restored from GroupMetadataValue: it keeps heartbeating the new coordinator without a rebalance.
    cluster.advance(30_000);
    expect(consumer.generationId).toBe(1);
    expect(consumer.lastError).toBe('NONE');
    expect(groups.describeGroups(second, ['g'])[0]).toMatchObject({ groupState: 'Stable', members: [{ memberId: consumer.memberId }] });
  });

  it('deletes offsets and groups: GROUP_SUBSCRIBED_TO_TOPIC, NON_EMPTY_GROUP, then tombstones', () => {
    const { cluster, groups } = setup();
    cluster.createTopic('other', 1);
    cluster.advance(1);
    const consumer = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'c', topics: ['orders'] });
    consumer.start();
    cluster.advance(100);
    const broker = consumer.coordinator();
    commit(groups, broker, { generationId: 1, memberId: consumer.memberId, offsets: [['orders', 0, 4], ['other', 0, 9]] });
    cluster.advance(2);
    const r = groups.offsetDelete(broker, { groupId: 'g', topics: [{ name: 'orders', partitions: [{ partitionIndex: 0 }] }, { name: 'other', partitions: [{ partitionIndex: 0 }] }] });
    expect(r.topics.map((t) => `${t.name}:${t.partitions[0]!.errorName}`)).toEqual(['orders:GROUP_SUBSCRIBED_TO_TOPIC', 'other:NONE']);
    // "c" (hashCode 99) shares partition 3 with "g"; "a" (97) lives on partition 1, maybe elsewhere.
    expect(groups.deleteGroups(broker, ['g', 'c'])).toEqual([{ groupId: 'g', errorName: 'NON_EMPTY_GROUP' }, { groupId: 'c', errorName: 'GROUP_ID_NOT_FOUND' }]);
    expect(consumer.leave()).toBe('NONE');
    cluster.advance(10);
    expect(groups.deleteGroups(broker, ['g'])).toEqual([{ groupId: 'g', errorName: 'NONE' }]);
    cluster.advance(10);
    // A new coordinator reading the log finds nothing: the tombstones won.
    cluster.stopBroker(broker);
    expect(groups.describeGroups(groups.findCoordinator(0, 'g').nodeId, ['g'])[0]!.groupState).toBe('Dead');
    expect(cluster.log(['group-coordinator-loaded']).at(-1)).toMatch(/groups=0 offsets=0$/);
  });

  it('shows lag against the highWatermark, clamped at logStartOffset, with the time lag of the committed record', () => {
    const { cluster, groups } = setup();
    const broker = groups.findCoordinator(0, 'g').nodeId;
    const t0 = cluster.now();
    produceRecords(cluster, 'orders', 0, 10, t0);
    cluster.advance(5000);
    produceRecords(cluster, 'orders', 0, 5, cluster.now());
    cluster.advance(2);
    commit(groups, broker, { offsets: [['orders', 0, 8], ['orders', 1, 0]] });
    cluster.advance(2000);
    const view = groups.views().find((g) => g.groupId === 'g')!;
    expect(view).toMatchObject({ state: 'Empty', coordinatorId: broker, totalLag: 7 });
    expect(view.offsets).toEqual([
      { topic: 'orders', partition: 0, committedOffset: 8, endOffset: 15, lag: 7, timeLagMs: cluster.now() - t0, memberId: null },
      { topic: 'orders', partition: 1, committedOffset: 0, endOffset: 0, lag: 0, timeLagMs: 0, memberId: null },
    ]);
  });
});

describe('offset retention (KIP-211) and pending members', () => {
  it('expires the offsets of an Empty group offsets.retention.ms after it became Empty, then removes the group', () => {
    const cluster = new TestCluster([1, 2, 3], { 'offsets.topic.num.partitions': '4', 'group.initial.rebalance.delay.ms': '0', 'offsets.retention.ms': '60000', 'offsets.retention.check.interval.ms': '10000' }, 9);
    const groups = new GroupCoordinator(cluster);
    cluster.listeners.push(groups);
    cluster.createTopic('orders', 1);
    groups.findCoordinator(0, 'g');
    cluster.advance(1);
    const consumer = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'c', topics: ['orders'] });
    consumer.start();
    cluster.advance(100);
    commit(groups, consumer.coordinator(), { generationId: 1, memberId: consumer.memberId, offsets: [['orders', 0, 3]] });
    cluster.advance(100_000);
    expect(fetchOffsets(groups, consumer.coordinator())).toEqual(['0:3', '1:-1']);
    consumer.leave();
    const emptyAt = cluster.elapsed();
    cluster.advance(50_000);
    expect(fetchOffsets(groups, consumer.coordinator())).toEqual(['0:3', '1:-1']);
    cluster.advance(20_000);
    expect(fetchOffsets(groups, consumer.coordinator())).toEqual(['0:-1', '1:-1']);
    const [deleted] = cluster.log(['offsets-deleted']);
    expect(deleted).toMatch(/offsets-deleted groupId=g count=1 reason=retention$/);
    expect(Number(/^\+(\d+)ms/.exec(deleted!)![1]) - emptyAt).toBeGreaterThanOrEqual(60_000);
    expect(cluster.log(['group-deleted'])).toHaveLength(1);
    expect(groups.describeGroups(consumer.coordinator(), ['g'])[0]!.groupState).toBe('Dead');
  });

  it('starts no rebalance for a MEMBER_ID_REQUIRED answer alone and forgets the pending member after its session timeout', () => {
    const { cluster, groups } = setup();
    const a = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'a', topics: ['orders'] });
    a.start();
    cluster.advance(100);
    const broker = a.coordinator();
    let required = '';
    groups.joinGroup(broker, { groupId: 'g', sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 30_000, memberId: '', groupInstanceId: null, protocolType: 'consumer',
      protocols: [{ name: 'roundrobin', metadata: Buffer.alloc(0) }], clientId: 'ghost', clientHost: '/h', requireKnownMemberId: true, reason: null }, (r) => { required = r.errorName; });
    expect(required).toBe('MEMBER_ID_REQUIRED');
    expect([...groups.allGroups()][0]!.group.pendingMembers.size).toBe(1);
    cluster.advance(20_000);
    expect([...groups.allGroups()][0]!.group.pendingMembers.size).toBe(0);
    expect(groups.describeGroups(broker, ['g'])[0]).toMatchObject({ groupState: 'Stable', members: [{ memberId: a.memberId }] });
    expect(a.generationId).toBe(1);
  });
});
