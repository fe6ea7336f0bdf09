/** ConnectionRegistry: per-connection topics/partitions and group ids from decoded request bodies. */
import { describe, expect, it } from 'vitest';
import { ConnectionRegistry } from './connection-registry';

describe('ConnectionRegistry traffic', () => {
  it('records produced and fetched partitions (Fetch v13+ topicIds resolved at view time) and group ids', () => {
    const registry = new ConnectionRegistry(() => 0, (brokerId, topicId) => (brokerId === 1 && topicId === 'AAAAAAAAAAAAAAAAAAAAAQ' ? 'orders' : undefined));
    registry.opened('b1-1', 1, '127.0.0.1:5000', 0);
    registry.requestReceived('b1-1', 0, 'Produce', 9, 'app', { topicData: [{ name: 'orders', partitionData: [{ index: 2 }, { index: 0 }] }] });
    registry.requestReceived('b1-1', 1, 'Fetch', 12, 'app', { topics: [{ topic: 'orders', partitions: [{ partition: 1 }] }] });
    registry.requestReceived('b1-1', 1, 'Fetch', 13, 'app', { topics: [{ topic: '', topicId: 'AAAAAAAAAAAAAAAAAAAAAQ', partitions: [{ partition: 0 }] }, { topic: '', topicId: 'AAAAAAAAAAAAAAAAAAAAAg', partitions: [{ partition: 5 }] }] });
    registry.requestReceived('b1-1', 10, 'FindCoordinator', 3, 'app', { key: 'billing', keyType: 0 });
    registry.requestReceived('b1-1', 10, 'FindCoordinator', 3, 'app', { key: 'txn-1', keyType: 1 });
    registry.requestReceived('b1-1', 10, 'FindCoordinator', 4, 'app', { keyType: 0, coordinatorKeys: ['audit'] });
    registry.requestReceived('b1-1', 11, 'JoinGroup', 5, 'app', { groupId: 'billing' });
    registry.requestReceived('b1-1', 8, 'OffsetCommit', 8, 'app', { groupId: 'reports' });
    const [view] = registry.views();
    expect(view!.produced).toEqual([{ topic: 'orders', partitions: [0, 2] }]);
    expect(view!.fetched).toEqual([{ topic: 'AAAAAAAAAAAAAAAAAAAAAg', partitions: [5] }, { topic: 'orders', partitions: [0, 1] }]);
    expect(view!.groupIds).toEqual(['audit', 'billing', 'reports']);
  });

  it('leaves the fields out for connections that never named a topic or group', () => {
    const registry = new ConnectionRegistry();
    registry.opened('b1-1', 1, '127.0.0.1:5000', 0);
    registry.requestReceived('b1-1', 3, 'Metadata', 9, 'app', { topics: null });
    expect(registry.views()[0]).not.toHaveProperty('produced');
    expect(registry.views()[0]).not.toHaveProperty('groupIds');
  });
});
