/**
 * kafkajs over real sockets: it sends no KIP-511 client_software_name (its ApiVersions stops at v2,
 * asked on the seed connection only), yet every one of its connections is named kafkajs in the
 * connection view, marked inferred, and a client that reports its name (our RawClient with
 * ApiVersions v3) is shown as reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import type { ClusterHost } from '../../host/cluster-host';
import { createTopic, startHost, waitFor } from './harness';

describe('client software of kafkajs connections', () => {
  let host: ClusterHost;
  beforeAll(async () => {
    host = await startHost({ seed: 12 });
  });
  afterAll(async () => {
    await host?.close();
  });

  it('names every kafkajs connection kafkajs (inferred), none unknown', async () => {
    await createTopic(host, 'software', 3, 3);
    const kafka = new Kafka({ clientId: 'orders-service', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    try {
      // Three partitions led by three brokers: kafkajs opens a connection to each leader.
      await producer.send({ topic: 'software', messages: [0, 1, 2].map((partition) => ({ partition, value: `v${partition}` })) });
      const mine = await waitFor('connections to every broker', () => {
        const list = host.snapshot().connections.filter((c) => c.clientId === 'orders-service');
        return new Set(list.map((c) => c.brokerId)).size === 3 ? list : undefined;
      });
      expect(mine.every((c) => c.clientSoftwareName === null)).toBe(true); // kafkajs reports nothing itself
      expect(mine.map((c) => c.software?.name)).toEqual(mine.map(() => 'kafkajs'));
      expect(mine.every((c) => c.software?.source === 'inferred')).toBe(true);
    } finally {
      await producer.disconnect();
    }
  }, 60_000);
});
