/**
 * Bad input (issue 3): thousands of random and mutated frames — valid headers with garbage
 * bodies, mutated valid requests, absurd lengths, unknown API keys and versions — sent to one
 * broker while a well-behaved kafkajs client keeps producing to and reading metadata from that
 * same broker. The server must answer or close each bad connection, never crash, never stop
 * serving the good client, and keep its memory bounded. A second pass sends well-formed requests
 * of every served API with absurd field values. Reproduce with FUZZ_SEED=<n>.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { encodeRequest } from '../../protocol';
import type { ClusterHost } from '../../host/cluster-host';
import { createHandlerRegistry } from '../handlers';
import { createTopic, startHost, topicView } from './harness';
import { RandomRequests } from './random-requests';

const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const FRAMES = 8000;
const FRAMES_PER_CONNECTION = 40;
const VALUE_FRAMES = 3000;

/** mulberry32: small seeded PRNG so a failing run can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function frameGenerator(seed: number): () => Buffer {
  const random = prng(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => int(256)));
  const apis = createHandlerRegistry().advertised();
  const templates: Buffer[] = [];
  for (const api of apis) {
    for (let v = api.minVersion; v <= api.maxVersion; v++) {
      try {
        templates.push(encodeRequest(api.apiKey, v, 0, 'fuzz', {}));
      } catch {
        // a schema whose required fields have no default cannot be templated empty; skip it
      }
    }
  }
  const sized = (payload: Buffer): Buffer => {
    const size = Buffer.alloc(4);
    size.writeInt32BE(payload.length);
    return Buffer.concat([size, payload]);
  };
  const header = (apiKey: number, apiVersion: number): Buffer => {
    const h = Buffer.alloc(10);
    h.writeInt16BE(apiKey, 0);
    h.writeInt16BE(apiVersion, 2);
    h.writeInt32BE(int(1 << 30), 4);
    h.writeInt16BE(-1, 8); // null client id
    return h;
  };
  return () => {
    const kind = int(6);
    if (kind === 0) {
      // valid header of a served API, random body
      const api = apis[int(apis.length)]!;
      const v = api.minVersion + int(api.maxVersion - api.minVersion + 1);
      return sized(Buffer.concat([header(api.apiKey, v), bytes(int(200))]));
    }
    if (kind === 1 || kind === 2) {
      // a valid request with bytes flipped, truncated or extended
      const t = Buffer.from(templates[int(templates.length)]!);
      const body = t.subarray(4);
      for (let i = 0, n = 1 + int(6); i < n && body.length > 8; i++) body[8 + int(body.length - 8)] = int(256);
      if (kind === 2 && body.length > 9) return sized(body.subarray(0, 8 + int(body.length - 8)));
      if (random() < 0.3) return sized(Buffer.concat([body, bytes(int(64))]));
      return t;
    }
    if (kind === 3) {
      // absurd or negative size prefixes, sometimes with a partial payload
      const size = Buffer.alloc(4);
      size.writeInt32BE([0x7fffffff, -1, -2147483648, 104857601, 1 << 30, 0, 3][int(7)]!);
      return Buffer.concat([size, bytes(int(16))]);
    }
    if (kind === 4) {
      // unknown API keys and versions
      return sized(Buffer.concat([header(int(2) ? 100 + int(30000) : apis[int(apis.length)]!.apiKey, int(2) ? 40 + int(1000) : -1 - int(5)), bytes(int(40))]));
    }
    return bytes(1 + int(64));
  };
}

/**
 * Sends frames on a fresh connection and waits until it closes, or goes quiet for 25 ms after its
 * last answer (some valid requests legitimately wait, e.g. a long-poll Fetch), at most 300 ms.
 */
function sendAndSettle(port: number, frames: Buffer[]): Promise<'closed' | 'open'> {
  return new Promise((resolve) => {
    const socket: Socket = connect({ host: '127.0.0.1', port }, () => {
      for (const f of frames) socket.write(f);
    });
    let settled = false;
    let quiet: ReturnType<typeof setTimeout> | null = null;
    const done = (how: 'closed' | 'open'): void => {
      if (settled) return;
      settled = true;
      clearTimeout(cap);
      if (quiet) clearTimeout(quiet);
      socket.destroy();
      resolve(how);
    };
    const rearm = (): void => {
      if (quiet) clearTimeout(quiet);
      quiet = setTimeout(() => done('open'), 25);
    };
    socket.on('data', rearm);
    socket.on('error', () => done('closed'));
    socket.on('close', () => done('closed'));
    const cap = setTimeout(() => done('open'), 300);
    rearm();
  });
}

