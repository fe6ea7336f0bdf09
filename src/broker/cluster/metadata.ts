/**
 * The metadata the controller decides and brokers apply, as immutable records (KRaft's
 * TopicRecord / PartitionRecord / PartitionChangeRecord / RegisterBrokerRecord, simplified to
 * full-state records). Every change appends to the controller's metadata log; each broker applies
 * the log up to the offset it has fetched, so a broker cut off from the controller keeps a stale
 * image — which is what it answers clients from.
 */
import type { TopicSettings } from './config/configs';
import type { TopicId } from './topics/topic-id';

export interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  /** -1 when offline (no eligible leader). */
  readonly leader: number;
  /** Rises on every leader change (KIP-101). */
  readonly leaderEpoch: number;
  /** Rises on every change of this partition (KIP-497 AlterPartition fencing). */
  readonly partitionEpoch: number;
  readonly addingReplicas: readonly number[];
  readonly removingReplicas: readonly number[];
}

export interface TopicRecord {
  readonly name: string;
  readonly topicId: TopicId;
  readonly internal: boolean;
  /** Topic config overrides (Kafka names). */
  readonly configs: Readonly<Record<string, string>>;
  readonly settings: TopicSettings;
}

export type MetadataRecord =
  | { type: 'topic'; topic: TopicRecord }
  | { type: 'topic-removed'; name: string }
  | { type: 'partition'; state: PartitionState }
  | { type: 'broker-registration'; brokerId: number; fenced: boolean };

export function tpKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
