/**
 * Issue 19: the same tools against a second, secured cluster: SASL_SSL with SCRAM-SHA-512, the
 * client settings given as Kafka's client properties in a --command-config / --producer.config /
 * --consumer.config file (sasl.jaas.config with ScramLoginModule, the lab's CA as a PEM
 * truststore). A wrong password fails with Kafka's SASL_AUTHENTICATION_FAILED message, exit 1.
 * And an SSL listener with ssl.client.auth=required reached with a PEM keystore (mTLS).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterHost } from '../broker/host/cluster-host';
import { startHost } from '../broker/wire/conformance/harness';
import { issueClientCertificate } from '../broker/host/tls-files';
import { buildBin, type BuiltBin } from './testing/built-bin';

let bin: BuiltBin;
let host: ClusterHost;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kafka-lab-tools-secured-'));
  bin = buildBin();
  host = await startHost({
    brokers: 3, seed: 191, tlsDir: join(dir, 'tls'), users: [{ name: 'alice', password: 'alice-secret' }],
    brokerConfig: { listeners: 'SASL_SSL://:0', 'group.initial.rebalance.delay.ms': '0' },
  });
}, 180_000);
afterAll(async () => {
  await host?.close();
  bin?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function clientConfig(name: string, password: string): string {
  const file = join(dir, name);
  writeFileSync(file, [
    '# Kafka client properties, as for Kafka\'s own tools',
    'security.protocol=SASL_SSL',
    'sasl.mechanism=SCRAM-SHA-512',
    'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\',
    `    username="alice" password="${password}";`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${host.security.caLocation}`,
    '',
  ].join('\n'));
  return file;
}

describe('the tools against a SASL_SSL + SCRAM cluster via --command-config', () => {
  it('create, describe, produce, consume and describe the group; a wrong password is refused', async () => {
    const config = clientConfig('client.properties', 'alice-secret');
    const bs = ['--bootstrap-server', host.bootstrap];
    const create = await bin.run(['kafka-topics', '--create', '--topic', 'secure-events', '--partitions', '3', '--replication-factor', '3', '--config', 'min.insync.replicas=2', ...bs, '--command-config', config]);
    expect(create).toMatchObject({ code: 0, stdout: 'Created topic secure-events.\n' });
    const described = await bin.run(['kafka-topics', '--describe', '--topic', 'secure-events', ...bs, '--command-config', config]);
    expect(described.stdout.split('\n')[0]).toMatch(/^Topic: secure-events\tTopicId: [A-Za-z0-9_-]{22}\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: min.insync.replicas=2$/);
    const atMinIsr = await bin.run(['kafka-topics', '--describe', '--at-min-isr-partitions', ...bs, '--command-config', config]);
    expect(atMinIsr).toMatchObject({ code: 0, stdout: '' });

    const produce = await bin.run(['kafka-console-producer', '--topic', 'secure-events', '--property', 'parse.key=true', '--request-required-acks', 'all', ...bs, '--producer.config', config], 'k1\tone\nk2\ttwo\nk3\tthree\n');
    expect(produce).toMatchObject({ code: 0, stdout: '' });
    const consume = await bin.run(['kafka-console-consumer', '--topic', 'secure-events', '--group', 'secure-group', '--from-beginning', '--max-messages', '3', '--property', 'print.key=true', ...bs, '--consumer.config', config]);
    expect(consume.code).toBe(0);
    expect(consume.stdout.trimEnd().split('\n').sort()).toEqual(['k1\tone', 'k2\ttwo', 'k3\tthree']);
    const groups = await bin.run(['kafka-consumer-groups', '--describe', '--group', 'secure-group', ...bs, '--command-config', config]);
    expect(groups.code).toBe(0);
    const rows = groups.stdout.split('\n').filter((l) => l.startsWith('secure-group '));
    expect(rows.reduce((s, r) => s + Number(r.split(/\s+/)[3]), 0)).toBe(3);
    expect(rows.every((r) => r.split(/\s+/)[5] === '0')).toBe(true);

    const wrong = await bin.run(['kafka-topics', '--list', ...bs, '--command-config', clientConfig('wrong.properties', 'not-alices')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512');
  }, 240_000);

  it('refuses settings it cannot honour with a clear message', async () => {
    const file = join(dir, 'gssapi.properties');
    writeFileSync(file, 'security.protocol=SASL_SSL\nsasl.mechanism=GSSAPI\n');
    const gssapi = await bin.run(['kafka-topics', '--list', '--bootstrap-server', host.bootstrap, '--command-config', file]);
    expect(gssapi.code).toBe(1);
    expect(gssapi.stderr).toMatch(/^sasl\.mechanism GSSAPI is not supported here: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512\n/);
    const jks = join(dir, 'jks.properties');
    writeFileSync(jks, `security.protocol=SSL\nssl.truststore.location=${file}\nssl.truststore.type=JKS\n`);
    const refused = await bin.run(['kafka-topics', '--list', '--bootstrap-server', host.bootstrap, '--command-config', jks]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^ssl\.truststore\.type JKS is not supported: give the CA certificates as PEM \(ssl\.truststore\.type=PEM\)\n/);
  }, 60_000);

  it('reaches an ssl.client.auth=required listener with a PEM keystore (key and certificate in one file)', async () => {
    const mtls = await startHost({ brokers: 1, seed: 193, defaultReplicationFactor: 1, tlsDir: join(dir, 'mtls'), brokerConfig: { listeners: 'SSL://:0', 'ssl.client.auth': 'required' } });
    try {
      const ca = mtls.security.caLocation!;
      const { certLocation, keyLocation } = issueClientCertificate(dirname(ca), 'tools-user');
      const keystore = join(dir, 'tools-user-keystore.pem');
      writeFileSync(keystore, readFileSync(keyLocation, 'utf8') + readFileSync(certLocation, 'utf8'));
      const config = join(dir, 'mtls.properties');
      writeFileSync(config, `security.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=${ca}\nssl.keystore.type=PEM\nssl.keystore.location=${keystore}\n`);
      const bs = ['--bootstrap-server', mtls.bootstrap, '--command-config', config];
      expect(await bin.run(['kafka-topics', '--create', '--topic', 'mtls-events', '--partitions', '1', ...bs])).toMatchObject({ code: 0, stdout: 'Created topic mtls-events.\n' });
      expect((await bin.run(['kafka-console-producer', '--topic', 'mtls-events', ...bs], 'over mutual TLS\n')).code).toBe(0);
      const consumed = await bin.run(['kafka-console-consumer', '--topic', 'mtls-events', '--from-beginning', '--max-messages', '1', ...bs]);
      expect(consumed).toMatchObject({ code: 0, stdout: 'over mutual TLS\n' });
      const noCertificate = join(dir, 'no-cert.properties');
      writeFileSync(noCertificate, `security.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=${ca}\n`);
      const refused = await bin.run(['kafka-topics', '--list', '--bootstrap-server', mtls.bootstrap, '--command-config', noCertificate]);
      expect(refused.code).toBe(1);
    } finally {
      await mtls.close();
    }
  }, 120_000);
});
