/**
 * The metadata records that turn one metadata image into the next: what the lab appends to its
 * metadata log when the controller's state changed. The records are those Kafka's controller
 * writes for the same change (QuorumController's managers):
 * - a new or re-registered broker (its listeners or rack changed): RegisterBrokerRecord, whose
 *   BrokerEpoch is its own offset; only the fenced state changed: BrokerRegistrationChangeRecord;
 * - a deleted topic (or a name now held by another topic ID): RemoveTopicRecord; a new topic:
 *   TopicRecord, its PartitionRecords and ConfigRecords; new partitions: PartitionRecord;
 * - a changed partition: PartitionChangeRecord(s) carrying only what changed (Kafka's
 *   PartitionChangeBuilder). Every record bumps the partitionEpoch and one with a Leader bumps the
 *   leaderEpoch, so when the model committed n changes between two saves (its partitionEpoch grew
 *   by n, its leaderEpoch by l ≤ n), n records are written, the first l carrying the leader: the
 *   replayed epochs are the model's. Epochs the records cannot reach (after a restart that bumped
 *   them) are written as a whole PartitionRecord, which replaces the partition on replay;
 * - a config set or removed: ConfigRecord (value null removes); a client quota: ClientQuotaRecord
 *   (Remove true removes); NextProducerId moved: ProducerIdsRecord; ACLs:
 *   AccessControlEntryRecord / RemoveAccessControlEntryRecord; SCRAM: UserScramCredentialRecord /
 *   RemoveUserScramCredentialRecord.
 */
import type { LabMetadata, SavedTopic } from '../lab-metadata';
import {
  aclKey, aclRecordData, DIRECTORY_UNASSIGNED, newAclId, partitionRecordData, registerBrokerData, scramRecordData,
} from './lab-metadata-records';
import { quotaEntityKey } from './lab-metadata-replay';
import type { MetadataRecordInput } from './metadata-record-codec';
import { CONFIG_RESOURCE_TYPE } from './metadata-schemas';
import { NO_LEADER_CHANGE } from './change-record-replay';

type SavedPartition = SavedTopic['partitions'][number];

function same(a: readonly number[] = [], b: readonly number[] = []): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The PartitionChangeRecords (or one PartitionRecord) from `prev` to `next`; none when equal. */
export function partitionChangeRecords(topicId: string, prev: SavedPartition, next: SavedPartition): MetadataRecordInput[] {
  const changed = {
    isr: !same(prev.isr, next.isr), replicas: !same(prev.replicas, next.replicas),
    adding: !same(prev.addingReplicas, next.addingReplicas), removing: !same(prev.removingReplicas, next.removingReplicas),
  };
  const partitionEpochs = next.partitionEpoch - prev.partitionEpoch;
  const leaderEpochs = next.leaderEpoch - prev.leaderEpoch;
  const fieldsChanged = changed.isr || changed.replicas || changed.adding || changed.removing || prev.leader !== next.leader;
  if (!fieldsChanged && partitionEpochs === 0 && leaderEpochs === 0) return [];
  const reachable = partitionEpochs >= 1 && leaderEpochs >= 0 && leaderEpochs <= partitionEpochs && (prev.leader === next.leader || leaderEpochs >= 1);
  if (!reachable) return [{ name: 'PartitionRecord', data: partitionRecordData(topicId, next) }];
  const out: MetadataRecordInput[] = [];
  for (let i = 0; i < partitionEpochs; i++) {
    const data: Record<string, unknown> = { partitionId: next.partition, topicId, isr: null, leader: NO_LEADER_CHANGE, replicas: null, removingReplicas: null, addingReplicas: null, directories: null };
    if (i === 0) {
      if (changed.isr) data.isr = next.isr;
      if (changed.replicas) {
        data.replicas = next.replicas;
        data.directories = next.replicas.map(() => DIRECTORY_UNASSIGNED);
      }
      if (changed.adding) data.addingReplicas = next.addingReplicas ?? [];
      if (changed.removing) data.removingReplicas = next.removingReplicas ?? [];
    }
    if (i < leaderEpochs) data.leader = next.leader;
    // A further commit whose fields the save did not see restates the ISR (a change record always changes something).
    if (i > 0 && i >= leaderEpochs) data.isr = next.isr;
    out.push({ name: 'PartitionChangeRecord', data });
  }
  return out;
}

function configRecords(resourceType: number, resourceName: string, prev: Record<string, string>, next: Record<string, string>): MetadataRecordInput[] {
  const out: MetadataRecordInput[] = [];
  for (const name of Object.keys(prev).sort()) if (!(name in next)) out.push({ name: 'ConfigRecord', data: { resourceType, resourceName, name, value: null } });
  for (const name of Object.keys(next).sort()) if (prev[name] !== next[name]) out.push({ name: 'ConfigRecord', data: { resourceType, resourceName, name, value: next[name] } });
  return out;
}

/**
 * The records from `prev` (the image replayed from the lab's snapshot and log) to `next` (the
 * controller's state now). `nextOffset`: the offset the first record will take (a
 * RegisterBrokerRecord's BrokerEpoch is its offset). `aclIds`: the Id of each ACL in `prev` by aclKey.
 */
