/**
 * Issue 16: the workbench (the UI's own kafkajs clients) reaches a SASL_SSL listener with the CA
 * and the SCRAM user the host made for it (ClusterHost.labClientConnection), and a plain client
 * without credentials is refused there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterHost } from '../../broker/host/cluster-host';
import { Workbench } from './workbench';
import type { ProduceRequest } from '../../shared/workbench-contract';

describe('workbench on a SASL_SSL listener', () => {
  let host: ClusterHost;
  let secured: Workbench;
  let unauthenticated: Workbench;
  beforeAll(async () => {
    host = await ClusterHost.start({ brokers: 1, basePort: 0, seed: 9, defaultReplicationFactor: 1, tlsDir: join(tmpdir(), 'kafka-lab-test-tls-workbench'), brokerConfig: { listeners: 'SASL_SSL://:0', 'sasl.enabled.mechanisms': 'SCRAM-SHA-512' }, log: () => {} });
    secured = new Workbench({ bootstrap: host.bootstrap, connection: host.labClientConnection });
    unauthenticated = new Workbench({ bootstrap: host.bootstrap, connection: { ssl: host.labClientConnection!.ssl } });
  }, 30_000);
  afterAll(async () => {
    await Promise.allSettled([secured?.close(), unauthenticated?.close()]);
    await host?.close();
  });

  it('produces with the lab UI user and shows it among the users; without credentials it is refused', async () => {
    expect(host.labClientConnection?.sasl).toMatchObject({ mechanism: 'scram-sha-512', username: 'kafka-lab-ui' });
    expect(host.snapshot().listenerSecurity?.users.map((u) => u.name)).toEqual(['kafka-lab-ui']);
    await host.execute({ type: 'create-topic', topic: 'wb-secured', partitions: 1, replicationFactor: 1 });
    while (!host.snapshot().topics.find((t) => t.name === 'wb-secured')?.partitions.every((p) => p.leader >= 0)) await new Promise((r) => setTimeout(r, 20));
    const request: ProduceRequest = { topic: 'wb-secured', partition: 0, key: 'k', value: 'v', headers: [], acks: -1, compression: 'none', delivery: 'plain' };
    const ok = await secured.produceRecord(request);
    expect(ok, JSON.stringify(ok)).toMatchObject({ ok: true, offset: 0 });
    const refused = await unauthenticated.produceRecord(request);
    expect(refused.ok).toBe(false);
  }, 60_000);
});
