/**
 * Issue 15: record batches written by librdkafka (kcat, lz4) and kafkajs (gzip) sit in every
 * replica's `.log` file byte for byte as the client sent them (captured at the wire), except the
 * two fields the leader assigns outside the CRC: baseOffset and partitionLeaderEpoch (Kafka's
 * LogValidator assigns offsets in place; UnifiedLog.append stamps the leader epoch). The `.index`
 * and `.timeindex` entries follow Kafka's layout (LogSegment.append: an entry after more than
 * index.interval.bytes, the batch's last offset and its start position; the largest timestamp so
 * far and its batch's last offset), and a lookup through the index (OffsetIndex.lookup, then a
 * scan, LogSegment.translateOffset) finds the batch holding the offset — also for a consumer
 * fetching from the middle after a restart.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect } from 'vitest';
import { decodeRecordBatch, readBatchHeader, splitBatches } from '../protocol/records';
import { INDEX_INTERVAL_BYTES } from '../storage/disk-segment';
import { decodeOffsetIndex, lookupOffset } from '../storage/format/offset-index';
import { decodeTimeIndex } from '../storage/format/time-index';
import { waitForBrokersToKnow } from '../wire/conformance/harness';
import { itWith, KCAT, missingKcat, run } from '../wire/conformance/tools';
import { ClusterHost } from './cluster-host';
import { ProduceCaptureProxy } from './testing/capture-proxy';

let root = '';
const hosts: ClusterHost[] = [];
const proxies: ProduceCaptureProxy[] = [];
afterEach(async () => {
  for (const p of proxies.splice(0)) await p.close();
  while (hosts.length) await hosts.pop()!.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const SEGMENT = '00000000000000000000';
const RECORDS = 3000;

/** Starts the lab and puts a capturing proxy in front of each broker; returns the proxies' bootstrap. */
async function startLab(labDir: string): Promise<{ host: ClusterHost; bootstrap: string }> {
  const host = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 21, storage: { labDir, labName: 'bytes' }, log: () => {} });
  hosts.push(host);
  const endpoints: string[] = [];
  for (const [i, hp] of host.bootstrap.split(',').entries()) {
    const proxy = new ProduceCaptureProxy(Number(hp.split(':')[1]));
    proxies.push(proxy);
    const port = await proxy.listen();
    host.cluster.setBrokerEndpoint(i + 1, '127.0.0.1', port);
    endpoints.push(`127.0.0.1:${port}`);
  }
  return { host, bootstrap: endpoints.join(',') };
}

/** Each distinct batch the clients sent to `topic-0`, in wire order (a retried batch is the same bytes: kept once). */
function sentBatches(key: string): Buffer[] {
  const out: Buffer[] = [];
  for (const p of proxies) for (const b of p.batches.get(key) ?? []) if (!out.some((o) => o.equals(b))) out.push(b);
  return out;
}

function checkBytes(labDir: string, topic: string, sent: Buffer[]): void {
  expect(sent.length).toBeGreaterThan(5);
  for (const brokerId of [1, 2, 3]) {
    const stored = splitBatches(fs.readFileSync(path.join(labDir, `broker-${brokerId}`, `${topic}-0`, `${SEGMENT}.log`)));
    expect(stored.length, `${topic} on broker ${brokerId}`).toBe(sent.length);
    let nextOffset = 0;
    stored.forEach((s, i) => {
      const c = sent[i]!;
      const h = readBatchHeader(s);
      // baseOffset [0, 8) and partitionLeaderEpoch [12, 16) are the broker's; every other byte is the client's.
      expect(h.baseOffset).toBe(nextOffset);
      expect(h.partitionLeaderEpoch).toBeGreaterThanOrEqual(0);
      expect(s.length).toBe(c.length);
      expect(s.subarray(8, 12).equals(c.subarray(8, 12)) && s.subarray(16).equals(c.subarray(16)), `${topic} batch ${i} on broker ${brokerId}`).toBe(true);
      nextOffset = h.baseOffset + h.lastOffsetDelta + 1;
    });
    expect(nextOffset).toBe(RECORDS);
  }
}

