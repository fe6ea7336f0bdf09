/**
 * The lab's KRaft metadata log (KraftMetadataStore over ./metadata-log.ts): each change appended as
 * Kafka's change records and replayed back to the same image by a new store (a restart); the
 * partition epochs of several commits between two saves reproduced exactly; Kafka's snapshot
 * triggers (bytes, interval) and the deletion of the segments a snapshot covers; a torn or corrupt
 * tail cut (later segments dropped) while a CRC-valid record that does not decode refuses the start.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../../protocol/records/index';
import type { LabMetadata } from '../lab-metadata';
import { KraftMetadataStore, metadataPartitionDir, type MetadataSnapshotPolicy } from './metadata-log-dir';
import { listMetadataSegments, recoverMetadataLog } from './metadata-log';
import { partitionChangeRecords } from './metadata-delta';
import { SAMPLE_METADATA } from './test-fixtures';

let labDir: string;
beforeEach(() => {
  labDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-metalog-'));
});
afterEach(() => fs.rmSync(labDir, { recursive: true, force: true }));

const NEVER: MetadataSnapshotPolicy = { maxRecordBytesBetweenSnapshots: Number.MAX_SAFE_INTEGER, maxSnapshotIntervalMs: 0 };
const base: LabMetadata = { ...SAMPLE_METADATA, quorum: { voters: [1, 2, 3], leaderId: 1, leaderEpoch: 1 } };
const dir = (): string => metadataPartitionDir(labDir);
const names = (): string[] => recoverMetadataLog(dir(), 0).records.map((r) => r.name);
/** What a store reads back, without the fields only the writer knows (quorum) and the broker epochs. */
const facts = (m: LabMetadata | null): unknown => m && { ...m, quorum: undefined, brokers: m.brokers?.map(({ brokerEpoch: _e, ...b }) => b) };

function changed(m: LabMetadata, edit: (copy: LabMetadata) => void): LabMetadata {
  const copy = structuredClone(m);
  edit(copy);
  return copy;
}

