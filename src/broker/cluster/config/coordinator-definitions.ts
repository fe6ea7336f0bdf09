/**
 * Broker configs of the group and transaction coordinators (Kafka's GroupCoordinatorConfig and
 * TransactionLogConfig / TransactionStateManagerConfig), with Kafka's defaults. Part of
 * BROKER_CONFIGS (./definitions.ts), so DescribeConfigs lists them with their source, AlterConfigs
 * and the host's `--config` validate them, and the coordinators read them through
 * ClusterServices.brokerConfig at use time (../groups/config.ts `configNumber`), so dynamic
 * changes apply. Units are in the names (ms, bytes); counts are partitions or replicas.
 */
import type { ConfigDef } from './definitions';

const DAY_MS = 86_400_000;

export const COORDINATOR_BROKER_CONFIGS: ConfigDef[] = [
  // Group coordinator (classic protocol)
  { name: 'group.initial.rebalance.delay.ms', type: 'int', defaultValue: '3000', min: 0, documentation: 'How long the coordinator waits for more consumers to join a new (Empty) group before the first rebalance.' },
  { name: 'group.min.session.timeout.ms', type: 'int', defaultValue: '6000', min: 0, documentation: 'Smallest session.timeout.ms a member may ask for (INVALID_SESSION_TIMEOUT below).' },
  { name: 'group.max.session.timeout.ms', type: 'int', defaultValue: '1800000', min: 0, documentation: 'Largest session.timeout.ms a member may ask for (INVALID_SESSION_TIMEOUT above).' },
  { name: 'group.max.size', type: 'int', defaultValue: '2147483647', min: 1, documentation: 'Most members a classic group may hold (GROUP_MAX_SIZE_REACHED beyond).' },
  { name: 'offsets.topic.num.partitions', type: 'int', defaultValue: '50', min: 1, documentation: 'Partitions of __consumer_offsets (fixed once the topic exists).' },
  { name: 'offsets.topic.replication.factor', type: 'int', defaultValue: '3', min: 1, documentation: 'Replication factor of __consumer_offsets (capped at the brokers available).' },
  { name: 'offsets.topic.segment.bytes', type: 'int', defaultValue: '104857600', min: 1, documentation: 'segment.bytes of __consumer_offsets, kept small for faster log compaction and loading.' },
  { name: 'offsets.load.buffer.size', type: 'int', defaultValue: '5242880', min: 1, documentation: 'Batch size (bytes) for reading __consumer_offsets when a coordinator loads its groups.' },
  { name: 'offsets.commit.timeout.ms', type: 'int', defaultValue: '5000', min: 1, documentation: 'How long an offset commit waits for the __consumer_offsets replicas (REQUEST_TIMED_OUT after).' },
  { name: 'offsets.retention.ms', type: 'int', defaultValue: String(7 * DAY_MS), min: 1, documentation: 'Committed offsets of a group expire this long after the group became Empty (KIP-211).' },
  { name: 'offsets.retention.check.interval.ms', type: 'long', defaultValue: '600000', min: 1, documentation: 'How often the coordinator removes expired offsets.' },
  { name: 'offset.metadata.max.bytes', type: 'int', defaultValue: '4096', min: 0, documentation: 'Largest metadata string of a committed offset (OFFSET_METADATA_TOO_LARGE beyond).' },
  // Transaction coordinator
  { name: 'transaction.state.log.num.partitions', type: 'int', defaultValue: '50', min: 1, documentation: 'Partitions of __transaction_state (fixed once the topic exists).' },
  { name: 'transaction.state.log.replication.factor', type: 'int', defaultValue: '3', min: 1, documentation: 'Replication factor of __transaction_state (capped at the brokers available).' },
  { name: 'transaction.state.log.min.isr', type: 'int', defaultValue: '2', min: 1, documentation: 'min.insync.replicas of __transaction_state (set 1 for a single-broker cluster, as on Kafka).' },
  { name: 'transaction.state.log.segment.bytes', type: 'int', defaultValue: '104857600', min: 1, documentation: 'segment.bytes of __transaction_state.' },
  { name: 'transaction.state.log.load.buffer.size', type: 'int', defaultValue: '5242880', min: 1, documentation: 'Batch size (bytes) for reading __transaction_state when a coordinator loads its transactions.' },
  { name: 'transaction.max.timeout.ms', type: 'int', defaultValue: '900000', min: 1, documentation: 'Largest transaction.timeout.ms a producer may ask for (INVALID_TRANSACTION_TIMEOUT beyond).' },
  { name: 'transactional.id.expiration.ms', type: 'int', defaultValue: String(7 * DAY_MS), min: 1, documentation: 'A transactional.id with no transaction status update for this long expires.' },
  { name: 'transaction.abort.timed.out.transaction.cleanup.interval.ms', type: 'int', defaultValue: '10000', min: 1, documentation: 'How often the transaction coordinator aborts transactions that outlived their timeout.' },
  { name: 'transaction.remove.expired.transaction.cleanup.interval.ms', type: 'int', defaultValue: '3600000', min: 1, documentation: 'How often the transaction coordinator removes expired transactional ids.' },
];
