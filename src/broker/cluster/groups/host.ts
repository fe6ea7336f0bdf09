/**
 * What the group and transaction coordinators need from the cluster model: the subset of
 * `ClusterServices` (../api.ts) they use, so the real model's `cluster.services` is one
 * (../transactions/attach.ts) and test doubles (./test-cluster.ts) can implement it. All calls happen
 * inside simulated-time event processing; nothing here reads a real clock.
 */
import type { ClusterEventBody } from '../../../shared/cluster-events';

/** Offsets of one replica of a partition, as the broker holding it knows them. */
export interface ReplicaOffsets {
  logStartOffset: number;
  highWatermark: number;
  logEndOffset: number;
  leaderEpoch: number;
}

/** Outcome of an append: what ProducePartitionResult carries that a coordinator reads. */
export interface AppendResult {
  /** Kafka error name; 'NONE' on success. */
  errorName: string;
  /** Offset of the first record appended, -1 on error. */
  baseOffset: number;
}

export interface CoordinatorHost {
  /** Simulated time, ms since the epoch. */
  now(): number;
  /** Schedules a model event after delayMs of simulated time (no cancel: callers use tokens). */
  schedule(delayMs: number, label: string, run: () => void): void;
  /** Creates an internal compacted topic if absent (leaders then appear through onLeadershipChanged). */
  ensureInternalTopic(name: string, partitions: number, replicationFactor: number, configs: Record<string, string>): void;
  /**
   * Appends one whole RecordBatch v2 at the partition leader on brokerId with coordinator origin
   * (control batches allowed; producer epoch checked, sequence numbers not), completing like a
   * produce with the given acks: acks=-1 completes once the batch is below the highWatermark.
   */
  appendAsCoordinator(brokerId: number, topic: string, partition: number, batch: Buffer, acks: -1 | 1, timeoutMs: number, done: (r: AppendResult) => void): void;
  /** Leader of a partition in the active controller's metadata; -1 when offline or unknown. */
  leaderOf(topic: string, partition: number): number;
  /** Number of partitions of a topic, or null when the topic does not exist. */
  partitionCount(topic: string): number | null;
  /**
   * The stored batches (byte for byte, do not mutate) of brokerId's replica, starting with the batch
   * that contains fromOffset (or the first batch after it) up to that replica's logEndOffset.
   * Empty when the broker holds no replica.
   */
  readLog(brokerId: number, topic: string, partition: number, fromOffset: number): Buffer[];
  /** Offsets of brokerId's replica, or null when it holds none. */
  replicaOffsets(brokerId: number, topic: string, partition: number): ReplicaOffsets | null;
  /** A fresh producerId from the controller's producer-id block (KIP-730). */
  allocateProducerId(): number;
  /** A broker config value (Kafka name), or null to use the coordinator's default. */
  brokerConfig(name: string): string | null;
  /** Appends to the cluster's typed event stream. */
  emit(event: ClusterEventBody): void;
}
