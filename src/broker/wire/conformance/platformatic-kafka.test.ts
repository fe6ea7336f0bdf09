/**
 * @platformatic/kafka 1.35 (a pure-TypeScript client of Kafka 3.5-4.1) in-process over real
 * sockets: admin (create topics, describe configs, delete topics), an idempotent producer, and a
 * classic consumer group that commits, each over the versions the client negotiates with our
 * ApiVersions, asserted flexible (KIP-482) from the broker's own record of each connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Admin, Consumer, MessagesStreamModes, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import type { ClusterHost } from '../../host/cluster-host';
import { apiSchemas } from '../../protocol';
import { inRange } from '../../protocol/schema';
import { startHost, topicView, waitFor, waitForBrokersToKnow } from './harness';

const TOPIC = 'pk-orders';
const CLIENT_ID = 'conformance-platformatic';

/** API name → versions this client used, read from the broker's connection registry. */
function versionsUsed(host: ClusterHost, into: Map<string, Set<number>>): void {
  for (const c of host.snapshot().connections.filter((x) => x.clientId === CLIENT_ID)) {
    for (const api of c.apis) {
      const set = into.get(api.apiName) ?? new Set<number>();
      for (const v of api.versions) set.add(v);
      into.set(api.apiName, set);
    }
  }
}

describe('@platformatic/kafka', () => {
  let host: ClusterHost;
  let admin: Admin;
  const used = new Map<string, Set<number>>();

  beforeAll(async () => {
    host = await startHost({ seed: 35 });
    admin = new Admin({ clientId: CLIENT_ID, bootstrapBrokers: host.bootstrap.split(','), retries: 8, retryDelay: 100 });
  });
  afterAll(async () => {
    await admin?.close();
    await host?.close();
  });

  it('creates a topic and describes its configs (CreateTopics, Metadata, DescribeConfigs)', async () => {
    const created = await admin.createTopics({ topics: [TOPIC], partitions: 3, replicas: 3, configs: [{ name: 'retention.ms', value: '3600000' }] });
    expect(created).toEqual([expect.objectContaining({ name: TOPIC, partitions: 3, replicas: 3 })]);
    await waitFor('leaders', () => topicView(host, TOPIC)?.partitions.every((p) => p.leader >= 0 && p.inSyncReplicas.length === 3));
    await waitForBrokersToKnow(host, TOPIC, 3);
    const [described] = await admin.describeConfigs({ resources: [{ resourceType: 2, resourceName: TOPIC }], includeSynonyms: false, includeDocumentation: true });
    expect(described!.resourceName).toBe(TOPIC);
    expect(described!.configs.find((c) => c.name === 'retention.ms')).toMatchObject({ value: '3600000', readOnly: false });
    expect(described!.configs.find((c) => c.name === 'cleanup.policy')).toMatchObject({ value: 'delete' });
    versionsUsed(host, used);
  });

  it('produces idempotently and a consumer group reads every record back and commits', async () => {
    const producer = new Producer({ clientId: CLIENT_ID, bootstrapBrokers: host.bootstrap.split(','), serializers: stringSerializers, idempotent: true, acks: -1, retries: 8 });
    const consumer = new Consumer({
      clientId: CLIENT_ID, groupId: 'pk-group', bootstrapBrokers: host.bootstrap.split(','), deserializers: stringDeserializers,
      sessionTimeout: 10_000, heartbeatInterval: 500, retries: 8,
    });
    try {
      const messages = Array.from({ length: 60 }, (_, i) => ({ topic: TOPIC, key: `k${i}`, value: `v${i}` }));
      const result = await producer.send({ messages });
      expect(result.offsets?.length ?? 0).toBeGreaterThan(0);
      await waitFor('60 records', () => topicView(host, TOPIC)!.partitions.reduce((s, p) => s + p.highWatermark, 0) === 60);

      const stream = await consumer.consume({ topics: [TOPIC], mode: MessagesStreamModes.EARLIEST, autocommit: false });
      const seen = new Map<string, string>();
      for await (const message of stream) {
        seen.set(message.key as string, message.value as string);
        await message.commit();
        if (seen.size === 60) break;
      }
      expect(seen.get('k7')).toBe('v7');
      expect([...seen.values()].sort()).toEqual(messages.map((m) => m.value).sort());
      versionsUsed(host, used);
      await stream.close();
      const committed = await waitFor('committed offsets', () => {
        const group = host.snapshot().groups.find((g) => g.groupId === 'pk-group');
        const sum = group?.offsets.reduce((s, o) => s + o.committedOffset, 0) ?? 0;
        return sum === 60 ? sum : undefined;
      });
      expect(committed).toBe(60);
    } finally {
      await consumer.close(true);
      await producer.close();
    }
  }, 60_000);

  it('deletes the topic (DeleteTopics) and used flexible versions of every API it sent', async () => {
    await admin.deleteTopics({ topics: [TOPIC] });
    await waitFor('topic gone', () => topicView(host, TOPIC) === undefined);
    versionsUsed(host, used);
    for (const name of ['Produce', 'Fetch', 'Metadata', 'CreateTopics', 'DescribeConfigs', 'FindCoordinator', 'JoinGroup', 'SyncGroup', 'OffsetCommit', 'InitProducerId', 'ApiVersions']) {
      expect(used.has(name), `${name} used`).toBe(true);
    }
    if (process.env.PRINT_VERSIONS) console.log(JSON.stringify([...used].map(([n, v]) => [n, [...v]])));
    for (const [name, versions] of used) {
      const schema = [...apiSchemas.values()].find((s) => s.name === name)!;
      for (const v of versions) expect(inRange(schema.request.flexibleVersions, v), `${name} v${v} is flexible`).toBe(true);
    }
  });
});
