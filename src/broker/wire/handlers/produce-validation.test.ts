/**
 * Produce validation through real sockets against `kafka-lab broker` as a user runs it (issue 11):
 * finding 2 — a compacted topic (small segment.ms, min.cleanable.dirty.ratio) and a compressed
 * batch whose records do not decode (ten bytes of zstd) was answered error 0 and later killed the
 * process in the log cleaner; now it is refused with CORRUPT_MESSAGE and the broker goes on
 * compacting. Also KIP-467 record_errors (v8+) and the key rule on `delete,compact` topics.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode } from '../../protocol';
import { crc32c, decodeRecordBatch, encodeRecordBatch, splitBatches, type CompressionCodec } from '../../protocol/records';
import { RawClient } from '../testing/raw-client';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CLI = join(__dirname, '..', '..', 'cli.ts');
const TSX = join(__dirname, '..', '..', '..', '..', 'node_modules', '.bin', 'tsx');

/** Polls the async `check` until it returns a truthy value (no fixed sleeps: a condition, polled every 50 ms). */
async function waitFor<T>(what: string, check: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Produce validation against `kafka-lab broker`', () => {
  let child: ChildProcessWithoutNullStreams;
  let exited: number | null | undefined;
  let stderr = '';
  let ports: number[] = [];
  const clients = new Map<number, RawClient>();
  let correlationId = 0;

  async function call(port: number, apiKey: number, version: number, body: object): Promise<Obj> {
    let c = clients.get(port);
    if (!c || c.closed) clients.set(port, (c = await RawClient.connect(port)));
    const index = c.frames.length;
    c.request(apiKey, version, ++correlationId, body);
    await c.waitFrames(index + 1, 10_000);
    if (c.frames.length <= index) throw new Error(`no answer to API ${apiKey} (broker process ${exited === undefined ? 'running' : `exited ${exited}`}; stderr: ${stderr})`);
    return c.decode<Obj>(index, apiKey, version).body;
  }

  async function createTopic(name: string, configs: Record<string, string>): Promise<number> {
    const r = await call(ports[0]!, 19, 7, { topics: [{ name, numPartitions: 1, replicationFactor: 3, assignments: [], configs: Object.entries(configs).map(([n, value]) => ({ name: n, value })) }], timeoutMs: 10_000, validateOnly: false });
    expect(r.topics[0].errorCode).toBe(0);
    return waitFor(`a leader for ${name}`, async () => {
      const m = await call(ports[0]!, 3, 12, { topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
      const leader = m.topics[0]?.partitions[0]?.leaderId;
      return leader >= 0 ? ports[leader - 1]! : undefined;
    });
  }

  async function produce(port: number, topic: string, records: Buffer, version = 9): Promise<Obj> {
    const r = await call(port, 0, version, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });
    return r.responses[0].partitionResponses[0];
  }

  beforeAll(async () => {
    child = spawn(TSX, [CLI, 'broker', '--in-memory', '--brokers', '3', '--port', '0', '--seed', '2', '--config', 'log.cleaner.backoff.ms=100'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => (exited = code));
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const ready = await waitFor('the ready line', () => /kafka-lab ready bootstrap=(\S+)/.exec(out)?.[1], 60_000);
    ports = ready.split(',').map((a) => Number(a.split(':')[1]));
  }, 90_000);

  afterAll(async () => {
    for (const c of clients.values()) c.close();
    if (exited === undefined) {
      const closed = new Promise((r) => child.on('close', r));
      child.kill('SIGTERM');
      await closed;
    }
  });

  it('refuses a compressed batch whose records do not decode (CORRUPT_MESSAGE); the cleaner keeps running and the process stays up', async () => {
    const leader = await createTopic('compacted', { 'cleanup.policy': 'compact', 'segment.ms': '100', 'min.cleanable.dirty.ratio': '0.01', 'min.compaction.lag.ms': '0' });
    const keyed = (value: string) => encodeRecordBatch({ compression: 'zstd', records: [{ key: Buffer.from('a'), value: Buffer.from(value) }] });
    expect((await produce(leader, 'compacted', keyed('0'))).errorCode).toBe(0);
    const good = keyed('x');
    const tenBytes = Buffer.concat([good.subarray(0, 61), Buffer.from('28b52ffd0000deadbeef', 'hex')]);
    tenBytes.writeInt32BE(tenBytes.length - 12, 8);
    tenBytes.writeUInt32BE(crc32c(tenBytes.subarray(21)), 17);
    const refused = await produce(leader, 'compacted', tenBytes);
    expect(refused.errorCode).toBe(errorCode('CORRUPT_MESSAGE'));
    expect(refused.errorMessage).toMatch(/zstd payload does not decompress/);
    // Overwrite the key across segment rolls until the cleaner has compacted the first segments:
    // the log cleaner ran over everything this partition holds, in the process we started.
    let n = 1;
    await waitFor('the cleaner to compact away offset 0', async () => {
      expect((await produce(leader, 'compacted', keyed(String(n++)))).errorCode).toBe(0);
      const f = await call(leader, 1, 12, { replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, topics: [{ topic: 'compacted', partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: 1 << 20 }] }], forgottenTopicsData: [], rackId: '' });
      const records = splitBatches(f.responses[0].partitions[0].records ?? Buffer.alloc(0)).flatMap((b) => decodeRecordBatch(b).records);
      return records.length > 0 && records[0]!.offset > 0;
    }, 30_000);
    expect(exited).toBeUndefined();
  }, 60_000);

  it('refuses keyless records on a delete,compact topic in compressed batches, naming each one in record_errors from v8', async () => {
    const leader = await createTopic('dual-policy', { 'cleanup.policy': 'delete,compact' });
    for (const codec of ['gzip', 'snappy', 'lz4', 'zstd', 'none'] as CompressionCodec[]) {
      const batch = encodeRecordBatch({ compression: codec, records: ['k0', null, 'k2', null, null].map((k) => ({ key: k === null ? null : Buffer.from(k), value: Buffer.from('v') })) });
      const v9 = await produce(leader, 'dual-policy', batch, 9);
      expect(v9.errorCode, codec).toBe(errorCode('INVALID_RECORD'));
      expect(v9.recordErrors.map((e: Obj) => e.batchIndex), codec).toEqual([1, 3, 4]);
      expect(v9.recordErrors[0].batchIndexErrorMessage).toBe('Compacted topic cannot accept message without key in topic partition dual-policy-0');
      expect(v9.errorMessage).toMatch(/3 record errors/);
      // v7 has no record_errors or error_message: the error code alone.
      const v7 = await produce(leader, 'dual-policy', batch, 7);
      expect(v7.errorCode).toBe(errorCode('INVALID_RECORD'));
      expect(v7.recordErrors ?? []).toEqual([]);
    }
    const keyed = encodeRecordBatch({ compression: 'lz4', records: [{ key: Buffer.from('k'), value: Buffer.from('v') }] });
    expect((await produce(leader, 'dual-policy', keyed)).errorCode).toBe(0);
    expect(exited).toBeUndefined();
  }, 60_000);
});
