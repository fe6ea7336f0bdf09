/**
 * The lab's controller directory on disk: writeLabMetadata's log append and snapshot (older
 * snapshots and the covered segment deleted, partial ones from a crash removed), quorum-state and
 * meta.properties as Kafka writes them, a
 * legacy cluster-metadata.json converted once, and a corrupt snapshot or JSON refused with the
 * file's name.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEGACY_LAB_METADATA_FILE, readLabMetadata, writeLabMetadata } from '../lab-metadata';
import { decodeMetaProperties } from '../format/meta-properties';
import { metadataPartitionDir, QUORUM_STATE_FILE } from './metadata-log-dir';
import { encodeMetaProperties } from '../format/meta-properties';
import { labMetadataToRecords } from './lab-metadata-records';
import { encodeMetadataRecord } from './metadata-record-codec';
import { encodeSnapshot } from './snapshot-file';
import { SAMPLE_METADATA } from './test-fixtures';

let labDir: string;
beforeEach(() => {
  labDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-kraft-'));
});
afterEach(() => fs.rmSync(labDir, { recursive: true, force: true }));

const files = (): string[] => fs.readdirSync(metadataPartitionDir(labDir)).sort();
const withQuorum = { ...SAMPLE_METADATA, quorum: { voters: [1, 2, 3], leaderId: 2, leaderEpoch: 3 } };

function startError(): string {
  try {
    readLabMetadata(labDir);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('read without error');
}

describe('the lab metadata directory', () => {
  it('is empty for a new lab', () => {
    expect(readLabMetadata(labDir)).toBeNull();
  });

  it('appends each write to the log and snapshots it, deleting the older snapshot and the covered segment', () => {
    writeLabMetadata(labDir, withQuorum, 1_700_000_000_000);
    // Offset 0: LeaderChange of epoch 3; 1..19: the 19 records; the snapshot ends at 20 and the log rolled there.
    expect(files()).toEqual(['00000000000000000020-0000000003.checkpoint', '00000000000000000020.log', QUORUM_STATE_FILE]);
    const changed = { ...withQuorum, nextProducerId: 5000, quorum: { ...withQuorum.quorum, leaderEpoch: 1 } };
    writeLabMetadata(labDir, changed, 1_700_000_001_000);
    // A second writer continues the epochs above the recovered one (3 + 1); one LeaderChange and one ProducerIdsRecord.
    expect(files()).toEqual(['00000000000000000022-0000000004.checkpoint', '00000000000000000022.log', QUORUM_STATE_FILE]);
    expect(readLabMetadata(labDir)).toEqual({ ...SAMPLE_METADATA, nextProducerId: 5000, brokers: SAMPLE_METADATA.brokers!.map((b, i) => ({ ...b, brokerEpoch: i + 2 })) });
  });

  it('writes quorum-state (FileQuorumStateStore data_version 0) and meta.properties with the cluster ID', () => {
    writeLabMetadata(labDir, withQuorum, 0);
    expect(JSON.parse(fs.readFileSync(path.join(metadataPartitionDir(labDir), QUORUM_STATE_FILE), 'utf8'))).toEqual({
      clusterId: '', leaderId: 2, leaderEpoch: 3, votedId: -1, appliedOffset: 0, currentVoters: [{ voterId: 1 }, { voterId: 2 }, { voterId: 3 }], data_version: 0,
    });
    const meta = decodeMetaProperties(fs.readFileSync(path.join(labDir, 'metadata', 'meta.properties'), 'utf8'));
    expect(meta).toMatchObject({ version: 1, clusterId: SAMPLE_METADATA.clusterId, nodeId: 1 });
    expect(meta.directoryId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('removes a partial snapshot left by a crash mid-write and reads the complete one', () => {
    writeLabMetadata(labDir, withQuorum, 0);
    const partial = path.join(metadataPartitionDir(labDir), '00000000000000000030-0000000003.checkpoint.part');
    fs.writeFileSync(partial, Buffer.from('torn'));
    expect(readLabMetadata(labDir)?.topics.map((t) => t.name)).toEqual(['__consumer_offsets', 'orders']);
    expect(fs.existsSync(partial)).toBe(false);
  });

  it('refuses to start on a truncated snapshot, naming the file and the damage, and leaves it in place', () => {
    writeLabMetadata(labDir, withQuorum, 0);
    const file = path.join(metadataPartitionDir(labDir), '00000000000000000020-0000000003.checkpoint');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 30));
    expect(startError()).toMatch(new RegExp(`^KAFKA_STORAGE_ERROR: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: truncated: .*refuses to start`));
    expect(fs.existsSync(file)).toBe(true);
  });

  it('refuses a snapshot whose records do not make sense, naming the record', () => {
    // Written by hand: the lab's own writer replays its records before writing and never writes one like it.
    const bad = { ...withQuorum, topics: [{ ...SAMPLE_METADATA.topics[1]!, partitions: [{ partition: 0, replicas: [1], isr: [2], leader: 1, leaderEpoch: 0, partitionEpoch: 0 }] }] };
    fs.mkdirSync(metadataPartitionDir(labDir), { recursive: true });
    fs.writeFileSync(path.join(labDir, 'metadata', 'meta.properties'), encodeMetaProperties({ version: 1, clusterId: bad.clusterId, nodeId: 1, directoryId: 'AAAAAAAAAAAAAAAAAAAAAQ' }));
    fs.writeFileSync(path.join(metadataPartitionDir(labDir), '00000000000000000009-0000000001.checkpoint'), encodeSnapshot(labMetadataToRecords(bad).map(encodeMetadataRecord), { id: { endOffset: 9, epoch: 1 }, timestampMs: 0, lastContainedLogTimestamp: 0 }));
    expect(startError()).toMatch(/\.checkpoint: record at offset \d+ \(PartitionRecord v1\): Isr \[2\] names broker\(s\) 2 outside Replicas \[1\]/);
    expect(() => writeLabMetadata(labDir, bad, 0)).toThrow(/Isr \[2\] names broker/);
  });

  it('refuses a snapshot without its meta.properties (the cluster ID)', () => {
    writeLabMetadata(labDir, withQuorum, 0);
    fs.rmSync(path.join(labDir, 'metadata', 'meta.properties'));
    expect(startError()).toMatch(/meta\.properties: missing/);
  });
});

describe('a lab saved as cluster-metadata.json before', () => {
  const legacyFile = (): string => path.join(labDir, LEGACY_LAB_METADATA_FILE);
  const { brokers: _brokers, ...legacyShape } = SAMPLE_METADATA;

  it('is read once and converted to the KRaft snapshot; the JSON file is gone afterwards', () => {
    fs.writeFileSync(legacyFile(), JSON.stringify(legacyShape, null, 1));
    const read = readLabMetadata(labDir);
    expect(read).toMatchObject({ ...legacyShape, brokerIds: [1, 2, 3] });
    expect(fs.existsSync(legacyFile())).toBe(false);
    expect(files().filter((f) => f.endsWith('.checkpoint'))).toHaveLength(1);
    expect(readLabMetadata(labDir)).toEqual(read);
  });

  it('refuses hostile JSON entries with the file name, keeping the file', () => {
    const hostile = { ...legacyShape, topics: [{ ...legacyShape.topics[1]!, partitions: [{ partition: 0, replicas: [1], isr: [1], leader: 9, leaderEpoch: 0, partitionEpoch: 0 }] }] };
    fs.writeFileSync(legacyFile(), JSON.stringify(hostile));
    expect(startError()).toMatch(/^KAFKA_STORAGE_ERROR: .*cluster-metadata\.json: record at offset \d+ \(PartitionRecord v1\): Leader 9 is not a replica/);
    fs.writeFileSync(legacyFile(), JSON.stringify({ ...legacyShape, nextProducerId: 'many' }));
    expect(startError()).toMatch(/cluster-metadata\.json: .*nextProducerId/);
    fs.writeFileSync(legacyFile(), '{"version": 1, "clusterId"');
    expect(startError()).toMatch(/cluster-metadata\.json is not valid JSON/);
    fs.writeFileSync(legacyFile(), '[]');
    expect(startError()).toMatch(/cluster-metadata\.json is not a Kafka Lab metadata checkpoint/);
    expect(fs.existsSync(legacyFile())).toBe(true);
  });
});
