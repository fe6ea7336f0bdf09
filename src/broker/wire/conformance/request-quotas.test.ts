/**
 * Issue 16: request_percentage quotas (KIP-124, Kafka's ClientRequestQuotaManager) over real sockets.
 * - With the test hook charging 100 ms of thread time per request, a client-id with a 12 %
 *   quota (quota windows 3 × 1 s) gets throttle times as Kafka computes them: 0, 0, 500 ms
 *   ((15 % − 12 %) / 12 % × 2 s, less the ms between the requests), then bounded to one window; its channel stays muted meanwhile, and
 *   another client-id is not throttled.
 * - Measured (no hook): confluent-kafka-python's producer with a tiny quota has its responses carry
 *   throttle times (librdkafka's throttle_cb), bounded to one quota window, and still delivers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { RawClient } from '../testing/raw-client';
import { createTopic, portOf, startHost } from './harness';
import { itWith, missingConfluentKafka, runPython } from './tools';

const script = readFileSync(join(__dirname, 'quota-clients.py'), 'utf8');
const METADATA = { topics: [], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false };

describe('request_percentage quotas', () => {
  let host: ClusterHost;
  beforeAll(async () => {
    host = await startHost({ brokers: 1, defaultReplicationFactor: 1, seed: 124, brokerConfig: { 'quota.window.num': '3', 'quota.window.size.seconds': '1' } });
    await createTopic(host, 'busy-topic', 1, 1);
  }, 60_000);
  afterAll(async () => {
    await host?.close();
  });
  afterEach(() => {
    host.quotaManager!.requestTimeChargeNanos = null;
  });

  const setQuota = async (clientId: string, value: number | null): Promise<void> => {
    expect(await host.execute({ type: 'set-client-quota', entity: { 'client-id': clientId }, key: 'request_percentage', value })).toMatchObject({ ok: true });
  };

  it('throttles by thread time charged per request, bounded to one window, muting the channel', async () => {
    await setQuota('busy', 12);
    host.quotaManager!.requestTimeChargeNanos = () => 100e6;
    const client = await RawClient.connect(portOf(host, 1));
    try {
      const throttleOf = async (i: number, clientId: string): Promise<number> => {
        client.request(3, 12, i, METADATA, clientId);
        await client.waitFrames(i + 1, 10_000);
        return client.decode<{ throttleTimeMs: number }>(i, 3, 12).body.throttleTimeMs;
      };
      expect(await throttleOf(0, 'busy')).toBe(0);
      expect(await throttleOf(1, 'busy')).toBe(0);
      // Exactly 500 ms when the three arrive at one instant; the rate's window also counts the ms between them.
      const third = await throttleOf(2, 'busy');
      expect(third).toBeGreaterThan(400);
      expect(third).toBeLessThanOrEqual(500);
      const mutedFrom = Date.now();
      // The next request is read only once the channel is unmuted (KIP-219).
      const fourth = await throttleOf(3, 'busy');
      expect(Date.now() - mutedFrom).toBeGreaterThanOrEqual(third - 100);
      expect(fourth).toBeGreaterThan(0);
      expect(fourth).toBeLessThanOrEqual(1000);
      // Another client-id on the same connection has no quota: not throttled.
      expect(await throttleOf(4, 'other')).toBe(0);
      const throttled = host.snapshot().security?.throttled ?? [];
      expect(throttled.find((t) => t.clientId === 'busy')).toMatchObject({ quotaType: 'request', quota: 12, brokerId: 1 });
    } finally {
      client.close();
      await setQuota('busy', null);
    }
  }, 30_000);

  itWith(missingConfluentKafka, 'confluent-kafka-python with a tiny request_percentage gets throttle times in its responses and still delivers', async () => {
    await setQuota('tiny-share', 0.0001);
    try {
      const out = JSON.parse(await runPython(script, ['produce', host.bootstrap, 'tiny-share', 'busy-topic', '0'], 90_000)) as { delivered: number; errors: string[]; throttles: { ms: number }[] };
      expect(out.errors).toEqual([]);
      expect(out.delivered).toBe(5);
      expect(out.throttles.length).toBeGreaterThan(0);
      for (const t of out.throttles) {
        expect(t.ms).toBeGreaterThan(0);
        expect(t.ms).toBeLessThanOrEqual(1000);
      }
    } finally {
      await setQuota('tiny-share', null);
    }
  }, 120_000);
});
