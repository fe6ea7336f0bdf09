/**
 * The lab's cluster metadata: what a KRaft controller keeps in its metadata log
 * (`__cluster_metadata-0`) — the cluster ID, broker registrations, each topic's name, topic ID,
 * config overrides and partitions (replicas, ISR, leader, leaderEpoch, partitionEpoch), the dynamic
 * broker configs, the next producer ID, and issue 16's security metadata: SCRAM credentials, salted
 * as the controller keeps them, ACLs and client quotas.
 *
 * On disk it is in Kafka's own KRaft format (./kraft/metadata-log-dir.ts): the metadata log
 * `<labDir>/metadata/__cluster_metadata-0/<baseOffset>.log`, to which each change is appended as
 * KRaft metadata records, and its snapshots `<endOffset>-<epoch>.checkpoint`, beside `quorum-state`
 * and the directory's `meta.properties` (which holds the cluster ID). A lab saved before as `cluster-metadata.json` (a
 * JSON document of the same facts) is read once, checked record by record and converted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SimCluster } from '../cluster/cluster';
import type { RestoredTopic } from '../cluster/controller/topic-admin';
import { attachScramCredentials, type ScramCredential, type ScramMechanismName } from '../cluster/security/scram-credentials';
import { attachSecurity } from '../cluster/security/security-model';
import type { AclBinding } from '../cluster/security/acl-types';
import type { ClientQuotaView } from '../../shared/security-view';
import { readKraftMetadata, writeKraftMetadata } from './kraft/metadata-log-dir';
import { encodeLabMetadataRecords } from './kraft/lab-metadata-records';
import { replayLabMetadata } from './kraft/lab-metadata-replay';
import { decodeSnapshot, encodeSnapshot } from './kraft/snapshot-file';

/** The JSON checkpoint of labs saved before the KRaft snapshot: read once and converted. */
export const LEGACY_LAB_METADATA_FILE = 'cluster-metadata.json';

/** A topic as saved: RestoredTopic plus each partition's reassignment in progress (PartitionRecord AddingReplicas / RemovingReplicas). */
export interface SavedTopic extends RestoredTopic {
  partitions: (RestoredTopic['partitions'][number] & { addingReplicas?: number[]; removingReplicas?: number[] })[];
}

/** One listener of a broker as registered (RegisterBrokerRecord.EndPoints): advertised host and port; securityProtocol is SecurityProtocol's id (PLAINTEXT 0, SSL 1, SASL_PLAINTEXT 2, SASL_SSL 3). */
export interface SavedEndpoint {
  name: string;
  host: string;
  port: number;
  securityProtocol: number;
}

/** A broker's registration as saved (RegisterBrokerRecord): rack, fenced state, listeners. */
export interface SavedBroker {
  brokerId: number;
  rack: string | null;
  fenced: boolean;
  /** The registration's BrokerEpoch (the offset of its RegisterBrokerRecord); absent before it was written. */
  brokerEpoch?: number;
  /** The broker's listeners as it registered them (absent for labs saved before they were recorded). */
  endPoints?: SavedEndpoint[];
}

/** The quorum as saved in quorum-state (Raft's QuorumStateData): voters, active controller and its epoch. */
export interface SavedQuorum {
  voters: number[];
  /** -1 when no controller is active. */
  leaderId: number;
  leaderEpoch: number;
}

