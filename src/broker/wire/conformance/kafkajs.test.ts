/**
 * kafkajs 2.2.4 in-process: idempotent producer and the admin client calls of issue 3, plus the
 * partition reassignment APIs (kafkajs' only flexible-version requests).
 * (kafkajs consumers need consumer groups, which arrive with issue 4.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import type { ClusterHost } from '../../host/cluster-host';
import { startHost, topicView, waitFor, waitForBrokersToKnow } from './harness';

describe('kafkajs', () => {
  let host: ClusterHost;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    host = await startHost({ seed: 21 });
    kafka = new Kafka({ clientId: 'conformance-kafkajs', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 50 } });
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
    await host?.close();
  });

  it('creates topics and reads their metadata', async () => {
    expect(await admin.createTopics({ topics: [{ topic: 'js-orders', numPartitions: 3, replicationFactor: 3, configEntries: [{ name: 'retention.ms', value: '3600000' }] }], waitForLeaders: true })).toBe(true);
    expect(await admin.createTopics({ topics: [{ topic: 'js-orders', numPartitions: 3, replicationFactor: 3 }] })).toBe(false);
    await expect(admin.createTopics({ topics: [{ topic: 'js-too-many-replicas', numPartitions: 1, replicationFactor: 5 }] })).rejects.toMatchObject({ errors: [expect.objectContaining({ type: 'INVALID_REPLICATION_FACTOR' })] });
    const { topics } = await admin.fetchTopicMetadata({ topics: ['js-orders'] });
    expect(topics[0]!.partitions).toHaveLength(3);
    for (const p of topics[0]!.partitions) {
      expect(p.replicas).toHaveLength(3);
      expect(p.isr.length).toBeGreaterThanOrEqual(1);
      expect(p.leader).toBeGreaterThan(0);
    }
  });

  it('produces idempotently with acks=all and sees the offsets move', async () => {
    const before = Date.now();
    for (let round = 0; round < 5; round++) {
      const result = await producer.send({ topic: 'js-orders', acks: -1, messages: Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value: `round-${round}-${i}` })) });
      for (const r of result) expect(r.errorCode).toBe(0);
    }
    const offsets = await admin.fetchTopicOffsets('js-orders');
    expect(offsets.reduce((sum, o) => sum + Number(o.high), 0)).toBe(500);
    expect(offsets.every((o) => o.low === '0')).toBe(true);
    const byTime = await admin.fetchTopicOffsetsByTimestamp('js-orders', before);
    expect(byTime.every((o) => o.offset === '0')).toBe(true);
    const future = await admin.fetchTopicOffsetsByTimestamp('js-orders', Date.now() + 3_600_000);
    // No record that late: kafkajs maps the -1 answer to the high watermark.
    expect(future.map((o) => Number(o.offset)).sort()).toEqual(offsets.map((o) => Number(o.high)).sort());
    const view = topicView(host, 'js-orders')!;
    expect(view.partitions.reduce((s, p) => s + p.highWatermark, 0)).toBe(500);
  });

  it('describes and alters configs', async () => {
    const described = await admin.describeConfigs({ includeSynonyms: true, resources: [{ type: 2, name: 'js-orders' }] });
    const entries = described.resources[0]!.configEntries;
    const retention = entries.find((e) => e.configName === 'retention.ms')!;
    expect(retention.configValue).toBe('3600000');
    expect(retention.isDefault).toBe(false);
    expect(entries.find((e) => e.configName === 'cleanup.policy')).toMatchObject({ configValue: 'delete', isDefault: true });
    expect(entries.length).toBeGreaterThan(10);
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: 2, name: 'js-orders', configEntries: [{ name: 'retention.ms', value: '7200000' }] }] });
    const after = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: 'js-orders', configNames: ['retention.ms'] }] });
    expect(after.resources[0]!.configEntries).toEqual([expect.objectContaining({ configName: 'retention.ms', configValue: '7200000' })]);
    await expect(admin.alterConfigs({ validateOnly: false, resources: [{ type: 2, name: 'js-orders', configEntries: [{ name: 'retention.ms', value: 'soon' }] }] })).rejects.toThrow();
  });

  it('creates partitions, deletes records, describes the cluster and deletes topics', async () => {
    await admin.createPartitions({ topicPartitions: [{ topic: 'js-orders', count: 5 }] });
    await waitFor('5 partitions', () => topicView(host, 'js-orders')?.partitions.length === 5);
    const { topics } = await admin.fetchTopicMetadata({ topics: ['js-orders'] });
    expect(topics[0]!.partitions).toHaveLength(5);

    const offsets = await admin.fetchTopicOffsets('js-orders');
    const full = offsets.find((o) => Number(o.high) > 10)!;
    await admin.deleteTopicRecords({ topic: 'js-orders', partitions: [{ partition: full.partition, offset: '10' }] });
    const afterDelete = await admin.fetchTopicOffsets('js-orders');
    expect(afterDelete.find((o) => o.partition === full.partition)!.low).toBe('10');

    const cluster = await admin.describeCluster();
    expect(cluster.brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
    expect(cluster.clusterId).toBe(host.snapshot().clusterId);
    expect(cluster.controller).toBe(host.snapshot().controller.activeControllerId);

    await admin.deleteTopics({ topics: ['js-orders'] });
    await waitFor('js-orders deleted', () => !topicView(host, 'js-orders'));
    expect(await admin.listTopics()).not.toContain('js-orders');
  });

  it('reassigns a partition with alterPartitionReassignments and lists it (flexible v0 requests)', async () => {
    await admin.createTopics({ topics: [{ topic: 'js-reassign', numPartitions: 1, replicationFactor: 2 }], waitForLeaders: true });
    await waitForBrokersToKnow(host, 'js-reassign', 1);
    const current = topicView(host, 'js-reassign')!.partitions[0]!.replicas;
    const spare = [1, 2, 3].find((b) => !current.includes(b))!;
    const target = [spare, current[0]!];
    await admin.alterPartitionReassignments({ topics: [{ topic: 'js-reassign', partitionAssignment: [{ partition: 0, replicas: target }] }] });
    const listed = await admin.listPartitionReassignments({});
    // kafkajs returns the wire field `name` although its typings say `topic`.
    for (const t of listed.topics) expect((t as unknown as { name: string }).name).toBe('js-reassign');
    await waitFor('reassignment done', () => topicView(host, 'js-reassign')!.partitions[0]!.replicas.join() === target.join(), 30_000);
    expect((await admin.listPartitionReassignments({})).topics).toEqual([]);
  });

  it('shows up in the connection registry with its client id and API versions', () => {
    const connections = host.snapshot().connections.filter((c) => c.clientId === 'conformance-kafkajs');
    expect(connections.length).toBeGreaterThan(0);
    const apis = new Map(connections.flatMap((c) => c.apis).map((a) => [a.apiName, a.versions]));
    expect(apis.get('ApiVersions')).toContain(2);
    expect(apis.get('Produce')).toContain(7);
    expect(apis.get('Metadata')).toContain(6);
  });
});
