/**
 * The KRaft metadata records the lab writes, as declared in Apache Kafka's message specifications
 * (metadata/src/main/resources/common/metadata/*.json; type "metadata"), and the two snapshot
 * control records (clients/src/main/resources/common/message/SnapshotHeaderRecord.json,
 * SnapshotFooterRecord.json). Written in the project's schema form (../../protocol/schema.ts) so the
 * one generic codec reads and writes them: every one is flexible from version 0 (compact strings,
 * arrays and bytes, tagged fields at the end of each struct).
 *
 * Versions written are those of metadata.version 3.9-IV0 (feature level 21, MetadataVersion
 * IBP_3_9_IV0): RegisterBrokerRecord v3 and PartitionRecord v1 (Directories, KIP-858); the other
 * records have one version. The metadata log (./metadata-log.ts) adds the change records:
 * PartitionChangeRecord v1, RemoveTopicRecord, BrokerRegistrationChangeRecord v2,
 * RemoveAccessControlEntryRecord, RemoveUserScramCredentialRecord, and Raft's LeaderChangeMessage
 * control record (raft/src/main/resources/common/message/LeaderChangeMessage.json).
 */
import { array, field, message, type MessageSchema } from '../../protocol/schema';

/** Kafka's metadata.version feature level the snapshot declares (MetadataVersion.IBP_3_9_IV0). */
export const METADATA_VERSION_LEVEL = 21;
export const METADATA_VERSION_NAME = '3.9-IV0';

export const featureLevelRecord = message('FeatureLevelRecord', '0', '0+', [
  field('name', 'string', '0+'),
  field('featureLevel', 'int16', '0+'),
]);

export const registerBrokerRecord = message('RegisterBrokerRecord', '0-3', '0+', [
  field('brokerId', 'int32', '0+'),
  field('isMigratingZkBroker', 'bool', '2+', { default: false }),
  field('incarnationId', 'uuid', '0+'),
  field('brokerEpoch', 'int64', '0+'),
  array('endPoints', [
    field('name', 'string', '0+'),
    field('host', 'string', '0+'),
    field('port', 'uint16', '0+'),
    field('securityProtocol', 'int16', '0+'),
  ], '0+'),
  array('features', [
    field('name', 'string', '0+'),
    field('minSupportedVersion', 'int16', '0+'),
    field('maxSupportedVersion', 'int16', '0+'),
  ], '0+'),
  field('rack', 'string', '0+', { nullable: '0+' }),
  field('fenced', 'bool', '0+', { default: true }),
  field('inControlledShutdown', 'bool', '1+', { default: false }),
  array('logDirs', 'uuid', '3+', { tagged: '3+', tag: 0 }),
]);

export const topicRecord = message('TopicRecord', '0', '0+', [
  field('name', 'string', '0+'),
  field('topicId', 'uuid', '0+'),
]);

export const partitionRecord = message('PartitionRecord', '0-2', '0+', [
  field('partitionId', 'int32', '0+', { default: -1 }),
  field('topicId', 'uuid', '0+'),
  array('replicas', 'int32', '0+'),
  array('isr', 'int32', '0+'),
  array('removingReplicas', 'int32', '0+'),
  array('addingReplicas', 'int32', '0+'),
  field('leader', 'int32', '0+', { default: -1 }),
  field('leaderRecoveryState', 'int8', '0+', { tagged: '0+', tag: 0, default: 0 }),
  field('leaderEpoch', 'int32', '0+', { default: -1 }),
  field('partitionEpoch', 'int32', '0+', { default: -1 }),
  array('directories', 'uuid', '1+'),
  array('eligibleLeaderReplicas', 'int32', '2+', { nullable: '2+', tagged: '2+', tag: 1, default: null }),
  array('lastKnownElr', 'int32', '2+', { nullable: '2+', tagged: '2+', tag: 2, default: null }),
]);

