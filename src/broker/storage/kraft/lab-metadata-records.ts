/**
 * The lab's metadata as KRaft metadata records, in the order Kafka's MetadataImage writes a
 * snapshot (FeaturesImage, ClusterImage, TopicsImage, ConfigurationsImage, ClientQuotasImage,
 * ProducerIdsImage, AclsImage, ScramImage):
 * - FeatureLevelRecord metadata.version = 21 (3.9-IV0), the first record, as Kafka requires;
 * - RegisterBrokerRecord v3 per broker: rack, fenced; IncarnationId derived from the cluster ID
 *   and broker ID (Kafka draws a random one per process; derived here so a lab's bytes are
 *   reproducible); BrokerEpoch = the offset of the broker's registration in the metadata log, as
 *   Kafka's controller assigns it; EndPoints = the broker's listeners (name, advertised host and
 *   port, security protocol) as the host bound them;
 * - TopicRecord, then PartitionRecord v1 per partition (Directories: DirectoryId.UNASSIGNED per
 *   replica, since brokers register no log directory, KIP-858);
 * - ConfigRecord per topic override (resource TOPIC) and per dynamic broker config (resource
 *   BROKER; name "" for the cluster-wide default, the broker ID otherwise);
 * - ClientQuotaRecord per entity and quota key; ProducerIdsRecord (NextProducerId); an
 *   AccessControlEntryRecord per ACL (Id derived from the binding, stable across rewrites);
 *   UserScramCredentialRecord per user and mechanism (salt, StoredKey, ServerKey, iterations).
 *
 * Every lab fact has its KRaft record: the topic's `internal` flag is Kafka's Topic.isInternal
 * (the name) and the cluster ID lives in meta.properties, so no side file is needed.
 */
import { createHash } from 'node:crypto';
import { ACL_OPERATIONS, PATTERN_TYPES, PERMISSION_TYPES, RESOURCE_TYPES } from '../../cluster/security/acl-types';
import { SCRAM_MECHANISM_CODE } from '../../cluster/security/scram-credentials';
import type { AclBinding } from '../../cluster/security/acl-types';
import type { LabMetadata, SavedBroker, SavedTopic } from '../lab-metadata';
import { encodeMetadataRecord, type MetadataRecordInput } from './metadata-record-codec';
import { CONFIG_RESOURCE_TYPE, METADATA_VERSION_LEVEL } from './metadata-schemas';

/** DirectoryId.UNASSIGNED = Uuid(0, 1). */
export const DIRECTORY_UNASSIGNED = 'AAAAAAAAAAAAAAAAAAAAAQ';

/** A 16-byte UUID (base64url) from a hash of `text`, never the zero or a reserved (first 8 bytes 0, Uuid.RESERVED) UUID. */
export function derivedUuid(text: string): string {
  const bytes = createHash('sha256').update(text).digest().subarray(0, 16);
  bytes[0] = bytes[0]! | 0x01;
  return Buffer.from(bytes).toString('base64url');
}