function checkIndexes(labDir: string, topic: string, prefix: string): void {
  const dir = path.join(labDir, 'broker-1', `${topic}-0`);
  const log = fs.readFileSync(path.join(dir, `${SEGMENT}.log`));
  const indexBytes = fs.readFileSync(path.join(dir, `${SEGMENT}.index`));
  const timeIndexBytes = fs.readFileSync(path.join(dir, `${SEGMENT}.timeindex`));
  // Kafka's layout: 8-byte entries (int32 relative offset, int32 position), 12-byte (int64 timestamp, int32 relative offset).
  expect(indexBytes.length % 8).toBe(0);
  expect(timeIndexBytes.length % 12).toBe(0);
  const index = decodeOffsetIndex(0, indexBytes);
  const timeIndex = decodeTimeIndex(0, timeIndexBytes);
  expect(index.length).toBeGreaterThanOrEqual(Math.floor(log.length / (INDEX_INTERVAL_BYTES * 4)));
  const batches: { position: number; baseOffset: number; lastOffset: number; maxTimestamp: number; size: number }[] = [];
  for (let pos = 0; pos < log.length; ) {
    const h = readBatchHeader(log, pos);
    batches.push({ position: pos, baseOffset: h.baseOffset, lastOffset: h.baseOffset + h.lastOffsetDelta, maxTimestamp: h.maxTimestamp, size: h.batchLength + 12 });
    pos += h.batchLength + 12;
  }
  // Replays LogSegment.append's rule over the batches: the entries must be exactly these.
  const expectedIndex: { offset: number; position: number }[] = [];
  const expectedTime: { timestampMs: number; offset: number }[] = [];
  let sinceLast = 0;
  let maxTs = -1;
  let maxTsOffset = -1;
  for (const b of batches) {
    if (b.maxTimestamp > maxTs) [maxTs, maxTsOffset] = [b.maxTimestamp, b.lastOffset];
    if (sinceLast > INDEX_INTERVAL_BYTES) {
      expectedIndex.push({ offset: b.lastOffset, position: b.position });
      if (expectedTime.length === 0 || maxTs > expectedTime[expectedTime.length - 1]!.timestampMs) expectedTime.push({ timestampMs: maxTs, offset: maxTsOffset });
      sinceLast = 0;
    }
    sinceLast += b.size;
  }
  expect(index).toEqual(expectedIndex);
  expect(timeIndex).toEqual(expectedTime);
  expect(index.length).toBeGreaterThan(2);
  for (const target of [0, 1, 777, 1500, 2222, RECORDS - 1]) {
    let pos = lookupOffset(index, 0, target).position;
    for (;;) {
      const h = readBatchHeader(log, pos);
      if (h.baseOffset + h.lastOffsetDelta >= target) break;
      pos += h.batchLength + 12;
    }
    const { records } = decodeRecordBatch(log.subarray(pos));
    expect(records.find((r) => r.offset === target)?.value?.toString().split('|')[0], `${topic} offset ${target}`).toBe(`${prefix}-${target}`);
  }
}

describe('client batches on disk', () => {
  itWith(missingKcat, 'librdkafka and kafkajs batches sit in every replica\'s .log byte for byte; the indexes find them', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-bytes-'));
    const labDir = path.join(root, 'bytes');
    const { bootstrap } = await startLab(labDir);
    const kafka = new Kafka({ clientId: 'bytes-test', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: ['bytes-rd', 'bytes-js'].map((topic) => ({ topic, numPartitions: 1, replicationFactor: 3 })), waitForLeaders: true });
    await admin.disconnect();

    const pad = (i: number) => `${i}`.padStart(6, '0') + '-' + 'xyzzy'.repeat(i % 13);
    const lines = Array.from({ length: RECORDS }, (_, i) => `rd-${i}|${pad(i)}`);
    const produced = await run(KCAT, ['-P', '-b', bootstrap, '-t', 'bytes-rd', '-p', '0', '-z', 'lz4', '-X', 'acks=all', '-X', 'enable.idempotence=true', '-X', 'batch.num.messages=40', '-X', 'linger.ms=2'], { input: lines.join('\n') + '\n', timeoutMs: 60_000 });
    expect(produced.code, produced.stderr).toBe(0);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (let from = 0; from < RECORDS; from += 60) {
      await producer.send({ topic: 'bytes-js', acks: -1, compression: CompressionTypes.GZIP, messages: Array.from({ length: 60 }, (_, i) => ({ key: `k${(from + i) % 9}`, value: `js-${from + i}|${pad(from + i)}`, headers: { n: String(from + i) } })) });
    }
    await producer.disconnect();
    // acks=all with the full ISR: once the highWatermark is at the end, every replica's file holds every batch.
    const deadline = Date.now() + 60_000;
    const complete = (t: string) => {
      const p = hosts[0]!.snapshot().topics.find((v) => v.name === t)?.partitions[0];
      return p !== undefined && p.highWatermark === RECORDS && p.inSyncReplicas.length === 3;
    };
    while (!(complete('bytes-rd') && complete('bytes-js')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(complete('bytes-rd') && complete('bytes-js')).toBe(true);
    const capturedRd = sentBatches('bytes-rd-0');
    const capturedJs = sentBatches('bytes-js-0');
    for (const p of proxies.splice(0)) await p.close();
    await hosts.pop()!.close();

    checkBytes(labDir, 'bytes-rd', capturedRd);
    checkBytes(labDir, 'bytes-js', capturedJs);
    expect(readBatchHeader(capturedRd[0]!).attributes & 7).toBe(3);
    expect(readBatchHeader(capturedJs[0]!).attributes & 7).toBe(1);
    checkIndexes(labDir, 'bytes-rd', 'rd');
    checkIndexes(labDir, 'bytes-js', 'js');

    // After a restart a consumer fetching from the middle gets the record at that offset first.
    const second = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 21, storage: { labDir, labName: 'bytes' }, log: () => {} });
    hosts.push(second);
    await waitForBrokersToKnow(second, 'bytes-rd', 1);
    const one = await run(KCAT, ['-C', '-b', second.bootstrap, '-t', 'bytes-rd', '-p', '0', '-o', '2222', '-c', '1', '-q', '-f', '%o %s\\n'], { timeoutMs: 60_000 });
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toBe(`2222 ${lines[2222]}\n`);
  }, 240_000);
});
