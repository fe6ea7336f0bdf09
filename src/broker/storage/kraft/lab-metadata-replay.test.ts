/**
 * Replay checks each record as Kafka's control managers do: every hostile entry is refused with
 * its offset, record type and what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { replayLabMetadata } from './lab-metadata-replay';
import { decodeMetadataRecord, encodeMetadataRecord, type MetadataRecordInput } from './metadata-record-codec';
import type { MetadataRecordAt } from './snapshot-file';

const TOPIC_ID = 'Zm9vYmFyYmF6cXV1eGFiYw';
const feature: MetadataRecordInput = { name: 'FeatureLevelRecord', data: { name: 'metadata.version', featureLevel: 21 } };
const topic: MetadataRecordInput = { name: 'TopicRecord', data: { name: 'orders', topicId: TOPIC_ID } };
const partition = (over: Record<string, unknown> = {}): MetadataRecordInput => ({
  name: 'PartitionRecord',
  data: { partitionId: 0, topicId: TOPIC_ID, replicas: [1, 2], isr: [1, 2], removingReplicas: [], addingReplicas: [], leader: 1, leaderEpoch: 0, partitionEpoch: 0, directories: ['AAAAAAAAAAAAAAAAAAAAAQ', 'AAAAAAAAAAAAAAAAAAAAAQ'], ...over },
});

/** Records as a snapshot reader hands them over: encoded, then decoded, at offsets from 1. */
function at(records: MetadataRecordInput[]): MetadataRecordAt[] {
  return records.map((r, i) => ({ offset: i + 1, ...decodeMetadataRecord(encodeMetadataRecord(r)) }));
}

const replay = (records: MetadataRecordInput[]) => replayLabMetadata('cid', at(records));