export function metadataDeltaRecords(prev: LabMetadata, next: LabMetadata, nextOffset: number, aclIds: ReadonlyMap<string, string>): MetadataRecordInput[] {
  const out: MetadataRecordInput[] = [];
  const prevBrokers = new Map((prev.brokers ?? []).map((b) => [b.brokerId, b]));
  for (const b of next.brokers ?? []) {
    const old = prevBrokers.get(b.brokerId);
    if (!old || old.rack !== b.rack || JSON.stringify(old.endPoints ?? []) !== JSON.stringify(b.endPoints ?? [])) {
      out.push({ name: 'RegisterBrokerRecord', data: registerBrokerData(next.clusterId, b, nextOffset + out.length) });
    } else if (old.fenced !== b.fenced) {
      out.push({ name: 'BrokerRegistrationChangeRecord', data: { brokerId: b.brokerId, brokerEpoch: old.brokerEpoch ?? -1, fenced: b.fenced ? 1 : -1, inControlledShutdown: 0, logDirs: [] } });
    }
  }
  const prevTopics = new Map(prev.topics.map((t) => [t.name, t]));
  const nextTopics = new Map(next.topics.map((t) => [t.name, t]));
  for (const t of prev.topics) {
    if (nextTopics.get(t.name)?.topicId !== t.topicId) out.push({ name: 'RemoveTopicRecord', data: { topicId: t.topicId } });
  }
  for (const t of next.topics) {
    const old = prevTopics.get(t.name);
    if (!old || old.topicId !== t.topicId) {
      out.push({ name: 'TopicRecord', data: { name: t.name, topicId: t.topicId } });
      for (const p of t.partitions) out.push({ name: 'PartitionRecord', data: partitionRecordData(t.topicId, p) });
      out.push(...configRecords(CONFIG_RESOURCE_TYPE.TOPIC, t.name, {}, t.configs));
      continue;
    }
    for (const p of t.partitions) {
      const indexed = old.partitions[p.partition];
      const before = indexed?.partition === p.partition ? indexed : old.partitions.find((q) => q.partition === p.partition);
      out.push(...(before ? partitionChangeRecords(t.topicId, before, p) : [{ name: 'PartitionRecord' as const, data: partitionRecordData(t.topicId, p) }]));
    }
    out.push(...configRecords(CONFIG_RESOURCE_TYPE.TOPIC, t.name, old.configs, t.configs));
  }
  const { clusterDefault, perBroker } = next.dynamicBrokerConfigs;
  out.push(...configRecords(CONFIG_RESOURCE_TYPE.BROKER, '', prev.dynamicBrokerConfigs.clusterDefault, clusterDefault));
  const brokerIds = [...new Set([...Object.keys(prev.dynamicBrokerConfigs.perBroker), ...Object.keys(perBroker)])].sort((a, b) => Number(a) - Number(b));
  for (const id of brokerIds) out.push(...configRecords(CONFIG_RESOURCE_TYPE.BROKER, id, prev.dynamicBrokerConfigs.perBroker[id] ?? {}, perBroker[id] ?? {}));
  const prevQuotas = new Map((prev.clientQuotas ?? []).map((q) => [quotaEntityKey(q.entity), q]));
  const nextQuotas = new Map((next.clientQuotas ?? []).map((q) => [quotaEntityKey(q.entity), q]));
  for (const key of new Set([...prevQuotas.keys(), ...nextQuotas.keys()])) {
    const before = prevQuotas.get(key)?.values ?? {};
    const after = nextQuotas.get(key)?.values ?? {};
    const entity = Object.entries((nextQuotas.get(key) ?? prevQuotas.get(key))!.entity).map(([entityType, entityName]) => ({ entityType, entityName: entityName ?? null }));
    for (const k of Object.keys(before).sort()) if (!(k in after)) out.push({ name: 'ClientQuotaRecord', data: { entity, key: k, value: 0, remove: true } });
    for (const k of Object.keys(after).sort()) if (before[k] !== after[k]) out.push({ name: 'ClientQuotaRecord', data: { entity, key: k, value: after[k], remove: false } });
  }
  if (next.nextProducerId > prev.nextProducerId) {
    out.push({ name: 'ProducerIdsRecord', data: { brokerId: next.brokers?.[0]?.brokerId ?? -1, brokerEpoch: -1, nextProducerId: next.nextProducerId } });
  }
  const nextAcls = new Set((next.acls ?? []).map(aclKey));
  for (const a of prev.acls ?? []) if (!nextAcls.has(aclKey(a))) out.push({ name: 'RemoveAccessControlEntryRecord', data: { id: aclIds.get(aclKey(a)) ?? newAclId(a) } });
  const prevAcls = new Set((prev.acls ?? []).map(aclKey));
  for (const a of next.acls ?? []) if (!prevAcls.has(aclKey(a))) out.push({ name: 'AccessControlEntryRecord', data: aclRecordData(newAclId(a), a) });
  const scramKey = (s: { user: string; mechanism: string }): string => `${s.user}\u0000${s.mechanism}`;
  const nextScram = new Map((next.scramCredentials ?? []).map((s) => [scramKey(s), s]));
  const prevScram = new Map((prev.scramCredentials ?? []).map((s) => [scramKey(s), s]));
  for (const [key, s] of prevScram) {
    if (!nextScram.has(key)) out.push({ name: 'RemoveUserScramCredentialRecord', data: { name: s.user, mechanism: scramRecordData(s).mechanism } });
  }
  for (const [key, s] of nextScram) {
    if (JSON.stringify(prevScram.get(key)?.credential) !== JSON.stringify(s.credential)) out.push({ name: 'UserScramCredentialRecord', data: scramRecordData(s) });
  }
  return out;
}
