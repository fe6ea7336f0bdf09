/**
 * Issue 17 over real sockets: the remote client and "Test connection" against an embedded cluster
 * started here with a SASL_SSL listener and SCRAM-SHA-512 (the broker host of issue 16). Checks
 * what the client reads against the cluster's own snapshot, and that each broken setting fails at
 * its own step: a wrong password at SASL, a closed port and an address that never answers at TCP (within
 * the connect timeout), a CA the brokers' certificates do not chain to at TLS, a PLAINTEXT client
 * on the TLS listener at ApiVersions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterHost } from '../broker/host/cluster-host';
import { ensureLabTls } from '../broker/host/tls-files';
import type { ConnectionSettings } from '../shared/connection-profile';
import { RemoteKafkaClient } from './kafka-client';
import { testConnection } from './test-connection';
import { blackHolePort } from './testing/black-hole-port';

let host: ClusterHost;
let settings: ConnectionSettings;
let otherTlsDir: string;

beforeAll(async () => {
  host = await ClusterHost.start({
    brokers: 3, basePort: 0, seed: 17, defaultReplicationFactor: 3, tlsDir: join(tmpdir(), 'kafka-lab-test-tls-remote'),
    brokerConfig: { listeners: 'SASL_SSL://:0', 'sasl.enabled.mechanisms': 'SCRAM-SHA-512,SCRAM-SHA-256' },
    users: [{ name: 'alice', password: 'alice-secret' }], log: () => {},
  });
  await host.execute({ type: 'create-topic', topic: 'orders', partitions: 6, replicationFactor: 3 });
  await host.execute({ type: 'create-topic', topic: 'payments', partitions: 2, replicationFactor: 2 });
  while (!host.snapshot().topics.filter((t) => !t.internal).every((t) => t.partitions.every((p) => p.leader >= 0))) await new Promise((r) => setTimeout(r, 20));
  settings = {
    bootstrapServers: host.bootstrap, securityProtocol: 'SASL_SSL',
    sasl: { mechanism: 'SCRAM-SHA-512', username: 'alice', password: 'alice-secret' },
    tls: { caPem: host.labClientConnection!.ssl!.ca as string, verifyHostname: true },
  };
  otherTlsDir = mkdtempSync(join(tmpdir(), 'kafka-lab-test-tls-other-'));
}, 60_000);

afterAll(async () => {
  await host?.close();
  if (otherTlsDir) rmSync(otherTlsDir, { recursive: true, force: true });
});

describe('Test connection against a SASL_SSL + SCRAM cluster', () => {
  it('passes every step with the right settings', async () => {
    const report = await testConnection(settings);
    expect(report.failedStep, JSON.stringify(report.steps)).toBeNull();
    expect(report.steps.map((s) => [s.step, s.status])).toEqual([['resolve', 'ok'], ['tcp', 'ok'], ['tls', 'ok'], ['apiVersions', 'ok'], ['sasl', 'ok'], ['metadata', 'ok']]);
    expect(report.steps.find((s) => s.step === 'metadata')!.detail).toContain('3 brokers');
    expect(report.steps.find((s) => s.step === 'sasl')!.detail).toBe('SCRAM-SHA-512 as alice');
  });

  it('names SASL for a wrong password, and for a mechanism the listener does not enable', async () => {
    const wrong = await testConnection({ ...settings, sasl: { ...settings.sasl!, password: 'not-alices' } });
    expect(wrong.failedStep).toBe('sasl');
    expect(wrong.steps.find((s) => s.step === 'sasl')!.detail).toMatch(/^SASL_AUTHENTICATION_FAILED/);
    expect(wrong.steps.find((s) => s.step === 'metadata')!.status).toBe('not-run');
    const plain = await testConnection({ ...settings, sasl: { ...settings.sasl!, mechanism: 'PLAIN' } });
    expect(plain.failedStep).toBe('sasl');
    expect(plain.steps.find((s) => s.step === 'sasl')!.detail).toContain('UNSUPPORTED_SASL_MECHANISM: the listener does not enable PLAIN; it enables SCRAM-SHA-512, SCRAM-SHA-256');
  });

  it('names TCP for a closed port and for an address that never answers, within the connect timeout', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((r) => server.close(r));
    const closed = await testConnection({ ...settings, bootstrapServers: `127.0.0.1:${port}` });
    expect(closed.failedStep).toBe('tcp');
    expect(closed.steps.find((s) => s.step === 'tcp')!.detail).toContain('connection refused');
    // An address whose SYNs go unanswered (testing/black-hole-port.ts): the connect deadline ends the step.
    const blackHole = await blackHolePort();
    try {
      const unreachable = await testConnection({ ...settings, bootstrapServers: `127.0.0.1:${blackHole.port}`, connectTimeoutMs: 300 });
      expect(unreachable.failedStep).toBe('tcp');
      expect(unreachable.steps.find((s) => s.step === 'tcp')!.detail).toBe(`no answer from 127.0.0.1:${blackHole.port} within 300 ms (socket.connection.setup.timeout.ms): the address is unreachable or a firewall drops the packets`);
    } finally {
      blackHole.close();
    }
    const unknownHost = await testConnection({ ...settings, bootstrapServers: 'no-such-host.invalid:9092' });
    expect(unknownHost.failedStep).toBe('resolve');
    expect(unknownHost.steps.find((s) => s.step === 'resolve')!.detail).toContain('No resolvable bootstrap urls given in bootstrap.servers');
  });

  it('names TLS for a CA the brokers\' certificates do not chain to, in plain words; ApiVersions for PLAINTEXT on a TLS listener', async () => {
    const otherCa = ensureLabTls(otherTlsDir, '127.0.0.1').ca;
    const badCa = await testConnection({ ...settings, tls: { caPem: otherCa, verifyHostname: true } });
    expect(badCa.failedStep).toBe('tls');
    expect(badCa.steps.find((s) => s.step === 'tls')!.detail).toMatch(/^unknown CA: the broker's certificate at 127\.0\.0\.1:\d+ is not signed by a CA this profile trusts/);
    const plaintext = await testConnection({ ...settings, securityProtocol: 'PLAINTEXT', connectTimeoutMs: 2_000, requestTimeoutMs: 2_000 });
    expect(plaintext.failedStep).toBe('apiVersions');
  });
});

describe('RemoteKafkaClient against the same cluster', () => {
  it('reads brokers, controller, topics, leaders, replicas and ISR as the cluster reports them, over a small pool per broker', async () => {
    const client = new RemoteKafkaClient(settings, { maxConnectionsPerBroker: 2 });
    try {
      const metadata = await client.metadata();
      const snapshot = host.snapshot();
      expect(metadata.clusterId).toBe(snapshot.clusterId);
      expect(metadata.controllerId).toBe(snapshot.controller.activeControllerId);
      expect(metadata.brokers.map((b) => [b.nodeId, b.port]).sort()).toEqual(snapshot.brokers.map((b) => [b.brokerId, b.port]).sort());
      for (const name of ['orders', 'payments']) {
        const theirs = snapshot.topics.find((t) => t.name === name)!;
        const ours = metadata.topics.find((t) => t.name === name)!;
        expect(ours.partitions.map((p) => [p.partitionIndex, p.leaderId, p.replicaNodes, p.isrNodes]).sort((a, b) => (a[0] as number) - (b[0] as number)))
          .toEqual(theirs.partitions.map((p) => [p.partition, p.leader, p.replicas, p.inSyncReplicas]));
      }
      // One request to each broker by node id, several at once to one broker: the pool opens at most two there.
      const perBroker = await Promise.all(metadata.brokers.map((b) => client.request(b.nodeId, 18, {}, { version: 0 })));
      expect(perBroker.every((r) => r.body.errorCode === 0)).toBe(true);
      const first = metadata.brokers[0]!.nodeId;
      await Promise.all(Array.from({ length: 6 }, () => client.request(first, 3, { topics: [], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false })));
      const counts = client.connectionCounts();
      expect(counts[String(first)]).toBeGreaterThanOrEqual(1);
      expect(counts[String(first)]).toBeLessThanOrEqual(2);
      for (const b of metadata.brokers) expect(counts[String(b.nodeId)], JSON.stringify(counts)).toBeGreaterThanOrEqual(1);
    } finally {
      client.close();
    }
  }, 30_000);
});
