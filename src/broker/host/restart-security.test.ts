/**
 * Issues 15 and 16 together: a lab's security metadata survives a restart as Kafka's controller
 * keeps it — SCRAM credentials (salted, UserScramCredentialRecord), ACLs
 * (AccessControlEntryRecord) and client quotas (ClientQuotaRecord). kafkajs authenticates with
 * SCRAM-SHA-512 over SASL_PLAINTEXT as a user created while the first host ran, and reads the ACL
 * back through DescribeAcls, from a second host on the same lab directory started without users.
 * The lab appends them to its KRaft metadata log.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { attachSecurity } from '../cluster/security/security-model';
import type { SimCluster } from '../cluster/cluster';
import { ClusterHost } from './cluster-host';
import { metadataPartitionDir } from '../storage/kraft/metadata-log-dir';
import { listMetadataSegments, recoverMetadataLog } from '../storage/kraft/metadata-log';

let root: string | null = null;
const hosts: ClusterHost[] = [];
afterEach(async () => {
  while (hosts.length) await hosts.pop()!.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

const brokerConfig = {
  listeners: 'SASL_PLAINTEXT://:0',
  'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
  'super.users': 'User:alice',
};

async function start(labDir: string, users: { name: string; password: string }[]): Promise<ClusterHost> {
  const host = await ClusterHost.start({ brokers: 1, basePort: 0, seed: 16, storage: { labDir, labName: 'secure' }, users, brokerConfig, log: () => {} });
  hosts.push(host);
  return host;
}

const client = (host: ClusterHost, username: string, password: string) => new Kafka({
  clientId: 'restart-security', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 2, initialRetryTime: 50 },
  sasl: { mechanism: 'scram-sha-512', username, password },
});

describe('a secured lab on disk across a restart', () => {
  it('keeps SCRAM users, ACLs and client quotas', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-restart-security-'));
    const labDir = path.join(root, 'secure');
    const first = await start(labDir, [{ name: 'alice', password: 'alice-secret' }]);
    // A user added while the lab runs (as AlterUserScramCredentials would), an ACL over the wire, a quota.
    await first.upsertScramUser('bob', 'bob-secret');
    const admin = client(first, 'alice', 'alice-secret').admin();
    await admin.connect();
    await admin.createAcls({ acl: [{ resourceType: AclResourceTypes.TOPIC, resourceName: 'orders', resourcePatternType: ResourcePatternTypes.LITERAL, principal: 'User:bob', host: '*', operation: AclOperationTypes.READ, permissionType: AclPermissionTypes.ALLOW }] });
    await admin.disconnect();
    attachSecurity(first.cluster as SimCluster).alterClientQuotas([{ entity: [{ entityType: 'client-id', entityName: 'slow' }], ops: [{ key: 'producer_byte_rate', value: 102400, remove: false }] }], false);
    await hosts.pop()!.close();

    // The KRaft metadata log holds a UserScramCredentialRecord per user: salted credentials only, no password.
    const logDir = metadataPartitionDir(labDir);
    const scramRecords = recoverMetadataLog(logDir, 0).records.filter((r) => r.name === 'UserScramCredentialRecord');
    expect(scramRecords.map((r) => r.data!.name)).toEqual(expect.arrayContaining(['alice', 'bob']));
    const logBytes = Buffer.concat(listMetadataSegments(logDir).map((s) => fs.readFileSync(s.file)));
    expect(logBytes.includes('bob-secret')).toBe(false);
    expect(logBytes.includes('alice-secret')).toBe(false);

    const second = await start(labDir, []);
    const bobAdmin = client(second, 'bob', 'bob-secret').admin();
    await bobAdmin.connect();
    await bobAdmin.disconnect();
    const aliceAdmin = client(second, 'alice', 'alice-secret').admin();
    await aliceAdmin.connect();
    const acls = await aliceAdmin.describeAcls({ resourceType: AclResourceTypes.ANY, resourcePatternType: ResourcePatternTypes.ANY, operation: AclOperationTypes.ANY, permissionType: AclPermissionTypes.ANY });
    await aliceAdmin.disconnect();
    expect(acls.resources).toEqual([expect.objectContaining({ resourceName: 'orders', acls: [expect.objectContaining({ principal: 'User:bob', operation: AclOperationTypes.READ })] })]);
    expect(attachSecurity(second.cluster as SimCluster).quotas.all()).toEqual([{ entity: { 'client-id': 'slow' }, values: { producer_byte_rate: 102400 } }]);
    const wrong = client(second, 'bob', 'not-bobs').admin();
    await expect(wrong.connect()).rejects.toThrow(/SASL|authentication|Authentication/i);
  }, 60_000);
});
