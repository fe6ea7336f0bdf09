/**
 * Issue 17: a principal the cluster refuses DescribeConfigs sees that panel degrade with Kafka's
 * reason, while brokers, topics, partitions and offsets still fill the view (embedded SASL_PLAINTEXT
 * cluster with StandardAuthorizer; bob may only Describe topics and groups).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterHost } from '../../broker/host/cluster-host';
import { MemoryProfileStore } from './profile-store';
import { RemoteService } from './remote-service';

let host: ClusterHost;
let service: RemoteService;

beforeAll(async () => {
  host = await ClusterHost.start({
    brokers: 1, basePort: 0, seed: 1718, defaultReplicationFactor: 1,
    brokerConfig: { listeners: 'SASL_PLAINTEXT://:0', 'sasl.enabled.mechanisms': 'SCRAM-SHA-512', 'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer', 'super.users': 'User:alice;User:kafka-lab-ui' },
    users: [{ name: 'alice', password: 'alice-secret' }, { name: 'bob', password: 'bob-secret' }], log: () => {},
  });
  await host.execute({ type: 'create-topic', topic: 'ledger', partitions: 2, replicationFactor: 1 });
  while (!host.snapshot().topics.find((t) => t.name === 'ledger')?.partitions.every((p) => p.leader >= 0)) await new Promise((r) => setTimeout(r, 20));
  for (const resourceType of ['TOPIC', 'GROUP'] as const) {
    const result = await host.execute({ type: 'create-acl', acl: { resourceType, resourceName: '*', patternType: 'LITERAL', principal: 'User:bob', host: '*', operation: 'DESCRIBE', permissionType: 'ALLOW' } });
    if (!result.ok) throw new Error(result.message);
  }
  service = new RemoteService(new MemoryProfileStore());
}, 60_000);

afterAll(async () => {
  service?.close();
  await host?.close();
});

describe('a remote view for a principal without DescribeConfigs', () => {
  it('names the refused panel and its reason, and fills the rest', async () => {
    const saved = await service.saveConnectionProfile({ name: 'restricted', colour: '#64748b', readOnly: true, bootstrapServers: host.bootstrap, securityProtocol: 'SASL_PLAINTEXT', sasl: { mechanism: 'SCRAM-SHA-512', username: 'bob', password: 'bob-secret' } });
    if (!saved.ok) throw new Error(saved.message);
    const answer = await service.getRemoteView(saved.profile.id);
    if (!answer.ok) throw new Error(answer.message);
    const { view, panels } = answer.result;
    expect(panels.find((p) => p.api === 'DescribeConfigs')).toMatchObject({ ok: false, reason: expect.stringMatching(/AUTHORIZATION_FAILED/) });
    expect(panels.find((p) => p.api === 'Metadata')).toEqual({ api: 'Metadata', ok: true });
    expect(panels.find((p) => p.api === 'ListOffsets')).toEqual({ api: 'ListOffsets', ok: true });
    expect(view.topics.map((t) => [t.name, t.partitions.map((p) => p.leader)])).toEqual([['ledger', [1, 1]]]);
    expect(view.topics[0]!.configs).toEqual([]);
  }, 30_000);
});
