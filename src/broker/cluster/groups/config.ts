/**
 * Broker configs of the group and transaction coordinators, with Kafka's defaults and one-line
 * docs so the model can list them in DescribeConfigs and the config editor (ConfigEntryView).
 * Values are read through CoordinatorHost.brokerConfig at use time, so dynamic changes apply.
 */
import type { CoordinatorHost } from './host';

export interface CoordinatorConfigDef {
  name: string;
  defaultValue: string;
  documentation: string;
}

export const COORDINATOR_CONFIGS: readonly CoordinatorConfigDef[] = [
  { name: 'group.initial.rebalance.delay.ms', defaultValue: '3000', documentation: 'How long the coordinator waits for more consumers to join a new (Empty) group before the first rebalance.' },
  { name: 'group.min.session.timeout.ms', defaultValue: '6000', documentation: 'Smallest session.timeout.ms a member may ask for (INVALID_SESSION_TIMEOUT below).' },
  { name: 'group.max.session.timeout.ms', defaultValue: '1800000', documentation: 'Largest session.timeout.ms a member may ask for (INVALID_SESSION_TIMEOUT above).' },
  { name: 'group.max.size', defaultValue: '2147483647', documentation: 'Most members a classic group may hold (GROUP_MAX_SIZE_REACHED beyond).' },
  { name: 'offsets.topic.num.partitions', defaultValue: '50', documentation: 'Partitions of __consumer_offsets (fixed once the topic exists).' },
  { name: 'offsets.topic.replication.factor', defaultValue: '3', documentation: 'Replication factor of __consumer_offsets.' },
  { name: 'offsets.commit.timeout.ms', defaultValue: '5000', documentation: 'How long an offset commit waits for the __consumer_offsets replicas.' },
  { name: 'offsets.retention.ms', defaultValue: '604800000', documentation: 'Committed offsets of a group expire this long after the group became Empty (KIP-211).' },
  { name: 'offsets.retention.check.interval.ms', defaultValue: '600000', documentation: 'How often the coordinator removes expired offsets.' },
  { name: 'offset.metadata.max.bytes', defaultValue: '4096', documentation: 'Largest metadata string of a committed offset (OFFSET_METADATA_TOO_LARGE beyond).' },
  { name: 'transaction.state.log.num.partitions', defaultValue: '50', documentation: 'Partitions of __transaction_state (fixed once the topic exists).' },
  { name: 'transaction.state.log.replication.factor', defaultValue: '3', documentation: 'Replication factor of __transaction_state.' },
  { name: 'transaction.state.log.min.isr', defaultValue: '2', documentation: 'min.insync.replicas of __transaction_state (set 1 for a single-broker cluster, as on Kafka).' },
  { name: 'transaction.max.timeout.ms', defaultValue: '900000', documentation: 'Largest transaction.timeout.ms a producer may ask for (INVALID_TRANSACTION_TIMEOUT beyond).' },
  { name: 'transaction.abort.timed.out.transaction.cleanup.interval.ms', defaultValue: '10000', documentation: 'How often the transaction coordinator aborts transactions that outlived their timeout.' },
];

const DEFAULTS = new Map(COORDINATOR_CONFIGS.map((c) => [c.name, c.defaultValue]));

export type CoordinatorConfigName =
  | 'group.initial.rebalance.delay.ms' | 'group.min.session.timeout.ms' | 'group.max.session.timeout.ms'
  | 'group.max.size' | 'offsets.topic.num.partitions' | 'offsets.topic.replication.factor'
  | 'offsets.commit.timeout.ms' | 'offsets.retention.ms' | 'offsets.retention.check.interval.ms'
  | 'offset.metadata.max.bytes' | 'transaction.state.log.num.partitions'
  | 'transaction.state.log.replication.factor' | 'transaction.state.log.min.isr' | 'transaction.max.timeout.ms'
  | 'transaction.abort.timed.out.transaction.cleanup.interval.ms';

/** The numeric value of a coordinator config: the host's value if set and numeric, else Kafka's default. */
export function configNumber(host: CoordinatorHost, name: CoordinatorConfigName): number {
  const raw = host.brokerConfig(name);
  const parsed = raw === null ? NaN : Number(raw);
  return Number.isFinite(parsed) ? parsed : Number(DEFAULTS.get(name));
}

export const CONSUMER_OFFSETS_TOPIC = '__consumer_offsets';
export const TRANSACTION_STATE_TOPIC = '__transaction_state';

/** Partition count of an internal topic: the existing topic's, else the configured one. */
export function internalPartitionCount(host: CoordinatorHost, topic: string, configName: CoordinatorConfigName): number {
  return host.partitionCount(topic) ?? configNumber(host, configName);
}