describe('the KRaft metadata log', () => {
  it('appends each change as its records and a new store replays them to the same image', () => {
    const store = KraftMetadataStore.open(labDir, NEVER, 0);
    expect(store.append(base, 1)).toBeGreaterThan(0);
    expect(store.append(base, 2)).toBe(0);
    const before = names().length;
    // Two commits on orders-0 between two saves: the ISR grew (partitionEpoch +1), then the leader moved (both epochs +1).
    const next = changed(base, (m) => {
      const p = m.topics[1]!.partitions[0]!;
      Object.assign(p, { isr: [1, 2], leader: 2, leaderEpoch: p.leaderEpoch + 1, partitionEpoch: p.partitionEpoch + 2 });
      m.topics = m.topics.filter((t) => t.name !== '__consumer_offsets');
      delete m.topics[0]!.configs['retention.ms'];
      m.acls = [];
      m.scramCredentials = [];
      m.brokers![1]!.fenced = false;
      m.clientQuotas = [{ entity: { user: null, 'client-id': 'slow' }, values: { producer_byte_rate: 102400 } }];
      m.nextProducerId = 6000;
    });
    store.append(next, 3);
    expect(names().slice(before)).toEqual([
      'BrokerRegistrationChangeRecord', 'RemoveTopicRecord', 'PartitionChangeRecord', 'PartitionChangeRecord', 'ConfigRecord',
      'ClientQuotaRecord', 'ProducerIdsRecord', 'RemoveAccessControlEntryRecord', 'RemoveUserScramCredentialRecord',
    ]);
    const reopened = KraftMetadataStore.open(labDir, NEVER, 4).recovered();
    expect(facts(reopened)).toEqual(facts(next));
    expect(fs.readdirSync(dir()).filter((n) => n.endsWith('.checkpoint'))).toEqual([]);
  });

  it('writes as many PartitionChangeRecords as the partition epoch grew, the first ones carrying the leader', () => {
    const prev = { partition: 0, replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1, leaderEpoch: 4, partitionEpoch: 9 };
    const records = partitionChangeRecords('T', prev, { ...prev, isr: [2, 3], leader: 2, leaderEpoch: 6, partitionEpoch: 12 });
    expect(records.map((r) => [r.data.leader, r.data.isr])).toEqual([[2, [2, 3]], [2, null], [-2, [2, 3]]]);
    // Epochs no sequence of change records reaches (they went back): one whole PartitionRecord.
    expect(partitionChangeRecords('T', prev, { ...prev, leaderEpoch: 1, partitionEpoch: 2 }).map((r) => r.name)).toEqual(['PartitionRecord']);
    expect(partitionChangeRecords('T', prev, { ...prev })).toEqual([]);
  });

  it('snapshots after metadata.log.max.record.bytes.between.snapshots and deletes the segments the snapshot covers', () => {
    const store = KraftMetadataStore.open(labDir, { maxRecordBytesBetweenSnapshots: 1, maxSnapshotIntervalMs: 0 }, 0);
    store.append(base, 1);
    const snapshots = fs.readdirSync(dir()).filter((n) => n.endsWith('.checkpoint'));
    expect(snapshots).toEqual([`${String(store.logEndOffset).padStart(20, '0')}-0000000001.checkpoint`]);
    expect(listMetadataSegments(dir()).map((s) => s.baseOffset)).toEqual([store.logEndOffset]);
    store.append(changed(base, (m) => { m.nextProducerId = 7000; }), 2);
    expect(facts(KraftMetadataStore.open(labDir, NEVER, 3).recovered())).toEqual(facts({ ...base, nextProducerId: 7000 }));
  });

  it('snapshots after metadata.log.max.snapshot.interval.ms once anything was appended', () => {
    const store = KraftMetadataStore.open(labDir, { maxRecordBytesBetweenSnapshots: Number.MAX_SAFE_INTEGER, maxSnapshotIntervalMs: 1000 }, 0);
    store.append(base, 500);
    expect(store.maybeSnapshot(999)).toBeNull();
    expect(store.maybeSnapshot(1000)).toEqual({ endOffset: store.logEndOffset, epoch: 1 });
    // Nothing appended since: no further snapshot however long it waits.
    expect(store.maybeSnapshot(10_000)).toBeNull();
  });

  it('cuts a torn or corrupt tail and the segments after it, and refuses a CRC-valid record that does not decode', () => {
    const store = KraftMetadataStore.open(labDir, NEVER, 0);
    store.append(base, 1);
    const [segment] = listMetadataSegments(dir());
    const whole = fs.readFileSync(segment!.file);
    store.append(changed(base, (m) => { m.nextProducerId = 8000; }), 2);
    const withTail = fs.readFileSync(segment!.file);
    // The second append torn: cut back to the first; a later segment goes with it.
    fs.writeFileSync(segment!.file, withTail.subarray(0, withTail.length - 3));
    fs.writeFileSync(path.join(dir(), '00000000000000009999.log'), Buffer.from('later'));
    const reopened = KraftMetadataStore.open(labDir, NEVER, 3);
    expect(reopened.truncation).toEqual({ bytes: withTail.length - whole.length - 3 + 5, reason: expect.stringMatching(/00000000000000000000\.log: .*not a whole record batch/) });
    expect(fs.readFileSync(segment!.file)).toEqual(whole);
    expect(listMetadataSegments(dir())).toHaveLength(1);
    expect(reopened.recovered()!.nextProducerId).toBe(base.nextProducerId);
    // A flipped byte in the last batch: its CRC fails and it is cut as well.
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 2] = flipped[flipped.length - 2]! ^ 0xff;
    fs.writeFileSync(segment!.file, flipped);
    expect(KraftMetadataStore.open(labDir, NEVER, 4).truncation?.reason).toMatch(/crc/);
    // A whole, CRC-valid batch whose value is no metadata record: the start is refused.
    const end = recoverMetadataLog(dir(), 0).logEndOffset;
    fs.appendFileSync(segment!.file, encodeRecordBatch({ baseOffset: end, partitionLeaderEpoch: 1, records: [{ key: null, value: Buffer.from('010200', 'hex') }] }));
    expect(() => KraftMetadataStore.open(labDir, NEVER, 5)).toThrow(/^KAFKA_STORAGE_ERROR: .*00000000000000000000\.log: record at offset \d+: malformed record/);
  });
});
