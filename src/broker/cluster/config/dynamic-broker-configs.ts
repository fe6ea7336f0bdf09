/**
 * Which broker configs may change at runtime (IncrementalAlterConfigs / AlterConfigs on a BROKER
 * resource), following Kafka's DynamicBrokerConfig.AllDynamicConfigs (core/src/main/scala/kafka/
 * server/DynamicBrokerConfig.scala, KIP-226), restricted to the configs this lab defines:
 *
 * - DynamicLogConfig.ReconfigurableConfigs = the broker synonyms of topic configs
 *   (ServerTopicConfigSynonyms.TOPIC_CONFIG_SYNONYMS values — only the first synonym of each, so
 *   log.retention.ms and log.roll.ms are dynamic while log.retention.hours and log.roll.hours are not);
 * - LogCleaner.RECONFIGURABLE_CONFIGS (log.cleaner.backoff.ms, message.max.bytes, …);
 * - SocketServer.ReconfigurableConfigs and DynamicListenerConfig's connection limits
 *   (max.connections, max.connections.per.ip, max.connections.per.ip.overrides);
 * - DynamicProducerStateManagerConfig (producer.id.expiration.ms).
 *
 * Everything else — num.partitions, default.replication.factor, auto.create.topics.enable,
 * replica.lag.time.max.ms, log.retention.check.interval.ms, the coordinators' offsets.* and
 * transaction.* settings, broker.session.timeout.ms, … — is static: set at start
 * (`--config name=value`, Kafka's server.properties) and refused at runtime with INVALID_REQUEST
 * "Cannot update these configs dynamically: Set(name)", the answer of Kafka's
 * DynamicBrokerConfig.validateConfigs. DescribeConfigs reports such an entry readOnly, as Kafka's
 * ConfigHelper.createBrokerConfigEntry does (`readOnly = !AllDynamicConfigs.contains(name)`).
 */
import { BROKER_CONFIGS, TOPIC_CONFIGS } from './definitions';

/** Broker-level synonyms of topic configs, plus the other reconfigurable groups named above. */
export const DYNAMIC_BROKER_CONFIGS: ReadonlySet<string> = new Set([
  ...TOPIC_CONFIGS.map((d) => d.brokerSynonym).filter((n): n is string => n !== undefined),
  'log.cleaner.backoff.ms',
  'message.max.bytes',
  'max.connections',
  'max.connections.per.ip',
  'max.connections.per.ip.overrides',
  'producer.id.expiration.ms',
].filter((name) => BROKER_CONFIGS.some((d) => d.name === name && !d.staticOnly && !d.readOnly)));

export function isDynamicBrokerConfig(name: string): boolean {
  return DYNAMIC_BROKER_CONFIGS.has(name);
}

/** Kafka's refusal of static configs in a dynamic update: INVALID_REQUEST with this message; null when all are dynamic. */
export function nonDynamicConfigsError(names: string[]): string | null {
  const refused = names.filter((n) => !isDynamicBrokerConfig(n));
  return refused.length === 0 ? null : `Cannot update these configs dynamically: Set(${refused.join(', ')})`;
}