export const configRecord = message('ConfigRecord', '0', '0+', [
  field('resourceType', 'int8', '0+'),
  field('resourceName', 'string', '0+'),
  field('name', 'string', '0+'),
  field('value', 'string', '0+', { nullable: '0+' }),
]);

export const userScramCredentialRecord = message('UserScramCredentialRecord', '0', '0+', [
  field('name', 'string', '0+'),
  field('mechanism', 'int8', '0+'),
  field('salt', 'bytes', '0+'),
  field('storedKey', 'bytes', '0+'),
  field('serverKey', 'bytes', '0+'),
  field('iterations', 'int32', '0+'),
]);

export const accessControlEntryRecord = message('AccessControlEntryRecord', '0', '0+', [
  field('id', 'uuid', '0+'),
  field('resourceType', 'int8', '0+'),
  field('resourceName', 'string', '0+'),
  field('patternType', 'int8', '0+'),
  field('principal', 'string', '0+'),
  field('host', 'string', '0+'),
  field('operation', 'int8', '0+'),
  field('permissionType', 'int8', '0+'),
]);

export const clientQuotaRecord = message('ClientQuotaRecord', '0', '0+', [
  array('entity', [
    field('entityType', 'string', '0+'),
    field('entityName', 'string', '0+', { nullable: '0+' }),
  ], '0+'),
  field('key', 'string', '0+'),
  field('value', 'float64', '0+'),
  field('remove', 'bool', '0+'),
]);

export const producerIdsRecord = message('ProducerIdsRecord', '0', '0+', [
  field('brokerId', 'int32', '0+'),
  field('brokerEpoch', 'int64', '0+', { default: -1 }),
  field('nextProducerId', 'int64', '0+'),
]);

/** PartitionChangeRecord v0-2: only what changed; every field but the IDs is tagged, absent (null / -2 / -1) when unchanged. */
export const partitionChangeRecord = message('PartitionChangeRecord', '0-2', '0+', [
  field('partitionId', 'int32', '0+', { default: -1 }),
  field('topicId', 'uuid', '0+'),
  array('isr', 'int32', '0+', { nullable: '0+', tagged: '0+', tag: 0, default: null }),
  field('leader', 'int32', '0+', { tagged: '0+', tag: 1, default: -2 }),
  array('replicas', 'int32', '0+', { nullable: '0+', tagged: '0+', tag: 2, default: null }),
  array('removingReplicas', 'int32', '0+', { nullable: '0+', tagged: '0+', tag: 3, default: null }),
  array('addingReplicas', 'int32', '0+', { nullable: '0+', tagged: '0+', tag: 4, default: null }),
  field('leaderRecoveryState', 'int8', '0+', { tagged: '0+', tag: 5, default: -1 }),
  array('directories', 'uuid', '1+', { nullable: '1+', tagged: '1+', tag: 6, default: null }),
  array('eligibleLeaderReplicas', 'int32', '2+', { nullable: '2+', tagged: '2+', tag: 7, default: null }),
  array('lastKnownElr', 'int32', '2+', { nullable: '2+', tagged: '2+', tag: 8, default: null }),
]);

export const removeTopicRecord = message('RemoveTopicRecord', '0', '0+', [
  field('topicId', 'uuid', '0+'),
]);

/** BrokerRegistrationChangeRecord v0-2: Fenced -1 unfenced, 0 no change, 1 fenced. */
export const brokerRegistrationChangeRecord = message('BrokerRegistrationChangeRecord', '0-2', '0+', [
  field('brokerId', 'int32', '0+'),
  field('brokerEpoch', 'int64', '0+'),
  field('fenced', 'int8', '0+', { tagged: '0+', tag: 0, default: 0 }),
  field('inControlledShutdown', 'int8', '1+', { tagged: '1+', tag: 1, default: 0 }),
  array('logDirs', 'uuid', '2+', { tagged: '2+', tag: 2 }),
]);

export const removeAccessControlEntryRecord = message('RemoveAccessControlEntryRecord', '0', '0+', [
  field('id', 'uuid', '0+'),
]);

