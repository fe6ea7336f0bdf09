/**
 * A scan that meets a batch it cannot decode (issue 11, finding 4): the partition holding it
 * fails at once with CORRUPT_MESSAGE and the decoder's words, the other partitions — those on
 * the same leader too — are read to the end, and the bad batch is not decoded again and again.
 *
 * The decompression byte budget lives in the codecs (records engineer); any Error a codec throws
 * must do. Here kafkajs's zstd codec is swapped for one that throws on decompress, so the test
 * does not depend on which bad bytes the broker lets into the log.
 */
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterHost } from '../../broker/host/cluster-host';
import { Workbench } from './workbench';
import { drain, waitFor } from './test-helpers';
import { isDecodeError } from './raw-fetch';

const { CompressionCodecs, CompressionTypes } = kafkajs;
const table = CompressionCodecs as unknown as Record<number, () => { compress: unknown; decompress: unknown }>;
const topic = 'mixed-batches';

describe('a scan meeting a batch it cannot decode', () => {
  let host: ClusterHost;
  let wb: Workbench;
  let realZstd: () => { compress: unknown; decompress: unknown };

  beforeAll(async () => {
    host = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 1111 });
    wb = new Workbench({ bootstrap: host.bootstrap });
    realZstd = table[CompressionTypes.ZSTD]!;
    expect(await host.execute({ type: 'create-topic', topic, partitions: 6, replicationFactor: 1 })).toMatchObject({ ok: true });
    await waitFor('leaders', () => host.snapshot().topics.find((t) => t.name === topic)?.partitions.every((p) => p.leader > 0));
    // Three records per partition; the middle one of partition 1 alone is zstd-compressed.
    for (let partition = 0; partition < 6; partition++) {
      for (let i = 0; i < 3; i++) {
        const compression = partition === 1 && i === 1 ? 'zstd' : 'none';
        const result = await wb.produceRecord({ topic, partition, key: `k${i}`, value: `p${partition}-${i}`, headers: [], acks: -1, compression, delivery: 'plain' });
        expect(result).toMatchObject({ ok: true, partition });
      }
    }
  }, 60_000);

  /** kafkajs's zstd codec now throws on decompress, as a codec whose byte budget broke does. */
  function sabotageZstd(onCall: () => void): void {
    table[CompressionTypes.ZSTD] = () => ({
      compress: realZstd().compress,
      decompress: async () => {
        onCall();
        throw new Error('decompressed size passes the budget of 1048576 bytes');
      },
    });
  }

  afterAll(async () => {
    if (realZstd) table[CompressionTypes.ZSTD] = realZstd;
    await wb?.close();
    await host?.close();
  });

  it('fails that partition with CORRUPT_MESSAGE at once and reads every other partition, those of the same leader too', async () => {
    const partitions = host.snapshot().topics.find((t) => t.name === topic)!.partitions;
    const bad = partitions.find((p) => p.partition === 1)!;
    const sibling = partitions.find((p) => p.partition !== bad.partition && p.leader === bad.leader);
    expect(sibling, 'two partitions share a leader (6 partitions on 3 brokers)').toBeDefined();
    let decompressions = 0;
    sabotageZstd(() => decompressions++);
    try {
      const { sessionId } = await wb.startScan({ topic, partitions: null, seek: { kind: 'oldest' }, limit: 1000, isolationLevel: 'read_uncommitted' });
      const { records, last } = await drain(wb, sessionId);
      expect(last.progress.state).toBe('done');
      const byPartition = (n: number) => records.filter((r) => r.partition === n).map((r) => r.offset);
      for (const p of partitions) {
        // The bad partition keeps what came before the bad batch (a fetch may start with it, then none).
        if (p.partition === bad.partition) expect(byPartition(p.partition).every((o) => o < 1)).toBe(true);
        else expect(byPartition(p.partition)).toEqual([0, 1, 2]);
      }
      expect(last.progress.failedPartitions).toEqual([{
        partition: bad.partition,
        errorName: 'CORRUPT_MESSAGE',
        message: expect.stringMatching(new RegExp(`offset [01] of ${topic}-${bad.partition} .*could not be decoded: decompressed size passes the budget`)),
      }]);
      // Once in the shared request, once alone; never retried after that.
      expect(decompressions).toBeLessThanOrEqual(3);
      const afterScan = decompressions;
      await new Promise((r) => setTimeout(r, 300));
      expect(decompressions).toBe(afterScan);
    } finally {
      table[CompressionTypes.ZSTD] = realZstd;
    }
  }, 60_000);

  it('stops an assigned UI consumer of that partition with CORRUPT_MESSAGE instead of fetching it again and again', async () => {
    let decompressions = 0;
    sabotageZstd(() => decompressions++);
    try {
      const status = await wb.startConsumer({ topic, mode: 'assigned', partitions: [1], fromBeginning: true, isolationLevel: 'read_uncommitted' });
      const failed = await waitFor('the consumer fails', async () => (await wb.getWorkbenchStatus()).consumers.find((c) => c.id === status.id && c.state === 'failed'));
      expect(failed.error).toMatch(new RegExp(`CORRUPT_MESSAGE: the batch at offset [01] of ${topic}-1 could not be decoded: decompressed size passes the budget`));
      const afterFailure = decompressions;
      await new Promise((r) => setTimeout(r, 300));
      expect(decompressions).toBe(afterFailure);
      expect(await wb.stopConsumer(status.id)).toBe(true);
    } finally {
      table[CompressionTypes.ZSTD] = realZstd;
    }
  }, 60_000);

  it('tells decode errors from the errors worth a retry', () => {
    expect(isDecodeError(new Error('zstd frame too large'))).toBe(true);
    expect(isDecodeError(new RangeError('The value of "offset" is out of range.'))).toBe(true);
    expect(isDecodeError(Object.assign(new Error('Not implemented'), { name: 'KafkaJSNotImplemented' }))).toBe(true);
    expect(isDecodeError(Object.assign(new Error('This server is not the leader'), { name: 'KafkaJSProtocolError', code: 6, type: 'NOT_LEADER_OR_FOLLOWER' }))).toBe(false);
    expect(isDecodeError(Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' }))).toBe(false);
    expect(isDecodeError(Object.assign(new Error('Request timed out'), { name: 'KafkaJSRequestTimeoutError' }))).toBe(false);
  });
});
