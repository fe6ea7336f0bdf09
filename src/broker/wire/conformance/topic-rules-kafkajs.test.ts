/**
 * Issue 12's checks on the wire, with kafkajs 2.2.4 admin over real sockets: topic names that
 * collide on '.' vs '_' (INVALID_TOPIC_EXCEPTION, Kafka's ReplicationControlManager), internal topic
 * names (users can neither create nor delete them), and broker configs Kafka treats as static
 * (INVALID_REQUEST "Cannot update these configs dynamically", DynamicBrokerConfig.validateConfigs)
 * next to a dynamic one that takes effect with the source DYNAMIC_BROKER_CONFIG. kafkajs keeps the
 * error code but drops the broker's errorMessage, so the messages are checked in
 * src/broker/cluster/topic-rules.test.ts against the model's answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { ClusterHost } from '../../host/cluster-host';
import { startHost, waitFor } from './harness';

const BROKER = 4;
const CONFIG_SOURCE = { DYNAMIC_BROKER_CONFIG: 2, STATIC_BROKER_CONFIG: 4 };

describe('kafkajs admin: topic name rules and static broker configs', () => {
  let host: ClusterHost;
  let admin: Admin;

  beforeAll(async () => {
    host = await startHost({ seed: 12 });
    const kafka = new Kafka({ clientId: 'conformance-topic-rules', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 2, initialRetryTime: 50 } });
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect();
    await host?.close();
  });

  it('refuses a topic whose name collides with an existing one on "." versus "_"', async () => {
    expect(await admin.createTopics({ topics: [{ topic: 'metrics.cpu', numPartitions: 1, replicationFactor: 1 }] })).toBe(true);
    await expect(admin.createTopics({ topics: [{ topic: 'metrics_cpu', numPartitions: 1, replicationFactor: 1 }] })).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'INVALID_TOPIC_EXCEPTION', topic: 'metrics_cpu' })],
    });
    // Names without '.' or '_' never collide; names differing otherwise are fine.
    expect(await admin.createTopics({ topics: [{ topic: 'metrics-cpu', numPartitions: 1, replicationFactor: 1 }] })).toBe(true);
    expect((await admin.listTopics()).filter((t) => t.startsWith('metrics')).sort()).toEqual(['metrics-cpu', 'metrics.cpu']);
  });

  it('refuses creating and deleting the internal topics', async () => {
    // A FindCoordinator makes the group coordinator create __consumer_offsets.
    await admin.fetchOffsets({ groupId: 'rules-group', topics: ['metrics.cpu'] });
    await waitFor('__consumer_offsets', () => host.snapshot().topics.some((t) => t.name === '__consumer_offsets' && t.internal));
    await expect(admin.createTopics({ topics: [{ topic: '__consumer_offsets', numPartitions: 1, replicationFactor: 1 }] })).resolves.toBe(false); // TOPIC_ALREADY_EXISTS, as Kafka
    await expect(admin.createTopics({ topics: [{ topic: '__transaction_state', numPartitions: 1, replicationFactor: 1 }] })).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'INVALID_REQUEST', topic: '__transaction_state' })],
    });
    await expect(admin.createTopics({ topics: [{ topic: '__cluster_metadata', numPartitions: 1, replicationFactor: 1 }] })).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'INVALID_REQUEST', topic: '__cluster_metadata' })],
    });
    await expect(admin.deleteTopics({ topics: ['__consumer_offsets'] })).rejects.toMatchObject({ type: 'INVALID_REQUEST' });
    expect(host.snapshot().topics.some((t) => t.name === '__consumer_offsets')).toBe(true);
    expect(host.snapshot().topics.some((t) => t.name === '__transaction_state')).toBe(false);
  });

  it('refuses altering a static broker config, applies a dynamic one, and describes both with their sources', async () => {
    await expect(admin.alterConfigs({ validateOnly: false, resources: [{ type: BROKER, name: '1', configEntries: [{ name: 'num.partitions', value: '12' }] }] })).rejects.toMatchObject({
      type: 'INVALID_REQUEST',
    });
    await expect(admin.alterConfigs({ validateOnly: false, resources: [{ type: BROKER, name: '2', configEntries: [{ name: 'log.retention.check.interval.ms', value: '1000' }] }] })).rejects.toMatchObject({ type: 'INVALID_REQUEST' });
    await expect(admin.alterConfigs({ validateOnly: false, resources: [{ type: BROKER, name: '1', configEntries: [{ name: 'log.retention.ms', value: 'soon' }] }] })).rejects.toMatchObject({ type: 'INVALID_CONFIG' });
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: BROKER, name: '1', configEntries: [{ name: 'log.retention.ms', value: '3600000' }] }] });
    const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: BROKER, name: '1', configNames: ['num.partitions', 'log.retention.ms', 'log.retention.check.interval.ms'] }] });
    const entries = new Map(described.resources[0]!.configEntries.map((e) => [e.configName, e]));
    expect(entries.get('num.partitions')).toMatchObject({ configValue: '3', readOnly: true, configSource: CONFIG_SOURCE.STATIC_BROKER_CONFIG });
    expect(entries.get('log.retention.ms')).toMatchObject({ configValue: '3600000', readOnly: false, configSource: CONFIG_SOURCE.DYNAMIC_BROKER_CONFIG });
    expect(entries.get('log.retention.check.interval.ms')).toMatchObject({ configValue: '300000', readOnly: true });
  });
});
