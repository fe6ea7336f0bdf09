/**
 * Replays a snapshot's metadata records into the lab's metadata (LabMetadata), as a KRaft
 * controller replays its log (QuorumController.replay → ReplicationControlManager,
 * ConfigurationControlManager, ClientQuotaControlManager, ProducerIdControlManager,
 * AclControlManager, ScramControlManager), checking every entry as those managers do: a record
 * that does not make sense (a PartitionRecord of an unknown topic ID, an ISR member outside the
 * replicas, a SCRAM mechanism that is not SHA-256/512, an ACL code out of range, …) is a
 * MetadataRecordError naming its offset, record type and field.
 */
import { INTERNAL_TOPIC_NAMES, validateTopicName } from '../../../shared/topic-names';
import type { ClientQuotaView } from '../../../shared/security-view';
import {
  ACL_OPERATIONS, PATTERN_TYPES, PERMISSION_TYPES, RESOURCE_TYPES, invalidBindingReason, nameOfCode, type AclBinding,
  type AclOperation, type PatternType, type PermissionType, type ResourceType,
} from '../../cluster/security/acl-types';
import { SCRAM_MAX_ITERATIONS, SCRAM_MECHANISM_CODES, SCRAM_MIN_ITERATIONS } from '../../cluster/security/scram-credentials';
import { ZERO_UUID } from '../../protocol/uuid';
import type { LabMetadata, SavedBroker, SavedTopic } from '../lab-metadata';
import { MetadataRecordError } from './metadata-record-codec';
import { CONFIG_RESOURCE_TYPE, METADATA_VERSION_LEVEL } from './metadata-schemas';
import type { MetadataRecordAt } from './snapshot-file';

/** Lowest metadata.version the lab reads: 3.3-IV0 (level 4), the first production KRaft metadata.version. */
const MIN_METADATA_VERSION_LEVEL = 4;
/** Highest metadata.version Kafka defines so far (MetadataVersion.IBP_4_0_IV3). */
const MAX_METADATA_VERSION_LEVEL = 25;
const QUOTA_ENTITY_TYPES = new Set(['user', 'client-id']);

