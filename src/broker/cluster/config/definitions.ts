/**
 * Config definitions with Kafka's names, defaults and one-line documentation (Kafka's TopicConfig,
 * ServerLogConfigs, ReplicationConfigs, KRaftConfigs). A topic config may have a broker-level
 * synonym (retention.ms ← log.retention.ms): the topic's effective value comes from its override,
 * else the broker synonym, else the default — the order DescribeConfigs reports as `source`.
 */
import { CONNECTION_BROKER_CONFIGS } from './connection-definitions';
import { COORDINATOR_BROKER_CONFIGS } from './coordinator-definitions';
import { LISTENER_BROKER_CONFIGS } from './listener-definitions';
import { SECURITY_BROKER_CONFIGS } from './security-definitions';

export type ConfigType = 'int' | 'long' | 'double' | 'boolean' | 'string' | 'list' | 'password';

export interface ConfigDef {
  name: string;
  type: ConfigType;
  /** Default value as Kafka prints it; null for no default. */
  defaultValue: string | null;
  documentation: string;
  /** Inclusive lower bound for numbers. */
  min?: number;
  /** Allowed values (for 'list', each element must be one of them). */
  validValues?: string[];
  /** Broker config that supplies the topic's default (topic configs only). */
  brokerSynonym?: string;
  readOnly?: boolean;
  /** Settable at start (--config) but not by AlterConfigs/IncrementalAlterConfigs (Kafka: not in DynamicBrokerConfig.AllDynamicConfigs). */
  staticOnly?: boolean;
  sensitive?: boolean;
}

const DAY = 86_400_000;

/** Kafka's built-in rack-aware ReplicaSelector (KIP-392), the one replica.selector.class value the lab runs. */
export const RACK_AWARE_REPLICA_SELECTOR = 'org.apache.kafka.common.replica.RackAwareReplicaSelector';