function byName<T>(entries: [string, T][]): [string, T][] {
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The fields of an ACL binding in a fixed order: its identity. */
export function aclKey(a: AclBinding): string {
  return JSON.stringify([a.resourceType, a.resourceName, a.patternType, a.principal, a.host, a.operation, a.permissionType]);
}

/** The Id a new ACL's AccessControlEntryRecord gets (Kafka draws a random Uuid; derived here so a lab's bytes are reproducible). */
export function newAclId(a: AclBinding): string {
  return derivedUuid(`acl/${aclKey(a)}`);
}

/** A broker's RegisterBrokerRecord fields. */
export function registerBrokerData(clusterId: string, b: SavedBroker, brokerEpoch: number): Record<string, unknown> {
  return {
    brokerId: b.brokerId, incarnationId: derivedUuid(`${clusterId}/broker/${b.brokerId}`), brokerEpoch,
    endPoints: b.endPoints ?? [], features: [{ name: 'metadata.version', minSupportedVersion: 1, maxSupportedVersion: METADATA_VERSION_LEVEL }],
    rack: b.rack, fenced: b.fenced, inControlledShutdown: false,
  };
}

/** A partition's PartitionRecord fields. */
export function partitionRecordData(topicId: string, p: SavedTopic['partitions'][number]): Record<string, unknown> {
  return {
    partitionId: p.partition, topicId, replicas: p.replicas, isr: p.isr,
    removingReplicas: p.removingReplicas ?? [], addingReplicas: p.addingReplicas ?? [],
    leader: p.leader, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch,
    directories: p.replicas.map(() => DIRECTORY_UNASSIGNED),
  };
}

/** An ACL's AccessControlEntryRecord fields. */
export function aclRecordData(id: string, a: AclBinding): Record<string, unknown> {
  return {
    id, resourceType: RESOURCE_TYPES[a.resourceType], resourceName: a.resourceName,
    patternType: PATTERN_TYPES[a.patternType], principal: a.principal, host: a.host,
    operation: ACL_OPERATIONS[a.operation], permissionType: PERMISSION_TYPES[a.permissionType],
  };
}

/** A SCRAM credential's UserScramCredentialRecord fields. */
export function scramRecordData({ user, mechanism, credential }: NonNullable<LabMetadata['scramCredentials']>[number]): Record<string, unknown> {
  return {
    name: user, mechanism: SCRAM_MECHANISM_CODE[mechanism], salt: Buffer.from(credential.salt, 'base64'),
    storedKey: Buffer.from(credential.storedKey, 'base64'), serverKey: Buffer.from(credential.serverKey, 'base64'), iterations: credential.iterations,
  };
}

/**
 * The lab's metadata as record values, in snapshot order (offset 1 onwards; the header takes 0).
 * `aclIds`: the Ids the ACLs were written with (by aclKey); a new ACL gets newAclId.
 */
export function labMetadataToRecords(m: LabMetadata, aclIds?: ReadonlyMap<string, string>): MetadataRecordInput[] {
  const out: MetadataRecordInput[] = [];
  const add = (name: MetadataRecordInput['name'], data: Record<string, unknown>): void => {
    out.push({ name, data });
  };
  add('FeatureLevelRecord', { name: 'metadata.version', featureLevel: METADATA_VERSION_LEVEL });
  const brokers: SavedBroker[] = m.brokers ?? m.brokerIds.map((brokerId) => ({ brokerId, rack: null, fenced: false }));
  for (const b of [...brokers].sort((x, y) => x.brokerId - y.brokerId)) {
    add('RegisterBrokerRecord', registerBrokerData(m.clusterId, b, b.brokerEpoch ?? out.length + 1));
  }
  for (const t of m.topics) {
    add('TopicRecord', { name: t.name, topicId: t.topicId });
    for (const p of [...t.partitions].sort((a, b) => a.partition - b.partition)) {
      add('PartitionRecord', partitionRecordData(t.topicId, p));
    }
  }
  for (const t of m.topics) {
    for (const [name, value] of byName(Object.entries(t.configs))) add('ConfigRecord', { resourceType: CONFIG_RESOURCE_TYPE.TOPIC, resourceName: t.name, name, value });
  }
  const { clusterDefault, perBroker } = m.dynamicBrokerConfigs;
  for (const [name, value] of byName(Object.entries(clusterDefault))) add('ConfigRecord', { resourceType: CONFIG_RESOURCE_TYPE.BROKER, resourceName: '', name, value });
  for (const [id, configs] of Object.entries(perBroker).sort(([a], [b]) => Number(a) - Number(b))) {
    for (const [name, value] of byName(Object.entries(configs))) add('ConfigRecord', { resourceType: CONFIG_RESOURCE_TYPE.BROKER, resourceName: id, name, value });
  }
  for (const q of m.clientQuotas ?? []) {
    const entity = Object.entries(q.entity).map(([entityType, entityName]) => ({ entityType, entityName: entityName ?? null }));
    for (const [key, value] of byName(Object.entries(q.values))) add('ClientQuotaRecord', { entity, key, value, remove: false });
  }
  add('ProducerIdsRecord', { brokerId: brokers[0]?.brokerId ?? -1, brokerEpoch: -1, nextProducerId: m.nextProducerId });
  for (const a of m.acls ?? []) add('AccessControlEntryRecord', aclRecordData(aclIds?.get(aclKey(a)) ?? newAclId(a), a));
  for (const s of m.scramCredentials ?? []) add('UserScramCredentialRecord', scramRecordData(s));
  return out;
}

/** The record values' bytes (each in the version metadata.version 3.9-IV0 writes). */
export function encodeLabMetadataRecords(m: LabMetadata, aclIds?: ReadonlyMap<string, string>): Buffer[] {
  return labMetadataToRecords(m, aclIds).map(encodeMetadataRecord);
}
