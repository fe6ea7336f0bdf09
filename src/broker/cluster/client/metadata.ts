/**
 * Metadata and DescribeCluster answered from the broker's own metadata image (stale on an
 * isolated broker, as on a real partitioned broker). Auto-creation is decided by the caller.
 */
import type { BrokerEndpoint, DescribeClusterResult, MetadataPartition, MetadataResult, MetadataTopic } from '../api';
import type { Broker } from '../brokers/broker';
import type { ClusterCore } from '../core';
import { ZERO_TOPIC_ID } from '../topics/topic-id';
import { endpointOf } from './leader-info';

export function liveBrokers(core: ClusterCore, broker: Broker): BrokerEndpoint[] {
  return [...core.brokers.keys()]
    .filter((id) => !broker.fencedBrokers.has(id))
    .sort((a, b) => a - b)
    .map((id) => endpointOf(core, id)!);
}

/**
 * The controllerId clients are told. Combined mode: the active controller, itself a broker. With
 * dedicated controllers, clients cannot reach the controller (it has no client listener), so a
 * KRaft broker names a live broker instead and forwards admin requests to the active controller
 * (KIP-590; Kafka's KRaftMetadataCache.getRandomAliveBrokerId): here the answering broker itself,
 * deterministically. -1 while no controller is active.
 */
export function clientControllerId(core: ClusterCore, broker: Broker): number {
  const active = core.controller.activeControllerId;
  if (active === null) return -1;
  return core.controller.quorum.dedicated ? broker.brokerId : active;
}

export function unknownTopic(name: string, errorName: string): MetadataTopic {
  return { errorName, name, topicId: ZERO_TOPIC_ID.text, topicIdBytes: ZERO_TOPIC_ID.bytes, isInternal: false, partitions: [] };
}

export function metadata(core: ClusterCore, broker: Broker, topics: string[] | null, autoCreated: Set<string>): MetadataResult {
  const names = topics ?? [...broker.topics.keys()].sort();
  const out: MetadataTopic[] = names.map((name) => {
    const img = broker.topics.get(name);
    if (!img) return unknownTopic(name, autoCreated.has(name) ? 'LEADER_NOT_AVAILABLE' : 'UNKNOWN_TOPIC_OR_PARTITION');
    const partitions: MetadataPartition[] = img.partitions.filter((p) => p).map((p) => ({
      errorName: p.leader < 0 ? 'LEADER_NOT_AVAILABLE' : 'NONE',
      partition: p.partition,
      leaderId: p.leader,
      leaderEpoch: p.leaderEpoch,
      replicas: [...p.replicas],
      inSyncReplicas: [...p.isr],
      offlineReplicas: p.replicas.filter((id) => broker.fencedBrokers.has(id)),
    }));
    return { errorName: 'NONE', name, topicId: img.record.topicId.text, topicIdBytes: img.record.topicId.bytes, isInternal: img.record.internal, partitions };
  });
  return { clusterId: '', controllerId: clientControllerId(core, broker), brokers: liveBrokers(core, broker), topics: out };
}

export function describeCluster(core: ClusterCore, broker: Broker, clusterId: string): DescribeClusterResult {
  return { clusterId, controllerId: clientControllerId(core, broker), brokers: liveBrokers(core, broker) };
}
