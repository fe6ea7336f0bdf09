/**
 * Issue 16 authorization with real clients over real sockets, as User:ANONYMOUS on PLAINTEXT:
 * kafka-python's KafkaAdminClient creates, describes and deletes ACLs; Metadata hides a topic the
 * principal may not DESCRIBE; kcat without a READ ACL gets TOPIC_AUTHORIZATION_FAILED; denials
 * reach the timeline; without an authorizer the ACL APIs answer SECURITY_DISABLED.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { createTopic, startHost, waitFor } from './harness';
import { itWith, KCAT, missingKafkaPython, missingKcat, run, runPython } from './tools';
import { attachSecurity } from '../../cluster/security/security-model';
import type { AclBinding } from '../../cluster/security/acl-types';
import type { ClusterEvent } from '../../../shared/cluster-events';

const script = readFileSync(join(__dirname, 'acls-kafka-python.py'), 'utf8');
const anonymous = (partial: Partial<AclBinding>): AclBinding => ({ resourceType: 'TOPIC', resourceName: 'open', patternType: 'LITERAL', principal: 'User:ANONYMOUS', host: '*', operation: 'WRITE', permissionType: 'ALLOW', ...partial });

describe('ACLs with the StandardAuthorizer', () => {
  let host: ClusterHost;
  const events: ClusterEvent[] = [];
  beforeAll(async () => {
    host = await startHost({ seed: 16, brokerConfig: { 'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer', 'super.users': 'User:admin' } });
    host.cluster.onEvent((e) => void events.push(e));
    // The lab operator (the host, not a wire client) lets ANONYMOUS manage ACLs and write (hence describe) "open".
    attachSecurity(host.cluster).createAcls([
      anonymous({ resourceType: 'CLUSTER', resourceName: 'kafka-cluster', operation: 'ALTER' }),
      anonymous({ resourceType: 'CLUSTER', resourceName: 'kafka-cluster', operation: 'DESCRIBE' }),
      anonymous({ resourceType: 'CLUSTER', resourceName: 'kafka-cluster', operation: 'IDEMPOTENT_WRITE' }),
      anonymous({}),
    ]);
    await createTopic(host, 'open', 1, 3);
    // "secret" is invisible to ANONYMOUS, so wait on the host's view rather than on Metadata.
    expect(await host.execute({ type: 'create-topic', topic: 'secret', partitions: 1, replicationFactor: 3 })).toMatchObject({ ok: true });
    await waitFor('a leader of secret', () => host.snapshot().topics.find((t) => t.name === 'secret')?.partitions.every((p) => p.leader >= 0));
  }, 60_000);
  afterAll(async () => {
    await host?.close();
  });

  itWith(missingKafkaPython, 'kafka-python KafkaAdminClient creates, describes and deletes ACLs', async () => {
    const out = JSON.parse(await runPython(script, [host.bootstrap, 'roundtrip'], 60_000));
    expect(out.created).toBe(2);
    expect(out.createFailed).toEqual([]);
    expect(out.describeError).toBe('NoError');
    expect(out.described).toEqual([
      'User:ANONYMOUS * WRITE ALLOW TOPIC open LITERAL',
      'User:alice * READ ALLOW TOPIC orders LITERAL',
      'User:bob 10.0.0.7 WRITE DENY TOPIC pay PREFIXED',
    ]);
    expect(out.onlyAlice).toEqual(['User:alice * READ ALLOW TOPIC orders LITERAL']);
    expect(out.deleted).toEqual(['User:bob 10.0.0.7 WRITE DENY TOPIC pay PREFIXED']);
    expect(out.after).toEqual(['User:ANONYMOUS * WRITE ALLOW TOPIC open LITERAL', 'User:alice * READ ALLOW TOPIC orders LITERAL']);
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'acl-created').length).toBe(6);
    expect(types.filter((t) => t === 'acl-deleted').length).toBe(1);
  }, 90_000);

  it('Metadata hides a topic the principal may not DESCRIBE, and names it TOPIC_AUTHORIZATION_FAILED when asked', async () => {
    const kafka = new Kafka({ clientId: 'acl-metadata', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      expect(topics).toContain('open');
      expect(topics).not.toContain('secret');
      await expect(admin.fetchTopicMetadata({ topics: ['secret'] })).rejects.toThrow(/not authorized/i);
    } finally {
      await admin.disconnect();
    }
  }, 30_000);

  itWith(missingKcat, 'kcat without a READ ACL gets TOPIC_AUTHORIZATION_FAILED (WRITE is allowed)', async () => {
    const kafka = new Kafka({ clientId: 'acl-producer', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic: 'open', messages: [{ value: 'allowed' }] });
    } finally {
      await producer.disconnect();
    }
    const consumed = await run(KCAT, ['-b', host.bootstrap, '-C', '-t', 'open', '-p', '0', '-o', 'beginning', '-e', '-q'], { timeoutMs: 20_000 });
    expect(`${consumed.stdout}${consumed.stderr}`).toMatch(/Topic authorization failed|TOPIC_AUTHORIZATION_FAILED/i);
    expect(consumed.stdout).not.toContain('allowed');
    const failure = await waitFor('an authorization-failed event', () => events.find((e) => e.type === 'authorization-failed' && e.operation === 'READ' && e.resourceName === 'open'));
    expect(failure).toMatchObject({ principal: 'User:ANONYMOUS', resourceType: 'TOPIC', apiName: 'Fetch' });
  }, 60_000);
});

describe('ACL APIs without an authorizer', () => {
  let host: ClusterHost;
  beforeAll(async () => {
    host = await startHost({ seed: 17, brokers: 1, defaultReplicationFactor: 1 });
  });
  afterAll(async () => {
    await host?.close();
  });

  itWith(missingKafkaPython, 'answer SECURITY_DISABLED', async () => {
    const out = JSON.parse(await runPython(script, [host.bootstrap, 'describe'], 60_000));
    expect(out.error).toBe('SecurityDisabledError');
  }, 90_000);
});
