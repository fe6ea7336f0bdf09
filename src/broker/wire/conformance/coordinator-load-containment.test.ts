/**
 * Coordinator-load containment seen by a real client (issue 11): a __consumer_offsets partition
 * holding a record that does not decode is loaded by a new leader after its broker stops. The load
 * fails without ending the process: a group-coordinator-load-failed event, NOT_COORDINATOR for the
 * group on that partition (Kafka CoordinatorRuntime's FAILED state), while kafkajs keeps producing,
 * consuming in another group and committing its offsets. Clients cannot write the bad bytes
 * themselves (Produce to an internal topic is INVALID_TOPIC_EXCEPTION, checked first); the test
 * appends them with coordinator origin through the model, as a corrupt store would hold them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import { encodeRecordBatch } from '../../protocol/records';
import type { SimCluster } from '../../cluster/cluster';
import { CONSUMER_OFFSETS_TOPIC } from '../../cluster/groups/config';
import { encodeOffsetCommitKey } from '../../cluster/groups/offsets-log-format';
import { partitionFor } from '../../cluster/groups/partition-for';
import type { ClusterHost } from '../../host/cluster-host';
import { createTopic, topicView, waitFor } from './harness';
import { FAST_GROUP_CONFIG, kafkaFor, startGroupHost } from './groups-harness';

const OFFSETS_PARTITIONS = Number(FAST_GROUP_CONFIG['offsets.topic.num.partitions']);

describe('a failing group coordinator load is contained (kafkajs)', () => {
  let host: ClusterHost;
  let kafka: Kafka;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    host = await startGroupHost(181, { 'broker.session.timeout.ms': '2000', 'broker.heartbeat.interval.ms': '500' });
    kafka = kafkaFor(host, 'load-containment');
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
    await host?.close();
  });

  it('bad bytes in __consumer_offsets: NOT_COORDINATOR for that group, everything else serves', async () => {
    await createTopic(host, 'lc-data', 1, 3);
    const names = Array.from({ length: 100 }, (_, i) => `lc-group-${i}`);
    const victim = names[0]!;
    const victimPartition = partitionFor(victim, OFFSETS_PARTITIONS);
    const other = names.find((n) => partitionFor(n, OFFSETS_PARTITIONS) !== victimPartition)!;

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    closers.push(() => producer.disconnect());
    const admin = kafka.admin();
    await admin.connect();
    closers.push(() => admin.disconnect());
    await producer.send({ topic: 'lc-data', acks: -1, messages: [{ value: 'before' }] });
    // Creates __consumer_offsets (RF 3, all brokers up) and a committed offset for each group.
    for (const groupId of [victim, other]) await admin.setOffsets({ groupId, topic: 'lc-data', partitions: [{ partition: 0, offset: '1' }] });

    // A client cannot write to the internal topic.
    await expect(producer.send({ topic: CONSUMER_OFFSETS_TOPIC, acks: -1, messages: [{ key: 'k', value: 'garbage' }] })).rejects.toThrow(/internal topic|INVALID_TOPIC|not authorized|invalid/i);

    // A truncated OffsetCommitValue v3 for the victim group, appended at the partition's leader with coordinator origin.
    const cluster = host.cluster as unknown as SimCluster;
    const leader = topicView(host, CONSUMER_OFFSETS_TOPIC)!.partitions[victimPartition]!.leader;
    let appended = '';
    cluster.services.appendAsCoordinator(leader, CONSUMER_OFFSETS_TOPIC, victimPartition,
      encodeRecordBatch({ baseTimestamp: cluster.now(), records: [{ key: encodeOffsetCommitKey(victim, 'lc-data', 0), value: Buffer.from([0x00, 0x03, 0x00]), timestamp: cluster.now() }] }),
      -1, 30_000, (r) => { appended = r.errorName; });
    await waitFor('the bad record appended', () => appended !== '', 10_000);
    expect(appended).toBe('NONE');

    const eventsBefore = host.recentEvents(100_000).length;
    expect(await host.execute({ type: 'stop-broker', brokerId: leader, controlled: true })).toMatchObject({ ok: true });
    const failed = await waitFor('group-coordinator-load-failed', () => host.recentEvents(100_000).slice(eventsBefore)
      .find((e) => e.type === 'group-coordinator-load-failed' && e.partition === victimPartition), 20_000);
    expect(failed).toMatchObject({ type: 'group-coordinator-load-failed', partition: victimPartition, reason: expect.stringContaining('SchemaError') });

    // The victim group's coordinator answers NOT_COORDINATOR (kafkajs retries, then gives up).
    const victimAdmin = kafkaFor(host, 'load-containment-victim').admin({ retry: { retries: 2, initialRetryTime: 50, maxRetryTime: 200 } });
    await victimAdmin.connect();
    closers.push(() => victimAdmin.disconnect());
    await expect(victimAdmin.fetchOffsets({ groupId: victim, topics: ['lc-data'] })).rejects.toThrow(/coordinator/i);

    // Everything else serves: produce, the other group's offsets, a new consumer group end to end.
    await producer.send({ topic: 'lc-data', acks: -1, messages: [{ value: 'after' }] });
    const offsets = await admin.fetchOffsets({ groupId: other, topics: ['lc-data'] });
    expect(offsets[0]!.partitions[0]!.offset).toBe('1');
    const consumer = kafka.consumer({ groupId: other, sessionTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 200 });
    const values: string[] = [];
    await consumer.connect();
    closers.push(() => consumer.disconnect());
    await consumer.subscribe({ topic: 'lc-data' });
    await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value!.toString()) });
    await waitFor('the other group consumed from its committed offset', () => values.includes('after'), 30_000);
    expect(values).toEqual(['after']);
  }, 90_000);
});