describe('replaying a snapshot into the lab metadata', () => {
  it('takes a minimal valid snapshot', () => {
    const m = replay([feature, topic, partition()]);
    expect(m.topics).toEqual([{ name: 'orders', topicId: TOPIC_ID, internal: false, configs: {}, partitions: [{ partition: 0, replicas: [1, 2], isr: [1, 2], leader: 1, leaderEpoch: 0, partitionEpoch: 0 }] }]);
  });

  it('applies a ConfigRecord with a null value as a deletion (as ConfigurationControlManager does)', () => {
    const set = { name: 'ConfigRecord' as const, data: { resourceType: 4, resourceName: '', name: 'log.retention.ms', value: '1' } };
    const m = replay([feature, set, { name: 'ConfigRecord', data: { ...set.data, value: null } }]);
    expect(m.dynamicBrokerConfigs.clusterDefault).toEqual({});
  });

  const cases: [string, MetadataRecordInput[], RegExp][] = [
    ['no metadata.version first', [topic, partition()], /offset 1 \(TopicRecord v0\): the first metadata record must be the FeatureLevelRecord/],
    ['an unknown metadata.version', [{ name: 'FeatureLevelRecord', data: { name: 'metadata.version', featureLevel: 99 } }], /metadata.version level 99/],
    ['a bad topic name', [feature, { name: 'TopicRecord', data: { name: 'a/b', topicId: TOPIC_ID } }], /offset 2 \(TopicRecord v0\): .*illegal/],
    ['the zero topic ID', [feature, { name: 'TopicRecord', data: { name: 'x', topicId: 'AAAAAAAAAAAAAAAAAAAAAA' } }], /zero topic ID/],
    ['a topic twice', [feature, topic, partition(), topic], /topic orders is defined twice/],
    ['a partition of no topic', [feature, partition()], /offset 2 \(PartitionRecord v1\): TopicId .* is no TopicRecord before it/],
    ['an ISR member outside the replicas', [feature, topic, partition({ isr: [1, 5] })], /Isr \[1,5\] names broker\(s\) 5 outside Replicas \[1,2\]/],
    ['a leader outside the replicas', [feature, topic, partition({ leader: 7 })], /Leader 7 is not a replica/],
    ['duplicate replicas', [feature, topic, partition({ replicas: [1, 1], isr: [1] })], /must be distinct broker IDs/],
    ['no replicas', [feature, topic, partition({ replicas: [], isr: [], leader: -1, directories: [] })], /has no replicas/],
    ['a negative epoch', [feature, topic, partition({ leaderEpoch: -3 })], /LeaderEpoch -3/],
    ['directories not matching the replicas', [feature, topic, partition({ directories: [] })], /Directories has 0 entries for 2 replicas/],
    ['a missing partition', [feature, topic, partition({ partitionId: 1 })], /topic orders has no PartitionRecord for partition 0/],
    ['a topic without partitions', [feature, topic], /topic orders has no PartitionRecord$/],
    ['a config of an unknown resource type', [feature, { name: 'ConfigRecord', data: { resourceType: 3, resourceName: 'g', name: 'x', value: '1' } }], /ResourceType 3 is neither TOPIC \(2\) nor BROKER \(4\)/],
    ['a broker config on a non-numeric broker', [feature, { name: 'ConfigRecord', data: { resourceType: 4, resourceName: 'one', name: 'x', value: '1' } }], /BROKER resource name "one"/],
    ['a config of an unknown topic', [feature, { name: 'ConfigRecord', data: { resourceType: 2, resourceName: 'nope', name: 'x', value: '1' } }], /topic nope has no TopicRecord before its config/],
    ['an unknown SCRAM mechanism', [feature, { name: 'UserScramCredentialRecord', data: { name: 'u', mechanism: 3, salt: Buffer.from('s'), storedKey: Buffer.from('k'), serverKey: Buffer.from('k'), iterations: 4096 } }], /Mechanism 3 is neither/],
    ['too few SCRAM iterations', [feature, { name: 'UserScramCredentialRecord', data: { name: 'u', mechanism: 1, salt: Buffer.from('s'), storedKey: Buffer.from('k'), serverKey: Buffer.from('k'), iterations: 10 } }], /Iterations 10 outside 4096\.\.16384/],
    ['an ACL with an ANY operation', [feature, { name: 'AccessControlEntryRecord', data: { id: TOPIC_ID, resourceType: 2, resourceName: 't', patternType: 3, principal: 'User:a', host: '*', operation: 1, permissionType: 3 } }], /Invalid operation ANY/],
    ['an ACL with a malformed principal', [feature, { name: 'AccessControlEntryRecord', data: { id: TOPIC_ID, resourceType: 2, resourceName: 't', patternType: 3, principal: 'bob', host: '*', operation: 3, permissionType: 3 } }], /Could not parse principal/],
    ['a quota entity type Kafka does not know', [feature, { name: 'ClientQuotaRecord', data: { entity: [{ entityType: 'ip', entityName: '1.2.3.4' }], key: 'k', value: 1, remove: false } }], /entity type "ip" is neither user nor client-id/],
    ['a NaN quota', [feature, { name: 'ClientQuotaRecord', data: { entity: [{ entityType: 'user', entityName: 'u' }], key: 'producer_byte_rate', value: NaN, remove: false } }], /is not a finite number/],
    ['a negative broker ID', [feature, { name: 'RegisterBrokerRecord', data: { brokerId: -2, incarnationId: TOPIC_ID, brokerEpoch: 0, endPoints: [], features: [], rack: null, fenced: false } }], /BrokerId -2 is negative/],
  ];
  for (const [what, records, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(() => replay(records)).toThrow(message);
    });
  }

  it('refuses a record type it does not restore (a metadata log record such as PartitionChangeRecord)', () => {
    const records = at([feature]);
    records.push({ offset: 2, apiKey: 5, name: 'PartitionChangeRecord', version: 0, data: null });
    expect(() => replayLabMetadata('cid', records)).toThrow(/offset 2 \(PartitionChangeRecord v0\): a record type Kafka Lab does not restore/);
  });
});