export const removeUserScramCredentialRecord = message('RemoveUserScramCredentialRecord', '0', '0+', [
  field('name', 'string', '0+'),
  field('mechanism', 'int8', '0+'),
]);

/** Raft's LeaderChangeMessage v0 (control type 2): the first record of each epoch in the metadata log. */
export const leaderChangeMessage = message('LeaderChangeMessage', '0', '0+', [
  field('version', 'int16', '0+'),
  field('leaderId', 'int32', '0+'),
  array('voters', [field('voterId', 'int32', '0+')], '0+'),
  array('grantingVoters', [field('voterId', 'int32', '0+')], '0+'),
]);

export const snapshotHeaderRecord = message('SnapshotHeaderRecord', '0', '0+', [
  field('version', 'int16', '0+'),
  field('lastContainedLogTimestamp', 'int64', '0+'),
]);

export const snapshotFooterRecord = message('SnapshotFooterRecord', '0', '0+', [
  field('version', 'int16', '0+'),
]);

/** One metadata record type: its apiKey (MetadataRecordType), schema and the version the lab writes. */
export interface MetadataRecordType {
  readonly apiKey: number;
  readonly schema: MessageSchema;
  readonly writeVersion: number;
}

/** The record types the lab writes and reads, by name (MetadataRecordType's ids). */
export const METADATA_RECORD_TYPES = {
  RegisterBrokerRecord: { apiKey: 0, schema: registerBrokerRecord, writeVersion: 3 },
  TopicRecord: { apiKey: 2, schema: topicRecord, writeVersion: 0 },
  PartitionRecord: { apiKey: 3, schema: partitionRecord, writeVersion: 1 },
  ConfigRecord: { apiKey: 4, schema: configRecord, writeVersion: 0 },
  PartitionChangeRecord: { apiKey: 5, schema: partitionChangeRecord, writeVersion: 1 },
  RemoveTopicRecord: { apiKey: 9, schema: removeTopicRecord, writeVersion: 0 },
  UserScramCredentialRecord: { apiKey: 11, schema: userScramCredentialRecord, writeVersion: 0 },
  FeatureLevelRecord: { apiKey: 12, schema: featureLevelRecord, writeVersion: 0 },
  ClientQuotaRecord: { apiKey: 14, schema: clientQuotaRecord, writeVersion: 0 },
  ProducerIdsRecord: { apiKey: 15, schema: producerIdsRecord, writeVersion: 0 },
  BrokerRegistrationChangeRecord: { apiKey: 17, schema: brokerRegistrationChangeRecord, writeVersion: 2 },
  AccessControlEntryRecord: { apiKey: 18, schema: accessControlEntryRecord, writeVersion: 0 },
  RemoveAccessControlEntryRecord: { apiKey: 19, schema: removeAccessControlEntryRecord, writeVersion: 0 },
  RemoveUserScramCredentialRecord: { apiKey: 22, schema: removeUserScramCredentialRecord, writeVersion: 0 },
} as const satisfies Record<string, MetadataRecordType>;

export type MetadataRecordName = keyof typeof METADATA_RECORD_TYPES;

/**
 * Names of the other MetadataRecordType ids (read by dump-log only: the lab neither writes nor
 * restores them, so a snapshot holding one is refused on restore).
 */
export const OTHER_METADATA_RECORD_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'UnregisterBrokerRecord'], [7, 'FenceBrokerRecord'], [8, 'UnfenceBrokerRecord'],
  [10, 'DelegationTokenRecord'], [20, 'NoOpRecord'], [21, 'ZkMigrationRecord'],
  [23, 'BeginTransactionRecord'], [24, 'EndTransactionRecord'], [25, 'AbortTransactionRecord'],
  [26, 'RemoveDelegationTokenRecord'], [27, 'RegisterControllerRecord'],
]);

/** ConfigResource.Type codes ConfigRecord.ResourceType uses. */
export const CONFIG_RESOURCE_TYPE = { TOPIC: 2, BROKER: 4 } as const;
