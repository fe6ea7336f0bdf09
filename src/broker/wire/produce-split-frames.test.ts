/**
 * Produce requests that arrive split across socket reads, against the real cluster host: the
 * decoder assembles them in its shared scratch buffer, which the next split frame overwrites, and
 * the Produce handler passes the record sets on as views of it (handler.ts keepsNoRequestBytes).
 * The model copies them into log memory while the request is handled, so every stored batch must
 * read back intact, CRC included, however the stream was cut.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRequest } from '../protocol';
import { encodeRecordBatch } from '../protocol/records';
import type { ClusterHost } from '../host/cluster-host';
import { createTopic, portOf, readPartition, startHost } from './conformance/harness';
import { RawClient } from './testing/raw-client';

const PRODUCE = 0;
const METADATA = 3;

describe('Produce frames split across socket reads', () => {
  let host: ClusterHost;
  beforeAll(async () => {
    host = await startHost({ seed: 17 });
  });
  afterAll(async () => {
    await host?.close();
  });

  it('stores every record set intact when each write ends inside a frame', async () => {
    const topic = await createTopic(host, 'split-frames', 1, 3);
    const client = await RawClient.connect(portOf(host, topic.partitions[0]!.leader));
    try {
      const values = (request: number) => Array.from({ length: 40 }, (_, i) => `request ${request} record ${i} ${'x'.repeat(60 + ((request * 7 + i) % 13))}`);
      const frames: Buffer[] = [];
      for (let r = 0; r < 6; r++) {
        const records = encodeRecordBatch({ records: values(r).map((v, i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from(v), timestamp: 1_700_000_000_000 + i })) });
        frames.push(encodeRequest(PRODUCE, 9, r + 1, 'split-test', { transactionalId: null, acks: -1, timeoutMs: 10_000, topicData: [{ name: 'split-frames', partitionData: [{ index: 0, records }] }] }));
        // A split Metadata request between two produces reuses the scratch the produce was assembled in.
        if (r === 2) frames.push(encodeRequest(METADATA, 9, 100, 'split-test', { topics: null, allowAutoTopicCreation: false }));
      }
      const stream = Buffer.concat(frames);
      // Cut every frame three times: in its size prefix, in its request header, in its middle (a
      // produce's record set), so each one is assembled in the scratch the previous one used.
      const cuts: number[] = [];
      let start = 0;
      for (const f of frames) {
        for (const at of new Set([2, 30, Math.floor(f.length / 2)].sort((a, b) => a - b))) if (at < f.length) cuts.push(start + at);
        start += f.length;
      }
      let from = 0;
      for (const to of [...cuts, stream.length]) {
        client.send(stream.subarray(from, to));
        from = to;
        // Separate writes reach the broker as separate reads on loopback once the previous one was read.
        await new Promise((r) => setTimeout(r, 15));
      }
      const answers = await client.waitFrames(7, 15_000);
      expect(answers).toHaveLength(7);
      const produced = [0, 1, 2, 4, 5, 6].map((i) => client.decode<{ responses: { partitionResponses: { errorCode: number; baseOffset: number }[] }[] }>(i, PRODUCE, 9));
      expect(produced.map((a) => a.correlationId)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(produced.map((a) => a.body.responses[0]!.partitionResponses[0]!)).toEqual([0, 1, 2, 3, 4, 5].map((r) => ({ errorCode: 0, baseOffset: r * 40 })).map((p) => expect.objectContaining(p)));
      expect(client.decode(3, METADATA, 9).correlationId).toBe(100);
      const stored = await readPartition(host, 'split-frames', 0);
      expect(stored.map((r) => r.value)).toEqual([0, 1, 2, 3, 4, 5].flatMap(values));
    } finally {
      client.close();
    }
  });
});