export const TOPIC_CONFIGS: ConfigDef[] = [
  { name: 'cleanup.policy', type: 'list', defaultValue: 'delete', validValues: ['delete', 'compact'], brokerSynonym: 'log.cleanup.policy', documentation: 'delete: drop old segments by retention; compact: keep the latest record per key; both: compact and delete.' },
  { name: 'compression.type', type: 'string', defaultValue: 'producer', validValues: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'], brokerSynonym: 'compression.type', documentation: 'Final compression of the topic; producer keeps what the producer sent.' },
  { name: 'delete.retention.ms', type: 'long', defaultValue: String(DAY), min: 0, brokerSynonym: 'log.cleaner.delete.retention.ms', documentation: 'How long tombstones are kept on compacted topics, so consumers can see the delete.' },
  { name: 'file.delete.delay.ms', type: 'long', defaultValue: '60000', min: 0, brokerSynonym: 'log.segment.delete.delay.ms', documentation: 'Wait before a deleted segment file is removed from disk.' },
  { name: 'flush.messages', type: 'long', defaultValue: '9223372036854775807', min: 1, brokerSynonym: 'log.flush.interval.messages', documentation: 'Force an fsync of the log once this many messages were appended since the last flush (1: after every message). Kafka recommends leaving it unset and relying on replication for durability and on the OS background flush, which is more efficient.' },
  { name: 'flush.ms', type: 'long', defaultValue: '9223372036854775807', min: 0, brokerSynonym: 'log.flush.interval.ms', documentation: 'Force an fsync of the log once this many ms passed since the last flush (checked every log.flush.scheduler.interval.ms). Kafka recommends leaving it unset and relying on replication for durability and on the OS background flush.' },
  { name: 'index.interval.bytes', type: 'int', defaultValue: '4096', min: 0, brokerSynonym: 'log.index.interval.bytes', documentation: 'Bytes between offset index entries.' },
  { name: 'max.compaction.lag.ms', type: 'long', defaultValue: '9223372036854775807', min: 1, brokerSynonym: 'log.cleaner.max.compaction.lag.ms', documentation: 'Maximum time a record stays ineligible for compaction.' },
  { name: 'max.message.bytes', type: 'int', defaultValue: '1048588', min: 0, brokerSynonym: 'message.max.bytes', documentation: 'Largest record batch size (bytes) the topic accepts.' },
  { name: 'message.timestamp.type', type: 'string', defaultValue: 'CreateTime', validValues: ['CreateTime', 'LogAppendTime'], brokerSynonym: 'log.message.timestamp.type', documentation: 'CreateTime keeps the producer timestamp; LogAppendTime stamps the broker append time.' },
  { name: 'min.cleanable.dirty.ratio', type: 'double', defaultValue: '0.5', min: 0, brokerSynonym: 'log.cleaner.min.cleanable.ratio', documentation: 'Minimum ratio of dirty log to total log before compaction runs.' },
  { name: 'min.compaction.lag.ms', type: 'long', defaultValue: '0', min: 0, brokerSynonym: 'log.cleaner.min.compaction.lag.ms', documentation: 'Minimum time a record stays uncompacted.' },
  { name: 'min.insync.replicas', type: 'int', defaultValue: '1', min: 1, brokerSynonym: 'min.insync.replicas', documentation: 'With acks=all, the minimum in-sync replicas for a write to succeed (else NOT_ENOUGH_REPLICAS).' },
  { name: 'preallocate', type: 'boolean', defaultValue: 'false', brokerSynonym: 'log.preallocate', documentation: 'Preallocate segment files.' },
  { name: 'retention.bytes', type: 'long', defaultValue: '-1', brokerSynonym: 'log.retention.bytes', documentation: 'Maximum size of a partition log before old segments are deleted; -1 unlimited.' },
  { name: 'retention.ms', type: 'long', defaultValue: String(7 * DAY), min: -1, brokerSynonym: 'log.retention.ms', documentation: 'How long a segment is kept after its newest record; -1 forever.' },
  { name: 'segment.bytes', type: 'int', defaultValue: '1073741824', min: 14, brokerSynonym: 'log.segment.bytes', documentation: 'Segment size at which the log rolls a new segment.' },
  { name: 'segment.index.bytes', type: 'int', defaultValue: '10485760', min: 4, brokerSynonym: 'log.index.size.max.bytes', documentation: 'Size of the offset index per segment.' },
  { name: 'segment.jitter.ms', type: 'long', defaultValue: '0', min: 0, brokerSynonym: 'log.roll.jitter.ms', documentation: 'Random jitter subtracted from segment.ms.' },
  { name: 'segment.ms', type: 'long', defaultValue: String(7 * DAY), min: 1, brokerSynonym: 'log.roll.ms', documentation: 'Time after which the log rolls a new segment even if not full.' },
  { name: 'unclean.leader.election.enable', type: 'boolean', defaultValue: 'false', brokerSynonym: 'unclean.leader.election.enable', documentation: 'Allow an out-of-sync replica to become leader, losing data, rather than staying offline.' },
  { name: 'message.downconversion.enable', type: 'boolean', defaultValue: 'true', brokerSynonym: 'log.message.downconversion.enable', documentation: 'Down-convert for old consumers.' },
];

export const BROKER_CONFIGS: ConfigDef[] = [
  { name: 'broker.id', type: 'int', defaultValue: '-1', readOnly: true, documentation: 'The broker id (node.id in KRaft).' },
  { name: 'node.id', type: 'int', defaultValue: '-1', readOnly: true, documentation: 'The node id of this broker in the KRaft quorum.' },
  { name: 'broker.rack', type: 'string', defaultValue: null, readOnly: true, documentation: 'Rack of the broker, used by rack-aware replica assignment.' },
  { name: 'process.roles', type: 'list', defaultValue: 'broker,controller', readOnly: true, documentation: 'KRaft roles of this node.' },
  { name: 'num.partitions', type: 'int', defaultValue: '1', min: 1, documentation: 'Default number of partitions for new topics.' },
  { name: 'default.replication.factor', type: 'int', defaultValue: '1', min: 1, documentation: 'Default replication factor for new topics.' },
  { name: 'auto.create.topics.enable', type: 'boolean', defaultValue: 'true', documentation: 'Create a topic when a client asks for metadata of an unknown one.' },
  { name: 'delete.topic.enable', type: 'boolean', defaultValue: 'true', documentation: 'Allow deleting topics.' },
  { name: 'min.insync.replicas', type: 'int', defaultValue: '1', min: 1, documentation: 'Default min.insync.replicas for topics.' },
  { name: 'unclean.leader.election.enable', type: 'boolean', defaultValue: 'false', documentation: 'Default unclean.leader.election.enable for topics.' },
  { name: 'message.max.bytes', type: 'int', defaultValue: '1048588', min: 0, documentation: 'Default max.message.bytes for topics.' },
  { name: 'replica.lag.time.max.ms', type: 'long', defaultValue: '30000', min: 1, documentation: 'A follower not caught up for this long is removed from the ISR.' },
  { name: 'replica.fetch.wait.max.ms', type: 'int', defaultValue: '500', min: 0, documentation: 'Max wait of a follower fetch at the leader.' },
  { name: 'replica.fetch.max.bytes', type: 'int', defaultValue: '1048576', min: 0, documentation: 'Bytes per partition a follower fetch asks for.' },
  { name: 'replica.fetch.backoff.ms', type: 'int', defaultValue: '1000', min: 0, documentation: 'Back-off after a follower fetch error.' },
  { name: 'replica.socket.timeout.ms', type: 'int', defaultValue: '30000', min: 1, documentation: 'Follower fetch request timeout.' },
  { name: 'broker.session.timeout.ms', type: 'int', defaultValue: '9000', min: 1, documentation: 'The controller fences a broker whose heartbeats stop for this long.' },
  { name: 'broker.heartbeat.interval.ms', type: 'int', defaultValue: '2000', min: 1, documentation: 'Interval of broker heartbeats to the controller.' },
  { name: 'controller.quorum.election.timeout.ms', type: 'int', defaultValue: '1000', min: 1, documentation: 'Time without a controller before voters elect a new one.' },
  { name: 'auto.leader.rebalance.enable', type: 'boolean', defaultValue: 'true', documentation: 'Periodically move leadership back to preferred replicas when brokers are imbalanced.' },
  { name: 'leader.imbalance.check.interval.seconds', type: 'long', defaultValue: '300', min: 1, documentation: 'How often the controller checks leader imbalance.' },
  { name: 'leader.imbalance.per.broker.percentage', type: 'int', defaultValue: '10', min: 0, documentation: 'Share of a broker\'s preferred partitions it may fail to lead before a rebalance.' },
  { name: 'unclean.leader.election.interval.ms', type: 'long', defaultValue: '300000', min: 1, documentation: 'How often the controller elects unclean leaders for offline partitions of topics with unclean.leader.election.enable (KRaft).' },
  { name: 'controlled.shutdown.enable', type: 'boolean', defaultValue: 'true', documentation: 'Move leadership away before a broker stops.' },
  { name: 'log.retention.check.interval.ms', type: 'long', defaultValue: '300000', min: 1, documentation: 'How often retention deletes old segments.' },
  { name: 'log.flush.interval.messages', type: 'long', defaultValue: '9223372036854775807', min: 1, documentation: 'The number of messages accumulated on a log partition before messages are flushed to disk (default flush.messages).' },
  { name: 'log.flush.interval.ms', type: 'long', defaultValue: null, documentation: 'The maximum time in ms that a message in any topic is kept in memory before flushed to disk (default flush.ms). If not set, the value in log.flush.scheduler.interval.ms is used.' },
  { name: 'log.flush.scheduler.interval.ms', type: 'long', defaultValue: '9223372036854775807', documentation: 'The frequency in ms that the log flusher checks whether any log needs to be flushed to disk.' },
  { name: 'log.cleaner.backoff.ms', type: 'long', defaultValue: '15000', min: 0, documentation: 'How often the log cleaner looks for logs to compact.' },
  { name: 'log.cleanup.policy', type: 'list', defaultValue: 'delete', validValues: ['delete', 'compact'], documentation: 'Default cleanup.policy.' },
  { name: 'log.retention.ms', type: 'long', defaultValue: null, documentation: 'Default retention.ms (log.retention.hours when unset).' },
  { name: 'log.retention.hours', type: 'int', defaultValue: '168', documentation: 'Default retention in hours.' },
  { name: 'log.retention.bytes', type: 'long', defaultValue: '-1', documentation: 'Default retention.bytes.' },
  { name: 'log.segment.bytes', type: 'int', defaultValue: '1073741824', min: 14, documentation: 'Default segment.bytes.' },
  { name: 'log.roll.ms', type: 'long', defaultValue: null, documentation: 'Default segment.ms (log.roll.hours when unset).' },
  { name: 'log.roll.hours', type: 'int', defaultValue: '168', documentation: 'Default segment roll time in hours.' },
  { name: 'log.cleaner.delete.retention.ms', type: 'long', defaultValue: String(DAY), documentation: 'Default delete.retention.ms.' },
  { name: 'log.cleaner.min.compaction.lag.ms', type: 'long', defaultValue: '0', documentation: 'Default min.compaction.lag.ms.' },
  { name: 'log.message.timestamp.type', type: 'string', defaultValue: 'CreateTime', validValues: ['CreateTime', 'LogAppendTime'], documentation: 'Default message.timestamp.type.' },
  { name: 'compression.type', type: 'string', defaultValue: 'producer', documentation: 'Default compression.type.' },
  ...COORDINATOR_BROKER_CONFIGS,
  ...CONNECTION_BROKER_CONFIGS,
  ...LISTENER_BROKER_CONFIGS,
  ...SECURITY_BROKER_CONFIGS,
  { name: 'replica.selector.class', type: 'string', defaultValue: null, staticOnly: true, validValues: [RACK_AWARE_REPLICA_SELECTOR], documentation: 'KIP-392: the ReplicaSelector a leader asks which replica a consumer should fetch from (Fetch v11+, its client.rack). Unset: always the leader. org.apache.kafka.common.replica.RackAwareReplicaSelector: an in-sync replica in the consumer\'s rack, the leader if it is there, else the most caught-up one.' },
  { name: 'producer.id.expiration.ms', type: 'int', defaultValue: String(DAY), min: 1, documentation: 'Idle time after which producer state is expired.' },
];

export const TOPIC_CONFIG_BY_NAME = new Map(TOPIC_CONFIGS.map((d) => [d.name, d]));
export const BROKER_CONFIG_BY_NAME = new Map(BROKER_CONFIGS.map((d) => [d.name, d]));
