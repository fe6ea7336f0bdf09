/**
 * Issue 17, host side over real sockets: profiles (secrets never sent back), Test connection, and
 * the remote view of an embedded SASL_SSL + SCRAM cluster started here, checked against that
 * cluster's own snapshot: brokers, controller, topics, leaders, replicas, ISR, offsets, a group's lag.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterHost } from '../../broker/host/cluster-host';
import type { ConnectionProfileInput } from '../../shared/remote-contract';
import { MemoryProfileStore } from './profile-store';
import { RemoteService } from './remote-service';

let host: ClusterHost;
let service: RemoteService;
let profile: ConnectionProfileInput;

beforeAll(async () => {
  host = await ClusterHost.start({
    brokers: 3, basePort: 0, seed: 1717, defaultReplicationFactor: 3, tlsDir: join(tmpdir(), 'kafka-lab-test-tls-remote-service'),
    brokerConfig: { listeners: 'SASL_SSL://:0', 'sasl.enabled.mechanisms': 'SCRAM-SHA-256' },
    users: [{ name: 'bob', password: 'bob-secret' }], log: () => {},
  });
  await host.execute({ type: 'create-topic', topic: 'orders', partitions: 3, replicationFactor: 3 });
  while (!host.snapshot().topics.find((t) => t.name === 'orders')?.partitions.every((p) => p.leader >= 0)) await new Promise((r) => setTimeout(r, 20));
  const ca = host.labClientConnection!.ssl!.ca as string;
  const kafka = new Kafka({ clientId: 'remote-service-test', brokers: host.bootstrap.split(','), ssl: { ca }, sasl: { mechanism: 'scram-sha-256', username: 'bob', password: 'bob-secret' }, logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'orders', acks: -1, messages: Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `v${i}` })) });
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.setOffsets({ groupId: 'billing', topic: 'orders', partitions: [{ partition: 0, offset: '4' }] });
  await admin.disconnect();
  service = new RemoteService(new MemoryProfileStore());
  profile = {
    name: 'staging', colour: '#3b82f6', readOnly: true, bootstrapServers: host.bootstrap, securityProtocol: 'SASL_SSL',
    sasl: { mechanism: 'SCRAM-SHA-256', username: 'bob', password: 'bob-secret' }, tls: { caPem: ca, verifyHostname: true }, pollIntervalMs: 1000,
  };
}, 60_000);

afterAll(async () => {
  service?.close();
  await host?.close();
});

describe('RemoteService', () => {
  it('keeps profiles without handing secrets back, and refuses bad settings in words', async () => {
    const saved = await service.saveConnectionProfile(profile);
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.profile.sasl).toEqual({ mechanism: 'SCRAM-SHA-256', username: 'bob', hasPassword: true });
    expect(JSON.stringify(await service.listConnectionProfiles())).not.toContain('bob-secret');
    expect((await service.listConnectionProfiles()).secretStorage).toBe('memory');
    // Editing with an empty password keeps the stored one.
    const edited = await service.saveConnectionProfile({ ...profile, id: saved.profile.id, name: 'staging 2', sasl: { ...profile.sasl!, password: '' } });
    expect(edited.ok && edited.profile.name).toBe('staging 2');
    expect((await service.testConnection({ profileId: saved.profile.id })).ok).toBe(true);
    expect(await service.saveConnectionProfile({ ...profile, bootstrapServers: 'nohost' })).toMatchObject({ ok: false, message: 'Invalid url in bootstrap.servers: nohost' });
    expect(await service.saveConnectionProfile({ ...profile, sasl: undefined })).toMatchObject({ ok: false, message: expect.stringContaining('SASL_SSL needs a SASL mechanism') });
    expect(await service.saveConnectionProfile({ ...profile, tls: 'yes' as never })).toMatchObject({ ok: false, message: 'TLS settings need verifyHostname (true or false)' });
    expect(await service.deleteConnectionProfile(saved.profile.id)).toEqual({ ok: true });
    expect((await service.listConnectionProfiles()).profiles).toEqual([]);
  }, 30_000);

  it('reports a wrong password at the SASL step', async () => {
    const report = await service.testConnection({ settings: { ...profile, sasl: { ...profile.sasl!, password: 'wrong' } } });
    expect(report.failedStep).toBe('sasl');
  }, 30_000);

  it('reads the remote cluster into the same view the embedded one fills', async () => {
    const saved = await service.saveConnectionProfile(profile);
    if (!saved.ok) throw new Error(saved.message);
    const answer = await service.getRemoteView(saved.profile.id);
    if (!answer.ok) throw new Error(answer.message);
    const { view, panels } = answer.result;
    const own = host.snapshot();
    expect(panels.filter((p) => !p.ok)).toEqual([]);
    expect(view.clusterId).toBe(own.clusterId);
    expect(view.seed).toBeNull();
    expect(view.controller.activeControllerId).toBe(own.controller.activeControllerId);
    expect(view.brokers.map((b) => [b.brokerId, b.port, b.isActiveController, b.leaderCount])).toEqual(own.brokers.map((b) => [b.brokerId, b.port, b.isActiveController, b.leaderCount]));
    const theirs = own.topics.find((t) => t.name === 'orders')!;
    const ours = view.topics.find((t) => t.name === 'orders')!;
    expect(ours.partitions.map((p) => [p.partition, p.leader, p.leaderEpoch, p.replicas, p.inSyncReplicas, p.highWatermark, p.logStartOffset]))
      .toEqual(theirs.partitions.map((p) => [p.partition, p.leader, p.leaderEpoch, p.replicas, p.inSyncReplicas, p.highWatermark, p.logStartOffset]));
    expect(ours.partitions[0]!.highWatermark).toBe(10);
    expect(ours.configs.find((c) => c.name === 'cleanup.policy')).toMatchObject({ value: 'delete' });
    expect(view.brokerConfigs?.map((b) => b.brokerId)).toEqual(own.brokerConfigs!.map((b) => b.brokerId));
    const ownBroker1 = own.brokerConfigs!.find((b) => b.brokerId === 1)!.configs.find((c) => c.name === 'min.insync.replicas')!;
    expect(view.brokerConfigs!.find((b) => b.brokerId === 1)!.configs.find((c) => c.name === 'min.insync.replicas')).toMatchObject({ value: ownBroker1.value, source: ownBroker1.source });
    const billing = view.groups.find((g) => g.groupId === 'billing')!;
    expect(billing.offsets).toEqual([expect.objectContaining({ topic: 'orders', partition: 0, committedOffset: 4, endOffset: 10, lag: 6 })]);
    expect(billing.totalLag).toBe(6);
    expect(billing.coordinatorId).toBe(own.groups.find((g) => g.groupId === 'billing')!.coordinatorId);
  }, 30_000);
});
