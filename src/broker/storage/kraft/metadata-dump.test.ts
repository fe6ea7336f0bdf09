/**
 * `npm run dump-log` on the lab's KRaft metadata: a snapshot file decoded by record name as
 * `kafka-dump-log --cluster-metadata-decoder` prints it, a metadata `.log` decoded likewise, and a
 * record that is no metadata record reported, not thrown.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../../protocol/records/index';
import { runDumpLog } from '../dump-log-cli';
import { encodeLabMetadataRecords } from './lab-metadata-records';
import { encodeMetadataRecord } from './metadata-record-codec';
import { metadataRecordTypeName } from './metadata-dump';
import { encodeSnapshot, snapshotFileName } from './snapshot-file';
import { SAMPLE_METADATA } from './test-fixtures';

let dir = '';
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); dir = ''; });

function run(argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runDumpLog(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

describe('dump-log on KRaft metadata', () => {
  it('names record types as MetadataRecordType does', () => {
    expect(metadataRecordTypeName('TopicRecord')).toBe('TOPIC_RECORD');
    expect(metadataRecordTypeName('UserScramCredentialRecord')).toBe('USER_SCRAM_CREDENTIAL_RECORD');
    expect(metadataRecordTypeName('AccessControlEntryRecord')).toBe('ACCESS_CONTROL_ENTRY_RECORD');
  });

  it('lists a snapshot: its id, header, every record by type with its fields, footer', () => {
    dir = mkdtempSync(join(tmpdir(), 'dump-kraft-'));
    const name = snapshotFileName({ endOffset: 7, epoch: 2 });
    const file = join(dir, name);
    const values = encodeLabMetadataRecords(SAMPLE_METADATA);
    writeFileSync(file, encodeSnapshot(values, { id: { endOffset: 7, epoch: 2 }, timestampMs: 5000, lastContainedLogTimestamp: 4000 }));
    const { code, out } = run([file]);
    expect(code).toBe(0);
    expect(out[0]).toBe(`Dumping ${name}`);
    expect(out[1]).toBe('Snapshot end offset: 7, epoch: 2');
    expect(out[2]).toMatch(/^baseOffset: 0 lastOffset: 0 count: 1 .* partitionLeaderEpoch: 2 isTransactional: false isControl: true position: 0 CreateTime: 5000 .* isvalid: true$/);
    expect(out[3]).toBe('| offset: 0 CreateTime: 5000 keySize: 4 valueSize: 11 sequence: -1 headerKeys: [] SnapshotHeader {"version":0,"lastContainedLogTimestamp":4000}');
    expect(out[5]).toBe('| offset: 1 CreateTime: 5000 keySize: -1 valueSize: 23 sequence: -1 headerKeys: [] payload: {"type":"FEATURE_LEVEL_RECORD","version":0,"data":{"name":"metadata.version","featureLevel":21}}');
    expect(out).toContain(`| offset: 5 CreateTime: 5000 keySize: -1 valueSize: ${values[4]!.length} sequence: -1 headerKeys: [] payload: {"type":"TOPIC_RECORD","version":0,"data":{"name":"__consumer_offsets","topicId":"AQIDBAUGBwgJCgsMDQ4PEA"}}`);
    const scram = out.find((l) => l.includes('USER_SCRAM_CREDENTIAL_RECORD'));
    expect(scram).toContain('"data":{"name":"alice","mechanism":2,"salt":"c2FsdA==","storedKey":"c3RvcmVk","serverKey":"c2VydmVy","iterations":4096}');
    expect(out[out.length - 1]).toBe(`| offset: ${values.length + 1} CreateTime: 5000 keySize: 4 valueSize: 3 sequence: -1 headerKeys: [] SnapshotFooter {"version":0}`);
    for (const type of ['REGISTER_BROKER_RECORD', 'PARTITION_RECORD', 'CONFIG_RECORD', 'CLIENT_QUOTA_RECORD', 'PRODUCER_IDS_RECORD', 'ACCESS_CONTROL_ENTRY_RECORD']) {
      expect(out.some((l) => l.includes(`"type":"${type}"`))).toBe(true);
    }
  });

  it('decodes a metadata .log of __cluster_metadata-0 and reports a record that is no metadata record', () => {
    dir = mkdtempSync(join(tmpdir(), 'dump-kraft-'));
    mkdirSync(join(dir, '__cluster_metadata-0'));
    const file = join(dir, '__cluster_metadata-0', '00000000000000000000.log');
    const topic = encodeMetadataRecord({ name: 'TopicRecord', data: { name: 'orders', topicId: 'Zm9vYmFyYmF6cXV1eGFiYw' } });
    writeFileSync(file, encodeRecordBatch({ baseOffset: 0, partitionLeaderEpoch: 1, records: [{ key: null, value: topic, timestamp: 1 }, { key: null, value: Buffer.from('ff', 'hex'), timestamp: 1 }] }));
    const { code, out } = run([file]);
    expect(code).toBe(0);
    expect(out[3]).toBe('| offset: 0 CreateTime: 1 keySize: -1 valueSize: 27 sequence: -1 headerKeys: [] payload: {"type":"TOPIC_RECORD","version":0,"data":{"name":"orders","topicId":"Zm9vYmFyYmF6cXV1eGFiYw"}}');
    expect(out[4]).toMatch(/^\| offset: 1 .* payload: Error at 1, skipping\. /);
  });
});
