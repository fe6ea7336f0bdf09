import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeControlBatch, encodeRecordBatch } from '../protocol/records/index';
import { runDumpLog } from './dump-log-cli';
import { encodeOffsetIndex } from './format/offset-index';
import { encodeTimeIndex } from './format/time-index';

const data = encodeRecordBatch({
  baseOffset: 40, partitionLeaderEpoch: 3, compression: 'gzip', producerId: 9, producerEpoch: 1, baseSequence: 6,
  records: [{ key: Buffer.from('k1'), value: Buffer.from('hello'), headers: [{ key: 'trace', value: Buffer.from('t1') }], timestamp: 5000 }, { key: null, value: null, timestamp: 5001 }],
});
const marker = encodeControlBatch({ type: 'abort', coordinatorEpoch: 4, producerId: 9, producerEpoch: 1, baseOffset: 42, partitionLeaderEpoch: 3, timestamp: 6000 });

let dir = '';
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); dir = ''; });

function files(entries: Record<string, Buffer>): Record<string, string> {
  dir = mkdtempSync(join(tmpdir(), 'dump-log-'));
  return Object.fromEntries(Object.entries(entries).map(([name, bytes]) => {
    writeFileSync(join(dir, name), bytes);
    return [name, join(dir, name)];
  }));
}

function run(argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runDumpLog(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

describe('dump-log', () => {
  it('lists a .log file\'s batches like kafka-dump-log, and with --print-data-log their records and markers', () => {
    const f = files({ '00000000000000000040.log': Buffer.concat([data, marker]) });
    const plain = run([f['00000000000000000040.log']!]);
    expect(plain.code).toBe(0);
    expect(plain.out).toEqual([
      'Dumping 00000000000000000040.log',
      'Log starting offset: 40',
      `baseOffset: 40 lastOffset: 41 count: 2 baseSequence: 6 lastSequence: 7 producerId: 9 producerEpoch: 1 partitionLeaderEpoch: 3 isTransactional: false isControl: false position: 0 CreateTime: 5001 size: ${data.length} magic: 2 compresscodec: gzip isvalid: true`,
      `baseOffset: 42 lastOffset: 42 count: 1 baseSequence: -1 lastSequence: -1 producerId: 9 producerEpoch: 1 partitionLeaderEpoch: 3 isTransactional: true isControl: true position: ${data.length} CreateTime: 6000 size: ${marker.length} magic: 2 compresscodec: none isvalid: true`,
    ]);
    const full = run(['--print-data-log', f['00000000000000000040.log']!]);
    expect(full.out.filter((l) => l.startsWith('|'))).toEqual([
      '| offset: 40 CreateTime: 5000 keySize: 2 valueSize: 5 sequence: 6 headerKeys: [trace] key: k1 payload: hello headers: trace=t1',
      '| offset: 41 CreateTime: 5001 keySize: -1 valueSize: -1 sequence: 7 headerKeys: [] payload: null',
      '| offset: 42 CreateTime: 6000 keySize: 4 valueSize: 6 sequence: -1 headerKeys: [] endTxnMarker: ABORT coordinatorEpoch: 4',
    ]);
  });

  it('says where a torn tail starts and how many bytes it has, and marks a CRC mismatch', () => {
    const bad = Buffer.from(data);
    bad[bad.length - 2] ^= 0x55;
    const f = files({ '00000000000000000040.log': Buffer.concat([bad, marker.subarray(0, 25)]) });
    const r = run([f['00000000000000000040.log']!]);
    expect(r.out[2]).toContain('isvalid: false');
    expect(r.out.at(-1)).toBe(`Found 25 invalid bytes at the end of 00000000000000000040.log: torn at position ${data.length} (batch at position ${data.length} needs ${marker.length} bytes, only 25 remain)`);
  });

  it('lists .index and .timeindex entries with absolute offsets and reports a partial entry', () => {
    const f = files({
      '00000000000000000040.index': Buffer.concat([encodeOffsetIndex(40, [{ offset: 42, position: data.length }]), Buffer.from([0, 1, 2])]),
      '00000000000000000040.timeindex': encodeTimeIndex(40, [{ timestampMs: 6000, offset: 42 }]),
    });
    const r = run([f['00000000000000000040.index']!, f['00000000000000000040.timeindex']!]);
    expect(r.out).toEqual([
      'Dumping 00000000000000000040.index',
      `offset: 42 position: ${data.length}`,
      'Found 3 invalid bytes at the end of 00000000000000000040.index: position 8, not a whole 8-byte entry',
      'Dumping 00000000000000000040.timeindex',
      'timestamp: 6000 offset: 42',
    ]);
  });

  it('gives clear errors for a missing file, a wrong kind and bad arguments', () => {
    const f = files({ 'notes.txt': Buffer.from('hi') });
    expect(run([join(dir, 'missing.log')])).toMatchObject({ code: 1, err: [expect.stringContaining('missing.log: no such file')] });
    expect(run([f['notes.txt']!])).toMatchObject({ code: 1, err: [expect.stringContaining('is not a segment file: expected a .log, .index, .timeindex, .snapshot (producer state) or .checkpoint (KRaft snapshot) file')] });
    expect(run([])).toMatchObject({ code: 2 });
    expect(run(['--bogus', 'x.log'])).toMatchObject({ code: 2, err: [expect.stringContaining('unknown option --bogus')] });
  });
});
