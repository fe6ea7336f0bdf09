/**
 * Issue 16 quota test: a client-id with a 100 KB/s producer_byte_rate quota (set with
 * AlterClientQuotas over the wire) is throttled to within 20 % of it over a few seconds, and
 * its Produce responses carry throttle times; the channel is muted meanwhile (KIP-219), so even a
 * client that ignores the throttle time is held to the quota. Quota windows shortened to
 * 3 × 1 s (quota.window.num, quota.window.size.seconds) so a few seconds of traffic suffice.
 * A consumer_byte_rate client-id (confluent-kafka-python, librdkafka) consumes at within 20 % of
 * its quota and its Fetch responses carry throttle times: Kafka answers a throttled Fetch empty at
 * once and mutes the channel (KafkaApis.handleFetchRequest, KIP-219), as it does Produce.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { encodeRecordBatch } from '../../protocol/records/encode';
import { Caller } from '../testing/caller';
import { RawClient } from '../testing/raw-client';
import { createTopic, portOf, startHost } from './harness';
import { itWith, missingConfluentKafka, runPython } from './tools';

const script = readFileSync(join(__dirname, 'quota-clients.py'), 'utf8');

const QUOTA = 100 * 1024;
/** After (quota.window.num − 1) windows the rate's window is full and the first burst paid back. */
const STEADY_FROM_MS = 2000;

describe('client quotas', () => {
  let host: ClusterHost;
  beforeAll(async () => {
    host = await startHost({ seed: 48, brokerConfig: { 'quota.window.num': '3', 'quota.window.size.seconds': '1' } });
    await createTopic(host, 'quota-topic', 1, 3);
  }, 60_000);
  afterAll(async () => {
    await host?.close();
  });

  it('throttles a 100 KB/s producer_byte_rate client-id to within 20 % and says so in throttleTimeMs', async () => {
    const caller = new Caller(host);
    try {
      const altered = await caller.call<{ entries: { errorCode: number }[] }>(1, 49, 1, {
        entries: [{ entity: [{ entityType: 'client-id', entityName: 'quota-client' }], ops: [{ key: 'producer_byte_rate', value: QUOTA, remove: false }] }],
        validateOnly: false,
      });
      expect(altered.entries[0]!.errorCode).toBe(0);
      const described = await caller.call<{ entries: { values: { key: string; value: number }[] }[] }>(1, 48, 1, { components: [{ entityType: 'client-id', matchType: 0, match: 'quota-client' }], strict: false });
      expect(described.entries[0]!.values).toEqual([{ key: 'producer_byte_rate', value: QUOTA }]);
    } finally {
      caller.close();
    }

    const leader = host.snapshot().topics.find((t) => t.name === 'quota-topic')!.partitions[0]!.leader;
    const client = await RawClient.connect(portOf(host, leader));
    const batch = encodeRecordBatch({ records: [{ key: null, value: Buffer.alloc(10 * 1024, 120) }] });
    const throttles: number[] = [];
    let firstThrottledAt = 0;
    let bytesAcknowledged = 0;
    const started = Date.now();
    try {
      // A producer that ignores throttle times, keeping two 10 KB batches in flight for about 5 s:
      // only the broker's muting holds it back, not its own round trips.
      const send = (i: number): void => client.request(0, 9, i, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'quota-topic', partitionData: [{ index: 0, records: batch }] }] }, 'quota-client');
      send(0);
      send(1);
      for (let i = 0; Date.now() - started < 5000; i++) {
        await client.waitFrames(i + 1, 10_000);
        send(i + 2);
        const body = client.decode<{ throttleTimeMs: number; responses: { partitionResponses: { errorCode: number }[] }[] }>(i, 0, 9).body;
        expect(body.responses[0]!.partitionResponses[0]!.errorCode).toBe(0);
        if (Date.now() - started >= STEADY_FROM_MS) bytesAcknowledged += batch.length;
        if (body.throttleTimeMs > 0) {
          throttles.push(body.throttleTimeMs);
          if (firstThrottledAt === 0) firstThrottledAt = Date.now();
        }
      }
    } finally {
      client.close();
    }
    // The steady rate, once the first burst (allowed within the first quota window) is paid back.
    const seconds = (Date.now() - started - STEADY_FROM_MS) / 1000;
    const rate = bytesAcknowledged / seconds;
    expect(firstThrottledAt - started).toBeLessThan(2000);
    expect(throttles.length).toBeGreaterThan(3);
    expect(rate).toBeGreaterThan(QUOTA * 0.8);
    expect(rate).toBeLessThan(QUOTA * 1.2);
  }, 30_000);

  itWith(missingConfluentKafka, 'throttles a 100 KB/s consumer_byte_rate consumer to within 20 % and its Fetch responses carry throttle times', async () => {
    await createTopic(host, 'fetch-quota-topic', 1, 3);
    const leader = host.snapshot().topics.find((t) => t.name === 'fetch-quota-topic')!.partitions[0]!.leader;
    // 1.5 MB in 10 KB records: more than 8 s of consumption at the quota.
    const producer = await RawClient.connect(portOf(host, leader));
    // One record per batch: a Fetch returns whole batches, so 10 KB batches keep each response near its 110 KB maxBytes (ten batches).
    const batch = encodeRecordBatch({ records: [{ key: null, value: Buffer.alloc(10 * 1024, 121) }] });
    try {
      for (let i = 0; i < 150; i++) producer.request(0, 9, i, { transactionalId: null, acks: -1, timeoutMs: 10_000, topicData: [{ name: 'fetch-quota-topic', partitionData: [{ index: 0, records: batch }] }] }, 'loader');
      await producer.waitFrames(150, 60_000);
      for (let i = 0; i < 150; i++) expect(producer.decode<{ responses: { partitionResponses: { errorCode: number }[] }[] }>(i, 0, 9).body.responses[0]!.partitionResponses[0]!.errorCode).toBe(0);
    } finally {
      producer.close();
    }
    expect(await host.execute({ type: 'set-client-quota', entity: { 'client-id': 'slow-reader' }, key: 'consumer_byte_rate', value: QUOTA })).toMatchObject({ ok: true });
    const out = JSON.parse(await runPython(script, ['consume', host.bootstrap, 'slow-reader', 'fetch-quota-topic', '8'], 90_000)) as { arrivals: [number, number][]; throttles: { ms: number }[] };
    const first = out.arrivals[0]![0];
    // The steady rate, from (quota.window.num − 1) windows after the first record to the last one.
    const steady = out.arrivals.filter(([t]) => t >= first + STEADY_FROM_MS);
    const bytes = steady.reduce((sum, [, size]) => sum + size, 0);
    const rate = bytes / ((steady[steady.length - 1]![0] - first - STEADY_FROM_MS) / 1000);
    // librdkafka also calls throttle_cb with 0 once a throttled period is over.
    const throttled = out.throttles.filter((t) => t.ms > 0);
    expect(throttled.length).toBeGreaterThan(3);
    expect(throttled.every((t) => t.ms <= 3000)).toBe(true);
    expect(rate).toBeGreaterThan(QUOTA * 0.8);
    expect(rate).toBeLessThan(QUOTA * 1.2);
    console.log(`consumer_byte_rate ${QUOTA} B/s: measured ${Math.round(rate)} B/s over ${steady.length} records, ${throttled.length} throttled responses`);
  }, 120_000);
});
