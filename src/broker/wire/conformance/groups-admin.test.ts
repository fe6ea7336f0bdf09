/**
 * Group administration over the wire with kafkajs 2.2.4's admin client (ListGroups v2,
 * DescribeGroups v2, DeleteGroups v1, OffsetFetch v4, and setOffsets/resetOffsets, which join
 * the group themselves) plus one raw OffsetCommit: as on Kafka, an active group's offsets cannot
 * be reset (kafkajs refuses after DescribeGroups; the broker answers UNKNOWN_MEMBER_ID to a
 * memberless commit) nor the group deleted (NON_EMPTY_GROUP); once Empty both work, and a
 * restarted consumer starts at the reset position.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssignerProtocol, type Admin, type Consumer, type Kafka, type Producer } from 'kafkajs';
import type { ClusterHost } from '../../host/cluster-host';
import { errorCode } from '../../protocol';
import { RawClient } from '../testing/raw-client';
import { createTopic, portOf, waitFor } from './harness';
import { groupView, kafkaFor, produceNumbered, startGroupHost } from './groups-harness';

describe('group admin with kafkajs', () => {
  let host: ClusterHost;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let consumer: Consumer | null = null;
  let consumed: string[] = [];

  async function startConsumer(): Promise<Consumer> {
    const c = kafka.consumer({ groupId: 'g-admin', sessionTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 200 });
    await c.connect();
    await c.subscribe({ topic: 'grp-admin', fromBeginning: true });
    await c.run({ autoCommitInterval: 100, eachMessage: async ({ message }) => void consumed.push(message.value!.toString()) });
    return c;
  }

  beforeAll(async () => {
    host = await startGroupHost(71);
    kafka = kafkaFor(host, 'groups-admin');
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await createTopic(host, 'grp-admin', 3, 3);
    await produceNumbered(producer, 'grp-admin', 'a', 0, 300);
  });
  afterAll(async () => {
    await consumer?.disconnect().catch(() => {});
    await producer?.disconnect();
    await admin?.disconnect();
    await host?.close();
  });

  it('lists and describes an active group', async () => {
    consumer = await startConsumer();
    await waitFor('300 consumed', () => consumed.length >= 300, 20_000);
    const { groups } = await admin.listGroups();
    expect(groups).toContainEqual({ groupId: 'g-admin', protocolType: 'consumer' });
    const described = (await admin.describeGroups(['g-admin'])).groups[0]!;
    expect(described).toMatchObject({ groupId: 'g-admin', state: 'Stable', protocolType: 'consumer', protocol: 'RoundRobinAssigner', errorCode: 0 });
    expect(described.members).toHaveLength(1);
    const member = described.members[0]!;
    expect(member.clientId).toBe('groups-admin');
    expect(member.clientHost).toBe('/127.0.0.1');
    const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment)!;
    expect(assignment.assignment['grp-admin']!.sort()).toEqual([0, 1, 2]);
  }, 30_000);

  it('refuses to reset offsets of, or delete, an active group', async () => {
    await expect(admin.setOffsets({ groupId: 'g-admin', topic: 'grp-admin', partitions: [{ partition: 0, offset: '0' }] })).rejects.toThrow(/no running instances, current state: Stable/);
    await expect(admin.resetOffsets({ groupId: 'g-admin', topic: 'grp-admin', earliest: true })).rejects.toThrow(/no running instances/);
    await expect(admin.deleteGroups(['g-admin'])).rejects.toMatchObject({ groups: [expect.objectContaining({ groupId: 'g-admin', errorCode: errorCode('NON_EMPTY_GROUP') })] });

    // What kafka-consumer-groups --reset-offsets would send without its client-side check: a memberless commit.
    const coordinator = groupView(host, 'g-admin')!.coordinatorId;
    const raw = await RawClient.connect(portOf(host, coordinator));
    try {
      raw.request(8, 2, 1, { groupId: 'g-admin', generationIdOrMemberEpoch: -1, memberId: '', retentionTimeMs: -1, topics: [{ name: 'grp-admin', partitions: [{ partitionIndex: 0, committedOffset: 0, committedMetadata: null }] }] });
      await raw.waitFrames(1);
      const body = raw.decode<{ topics: { partitions: { errorCode: number }[] }[] }>(0, 8, 2).body;
      expect(body.topics[0]!.partitions[0]!.errorCode).toBe(errorCode('UNKNOWN_MEMBER_ID'));
    } finally {
      raw.close();
    }
    const offsets = await admin.fetchOffsets({ groupId: 'g-admin', topics: ['grp-admin'] });
    expect(offsets[0]!.partitions.reduce((n, p) => n + Number(p.offset), 0)).toBe(300);
  }, 30_000);

  it('resets offsets of an Empty group; the next consumer starts there', async () => {
    await consumer!.disconnect();
    consumer = null;
    await waitFor('group Empty', () => groupView(host, 'g-admin')?.state === 'Empty');
    expect((await admin.describeGroups(['g-admin'])).groups[0]).toMatchObject({ state: 'Empty', members: [] });

    await admin.setOffsets({ groupId: 'g-admin', topic: 'grp-admin', partitions: [0, 1, 2].map((partition) => ({ partition, offset: '40' })) });
    let offsets = await admin.fetchOffsets({ groupId: 'g-admin', topics: ['grp-admin'] });
    expect(offsets[0]!.partitions.map((p) => p.offset).sort()).toEqual(['40', '40', '40']);
    consumed = [];
    consumer = await startConsumer();
    const expected = 300 - 3 * 40;
    await waitFor(`${expected} consumed from offset 40`, () => consumed.length >= expected, 20_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(new Set(consumed).size).toBe(expected);
    await consumer.disconnect();
    consumer = null;
    await waitFor('group Empty', () => groupView(host, 'g-admin')?.state === 'Empty');

    // kafkajs commits the special offset itself (-2 = earliest), as it does against Kafka; consumers then apply their reset policy.
    await admin.resetOffsets({ groupId: 'g-admin', topic: 'grp-admin', earliest: true });
    offsets = await admin.fetchOffsets({ groupId: 'g-admin', topics: ['grp-admin'] });
    expect(offsets[0]!.partitions.map((p) => p.offset).sort()).toEqual(['-2', '-2', '-2']);
    consumed = [];
    consumer = await startConsumer();
    await waitFor('all 300 consumed again from the earliest offsets', () => new Set(consumed).size === 300, 20_000);
  }, 40_000);

  it('deletes an Empty group with its offsets', async () => {
    await consumer!.disconnect();
    consumer = null;
    await waitFor('group Empty', () => groupView(host, 'g-admin')?.state === 'Empty');
    await admin.deleteGroups(['g-admin']);
    expect((await admin.listGroups()).groups.map((g) => g.groupId)).not.toContain('g-admin');
    expect((await admin.describeGroups(['g-admin'])).groups[0]).toMatchObject({ groupId: 'g-admin', state: 'Dead', members: [] });
    const offsets = await admin.fetchOffsets({ groupId: 'g-admin', topics: ['grp-admin'] });
    expect(offsets[0]!.partitions.map((p) => p.offset)).toEqual(['-1', '-1', '-1']);
    await expect(admin.deleteGroups(['g-admin'])).rejects.toMatchObject({ groups: [expect.objectContaining({ errorCode: errorCode('GROUP_ID_NOT_FOUND') })] });
  }, 30_000);
});