export interface LabMetadata {
  version: 1;
  clusterId: string;
  brokerIds: number[];
  /** Registrations (absent in labs saved as JSON before the KRaft snapshot). */
  brokers?: SavedBroker[];
  /** Written to quorum-state; not restored (the model elects its controller afresh). */
  quorum?: SavedQuorum;
  topics: SavedTopic[];
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

/** The metadata as the active controller holds it now; `endpoints`: each broker's listeners (none before the host bound them). */
export function captureLabMetadata(cluster: SimCluster, brokerIds: readonly number[], endpoints: ReadonlyMap<number, SavedEndpoint[]> | null = null): LabMetadata {
  const topics: SavedTopic[] = [];
  for (const t of cluster.core.controller.topics.values()) {
    topics.push({
      name: t.record.name,
      topicId: t.record.topicId.text,
      internal: t.record.internal,
      configs: { ...t.record.configs },
      partitions: t.partitions.map((p) => ({
        partition: p.partition, replicas: [...p.replicas], isr: [...p.isr], leader: p.leader, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch,
        ...(p.addingReplicas.length > 0 ? { addingReplicas: [...p.addingReplicas] } : {}),
        ...(p.removingReplicas.length > 0 ? { removingReplicas: [...p.removingReplicas] } : {}),
      })),
    });
  }
  topics.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const configs = cluster.core.configs;
  const perBroker: Record<string, Record<string, string>> = {};
  for (const [id, c] of configs.dynamicPerBroker) perBroker[String(id)] = { ...c };
  const security = attachSecurity(cluster);
  const controller = cluster.core.controller;
  const brokers: SavedBroker[] = brokerIds.map((brokerId) => {
    const endPoints = endpoints?.get(brokerId);
    return { brokerId, rack: cluster.core.brokers.get(brokerId)?.rack ?? null, fenced: controller.registrations.get(brokerId)?.fenced ?? true, ...(endPoints && endPoints.length > 0 ? { endPoints } : {}) };
  });
  const quorum = { voters: [...controller.voters], leaderId: controller.activeControllerId ?? -1, leaderEpoch: controller.controllerEpoch };
  return {
    version: 1, clusterId: cluster.clusterId, brokerIds: [...brokerIds], brokers, quorum, topics, dynamicBrokerConfigs: { clusterDefault: { ...configs.dynamicDefault }, perBroker }, nextProducerId: cluster.core.controller.nextProducerId,
    scramCredentials: attachScramCredentials(cluster).store.entries(),
    acls: security.listAcls().map((b) => ({ ...b })),
    clientQuotas: security.quotas.all(),
  };
}

/**
 * Appends the metadata to the lab's KRaft metadata log and snapshots it (./kraft/metadata-log-dir.ts);
 * `nowMs` (wall ms) stamps its batches. Removes a legacy `cluster-metadata.json` once the snapshot holds its facts.
 */
export function writeLabMetadata(labDir: string, metadata: LabMetadata, nowMs = Date.now()): void {
  writeKraftMetadata(labDir, metadata, nowMs);
  fs.rmSync(path.join(labDir, LEGACY_LAB_METADATA_FILE), { force: true });
}

/**
 * A lab saved by an earlier Kafka Lab as `cluster-metadata.json` and no KRaft metadata: the JSON is
 * checked as the snapshot's records are and converted to a snapshot (the JSON file is removed only
 * after the snapshot replacing it reads back). Nothing to do for any other lab.
 * @throws Error `KAFKA_STORAGE_ERROR: <file>: <what is wrong>` — the lab refuses to start on it.
 */
export function convertLegacyLabMetadata(labDir: string): void {
  const legacyFile = path.join(labDir, LEGACY_LAB_METADATA_FILE);
  if (!fs.existsSync(legacyFile) || readKraftMetadata(labDir)) return;
  const legacy = readLegacyLabMetadata(legacyFile);
  writeKraftMetadata(labDir, legacy, Date.now());
  if (!readKraftMetadata(labDir)) throw new Error(`KAFKA_STORAGE_ERROR: ${legacyFile} was converted, but the snapshot replacing it cannot be found`);
  fs.rmSync(legacyFile, { force: true });
}

/**
 * The lab's metadata, or null for a new lab: its newest KRaft snapshot plus the metadata log after
 * it (a torn log tail is cut), after converting a legacy `cluster-metadata.json`.
 * @throws Error `KAFKA_STORAGE_ERROR: <file>: <what is wrong>` — the lab refuses to start on it.
 */
export function readLabMetadata(labDir: string): LabMetadata | null {
  convertLegacyLabMetadata(labDir);
  return readKraftMetadata(labDir)?.metadata ?? null;
}

/** A legacy JSON checkpoint, every entry checked by encoding it as KRaft records and replaying them. */
function readLegacyLabMetadata(file: string): LabMetadata {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`KAFKA_STORAGE_ERROR: ${file} is not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const m = parsed as Partial<LabMetadata>;
  if (!m || m.version !== 1 || typeof m.clusterId !== 'string' || m.clusterId === '' || !Array.isArray(m.brokerIds) || !Array.isArray(m.topics)) {
    throw new Error(`KAFKA_STORAGE_ERROR: ${file} is not a Kafka Lab metadata checkpoint (version 1)`);
  }
  const legacy: LabMetadata = {
    version: 1, clusterId: m.clusterId, brokerIds: m.brokerIds, topics: m.topics, dynamicBrokerConfigs: m.dynamicBrokerConfigs ?? { clusterDefault: {}, perBroker: {} },
    nextProducerId: m.nextProducerId ?? 0,
    scramCredentials: m.scramCredentials ?? [], acls: m.acls ?? [], clientQuotas: m.clientQuotas ?? [],
  };
  try {
    const snapshot = decodeSnapshot(encodeSnapshot(encodeLabMetadataRecords(legacy), { id: { endOffset: 1, epoch: 0 }, timestampMs: 0, lastContainedLogTimestamp: 0 }));
    return replayLabMetadata(legacy.clusterId, snapshot.records);
  } catch (e) {
    throw new Error(`KAFKA_STORAGE_ERROR: ${file}: ${(e as Error).message}`, { cause: e });
  }
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