/* eslint-disable @typescript-eslint/no-explicit-any -- decoded records are checked field by field below */
export function replayLabMetadata(clusterId: string, records: readonly MetadataRecordAt[]): LabMetadata {
  let metadataVersion: number | null = null;
  const brokers = new Map<number, SavedBroker>();
  const topicsById = new Map<string, SavedTopic>();
  const topicsByName = new Map<string, SavedTopic>();
  const clusterDefault: Record<string, string> = {};
  const perBroker: Record<string, Record<string, string>> = {};
  const quotas = new Map<string, ClientQuotaView>();
  const acls: AclBinding[] = [];
  const scram: NonNullable<LabMetadata['scramCredentials']> = [];
  let nextProducerId = 0;

  for (const rec of records) {
    const fail = (what: string): never => {
      throw new MetadataRecordError(`record at offset ${rec.offset} (${rec.name} v${rec.version}): ${what}`);
    };
    if (metadataVersion === null && rec.name !== 'FeatureLevelRecord') fail('the first metadata record must be the FeatureLevelRecord of metadata.version');
    const d = rec.data as any;
    if (d === null) fail('a record type Kafka Lab does not restore (only the records of a snapshot are read, not a metadata log)');
    switch (rec.name) {
      case 'FeatureLevelRecord':
        if (d.name === 'metadata.version') {
          if (d.featureLevel < MIN_METADATA_VERSION_LEVEL || d.featureLevel > MAX_METADATA_VERSION_LEVEL) fail(`metadata.version level ${d.featureLevel} is not one Kafka Lab reads (${MIN_METADATA_VERSION_LEVEL}..${MAX_METADATA_VERSION_LEVEL})`);
          metadataVersion = d.featureLevel;
        } else if (metadataVersion === null) fail(`the first metadata record must set metadata.version, not ${d.name}`);
        break;
      case 'RegisterBrokerRecord':
        if (d.brokerId < 0) fail(`BrokerId ${d.brokerId} is negative`);
        brokers.set(d.brokerId, { brokerId: d.brokerId, rack: d.rack, fenced: d.fenced });
        break;
      case 'TopicRecord': {
        const bad = validateTopicName(d.name);
        if (bad) fail(bad);
        if (d.topicId === ZERO_UUID) fail(`topic ${d.name} has the zero topic ID`);
        if (topicsByName.has(d.name)) fail(`topic ${d.name} is defined twice`);
        if (topicsById.has(d.topicId)) fail(`topic ID ${d.topicId} is already topic ${topicsById.get(d.topicId)!.name}`);
        const topic: SavedTopic = { name: d.name, topicId: d.topicId, internal: INTERNAL_TOPIC_NAMES.has(d.name), configs: {}, partitions: [] };
        topicsById.set(d.topicId, topic);
        topicsByName.set(d.name, topic);
        break;
      }
      case 'PartitionRecord': {
        const topic = topicsById.get(d.topicId) ?? fail(`TopicId ${d.topicId} is no TopicRecord before it`);
        const replicas: number[] = d.replicas;
        if (d.partitionId < 0) fail(`PartitionId ${d.partitionId} is negative`);
        if (topic.partitions.some((p) => p.partition === d.partitionId)) fail(`partition ${topic.name}-${d.partitionId} is defined twice`);
        if (replicas.length === 0) fail(`partition ${topic.name}-${d.partitionId} has no replicas`);
        if (replicas.some((r) => r < 0) || new Set(replicas).size !== replicas.length) fail(`Replicas [${replicas.join(',')}] must be distinct broker IDs`);
        for (const [field, list] of [['Isr', d.isr], ['AddingReplicas', d.addingReplicas], ['RemovingReplicas', d.removingReplicas]] as [string, number[]][]) {
          const outside = list.filter((r) => !replicas.includes(r));
          if (outside.length > 0) fail(`${field} [${list.join(',')}] names broker(s) ${outside.join(',')} outside Replicas [${replicas.join(',')}]`);
        }
        if (d.leader !== -1 && !replicas.includes(d.leader)) fail(`Leader ${d.leader} is not a replica`);
        if (d.leaderEpoch < 0 || d.partitionEpoch < 0) fail(`LeaderEpoch ${d.leaderEpoch} and PartitionEpoch ${d.partitionEpoch} must not be negative`);
        if (rec.version >= 1 && d.directories.length !== replicas.length) fail(`Directories has ${d.directories.length} entries for ${replicas.length} replicas`);
        topic.partitions.push({
          partition: d.partitionId, replicas, isr: d.isr, leader: d.leader, leaderEpoch: d.leaderEpoch, partitionEpoch: d.partitionEpoch,
          ...(d.addingReplicas.length > 0 ? { addingReplicas: d.addingReplicas } : {}),
          ...(d.removingReplicas.length > 0 ? { removingReplicas: d.removingReplicas } : {}),
        });
        break;
      }
      case 'ConfigRecord': {
        let target: Record<string, string>;
        if (d.resourceType === CONFIG_RESOURCE_TYPE.TOPIC) {
          target = (topicsByName.get(d.resourceName) ?? fail(`topic ${d.resourceName} has no TopicRecord before its config`)).configs;
        } else if (d.resourceType === CONFIG_RESOURCE_TYPE.BROKER) {
          if (d.resourceName === '') target = clusterDefault;
          else if (/^\d+$/.test(d.resourceName)) target = perBroker[String(Number(d.resourceName))] ??= {};
          else fail(`BROKER resource name ${JSON.stringify(d.resourceName)} is neither "" (cluster default) nor a broker ID`);
        } else fail(`ResourceType ${d.resourceType} is neither TOPIC (2) nor BROKER (4)`);
        if (d.name === '' || d.name === '__proto__') fail(`config name ${JSON.stringify(d.name)} is not a config`);
        if (d.value === null) delete target![d.name];
        else target![d.name] = d.value;
        break;
      }
      case 'ClientQuotaRecord': {
        const entity: Record<string, string | null> = {};
        for (const e of d.entity as { entityType: string; entityName: string | null }[]) {
          if (!QUOTA_ENTITY_TYPES.has(e.entityType)) fail(`entity type ${JSON.stringify(e.entityType)} is neither user nor client-id`);
          if (e.entityType in entity) fail(`entity type ${e.entityType} appears twice`);
          entity[e.entityType] = e.entityName;
        }
        if (d.entity.length === 0) fail('empty quota entity');
        if (!Number.isFinite(d.value)) fail(`quota ${d.key} = ${d.value} is not a finite number`);
        const key = JSON.stringify(Object.entries(entity).sort());
        const q: ClientQuotaView = quotas.get(key) ?? { entity, values: {} };
        quotas.set(key, q);
        const quotaKey = d.key as string;
        if (quotaKey === '' || quotaKey === '__proto__') fail(`quota key ${JSON.stringify(quotaKey)} is not a quota`);
        if (d.remove) delete q.values[quotaKey];
        else q.values[quotaKey] = d.value as number;
        break;
      }
      case 'ProducerIdsRecord':
        if (d.nextProducerId < nextProducerId) fail(`NextProducerId ${d.nextProducerId} goes back from ${nextProducerId}`);
        nextProducerId = d.nextProducerId;
        break;
      case 'AccessControlEntryRecord': {
        const binding = {
          resourceType: nameOfCode(RESOURCE_TYPES, d.resourceType) ?? 'UNKNOWN' as ResourceType, resourceName: d.resourceName as string,
          patternType: nameOfCode(PATTERN_TYPES, d.patternType) ?? 'UNKNOWN' as PatternType, principal: d.principal as string, host: d.host as string,
          operation: nameOfCode(ACL_OPERATIONS, d.operation) ?? 'UNKNOWN' as AclOperation, permissionType: nameOfCode(PERMISSION_TYPES, d.permissionType) ?? 'UNKNOWN' as PermissionType,
        };
        const bad = invalidBindingReason(binding);
        if (bad) fail(bad);
        acls.push(binding as AclBinding);
        break;
      }
      case 'UserScramCredentialRecord': {
        const mechanism = SCRAM_MECHANISM_CODES.get(d.mechanism) ?? fail(`Mechanism ${d.mechanism} is neither SCRAM-SHA-256 (1) nor SCRAM-SHA-512 (2)`);
        if (d.name === '') fail('empty user name');
        if (d.iterations < SCRAM_MIN_ITERATIONS || d.iterations > SCRAM_MAX_ITERATIONS) fail(`Iterations ${d.iterations} outside ${SCRAM_MIN_ITERATIONS}..${SCRAM_MAX_ITERATIONS}`);
        if (d.salt.length === 0 || d.storedKey.length === 0 || d.serverKey.length === 0) fail('empty Salt, StoredKey or ServerKey');
        const credential = { salt: d.salt.toString('base64'), iterations: d.iterations, storedKey: d.storedKey.toString('base64'), serverKey: d.serverKey.toString('base64') };
        const i = scram.findIndex((s) => s.user === d.name && s.mechanism === mechanism);
        if (i >= 0) scram[i] = { user: d.name, mechanism, credential };
        else scram.push({ user: d.name, mechanism, credential });
        break;
      }
    }
  }
  if (metadataVersion === null) throw new MetadataRecordError('no FeatureLevelRecord of metadata.version: not a KRaft metadata snapshot');
  const topics = [...topicsByName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const t of topics) {
    t.partitions.sort((a, b) => a.partition - b.partition);
    const gap = t.partitions.findIndex((p, i) => p.partition !== i);
    if (t.partitions.length === 0) throw new MetadataRecordError(`topic ${t.name} has no PartitionRecord`);
    if (gap >= 0) throw new MetadataRecordError(`topic ${t.name} has no PartitionRecord for partition ${gap}`);
  }
  const savedBrokers = [...brokers.values()].sort((a, b) => a.brokerId - b.brokerId);
  return {
    version: 1, clusterId, brokerIds: savedBrokers.map((b) => b.brokerId), brokers: savedBrokers, topics,
    dynamicBrokerConfigs: { clusterDefault, perBroker }, nextProducerId,
    scramCredentials: scram, acls, clientQuotas: [...quotas.values()].filter((q) => Object.keys(q.values).length > 0),
  };
}

/** The metadata.version this snapshot writes and the range it reads, for messages. */
export const METADATA_VERSION_RANGE = { min: MIN_METADATA_VERSION_LEVEL, max: MAX_METADATA_VERSION_LEVEL, written: METADATA_VERSION_LEVEL };
