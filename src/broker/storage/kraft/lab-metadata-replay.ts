/**
 * Replays a snapshot's metadata records, then the metadata log's records after it, into the lab's
 * metadata (LabMetadata), as a KRaft controller replays its log (QuorumController.replay → ReplicationControlManager,
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
import type { LabMetadata, SavedBroker, SavedEndpoint, SavedTopic } from '../lab-metadata';
import { MetadataRecordError } from './metadata-record-codec';
import { CONFIG_RESOURCE_TYPE, METADATA_VERSION_LEVEL } from './metadata-schemas';
import type { MetadataRecordAt } from './snapshot-file';
import { replayChangeRecord, validatePartition } from './change-record-replay';

/** Lowest metadata.version the lab reads: 3.3-IV0 (level 4), the first production KRaft metadata.version. */
const MIN_METADATA_VERSION_LEVEL = 4;
/** Highest metadata.version Kafka defines so far (MetadataVersion.IBP_4_0_IV3). */
const MAX_METADATA_VERSION_LEVEL = 25;
const QUOTA_ENTITY_TYPES = new Set(['user', 'client-id']);

/* eslint-disable @typescript-eslint/no-explicit-any -- decoded records are checked field by field below */
export function replayLabMetadata(clusterId: string, records: readonly MetadataRecordAt[]): LabMetadata {
  const image = new MetadataImageBuilder(clusterId);
  for (const rec of records) image.replay(rec);
  return image.build();
}

/** The failure of one record: MetadataRecordError naming its offset, type and version. */
export type RecordFailure = (what: string) => never;

/**
 * The metadata image a controller builds by replaying records one at a time: a snapshot's records,
 * then the metadata log's (QuorumController.replay). `build()` gives the LabMetadata of the records
 * replayed so far; replay can go on after it.
 */
export class MetadataImageBuilder {
  metadataVersion: number | null = null;
  readonly brokers = new Map<number, SavedBroker>();
  readonly topicsById = new Map<string, SavedTopic>();
  readonly topicsByName = new Map<string, SavedTopic>();
  private readonly clusterDefault: Record<string, string> = {};
  private readonly perBroker: Record<string, Record<string, string>> = {};
  private readonly quotas = new Map<string, ClientQuotaView>();
  /** ACL bindings by their AccessControlEntryRecord Id (AclControlManager keeps them so; RemoveAccessControlEntryRecord names the Id). */
  readonly aclsById = new Map<string, AclBinding>();
  readonly scram: NonNullable<LabMetadata['scramCredentials']> = [];
  private nextProducerId = 0;

  constructor(readonly clusterId: string) {}

