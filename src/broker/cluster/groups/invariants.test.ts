import { describe, expect, it } from 'vitest';
import { GroupCoordinator } from './group-coordinator';
import { CommittedOffsetsMonotonic } from './invariants';
import { TestCluster } from './test-cluster';
import { TestConsumer } from './test-consumer';

describe('committed offsets never move backwards without a reset', () => {
  it('flags a member committing an older offset, accepts an admin reset (generation -1) of an Empty group', () => {
    const cluster = new TestCluster([1, 2, 3], { 'offsets.topic.num.partitions': '4', 'group.initial.rebalance.delay.ms': '0' }, 5);
    const groups = new GroupCoordinator(cluster);
    cluster.listeners.push(groups);
    cluster.createTopic('orders', 1);
    groups.findCoordinator(0, 'g');
    cluster.advance(1);
    const monotonic = new CommittedOffsetsMonotonic();
    const consumer = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'c', topics: ['orders'] });
    consumer.start();
    cluster.advance(100);
    const commit = (offset: number, generationId: number, memberId: string) => {
      groups.offsetCommit(consumer.coordinator(), { groupId: 'g', generationId, memberId, groupInstanceId: null, retentionTimeMs: -1,
        topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: null }] }] }, () => undefined);
      cluster.advance(5);
      return monotonic.check(groups);
    };
    expect(commit(10, 1, consumer.memberId)).toEqual([]);
    expect(commit(7, 1, consumer.memberId)).toEqual(['committed offset of group g on orders-0 went back from 10 to 7 (coordinator ' + consumer.coordinator() + ', generation 1)']);
    consumer.leave();
    cluster.advance(10);
    expect(commit(0, -1, '')).toEqual([]);
  });
});
