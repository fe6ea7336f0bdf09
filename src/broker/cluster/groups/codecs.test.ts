import { describe, expect, it } from 'vitest';
import { decodeConsumerAssignment, decodeConsumerSubscription } from './consumer-protocol';
import {
  decodeGroupMetadataValue, decodeOffsetCommitValue, decodeOffsetsTopicKey, encodeGroupMetadataKey, encodeGroupMetadataValue,
  encodeOffsetCommitKey, encodeOffsetCommitValue,
} from './offsets-log-format';
import { javaStringHashCode, partitionFor } from './partition-for';
import { encodeAssignment, encodeSubscription } from './test-consumer';

describe('partitionFor (Utils.abs(String.hashCode) % partitions)', () => {
  it('matches Java String.hashCode and known __consumer_offsets partitions', () => {
    expect(javaStringHashCode('')).toBe(0);
    expect(javaStringHashCode('a')).toBe(97);
    expect(javaStringHashCode('hello')).toBe(99162322);
    // Published examples (abs(hashCode) % 50): "my-group" → 12, "kafka-txn-0" → 30.
    expect(partitionFor('my-group', 50)).toBe(12);
    expect(partitionFor('kafka-txn-0', 50)).toBe(30);
    // "polygenelubricants".hashCode() == Integer.MIN_VALUE; Kafka's Utils.abs maps it to 0.
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648);
    expect(partitionFor('polygenelubricants', 50)).toBe(0);
  });
});

describe('__consumer_offsets key/value formats', () => {
  it('writes OffsetCommitKey v1 and OffsetCommitValue v3 byte for byte', () => {
    expect(encodeOffsetCommitKey('g', 't', 2).toString('hex')).toBe('0001' + '00016700' + '0174' + '00000002');
    const value = encodeOffsetCommitValue({ offset: 42, leaderEpoch: 3, metadata: 'm', commitTimestamp: 1_704_067_200_000, expireTimestamp: -1 });
    expect(value.toString('hex')).toBe('0003' + '000000000000002a' + '00000003' + '00016d' + '0000018cc251f400');
    expect(decodeOffsetsTopicKey(encodeOffsetCommitKey('g', 't', 2))).toEqual({ type: 'offset', group: 'g', topic: 't', partition: 2 });
    expect(decodeOffsetCommitValue(value)).toEqual({ offset: 42, leaderEpoch: 3, metadata: 'm', commitTimestamp: 1_704_067_200_000, expireTimestamp: -1 });
  });

  it('writes OffsetCommitValue v1 when an expireTimestamp is given (OffsetCommit v2–v4 retention)', () => {
    const value = encodeOffsetCommitValue({ offset: 1, leaderEpoch: -1, metadata: '', commitTimestamp: 10, expireTimestamp: 20 });
    expect(value.readInt16BE(0)).toBe(1);
    expect(decodeOffsetCommitValue(value)).toEqual({ offset: 1, leaderEpoch: -1, metadata: '', commitTimestamp: 10, expireTimestamp: 20 });
  });

  it('round-trips GroupMetadataKey v2 / GroupMetadataValue v3 and reads a v0 value', () => {
    expect(encodeGroupMetadataKey('g').toString('hex')).toBe('0002000167');
    const v = {
      protocolType: 'consumer', generation: 5, protocol: 'range', leader: 'm1', currentStateTimestamp: 99,
      members: [{ memberId: 'm1', groupInstanceId: 'i1', clientId: 'c', clientHost: '/h', rebalanceTimeout: 300, sessionTimeout: 100, subscription: Buffer.from([1]), assignment: Buffer.from([2, 3]) }],
    };
    expect(decodeGroupMetadataValue(encodeGroupMetadataValue(v))).toEqual(v);
    // v0: protocolType, generation, protocol, leader, members [memberId, clientId, clientHost, sessionTimeout, subscription, assignment]
    const v0 = Buffer.from('0000' + '0001' + '78' + '00000001' + 'ffff' + 'ffff' + '00000001' + '0001' + '61' + '0001' + '63' + '0001' + '68' + '00002710' + '00000000' + '00000000', 'hex');
    expect(decodeGroupMetadataValue(v0)).toEqual({
      protocolType: 'x', generation: 1, protocol: null, leader: null, currentStateTimestamp: -1,
      members: [{ memberId: 'a', groupInstanceId: null, clientId: 'c', clientHost: 'h', rebalanceTimeout: 10_000, sessionTimeout: 10_000, subscription: Buffer.alloc(0), assignment: Buffer.alloc(0) }],
    });
  });
});

describe('ConsumerProtocol (display only)', () => {
  it('decodes eager (v0) and cooperative (v1 ownedPartitions) subscriptions and assignments', () => {
    expect(decodeConsumerSubscription(encodeSubscription(['a', 'b']))).toMatchObject({ version: 0, topics: ['a', 'b'], ownedPartitions: [] });
    expect(decodeConsumerSubscription(encodeSubscription(['a'], 1, [{ topic: 'a', partitions: [0, 2] }]))).toMatchObject({ version: 1, ownedPartitions: [{ topic: 'a', partitions: [0, 2] }] });
    expect(decodeConsumerAssignment(encodeAssignment([{ topic: 'a', partitions: [1] }]))).toMatchObject({ version: 0, assignedPartitions: [{ topic: 'a', partitions: [1] }] });
    expect(decodeConsumerAssignment(Buffer.alloc(0))).toBeNull();
    expect(decodeConsumerSubscription(Buffer.from([0xff]))).toBeNull();
  });
});
