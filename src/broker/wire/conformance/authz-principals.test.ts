/**
 * Issue 16: authorization of real non-super principals. A SASL_PLAINTEXT + SCRAM-SHA-256 broker
 * with the StandardAuthorizer, super user admin, users alice and bob (no ACLs at first):
 * - bob consuming with kcat and confluent-kafka-python gets TOPIC_AUTHORIZATION_FAILED without a
 *   READ ACL on the topic, GROUP_AUTHORIZATION_FAILED in a group without a READ ACL, and his
 *   records once admin has created both with kafka-python's create_acls;
 * - bob's transactional producer gets TRANSACTIONAL_ID_AUTHORIZATION_FAILED, his DescribeAcls and
 *   CreateAcls CLUSTER_AUTHORIZATION_FAILED with Kafka's "Request … is not authorized." message;
 * - admin's describe_acls and delete_acls (kafka-python) list and remove bob's ACLs, after which
 *   bob is denied again;
 * - KIP-430 authorized operations computed for bob and alice over raw requests: Metadata v10
 *   (topic and cluster), DescribeCluster, DescribeGroups.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACL_OPERATIONS, type AclOperation } from '../../cluster/security/acl-types';
import type { ClusterHost } from '../../host/cluster-host';
import { RawClient } from '../testing/raw-client';
import { callRaw, scramAuthenticate } from '../testing/scram-client';
import { startHost, topicView, waitFor } from './harness';
import { KCAT, missingConfluentKafka, missingKafkaPython, missingKcat, run, runPython } from './tools';

const script = readFileSync(join(__dirname, 'authz-principals.py'), 'utf8');
const USERS = [{ name: 'admin', password: 'admin-secret' }, { name: 'alice', password: 'alice-secret' }, { name: 'bob', password: 'bob-secret' }];
const missing = (): string | null => missingConfluentKafka() ?? missingKafkaPython() ?? missingKcat();
const bits = (...ops: AclOperation[]): number => ops.reduce((b, op) => b | (1 << ACL_OPERATIONS[op]), 0);

describe.skipIf(missing() !== null)('authorization of non-super principals (SASL SCRAM users)', () => {
  let host: ClusterHost;
  const as = async (user: string, step: string, ...args: string[]): Promise<Record<string, unknown>> => {
    const password = USERS.find((u) => u.name === user)!.password;
    return JSON.parse(await runPython(script, [step, host.bootstrap, user, password, ...args], 60_000)) as Record<string, unknown>;
  };
  const raw = async (user: string): Promise<RawClient> => {
    const client = await RawClient.connect(host.listenerPorts().get(1)!);
    expect(await scramAuthenticate(client, user, USERS.find((u) => u.name === user)!.password)).toMatchObject({ errorCode: 0 });
    return client;
  };

  /** kcat as bob reading orders from the beginning gets "Topic authorization failed" and no record. */
  const expectKcatDenied = async (): Promise<void> => {
    const kcat = await run(KCAT, ['-b', host.bootstrap, '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=SCRAM-SHA-256', '-X', 'sasl.username=bob', '-X', 'sasl.password=bob-secret', '-C', '-t', 'orders', '-p', '0', '-o', 'beginning', '-e', '-q'], { timeoutMs: 30_000 });
    expect(`${kcat.stdout}${kcat.stderr}`).toMatch(/Topic authorization failed/i);
    expect(kcat.stdout).not.toContain('v0');
  };

  beforeAll(async () => {
    host = await startHost({
      brokers: 1, defaultReplicationFactor: 1, defaultPartitions: 1, seed: 1616, users: USERS,
      brokerConfig: {
        listeners: 'SASL_PLAINTEXT://:0',
        'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
        'super.users': 'User:admin',
        'group.initial.rebalance.delay.ms': '0',
      },
    });
    expect(await host.execute({ type: 'create-topic', topic: 'orders', partitions: 1, replicationFactor: 1 })).toMatchObject({ ok: true });
    await waitFor('a leader of orders', () => topicView(host, 'orders')?.partitions.every((p) => p.leader >= 0));
  }, 60_000);
  afterAll(async () => {
    await host?.close();
  });

  it('denies bob until admin creates his topic and group READ ACLs, then lets him consume', async () => {
    expect(await as('admin', 'produce', 'orders', '3')).toEqual({ delivered: 3, errors: [] });
    // kcat's simple consumer (no group): Metadata names orders TOPIC_AUTHORIZATION_FAILED (no DESCRIBE).
    await expectKcatDenied();

    expect(await as('admin', 'acl-create', JSON.stringify([['User:bob', 'READ', 'GROUP', 'bob-group']]))).toEqual({ created: 1, failed: [] });
    const noTopicAcl = await as('bob', 'consume-group', 'orders', 'bob-group');
    expect(noTopicAcl.values).toEqual([]);
    expect(noTopicAcl.errors).toContain('TOPIC_AUTHORIZATION_FAILED');

    expect(await as('admin', 'acl-create', JSON.stringify([['User:bob', 'READ', 'TOPIC', 'orders']]))).toEqual({ created: 1, failed: [] });
    const noGroupAcl = await as('bob', 'consume-group', 'orders', 'other-group');
    expect(noGroupAcl.values).toEqual([]);
    expect(noGroupAcl.errors).toContain('GROUP_AUTHORIZATION_FAILED');

    expect(await as('bob', 'consume-group', 'orders', 'bob-group')).toEqual({ values: ['v0', 'v1', 'v2'], errors: [] });
  }, 120_000);

  it('denies bob a transactional id and cluster operations, with Kafka\'s errors', async () => {
    const transaction = await as('bob', 'transaction', 'bob-tx');
    expect(transaction.error).toBe('TRANSACTIONAL_ID_AUTHORIZATION_FAILED');
    const cluster = await as('bob', 'cluster-ops');
    expect(cluster.describe).toBe('ClusterAuthorizationFailedError');
    expect(String(cluster.describeMessage)).toMatch(/Request Request\(processor=0, connectionId=.*session=Session\(User:bob,\/127\.0\.0\.1\), listenerName=ListenerName\(SASL_PLAINTEXT\), securityProtocol=SASL_PLAINTEXT.* is not authorized\./);
    expect(cluster.create).toEqual(['ClusterAuthorizationFailedError']);
  }, 120_000);

  it('answers bob\'s ElectLeaders, client quota and DescribeCluster requests as Kafka does (raw requests)', async () => {
    const bob = await raw('bob');
    try {
      const elect = await callRaw(bob, 43, 2, { electionType: 0, topicPartitions: [{ topic: 'orders', partitions: [0] }], timeoutMs: 1000 }) as { errorCode: number; replicaElectionResults: { topic: string; partitionResult: { partitionId: number; errorCode: number; errorMessage: string }[] }[] };
      expect(elect.errorCode).toBe(31); // CLUSTER_AUTHORIZATION_FAILED
      expect(elect.replicaElectionResults).toEqual([{ topic: 'orders', partitionResult: [{ partitionId: 0, errorCode: 31, errorMessage: expect.stringMatching(/^Request Request\(.*session=Session\(User:bob,\/127\.0\.0\.1\).* is not authorized\.$/) as unknown as string }] }]);
      // Client quotas: DescribeClientQuotas answers Errors' message, AlterClientQuotas the controller's authorizeClusterOperation one.
      expect(await callRaw(bob, 48, 1, { components: [], strict: false })).toMatchObject({ errorCode: 31, errorMessage: 'Cluster authorization failed.' });
      const alter = await callRaw(bob, 49, 1, { entries: [{ entity: [{ entityType: 'client-id', entityName: 'x' }], ops: [{ key: 'producer_byte_rate', value: 1000, remove: false }] }], validateOnly: false }) as { entries: { errorCode: number; errorMessage: string }[] };
      expect(alter.entries[0]).toMatchObject({ errorCode: 31, errorMessage: expect.stringMatching(/ is not authorized\.$/) as unknown as string });
      // DescribeCluster needs no ACL (AuthHelper.computeDescribeClusterResponse).
      expect(await callRaw(bob, 60, 1, { includeClusterAuthorizedOperations: false, endpointType: 1 })).toMatchObject({ errorCode: 0, clusterAuthorizedOperations: -2147483648, brokers: [expect.objectContaining({ brokerId: 1 })] });
    } finally {
      bob.close();
    }
  }, 30_000);

  it('computes KIP-430 authorized operations for bob and alice', async () => {
    expect(await as('admin', 'acl-create', JSON.stringify([['User:alice', 'DESCRIBE', 'CLUSTER', 'kafka-cluster']]))).toEqual({ created: 1, failed: [] });
    const bob = await raw('bob');
    const alice = await raw('alice');
    try {
      const metadata = { topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'orders' }], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: true, includeTopicAuthorizedOperations: true };
      const bobMetadata = await callRaw(bob, 3, 10, metadata) as { clusterAuthorizedOperations: number; topics: { errorCode: number; topicAuthorizedOperations: number }[] };
      // READ implies DESCRIBE (StandardAuthorizer); no DESCRIBE on the cluster: 0 (AuthHelper).
      expect(bobMetadata.topics[0]).toMatchObject({ errorCode: 0, topicAuthorizedOperations: bits('READ', 'DESCRIBE') });
      expect(bobMetadata.clusterAuthorizedOperations).toBe(0);
      const aliceMetadata = await callRaw(alice, 3, 10, metadata) as { clusterAuthorizedOperations: number; topics: { errorCode: number }[] };
      expect(aliceMetadata.topics[0]!.errorCode).toBe(29); // TOPIC_AUTHORIZATION_FAILED: alice may not DESCRIBE orders
      expect(aliceMetadata.clusterAuthorizedOperations).toBe(bits('DESCRIBE'));

      const describeCluster = { includeClusterAuthorizedOperations: true, endpointType: 1 };
      expect(await callRaw(bob, 60, 1, describeCluster)).toMatchObject({ errorCode: 0, clusterAuthorizedOperations: 0 });
      expect(await callRaw(alice, 60, 1, describeCluster)).toMatchObject({ errorCode: 0, clusterAuthorizedOperations: bits('DESCRIBE') });

      const describeGroups = { groups: ['bob-group'], includeAuthorizedOperations: true };
      const bobGroups = await callRaw(bob, 15, 5, describeGroups) as { groups: { errorCode: number; groupState: string; authorizedOperations: number }[] };
      expect(bobGroups.groups[0]).toMatchObject({ errorCode: 0, groupState: 'Empty', authorizedOperations: bits('READ', 'DESCRIBE') });
      const aliceGroups = await callRaw(alice, 15, 5, describeGroups) as { groups: { errorCode: number; authorizedOperations: number }[] };
      expect(aliceGroups.groups[0]).toMatchObject({ errorCode: 30, authorizedOperations: -2147483648 }); // GROUP_AUTHORIZATION_FAILED
    } finally {
      bob.close();
      alice.close();
    }
  }, 60_000);

  it('admin describes and deletes bob\'s ACLs with kafka-python; bob is denied again', async () => {
    expect(await as('admin', 'acl-describe', 'User:bob')).toEqual({ error: 'NoError', acls: ['User:bob READ ALLOW GROUP bob-group LITERAL', 'User:bob READ ALLOW TOPIC orders LITERAL'] });
    const deleted = await as('admin', 'acl-delete', 'User:bob');
    expect(deleted).toEqual({ deleted: ['User:bob READ ALLOW GROUP bob-group LITERAL', 'User:bob READ ALLOW TOPIC orders LITERAL'], errors: ['NoError'] });
    expect(await as('admin', 'acl-describe', 'User:bob')).toEqual({ error: 'NoError', acls: [] });
    await expectKcatDenied();
  }, 120_000);
});
