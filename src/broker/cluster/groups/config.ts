/**
 * Reading the coordinators' broker configs. Their names, Kafka defaults and docs are defined once,
 * in the model's config definitions (../config/coordinator-definitions.ts, part of BROKER_CONFIGS):
 * DescribeConfigs lists them, `--config` and AlterConfigs validate them. Values are read through
 * CoordinatorHost.brokerConfig at use time, so dynamic changes apply.
 */
import { COORDINATOR_BROKER_CONFIGS } from '../config/coordinator-definitions';
import type { CoordinatorHost } from './host';

const DEFAULTS = new Map(COORDINATOR_BROKER_CONFIGS.map((c) => [c.name, c.defaultValue]));

export type CoordinatorConfigName =
  | 'group.initial.rebalance.delay.ms' | 'group.min.session.timeout.ms' | 'group.max.session.timeout.ms'
  | 'group.max.size' | 'offsets.topic.num.partitions' | 'offsets.topic.replication.factor'
  | 'offsets.commit.timeout.ms' | 'offsets.retention.ms' | 'offsets.retention.check.interval.ms'
  | 'offset.metadata.max.bytes' | 'transaction.state.log.num.partitions'
  | 'transaction.state.log.replication.factor' | 'transaction.state.log.min.isr' | 'transaction.max.timeout.ms'
  | 'transactional.id.expiration.ms' | 'transaction.abort.timed.out.transaction.cleanup.interval.ms';

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
