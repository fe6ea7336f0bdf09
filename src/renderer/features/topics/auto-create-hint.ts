/**
 * What auto-creation will do, from the cluster-wide broker configs: when a client asks for a
 * topic that does not exist (Metadata with allow_auto_topic_creation, e.g. a producer's first
 * send), the broker creates it with num.partitions and default.replication.factor (capped at
 * the broker count) if auto.create.topics.enable is true (Kafka's AutoTopicCreationManager).
 */
import type { ClusterView } from '../../../shared';
import { formatInteger } from '../../components/format';

export function autoCreateText(snapshot: ClusterView | null): string | null {
  const configs = snapshot?.brokerConfigs?.find((b) => b.brokerId === null)?.configs;
  if (!snapshot || !configs) return null;
  const get = (name: string) => configs.find((c) => c.name === name)?.value ?? null;
  if (get('auto.create.topics.enable') !== 'true') return 'auto.create.topics.enable = false: producing to a missing topic fails with UNKNOWN_TOPIC_OR_PARTITION; create topics here first.';
  const partitions = get('num.partitions') ?? '?';
  const rf = Number(get('default.replication.factor'));
  const brokers = snapshot.brokers.length;
  const effectiveRf = Number.isFinite(rf) ? Math.min(rf, brokers) : NaN;
  return `Producing to a missing topic auto-creates it with ${partitions} partition${partitions === '1' ? '' : 's'} (num.partitions = ${partitions}) and replication factor ${Number.isNaN(effectiveRf) ? '?' : effectiveRf} (default.replication.factor = ${get('default.replication.factor') ?? '?'}${rf > brokers ? `, capped at the ${brokers} brokers` : ''}), as set at start (Kafka's own defaults are 1 and 1).`;
}

/** "12 topics (+2 internal)" for the toolbar and the metric strip. */
export function topicTotals(userTopics: number, internalTopics: number): string {
  return `${formatInteger(userTopics)} topic${userTopics === 1 ? '' : 's'}${internalTopics > 0 ? ` (+${internalTopics} internal)` : ''}`;
}