  /** Applies one record. @throws MetadataRecordError naming the record's offset, type and what makes no sense. */
  replay(rec: MetadataRecordAt): void {
    const fail: RecordFailure = (what) => {
      throw new MetadataRecordError(`record at offset ${rec.offset} (${rec.name} v${rec.version}): ${what}`);
    };
    if (this.metadataVersion === null && rec.name !== 'FeatureLevelRecord') fail('the first metadata record must be the FeatureLevelRecord of metadata.version');
    const d = rec.data as any;
    if (d === null) fail('a record type Kafka Lab does not restore');
    if (replayChangeRecord(this, rec, fail)) return;
    switch (rec.name) {
      case 'FeatureLevelRecord':
        if (d.name === 'metadata.version') {
          if (d.featureLevel < MIN_METADATA_VERSION_LEVEL || d.featureLevel > MAX_METADATA_VERSION_LEVEL) fail(`metadata.version level ${d.featureLevel} is not one Kafka Lab reads (${MIN_METADATA_VERSION_LEVEL}..${MAX_METADATA_VERSION_LEVEL})`);
          this.metadataVersion = d.featureLevel;
        } else if (this.metadataVersion === null) fail(`the first metadata record must set metadata.version, not ${d.name}`);
        break;
      case 'RegisterBrokerRecord':
        if (d.brokerId < 0) fail(`BrokerId ${d.brokerId} is negative`);
        this.brokers.set(d.brokerId, {
          brokerId: d.brokerId, rack: d.rack, fenced: d.fenced, brokerEpoch: Number(d.brokerEpoch),
          ...(d.endPoints.length > 0 ? { endPoints: (d.endPoints as SavedEndpoint[]).map((e) => ({ name: e.name, host: e.host, port: e.port, securityProtocol: e.securityProtocol })) } : {}),
        });
        break;
      case 'TopicRecord': {
        const bad = validateTopicName(d.name);
        if (bad) fail(bad);
        if (d.topicId === ZERO_UUID) fail(`topic ${d.name} has the zero topic ID`);
        if (this.topicsByName.has(d.name)) fail(`topic ${d.name} is defined twice`);
        if (this.topicsById.has(d.topicId)) fail(`topic ID ${d.topicId} is already topic ${this.topicsById.get(d.topicId)!.name}`);
        const topic: SavedTopic = { name: d.name, topicId: d.topicId, internal: INTERNAL_TOPIC_NAMES.has(d.name), configs: {}, partitions: [] };
        this.topicsById.set(d.topicId, topic);
        this.topicsByName.set(d.name, topic);
        break;
      }
      case 'PartitionRecord': {
        const topic = this.topicsById.get(d.topicId) ?? fail(`TopicId ${d.topicId} is no TopicRecord before it`);
        if (d.partitionId < 0) fail(`PartitionId ${d.partitionId} is negative`);
        if (d.leaderEpoch < 0 || d.partitionEpoch < 0) fail(`LeaderEpoch ${d.leaderEpoch} and PartitionEpoch ${d.partitionEpoch} must not be negative`);
        if (rec.version >= 1 && d.directories.length !== d.replicas.length) fail(`Directories has ${d.directories.length} entries for ${d.replicas.length} replicas`);
        const partition = {
          partition: d.partitionId, replicas: d.replicas, isr: d.isr, leader: d.leader, leaderEpoch: d.leaderEpoch, partitionEpoch: d.partitionEpoch,
          ...(d.addingReplicas.length > 0 ? { addingReplicas: d.addingReplicas } : {}),
          ...(d.removingReplicas.length > 0 ? { removingReplicas: d.removingReplicas } : {}),
        };
        validatePartition(topic.name, partition, fail);
        // A PartitionRecord of a partition that exists replaces it (ReplicationControlManager.replay).
        const at = topic.partitions.findIndex((p) => p.partition === d.partitionId);
        if (at >= 0) topic.partitions[at] = partition;
        else topic.partitions.push(partition);
        break;
      }
      case 'ConfigRecord': {
        let target: Record<string, string>;
        if (d.resourceType === CONFIG_RESOURCE_TYPE.TOPIC) {
          target = (this.topicsByName.get(d.resourceName) ?? fail(`topic ${d.resourceName} has no TopicRecord before its config`)).configs;
        } else if (d.resourceType === CONFIG_RESOURCE_TYPE.BROKER) {
          if (d.resourceName === '') target = this.clusterDefault;
          else if (/^\d+$/.test(d.resourceName)) target = this.perBroker[String(Number(d.resourceName))] ??= {};
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
        if (!d.remove && !Number.isFinite(d.value)) fail(`quota ${d.key} = ${d.value} is not a finite number`);
        const key = quotaEntityKey(entity);
        const q: ClientQuotaView = this.quotas.get(key) ?? { entity, values: {} };
        this.quotas.set(key, q);
        const quotaKey = d.key as string;
        if (quotaKey === '' || quotaKey === '__proto__') fail(`quota key ${JSON.stringify(quotaKey)} is not a quota`);
        if (d.remove) delete q.values[quotaKey];
        else q.values[quotaKey] = d.value as number;
        break;
      }
      case 'ProducerIdsRecord':
        if (d.nextProducerId < this.nextProducerId) fail(`NextProducerId ${d.nextProducerId} goes back from ${this.nextProducerId}`);
        this.nextProducerId = d.nextProducerId;
        break;
      case 'AccessControlEntryRecord': {
        const binding = {
          resourceType: nameOfCode(RESOURCE_TYPES, d.resourceType) ?? 'UNKNOWN' as ResourceType, resourceName: d.resourceName as string,
          patternType: nameOfCode(PATTERN_TYPES, d.patternType) ?? 'UNKNOWN' as PatternType, principal: d.principal as string, host: d.host as string,
          operation: nameOfCode(ACL_OPERATIONS, d.operation) ?? 'UNKNOWN' as AclOperation, permissionType: nameOfCode(PERMISSION_TYPES, d.permissionType) ?? 'UNKNOWN' as PermissionType,
        };
        const bad = invalidBindingReason(binding);
        if (bad) fail(bad);
        this.aclsById.set(d.id, binding as AclBinding);
        break;
      }
      case 'UserScramCredentialRecord': {
        const mechanism = SCRAM_MECHANISM_CODES.get(d.mechanism) ?? fail(`Mechanism ${d.mechanism} is neither SCRAM-SHA-256 (1) nor SCRAM-SHA-512 (2)`);
        if (d.name === '') fail('empty user name');
        if (d.iterations < SCRAM_MIN_ITERATIONS || d.iterations > SCRAM_MAX_ITERATIONS) fail(`Iterations ${d.iterations} outside ${SCRAM_MIN_ITERATIONS}..${SCRAM_MAX_ITERATIONS}`);
        if (d.salt.length === 0 || d.storedKey.length === 0 || d.serverKey.length === 0) fail('empty Salt, StoredKey or ServerKey');
        const credential = { salt: d.salt.toString('base64'), iterations: d.iterations, storedKey: d.storedKey.toString('base64'), serverKey: d.serverKey.toString('base64') };
        const i = this.scram.findIndex((s) => s.user === d.name && s.mechanism === mechanism);
        if (i >= 0) this.scram[i] = { user: d.name, mechanism, credential };
        else this.scram.push({ user: d.name, mechanism, credential });
        break;
      }
      default:
        fail('a record type Kafka Lab does not restore');
    }
  }

  /**
   * The metadata replayed so far: a copy, or with `view` the image's own objects (cheap; to be read
   * only, before the next replay).
   * @throws MetadataRecordError: no metadata.version, or a topic missing a partition.
   */
  build(view = false): LabMetadata {
    if (this.metadataVersion === null) throw new MetadataRecordError('no FeatureLevelRecord of metadata.version: not a KRaft metadata snapshot');
    const copy = <T>(v: T): T => (view ? v : structuredClone(v));
    const topics = [...this.topicsByName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((t) => (view ? { ...t, partitions: [...t.partitions] } : structuredClone(t)));
    for (const t of topics) {
      t.partitions.sort((a, b) => a.partition - b.partition);
      const gap = t.partitions.findIndex((p, i) => p.partition !== i);
      if (t.partitions.length === 0) throw new MetadataRecordError(`topic ${t.name} has no PartitionRecord`);
      if (gap >= 0) throw new MetadataRecordError(`topic ${t.name} has no PartitionRecord for partition ${gap}`);
    }
    const savedBrokers = [...this.brokers.values()].sort((a, b) => a.brokerId - b.brokerId).map(copy);
    return {
      version: 1, clusterId: this.clusterId, brokerIds: savedBrokers.map((b) => b.brokerId), brokers: savedBrokers, topics,
      dynamicBrokerConfigs: copy({ clusterDefault: this.clusterDefault, perBroker: this.perBroker }), nextProducerId: this.nextProducerId,
      scramCredentials: copy(this.scram), acls: [...this.aclsById.values()].map((a) => ({ ...a })),
      clientQuotas: [...this.quotas.values()].filter((q) => Object.keys(q.values).length > 0).map(copy),
    };
  }
}

/** The map key of a quota entity (its entity types and names, sorted). */
export function quotaEntityKey(entity: object): string {
  return JSON.stringify(Object.entries(entity).sort());
}

/** The metadata.version this snapshot writes and the range it reads, for messages. */
export const METADATA_VERSION_RANGE = { min: MIN_METADATA_VERSION_LEVEL, max: MAX_METADATA_VERSION_LEVEL, written: METADATA_VERSION_LEVEL };
