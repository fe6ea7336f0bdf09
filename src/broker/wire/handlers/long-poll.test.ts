/**
 * Fetch long-poll (MaxWaitMs/MinBytes) and Produce acks=0 against a real ClusterHost: a fetch at
 * the highWatermark waits until a produce moves it (and answers at once then), or until MaxWaitMs
 * of simulated time; acks=0 appends without any response; Produce v0-2 closes the connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { encodeRequest } from '../../protocol';
import { encodeRecordBatch } from '../../protocol/records';
import { createTopic, portOf, startHost, topicView, waitFor } from '../conformance/harness';
import { Caller } from '../testing/caller';
import { RawClient } from '../testing/raw-client';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Fetch long-poll and Produce acks=0', () => {
  let host: ClusterHost;
  let leader: number;
  const batch = (value: string): Buffer => encodeRecordBatch({ records: [{ key: null, value: Buffer.from(value) }] });
  const produce = (acks: number, value: string) => ({ transactionalId: null, acks, timeoutMs: 5000, topicData: [{ name: 'poll', partitionData: [{ index: 0, records: batch(value) }] }] });
  const fetchAt = (fetchOffset: number, maxWaitMs: number, minBytes = 1) => ({
    replicaId: -1, maxWaitMs, minBytes, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
    topics: [{ topic: 'poll', partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset, logStartOffset: -1, partitionMaxBytes: 1 << 20 }] }],
    forgottenTopicsData: [], rackId: '',
  });

  beforeAll(async () => {
    host = await startHost({ seed: 81 });
    leader = (await createTopic(host, 'poll', 1, 3)).partitions[0]!.leader;
  });
  afterAll(async () => {
    await host?.close();
  });

  it('waits for MaxWaitMs when there is nothing to read', async () => {
    const caller = new Caller(host);
    const started = Date.now();
    const body: Obj = await caller.call(leader, 1, 11, fetchAt(0, 400));
    const elapsed = Date.now() - started;
    caller.close();
    expect(body.responses[0].partitions[0]).toMatchObject({ errorCode: 0, highWatermark: 0 });
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(2000);
  });

  it('answers at once when MinBytes is 0, whatever MaxWaitMs says', async () => {
    const caller = new Caller(host);
    const started = Date.now();
    const body: Obj = await caller.call(leader, 1, 11, fetchAt(0, 5000, 0));
    caller.close();
    expect(body.responses[0].partitions[0].errorCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('answers a waiting fetch as soon as a produce moves the highWatermark, keeping response order', async () => {
    const consumer = await RawClient.connect(portOf(host, leader));
    consumer.request(1, 11, 1, fetchAt(0, 10_000));
    consumer.request(3, 9, 2, { topics: null, allowAutoTopicCreation: false });
    await new Promise((r) => setTimeout(r, 100));
    // The Metadata answer is ready but must wait behind the long-polling Fetch (request order).
    expect(consumer.frames).toHaveLength(0);
    const started = Date.now();
    const caller = new Caller(host);
    const produced: Obj = await caller.call(leader, 0, 9, produce(-1, 'wake-up'));
    expect(produced.responses[0].partitionResponses[0].errorCode).toBe(0);
    await consumer.waitFrames(2);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(consumer.decode(0, 1, 11).correlationId).toBe(1);
    expect(consumer.decode(1, 3, 9).correlationId).toBe(2);
    const fetched: Obj = consumer.decode(0, 1, 11).body;
    expect(fetched.responses[0].partitions[0].records.length).toBeGreaterThan(0);
    consumer.close();
    caller.close();
  });

  it('appends acks=0 produces without answering them', async () => {
    const client = await RawClient.connect(portOf(host, leader));
    const before = topicView(host, 'poll')!.partitions[0]!.highWatermark;
    for (let i = 0; i < 5; i++) client.request(0, 7, 10 + i, produce(0, `fire-and-forget-${i}`));
    client.request(18, 2, 99, {});
    await client.waitFrames(1);
    expect(client.decode(0, 18, 2).correlationId).toBe(99);
    await waitFor('acks=0 records replicated', () => topicView(host, 'poll')!.partitions[0]!.highWatermark === before + 5);
    await new Promise((r) => setTimeout(r, 50));
    expect(client.frames).toHaveLength(1);
    client.close();
  });

  it('closes the connection on Produce v0-2 (advertised for librdkafka, not served)', async () => {
    for (const v of [0, 1, 2]) {
      const client = await RawClient.connect(portOf(host, leader));
      const frame = encodeRequest(0, 3, 1, 'old', produce(1, 'x'));
      frame.writeInt16BE(v, 6);
      client.send(frame);
      expect(await client.waitClosed(), `v${v}`).toBe(true);
      expect(client.frames).toHaveLength(0);
    }
  });
});