/** Runs a well-behaved kafkajs producer/admin on the fuzzed broker while `fuzz` runs; returns its sends. */
async function withGoodClient(host: ClusterHost, fuzz: () => Promise<void>): Promise<number> {
  const kafka = new Kafka({ clientId: 'fuzz-good-client', brokers: [host.bootstrap], logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  const admin = kafka.admin();
  await producer.connect();
  await admin.connect();
  let goodSends = 0;
  let fuzzing = true;
  const good = (async () => {
    while (fuzzing) {
      await producer.send({ topic: 'fuzz-good', acks: -1, messages: [{ value: `good-${goodSends}` }] });
      goodSends++;
      const { topics } = await admin.fetchTopicMetadata({ topics: ['fuzz-good'] });
      expect(topics[0]!.partitions[0]!.leader).toBe(1);
    }
  })();
  try {
    await fuzz();
  } finally {
    fuzzing = false;
    await good;
    await producer.disconnect();
    await admin.disconnect();
  }
  return goodSends;
}

describe(`fuzzing the frame decoder and handlers (FUZZ_SEED=${SEED})`, () => {
  let host: ClusterHost;
  /** Handler exceptions (the connection was closed); Kafka would answer UNKNOWN_SERVER_ERROR instead. */
  const handlerFailures: string[] = [];
  beforeAll(async () => {
    host = await startHost({
      brokers: 1, seed: 61, defaultReplicationFactor: 1, brokerConfig: { 'auto.create.topics.enable': 'false' },
      log: (level, message) => {
        if (level === 'warn') handlerFailures.push(message.split('\n')[0]!);
      },
    });
    await createTopic(host, 'fuzz-good', 1, 1);
    await createTopic(host, 'fuzz-target', 2, 1);
  });
  afterAll(async () => {
    await host?.close();
  });

  async function checkAfterwards(goodSends: number, rssBefore: number): Promise<void> {
    const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 1e6;
    expect(goodSends).toBeGreaterThan(10);
    expect(rssGrowthMb).toBeLessThan(300);
    expect(topicView(host, 'fuzz-good')!.partitions[0]!.highWatermark).toBeGreaterThanOrEqual(goodSends);
    // Only the good client's connections remain.
    await new Promise((r) => setTimeout(r, 100));
    const remaining = host.snapshot().connections;
    expect(remaining.map((c) => c.clientId).filter((id) => id !== 'fuzz-good-client')).toEqual([]);
  }

  it('answers or closes every connection sending random, mutated or absurdly sized frames, while serving a good kafkajs client', async () => {
    const port = Number(host.bootstrap.split(':')[1]);
    const next = frameGenerator(SEED);
    const rssBefore = process.memoryUsage().rss;
    const before = topicView(host, 'fuzz-good')!.partitions[0]!.highWatermark;
    let closed = 0;
    const goodSends = await withGoodClient(host, async () => {
      for (let sent = 0; sent < FRAMES; sent += FRAMES_PER_CONNECTION) {
        const frames = Array.from({ length: FRAMES_PER_CONNECTION }, next);
        if ((await sendAndSettle(port, frames)) === 'closed') closed++;
      }
    });
    expect(closed).toBeGreaterThan(FRAMES / FRAMES_PER_CONNECTION / 2);
    expect(topicView(host, 'fuzz-good')!.partitions[0]!.highWatermark - before).toBe(goodSends);
    await checkAfterwards(goodSends, rssBefore);
  }, 180_000);

  it('survives well-formed requests of every served API and version carrying absurd values', async () => {
    const port = Number(host.bootstrap.split(':')[1]);
    const random = prng(SEED + 1);
    const requests = new RandomRequests(random, ['fuzz-target', 'fuzz-target', 'fuzz-missing']);
    const apis = createHandlerRegistry().advertised();
    const rssBefore = process.memoryUsage().rss;
    let encoded = 0;
    const goodSends = await withGoodClient(host, async () => {
      for (let sent = 0; sent < VALUE_FRAMES; sent += 20) {
        const frames: Buffer[] = [];
        for (let i = 0; i < 20; i++) {
          const api = apis[Math.floor(random() * apis.length)]!;
          const version = api.minVersion + Math.floor(random() * (api.maxVersion - api.minVersion + 1));
          const frame = requests.frame(api.apiKey, version, sent + i);
          if (frame) {
            frames.push(frame);
            encoded++;
          }
        }
        await sendAndSettle(port, frames);
      }
    });
    expect(encoded).toBeGreaterThan(VALUE_FRAMES / 2);
    if (handlerFailures.length > 0) console.log(`handler failures (connection closed):\n${[...new Set(handlerFailures)].slice(0, 20).join('\n')}`);
    expect(host.snapshot().topics.some((t) => t.name === 'fuzz-good')).toBe(true);
    await checkAfterwards(goodSends, rssBefore);
  }, 180_000);
});
