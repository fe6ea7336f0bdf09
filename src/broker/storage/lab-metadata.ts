/**
 * The lab's cluster metadata on disk: `<labDir>/cluster-metadata.json`, a checkpoint of the facts
 * a KRaft controller keeps in its metadata log (`__cluster_metadata-0`): the cluster ID, the
 * broker ids, each topic's name, topic ID, internal flag, config overrides and partitions
 * (replicas, ISR, leader, leaderEpoch, partitionEpoch: TopicRecord, ConfigRecord, PartitionRecord /
 * PartitionChangeRecord), the dynamic broker configs (ConfigRecord for BROKER resources), and
 * issue 16's security metadata: SCRAM credentials, salted as the controller keeps them
 * (UserScramCredentialRecord), ACLs (AccessControlEntryRecord) and client quotas
 * (ClientQuotaRecord).
 *
 * NOT Kafka's format: Kafka writes these as KRaft metadata records in record batches; this is a
 * JSON document of the same facts, rewritten whole (tmp file + rename) whenever they change.
 * Record data (`<topic>-<partition>/` segment files, checkpoints) IS in Kafka's own format.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SimCluster } from '../cluster/cluster';
import type { RestoredTopic } from '../cluster/controller/topic-admin';
import { attachScramCredentials, type ScramCredential, type ScramMechanismName } from '../cluster/security/scram-credentials';
import { attachSecurity } from '../cluster/security/security-model';
import type { AclBinding } from '../cluster/security/acl-types';
import type { ClientQuotaView } from '../../shared/security-view';
import { writeAtomically } from './disk-log-storage';

export const LAB_METADATA_FILE = 'cluster-metadata.json';

export interface LabMetadata {
  version: 1;
  clusterId: string;
  brokerIds: number[];
  topics: RestoredTopic[];
  dynamicBrokerConfigs: { clusterDefault: Record<string, string>; perBroker: Record<string, Record<string, string>> };
  /** The controller's next producer ID (Kafka's ProducerIdsRecord). */
  nextProducerId: number;
  /** Issue 16: SCRAM credentials (salted; no password is ever stored). Absent in labs saved before it. */
  scramCredentials?: { user: string; mechanism: ScramMechanismName; credential: ScramCredential }[];
  /** Issue 16: the authorizer's ACL bindings. */
  acls?: AclBinding[];
  /** Issue 16: client quotas per user / client-id entity. */
  clientQuotas?: ClientQuotaView[];
}

/**
 * Producer IDs skipped on restart: Kafka's controller hands out producer ID blocks of 1000
 * (ProducerIdManager) and a restart starts after the last block saved, so an ID handed out after
 * the last checkpoint (a crash) is never given to a second producer.
 */
export const PRODUCER_ID_BLOCK_SIZE = 1000;

/** The metadata as the active controller holds it now. */
export function captureLabMetadata(cluster: SimCluster, brokerIds: readonly number[]): LabMetadata {
  const topics: RestoredTopic[] = [];
  for (const t of cluster.core.controller.topics.values()) {
    topics.push({
      name: t.record.name,
      topicId: t.record.topicId.text,
      internal: t.record.internal,
      configs: { ...t.record.configs },
      partitions: t.partitions.map((p) => ({ partition: p.partition, replicas: [...p.replicas], isr: [...p.isr], leader: p.leader, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch })),
    });
  }
  topics.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const configs = cluster.core.configs;
  const perBroker: Record<string, Record<string, string>> = {};
  for (const [id, c] of configs.dynamicPerBroker) perBroker[String(id)] = { ...c };
  const security = attachSecurity(cluster);
  return {
    version: 1, clusterId: cluster.clusterId, brokerIds: [...brokerIds], topics, dynamicBrokerConfigs: { clusterDefault: { ...configs.dynamicDefault }, perBroker }, nextProducerId: cluster.core.controller.nextProducerId,
    scramCredentials: attachScramCredentials(cluster).store.entries(),
    acls: security.listAcls().map((b) => ({ ...b })),
    clientQuotas: security.quotas.all(),
  };
}

export function writeLabMetadata(labDir: string, metadata: LabMetadata): void {
  fs.mkdirSync(labDir, { recursive: true });
  writeAtomically(path.join(labDir, LAB_METADATA_FILE), JSON.stringify(metadata, null, 1) + '\n');
}

/** The lab's metadata, or null for a new lab; throws Error naming the file when it is not a metadata checkpoint. */
export function readLabMetadata(labDir: string): LabMetadata | null {
  const file = path.join(labDir, LAB_METADATA_FILE);
  if (!fs.existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`KAFKA_STORAGE_ERROR: ${file} is not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const m = parsed as Partial<LabMetadata>;
  if (!m || m.version !== 1 || typeof m.clusterId !== 'string' || !Array.isArray(m.brokerIds) || !Array.isArray(m.topics)) {
    throw new Error(`KAFKA_STORAGE_ERROR: ${file} is not a Kafka Lab metadata checkpoint (version 1)`);
  }
  return {
    version: 1, clusterId: m.clusterId, brokerIds: m.brokerIds, topics: m.topics, dynamicBrokerConfigs: m.dynamicBrokerConfigs ?? { clusterDefault: {}, perBroker: {} }, nextProducerId: Number.isSafeInteger(m.nextProducerId) ? m.nextProducerId! : 0,
    scramCredentials: Array.isArray(m.scramCredentials) ? m.scramCredentials : [],
    acls: Array.isArray(m.acls) ? m.acls : [],
    clientQuotas: Array.isArray(m.clientQuotas) ? m.clientQuotas : [],
  };
}

/** Puts the saved metadata into a freshly created cluster, before any input (a KRaft controller replaying its log). */
export function restoreLabMetadata(cluster: SimCluster, metadata: LabMetadata): void {
  const configs = cluster.core.configs;
  Object.assign(configs.dynamicDefault, metadata.dynamicBrokerConfigs.clusterDefault);
  for (const [id, c] of Object.entries(metadata.dynamicBrokerConfigs.perBroker)) configs.dynamicPerBroker.set(Number(id), { ...c });
  configs.changed();
  const controller = cluster.core.controller;
  controller.nextProducerId = Math.max(controller.nextProducerId, metadata.nextProducerId + PRODUCER_ID_BLOCK_SIZE);
  for (const t of metadata.topics) cluster.admin.restoreTopic(t);
  restoreSecurity(cluster, metadata);
}

/** Issue 16: SCRAM users, ACLs and client quotas back into the model (the host attaches the same extensions afterwards). */
function restoreSecurity(cluster: SimCluster, metadata: LabMetadata): void {
  const scram = attachScramCredentials(cluster);
  for (const { user, mechanism, credential } of metadata.scramCredentials ?? []) scram.store.apply({ op: 'upsert', user, mechanism, credential });
  const security = attachSecurity(cluster);
  if ((metadata.acls ?? []).length > 0) security.createAcls(metadata.acls!);
  const quotas = (metadata.clientQuotas ?? []).map((q) => ({
    entity: Object.entries(q.entity).map(([entityType, entityName]) => ({ entityType, entityName: entityName ?? null })),
    ops: Object.entries(q.values).map(([key, value]) => ({ key, value, remove: false })),
  }));
  if (quotas.length > 0) security.alterClientQuotas(quotas, false);
}
