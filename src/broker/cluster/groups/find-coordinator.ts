/**
 * FindCoordinator (key 10, v0–v5; v4+ batches coordinatorKeys, KIP-699): the coordinator of a
 * group or transactional id is the leader of its internal-topic partition (partitionFor). Like
 * Kafka, a missing internal topic is created on first lookup and COORDINATOR_NOT_AVAILABLE is
 * answered until its partition has a leader.
 */
import { CONSUMER_OFFSETS_TOPIC, TRANSACTION_STATE_TOPIC, configNumber, internalPartitionCount } from './config';
import type { CoordinatorHost } from './host';
import { partitionFor } from './partition-for';

/** keyType 0 = group, 1 = transaction (FindCoordinator v1+). */
export type CoordinatorKeyType = 0 | 1;

export interface FindCoordinatorResult {
  key: string;
  errorName: string;
  /** The coordinator's brokerId, -1 on error; the wire handler adds host and port. */
  nodeId: number;
}

export function findCoordinator(host: CoordinatorHost, keyType: CoordinatorKeyType, key: string): FindCoordinatorResult {
  if (keyType === 0 && key === '') return { key, errorName: 'INVALID_GROUP_ID', nodeId: -1 };
  if (keyType === 1 && key === '') return { key, errorName: 'INVALID_REQUEST', nodeId: -1 };
  const topic = keyType === 0 ? CONSUMER_OFFSETS_TOPIC : TRANSACTION_STATE_TOPIC;
  if (host.partitionCount(topic) === null) {
    ensureInternalTopic(host, topic);
    return { key, errorName: 'COORDINATOR_NOT_AVAILABLE', nodeId: -1 };
  }
  const count = internalPartitionCount(host, topic, keyType === 0 ? 'offsets.topic.num.partitions' : 'transaction.state.log.num.partitions');
  const leader = host.leaderOf(topic, partitionFor(key, count));
  if (leader < 0) return { key, errorName: 'COORDINATOR_NOT_AVAILABLE', nodeId: -1 };
  return { key, errorName: 'NONE', nodeId: leader };
}

/** Creates __consumer_offsets or __transaction_state with Kafka's internal-topic configs. */
export function ensureInternalTopic(host: CoordinatorHost, topic: string): void {
  if (topic === CONSUMER_OFFSETS_TOPIC) {
    host.ensureInternalTopic(topic, configNumber(host, 'offsets.topic.num.partitions'), configNumber(host, 'offsets.topic.replication.factor'),
      { 'cleanup.policy': 'compact', 'compression.type': 'producer', 'segment.bytes': '104857600' });
  } else {
    host.ensureInternalTopic(topic, configNumber(host, 'transaction.state.log.num.partitions'), configNumber(host, 'transaction.state.log.replication.factor'),
      { 'cleanup.policy': 'compact', 'compression.type': 'uncompressed', 'min.insync.replicas': String(configNumber(host, 'transaction.state.log.min.isr')), 'segment.bytes': '104857600', 'unclean.leader.election.enable': 'false' });
  }
}
