/**
 * Each KRaft metadata record the lab writes, against bytes derived by hand from Kafka's JSON
 * schemas (metadata/src/main/resources/common/metadata/*.json) with an independent encoder (a few
 * lines of Python's struct module: unsigned varint frame version 1, apiKey and version, then the
 * fields in schema order, compact strings/arrays/bytes as length + 1, an empty tagged-field section
 * 00 after each struct). Encoding must reproduce the bytes; decoding them must give the fields.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeMetadataRecord, decodeSnapshotFooter, decodeSnapshotHeader, encodeMetadataRecord, encodeSnapshotFooter,
  encodeSnapshotHeader, MetadataRecordError, type MetadataRecordInput,
} from './metadata-record-codec';

const TOPIC_ID = 'Zm9vYmFyYmF6cXV1eGFiYw'; // the 16 ASCII bytes "foobarbazquuxabc"
const UNASSIGNED = 'AAAAAAAAAAAAAAAAAAAAAQ'; // DirectoryId.UNASSIGNED, Uuid(0, 1)

const cases: { record: MetadataRecordInput; hex: string; note: string }[] = [
  {
    note: 'apiKey 12 v0: compact string "metadata.version" (0x11 = 16 + 1), int16 21, no tags',
    record: { name: 'FeatureLevelRecord', data: { name: 'metadata.version', featureLevel: 21 } },
    hex: '010c00116d657461646174612e76657273696f6e001500',
  },
  {
    note: 'apiKey 0 v3: brokerId, isMigratingZkBroker (v2+), incarnationId, brokerEpoch, endPoints, features, rack, fenced, inControlledShutdown (v1+); logDirs (tag 0) empty so not written',
    record: {
      name: 'RegisterBrokerRecord',
      data: {
        brokerId: 1, isMigratingZkBroker: false, incarnationId: 'AQIDBAUGBwgJCgsMDQ4PEA', brokerEpoch: 7,
        endPoints: [{ name: 'PLAINTEXT', host: 'localhost', port: 9092, securityProtocol: 0 }],
        features: [{ name: 'metadata.version', minSupportedVersion: 1, maxSupportedVersion: 21 }],
        rack: 'rack-a', fenced: false, inControlledShutdown: false,
      },
    },
    hex: '01000300000001000102030405060708090a0b0c0d0e0f100000000000000007020a504c41494e544558540a6c6f63616c686f7374238400000002116d657461646174612e76657273696f6e0001001500077261636b2d61000000',
  },
  {
    note: 'apiKey 2 v0: name, topicId',
    record: { name: 'TopicRecord', data: { name: 'orders', topicId: TOPIC_ID } },
    hex: '010200076f7264657273666f6f62617262617a7175757861626300',
  },
  {
    note: 'apiKey 3 v1: partitionId, topicId, replicas, isr, removingReplicas, addingReplicas, leader, leaderEpoch, partitionEpoch, directories (v1+); leaderRecoveryState (tag 0) at its default',
    record: {
      name: 'PartitionRecord',
      data: {
        partitionId: 0, topicId: TOPIC_ID, replicas: [1, 2, 3], isr: [1, 2], removingReplicas: [], addingReplicas: [3],
        leader: 1, leaderEpoch: 4, partitionEpoch: 9, directories: [UNASSIGNED, UNASSIGNED, UNASSIGNED],
      },
    },
    hex: '01030100000000666f6f62617262617a71757578616263040000000100000002000000030300000001000000020102000000030000000100000004000000090400000000000000000000000000000001000000000000000000000000000000010000000000000000000000000000000100',
  },
  {
    note: 'apiKey 4 v0: resourceType TOPIC (2), resourceName, name, value (nullable)',
    record: { name: 'ConfigRecord', data: { resourceType: 2, resourceName: 'orders', name: 'cleanup.policy', value: 'compact' } },
    hex: '01040002076f72646572730f636c65616e75702e706f6c69637908636f6d7061637400',
  },
  {
    note: 'apiKey 11 v0: name, mechanism SCRAM-SHA-512 (2), salt, storedKey, serverKey (compact bytes), iterations',
    record: { name: 'UserScramCredentialRecord', data: { name: 'alice', mechanism: 2, salt: Buffer.from('salt'), storedKey: Buffer.from('stored'), serverKey: Buffer.from('server'), iterations: 4096 } },
    hex: '010b0006616c696365020573616c740773746f726564077365727665720000100000',
  },
  {
    note: 'apiKey 18 v0: id, resourceType TOPIC (2), resourceName, patternType LITERAL (3), principal, host, operation READ (3), permissionType ALLOW (3)',
    record: { name: 'AccessControlEntryRecord', data: { id: 'ESIzRFVmd4iZqrvM3e7_AA', resourceType: 2, resourceName: 'orders', patternType: 3, principal: 'User:bob', host: '*', operation: 3, permissionType: 3 } },
    hex: '011200112233445566778899aabbccddeeff0002076f72646572730309557365723a626f62022a030300',
  },
  {
    note: 'apiKey 14 v0: entity [user = default (null name), client-id = slow], key, value float64 102400, remove',
    record: { name: 'ClientQuotaRecord', data: { entity: [{ entityType: 'user', entityName: null }, { entityType: 'client-id', entityName: 'slow' }], key: 'producer_byte_rate', value: 102400, remove: false } },
    hex: '010e0003057573657200000a636c69656e742d696405736c6f77001370726f64756365725f627974655f7261746540f90000000000000000',
  },
  {
    note: 'apiKey 15 v0: brokerId, brokerEpoch -1, nextProducerId 3000',
    record: { name: 'ProducerIdsRecord', data: { brokerId: 1, brokerEpoch: -1, nextProducerId: 3000 } },
    hex: '010f0000000001ffffffffffffffff0000000000000bb800',
  },
];

describe('KRaft metadata records (MetadataRecordSerde framing)', () => {
  for (const { record, hex, note } of cases) {
    it(`${record.name}: ${note}`, () => {
      expect(encodeMetadataRecord(record).toString('hex')).toBe(hex);
      const decoded = decodeMetadataRecord(Buffer.from(hex, 'hex'));
      expect(decoded.name).toBe(record.name);
      expect(decoded.data).toMatchObject(record.data);
    });
  }

  it('decodes the fields a version lacks at their defaults (PartitionRecord v1: no ELR, leaderRecoveryState 0)', () => {
    const d = decodeMetadataRecord(Buffer.from(cases[3]!.hex, 'hex')).data!;
    expect(d).toMatchObject({ leaderRecoveryState: 0, eligibleLeaderReplicas: null, lastKnownElr: null });
  });

  it('reads a PartitionRecord v0 (no Directories) as Kafka before metadata.version 3.7-IV2 wrote it', () => {
    const v0 = encodeMetadataRecord({ name: 'PartitionRecord', version: 0, data: { partitionId: 2, topicId: TOPIC_ID, replicas: [1], isr: [1], removingReplicas: [], addingReplicas: [], leader: 1, leaderEpoch: 0, partitionEpoch: 0 } });
    expect(v0.subarray(0, 3).toString('hex')).toBe('010300');
    expect(decodeMetadataRecord(v0)).toMatchObject({ name: 'PartitionRecord', version: 0, data: { partitionId: 2, directories: [] } });
  });

  it('SnapshotHeaderRecord and SnapshotFooterRecord v0 (no frame: control record values)', () => {
    expect(encodeSnapshotHeader(1_700_000_000_000).toString('hex')).toBe('00000000018bcfe5680000');
    expect(decodeSnapshotHeader(Buffer.from('00000000018bcfe5680000', 'hex'))).toEqual({ version: 0, lastContainedLogTimestamp: 1_700_000_000_000 });
    expect(encodeSnapshotFooter().toString('hex')).toBe('000000');
    expect(decodeSnapshotFooter(Buffer.from('000000', 'hex'))).toEqual({ version: 0 });
  });

  it('names the records it does not restore (dump-log lists them) and refuses what is no metadata record', () => {
    expect(decodeMetadataRecord(Buffer.from('010700', 'hex'))).toEqual({ apiKey: 7, name: 'FenceBrokerRecord', version: 0, data: null });
    const bad = (hex: string): string => {
      try {
        decodeMetadataRecord(Buffer.from(hex, 'hex'));
      } catch (e) {
        expect(e).toBeInstanceOf(MetadataRecordError);
        return (e as Error).message;
      }
      throw new Error(`${hex} decoded`);
    };
    expect(bad('000200')).toMatch(/frame version 0/);
    expect(bad('016300')).toMatch(/apiKey 99 is not a metadata record type/);
    expect(bad('010205')).toMatch(/TopicRecord version 5/);
    expect(bad('010200076f726465')).toMatch(/malformed record/);
    expect(bad(cases[2]!.hex + 'ff')).toMatch(/1 unread byte/);
  });
});
