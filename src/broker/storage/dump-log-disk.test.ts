/**
 * dump-log on segment files a real client's batches were written to: kafkajs produces to a lab on
 * disk (h-storage's DiskLogStorage), the host closes, and dump-log lists every replica's `.log`
 * with the batches' offsets and producer fields, the records with --print-data-log, and the
 * `.index` / `.timeindex` without complaint.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterHost } from '../host/cluster-host';
import { runDumpLog } from './dump-log-cli';

let labDir = '';
afterEach(() => { if (labDir) fs.rmSync(labDir, { recursive: true, force: true }); labDir = ''; });

function filesNamed(dir: string, name: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => path.basename(f) === name && path.basename(path.dirname(f)) === 'ledger-0').map((f) => path.join(dir, f));
}

function dump(argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { code: runDumpLog(argv, (l) => out.push(l), (l) => err.push(l)), out, err };
}

describe('dump-log on a lab kafkajs wrote', () => {
  it('lists the batches, records and index entries of every replica\'s segment', async () => {
    labDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-dump-'));
    const host = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 21, storage: { labDir, labName: 'dump-test' }, log: () => {} });
    try {
      const kafka = new Kafka({ clientId: 'dump-test', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 50 } });
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'ledger', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
      await admin.disconnect();
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      for (let i = 0; i < 3; i++) {
        await producer.send({ topic: 'ledger', acks: -1, compression: i === 1 ? CompressionTypes.GZIP : CompressionTypes.None, messages: [{ key: `k${i}`, value: `first ${i}` }, { key: `k${i}`, value: `second ${i}`, headers: { trace: `t${i}` } }] });
      }
      await producer.disconnect();
      // Followers fetch after the acks=all answers; wait until every replica's file holds all three batches.
      const logs = () => filesNamed(labDir, '00000000000000000000.log');
      await expect.poll(() => logs().map((f) => dump([f]).out.filter((l) => l.startsWith('baseOffset')).length), { timeout: 10_000 }).toEqual([3, 3, 3]);
    } finally {
      await host.close();
    }
    expect(filesNamed(labDir, '00000000000000000000.log')).toHaveLength(3);
    for (const file of filesNamed(labDir, '00000000000000000000.log')) {
      const r = dump([file]);
      expect(r.code).toBe(0);
      const batches = r.out.filter((l) => l.startsWith('baseOffset'));
      expect(batches.map((l) => /baseOffset: (\d+) lastOffset: (\d+) count: (\d+) baseSequence: (\d+)/.exec(l)!.slice(1).map(Number))).toEqual([[0, 1, 2, 0], [2, 3, 2, 2], [4, 5, 2, 4]]);
      expect(batches.every((l) => / producerId: \d+ producerEpoch: 0 /.test(l) && l.endsWith('isvalid: true'))).toBe(true);
      expect(batches[1]).toContain('compresscodec: gzip');
      expect(r.out.some((l) => l.startsWith('Found'))).toBe(false);
      const records = dump(['--print-data-log', file]).out.filter((l) => l.startsWith('|'));
      expect(records).toHaveLength(6);
      expect(records[3]).toMatch(/^\| offset: 3 CreateTime: \d+ keySize: 2 valueSize: 8 sequence: 3 headerKeys: \[trace\] key: k1 payload: second 1 headers: trace=t1$/);
    }
    // The clean stop left each replica's producer state at its log end offset (6): the last batch's sequences.
    for (const file of filesNamed(labDir, '00000000000000000006.snapshot')) {
      const r = dump([file]);
      expect(r.code).toBe(0);
      expect(r.out.slice(1)).toEqual([expect.stringMatching(/^producerId: \d+ producerEpoch: 0 coordinatorEpoch: -1 currentTxnFirstOffset: -1 lastTimestamp: \d+ firstSequence: 4 lastSequence: 5 lastOffset: 5 offsetDelta: 1 timestamp: \d+$/)]);
    }
    expect(filesNamed(labDir, '00000000000000000006.snapshot')).toHaveLength(3);
    for (const suffix of ['.index', '.timeindex']) {
      expect(filesNamed(labDir, `00000000000000000000${suffix}`)).toHaveLength(3);
      for (const file of filesNamed(labDir, `00000000000000000000${suffix}`)) {
        const r = dump([file]);
        expect(r.code).toBe(0);
        expect(r.err).toEqual([]);
        expect(r.out.some((l) => l.startsWith('Found'))).toBe(false);
      }
    }
  });
});
