/**
 * Replay of the metadata log's change records (the records a snapshot never holds), as Kafka's
 * controller managers apply them:
 * - PartitionChangeRecord (ReplicationControlManager.replay → PartitionRegistration.merge): each
 *   field present (Isr, Replicas, AddingReplicas, RemovingReplicas) replaces the old one; a Leader
 *   other than -2 (NO_LEADER_CHANGE) sets the leader and bumps the leaderEpoch; every record bumps
 *   the partitionEpoch;
 * - RemoveTopicRecord: the topic, its partitions and its configs go;
 * - BrokerRegistrationChangeRecord (ClusterControlManager): Fenced 1 fences, -1 unfences, 0 keeps;
 * - RemoveAccessControlEntryRecord (AclControlManager): the ACL with that Id goes;
 * - RemoveUserScramCredentialRecord (ScramControlManager): that user's mechanism goes.
 * A change of something that does not exist is a MetadataRecordError, as Kafka's replay throws.
 */
import { SCRAM_MECHANISM_CODES } from '../../cluster/security/scram-credentials';
import type { SavedTopic } from '../lab-metadata';
import type { MetadataImageBuilder, RecordFailure } from './lab-metadata-replay';
import type { MetadataRecordAt } from './snapshot-file';

/** PartitionChangeRecord.Leader when the leader does not change (LeaderConstants.NO_LEADER_CHANGE). */
export const NO_LEADER_CHANGE = -2;

type SavedPartition = SavedTopic['partitions'][number];

/** Checks a partition's state as ReplicationControlManager does before it accepts it. */
export function validatePartition(topicName: string, p: SavedPartition, fail: RecordFailure): void {
  const name = `partition ${topicName}-${p.partition}`;
  if (p.replicas.length === 0) fail(`${name} has no replicas`);
  if (p.replicas.some((r) => r < 0) || new Set(p.replicas).size !== p.replicas.length) fail(`Replicas [${p.replicas.join(',')}] must be distinct broker IDs`);
  for (const [field, list] of [['Isr', p.isr], ['AddingReplicas', p.addingReplicas ?? []], ['RemovingReplicas', p.removingReplicas ?? []]] as [string, number[]][]) {
    const outside = list.filter((r) => !p.replicas.includes(r));
    if (outside.length > 0) fail(`${field} [${list.join(',')}] names broker(s) ${outside.join(',')} outside Replicas [${p.replicas.join(',')}]`);
  }
  if (p.leader !== -1 && !p.replicas.includes(p.leader)) fail(`Leader ${p.leader} is not a replica`);
}

/* eslint-disable @typescript-eslint/no-explicit-any -- decoded records are checked field by field below */
/** Applies `rec` when it is a change record; false for any other record type. */
export function replayChangeRecord(image: MetadataImageBuilder, rec: MetadataRecordAt, fail: RecordFailure): boolean {
  const d = rec.data as any;
  switch (rec.name) {
    case 'PartitionChangeRecord': {
      const topic = image.topicsById.get(d.topicId) ?? fail(`TopicId ${d.topicId} is no topic`);
      const at = topic.partitions.findIndex((p) => p.partition === d.partitionId);
      if (at < 0) fail(`partition ${topic.name}-${d.partitionId} has no PartitionRecord before it`);
      const prev = topic.partitions[at]!;
      const replicas: number[] = d.replicas ?? prev.replicas;
      if (d.directories !== null && d.directories !== undefined && d.directories.length !== replicas.length) fail(`Directories has ${d.directories.length} entries for ${replicas.length} replicas`);
      const adding: number[] = d.addingReplicas ?? prev.addingReplicas ?? [];
      const removing: number[] = d.removingReplicas ?? prev.removingReplicas ?? [];
      const leaderChanged = d.leader !== NO_LEADER_CHANGE;
      if (leaderChanged && d.leader < -1) fail(`Leader ${d.leader} is neither a broker, -1 (none) nor -2 (no change)`);
      const next: SavedPartition = {
        partition: prev.partition, replicas, isr: d.isr ?? prev.isr, leader: leaderChanged ? d.leader : prev.leader,
        leaderEpoch: leaderChanged ? prev.leaderEpoch + 1 : prev.leaderEpoch, partitionEpoch: prev.partitionEpoch + 1,
        ...(adding.length > 0 ? { addingReplicas: adding } : {}),
        ...(removing.length > 0 ? { removingReplicas: removing } : {}),
      };
      validatePartition(topic.name, next, fail);
      topic.partitions[at] = next;
      return true;
    }
    case 'RemoveTopicRecord': {
      const topic = image.topicsById.get(d.topicId) ?? fail(`TopicId ${d.topicId} is no topic`);
      image.topicsById.delete(d.topicId);
      image.topicsByName.delete(topic.name);
      return true;
    }
    case 'BrokerRegistrationChangeRecord': {
      const broker = image.brokers.get(d.brokerId) ?? fail(`broker ${d.brokerId} has no RegisterBrokerRecord before it`);
      if (d.fenced !== -1 && d.fenced !== 0 && d.fenced !== 1) fail(`Fenced ${d.fenced} is neither -1, 0 nor 1`);
      if (d.fenced !== 0) broker.fenced = d.fenced === 1;
      return true;
    }
    case 'RemoveAccessControlEntryRecord':
      if (!image.aclsById.delete(d.id)) fail(`no ACL has Id ${d.id}`);
      return true;
    case 'RemoveUserScramCredentialRecord': {
      const mechanism = SCRAM_MECHANISM_CODES.get(d.mechanism) ?? fail(`Mechanism ${d.mechanism} is neither SCRAM-SHA-256 (1) nor SCRAM-SHA-512 (2)`);
      const i = image.scram.findIndex((s) => s.user === d.name && s.mechanism === mechanism);
      if (i < 0) fail(`user ${d.name} has no ${mechanism} credential`);
      image.scram.splice(i, 1);
      return true;
    }
    default:
      return false;
  }
}
