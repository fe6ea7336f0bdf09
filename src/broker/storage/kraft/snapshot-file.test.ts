/**
 * The snapshot file as RecordsSnapshotWriter lays it out (header control batch at offset 0, data
 * batches, footer control batch; partitionLeaderEpoch = the snapshot's epoch), the lab's metadata
 * round trip through it, and the refusals of a torn or hostile file.
 */
import { describe, expect, it } from 'vitest';
import { decodeRecordBatch, scanBatches } from '../../protocol/records/index';
import { encodeLabMetadataRecords } from './lab-metadata-records';
import { replayLabMetadata } from './lab-metadata-replay';
import { encodeMetadataRecord } from './metadata-record-codec';
import { decodeSnapshot, encodeSnapshot, parseSnapshotFileName, snapshotFileName } from './snapshot-file';
import { SAMPLE_METADATA } from './test-fixtures';


const snapshotOf = (values: Buffer[], epoch = 4): Buffer => encodeSnapshot(values, { id: { endOffset: 9, epoch }, timestampMs: 1_700_000_000_000, lastContainedLogTimestamp: 1_699_999_999_000 });

function refusal(bytes: Buffer): string {
  try {
    decodeSnapshot(bytes);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('decoded');
}

describe('KRaft snapshot file', () => {
  it('names the file <endOffset 20 digits>-<epoch 10 digits>.checkpoint and parses partial and deleted ones', () => {
    expect(snapshotFileName({ endOffset: 42, epoch: 3 })).toBe('00000000000000000042-0000000003.checkpoint');
    expect(parseSnapshotFileName('00000000000000000042-0000000003.checkpoint')).toEqual({ endOffset: 42, epoch: 3, state: 'complete' });
    expect(parseSnapshotFileName('00000000000000000042-0000000003.checkpoint.part')?.state).toBe('partial');
    expect(parseSnapshotFileName('00000000000000000042-0000000003.checkpoint.deleted')?.state).toBe('deleted');
    expect(parseSnapshotFileName('00000000000000000000.log')).toBeNull();
  });

  it('lays out a header control batch, data batches with null keys and a footer control batch, offsets from 0', () => {
    const values = encodeLabMetadataRecords(SAMPLE_METADATA);
    const { batches, trailingBytes } = scanBatches(snapshotOf(values));
    expect(trailingBytes).toBe(0);
    const decoded = batches.map((b) => decodeRecordBatch(b, { verifyCrc: true }));
    const first = decoded[0]!;
    const last = decoded[decoded.length - 1]!;
    expect(first.header).toMatchObject({ baseOffset: 0, isControl: true, isTransactional: false, partitionLeaderEpoch: 4, producerId: -1, recordCount: 1 });
    expect(first.records[0]!.key!.toString('hex')).toBe('00000003'); // ControlRecordType.SNAPSHOT_HEADER
    // SnapshotHeaderRecord v0: int16 version 0, int64 lastContainedLogTimestamp 1699999999000 (0x18bcfe56418), no tags.
    expect(first.records[0]!.value!.toString('hex')).toBe('0000' + '0000018bcfe56418' + '00');
    expect(last.header).toMatchObject({ baseOffset: values.length + 1, isControl: true, partitionLeaderEpoch: 4 });
    expect(last.records[0]!.key!.toString('hex')).toBe('00000004'); // SNAPSHOT_FOOTER
    const data = decoded.slice(1, -1).flatMap((d) => d.records);
    expect(data.map((r) => r.offset)).toEqual(values.map((_, i) => i + 1));
    expect(data.every((r) => r.key === null)).toBe(true);
    expect(data.map((r) => r.value!.toString('hex'))).toEqual(values.map((v) => v.toString('hex')));
  });

  it('round-trips every record type of the lab metadata (replay gives the same facts back)', () => {
    const snapshot = decodeSnapshot(snapshotOf(encodeLabMetadataRecords(SAMPLE_METADATA)));
    expect(snapshot.header).toEqual({ version: 0, lastContainedLogTimestamp: 1_699_999_999_000 });
    expect(new Set(snapshot.records.map((r) => r.name))).toEqual(new Set([
      'FeatureLevelRecord', 'RegisterBrokerRecord', 'TopicRecord', 'PartitionRecord', 'ConfigRecord', 'ClientQuotaRecord',
      'ProducerIdsRecord', 'AccessControlEntryRecord', 'UserScramCredentialRecord',
    ]));
    expect(snapshot.records[0]).toMatchObject({ offset: 1, name: 'FeatureLevelRecord', data: { name: 'metadata.version', featureLevel: 21 } });
    const replayed = replayLabMetadata(SAMPLE_METADATA.clusterId, snapshot.records);
    // BrokerEpoch: the offset of each broker's RegisterBrokerRecord (2, 3, 4: after the FeatureLevelRecord at 1).
    expect(replayed).toEqual({ ...SAMPLE_METADATA, quorum: undefined, brokers: SAMPLE_METADATA.brokers!.map((b, i) => ({ ...b, brokerEpoch: i + 2 })) });
  });

  it('refuses a torn tail, a flipped byte, a missing header or footer, and records after the footer', () => {
    const good = snapshotOf(encodeLabMetadataRecords(SAMPLE_METADATA));
    expect(refusal(good.subarray(0, good.length - 5))).toMatch(/truncated: \d+ byte\(s\) at position \d+ are not a whole record batch/);
    const flipped = Buffer.from(good);
    flipped[200] = flipped[200]! ^ 0xff;
    expect(refusal(flipped)).toMatch(/batch at position \d+: .*CRC/i);
    const footerLess = Buffer.concat(scanBatches(good).batches.slice(0, -1));
    expect(refusal(footerLess)).toMatch(/no SnapshotFooterRecord after offset \d+: the snapshot is incomplete/);
    const headerLess = Buffer.concat(scanBatches(good).batches.slice(1));
    expect(refusal(headerLess)).toMatch(/record at offset \d+: expected offset 0|first record/);
    const batches = scanBatches(good).batches;
    expect(refusal(Buffer.concat([...batches, batches[batches.length - 1]!]))).toMatch(/expected offset|follows the SnapshotFooterRecord/);
    expect(refusal(Buffer.alloc(0))).toMatch(/empty/);
    expect(refusal(Buffer.from('hello, this is not a snapshot at all....', 'utf8'))).toMatch(/batchLength|truncated|magic/);
  });

  it('refuses a data record whose value is not a metadata record, naming its offset', () => {
    const bytes = snapshotOf([encodeMetadataRecord({ name: 'FeatureLevelRecord', data: { name: 'metadata.version', featureLevel: 21 } }), Buffer.from('000000', 'hex')]);
    expect(refusal(bytes)).toMatch(/record at offset 2: frame version 0/);
  });
});
