/**
 * The huge-arrays family stays within the broker's frame limit (issue 11). `npm run fuzz -- --seconds
 * 120 --seed 7 --all` stopped at round 856 (watchdog: rss 3143 MiB, event loop busy): the family had
 * copied a Produce v3 whose one partition carried a 300 KiB batch 5000 times, a 1.47 GB request.
 * The broker refused it on its size prefix (FrameDecoder, Kafka's socket.request.max.bytes) without
 * buffering it; the time and memory went into encoding it in the fuzzer, which is the brokers'
 * process. Here fill.ts is replaced by that body; the family's request must fit in 100 MiB.
 */
import { describe, expect, it, vi } from 'vitest';
import { encodeRequest } from '../protocol';
import { encodeRecordBatch } from '../protocol/records';
import { Random } from '../sim/random';
import { DEFAULT_SOCKET_REQUEST_MAX_BYTES } from '../wire/frame-decoder';
import type { CaseIO } from './families/family';
import { copiesWithinFrameLimit, hugeArrays } from './families/schema';
import { Hostile } from './hostile';
import type { Body } from './lane';

const PRODUCE = 0;
// Incompressible values (a hash chain), so the batch is ~300 KiB as in the seed-7 case.
const values = Array.from({ length: 300 }, (_, i) => Buffer.alloc(1024, i * 7919 + 13));
const BIG_BATCH = encodeRecordBatch({ compression: 'none', records: values.map((value, i) => ({ key: Buffer.from(`k${i}`), value, timestamp: 1_700_000_000_000 })) });

vi.mock('./fill', () => ({
  fillRequest: () => ({ transactionalId: null, acks: -1, timeoutMs: 100, topicData: [{ name: 'fuzz-created-2', partitionData: [{ index: 2147483647, records: BIG_BATCH }] }] }),
}));

/** Runs one huge-arrays case for Produce v3 and returns the body it would send. */
async function generated(seed: number): Promise<Body> {
  let sent: Body | null = null;
  const io: CaseIO = {
    h: new Hostile(new Random(seed), ['valid']),
    call: async (_apiKey, body) => {
      sent = typeof body === 'function' ? body(3) : body;
      return { kind: 'no-response' };
    },
    version: () => 3,
    coordinator: async () => 1,
  };
  await hugeArrays([{ apiKey: PRODUCE, minVersion: 3, maxVersion: 3 }]).run(io, 0);
  return sent!;
}

describe('huge-arrays keeps its requests within socket.request.max.bytes', () => {
  it('copies a Produce partition carrying a 300 KiB batch only as often as 100 MiB allows', async () => {
    expect(BIG_BATCH.length).toBeGreaterThan(300 * 1024);
    for (const seed of [1, 2, 3]) {
      const body = await generated(seed);
      const topicData = body.topicData as { partitionData: { records: Buffer }[] }[];
      // Counted before encoding: before the bound this was 500-5000 copies, 0.15-1.5 GB.
      const recordBytes = topicData.reduce((sum, t) => sum + t.partitionData.reduce((s, p) => s + p.records.length, 0), 0);
      expect(recordBytes).toBeLessThanOrEqual(DEFAULT_SOCKET_REQUEST_MAX_BYTES);
      expect(topicData.length).toBeGreaterThan(100);
      const frame = encodeRequest(PRODUCE, 3, 1, 'c'.repeat(5000), body);
      expect(frame.length).toBeLessThanOrEqual(DEFAULT_SOCKET_REQUEST_MAX_BYTES);
    }
  });

  it('leaves small elements at the drawn counts', () => {
    const body = { transactionalId: null, acks: -1, timeoutMs: 100, topicData: [{ name: 't', partitionData: [{ index: 0, records: null }] }] };
    expect(copiesWithinFrameLimit(PRODUCE, 3, body)).toBeGreaterThan(5000);
  });
});
