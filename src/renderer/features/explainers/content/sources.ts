/** Sources the explainers cite: Kafka's documentation sections, KIPs and source files. */
import type { Source } from '../explainer-types';

const docs = 'https://kafka.apache.org/documentation/';
const kip = (number: number, title: string, slug: string): Source => ({ label: `KIP-${number}: ${title}`, url: `https://cwiki.apache.org/confluence/display/KAFKA/${slug}` });
/** Pinned to the commit the lab's defaults were checked against (apache/kafka trunk, October 2024, before 4.0). */
export const KAFKA_SOURCE_COMMIT = '1eb7644349cb07139d6a3c1ad1986979647cac99';
const code = (label: string, path: string): Source => ({ label, url: `https://github.com/apache/kafka/blob/${KAFKA_SOURCE_COMMIT}/${path}` });

export const DOCS = {
  intro: { label: 'Kafka documentation: main concepts and terminology', url: `${docs}#intro_concepts_and_terms` },
  producerDesign: { label: 'Kafka documentation: the producer', url: `${docs}#theproducer` },
  consumerDesign: { label: 'Kafka documentation: the consumer', url: `${docs}#theconsumer` },
  semantics: { label: 'Kafka documentation: message delivery semantics', url: `${docs}#semantics` },
  replication: { label: 'Kafka documentation: replication', url: `${docs}#replication` },
  compaction: { label: 'Kafka documentation: log compaction', url: `${docs}#compaction` },
  log: { label: 'Kafka documentation: the log (implementation)', url: `${docs}#log` },
  kraft: { label: 'Kafka documentation: KRaft', url: `${docs}#kraft` },
  producerConfigs: { label: 'Kafka documentation: producer configs', url: `${docs}#producerconfigs` },
  consumerConfigs: { label: 'Kafka documentation: consumer configs', url: `${docs}#consumerconfigs` },
  brokerConfigs: { label: 'Kafka documentation: broker configs', url: `${docs}#brokerconfigs` },
  topicConfigs: { label: 'Kafka documentation: topic configs', url: `${docs}#topicconfigs` },
} satisfies Record<string, Source>;

export const KIPS = {
  kip98: kip(98, 'Exactly once delivery and transactional messaging', 'KIP-98+-+Exactly+Once+Delivery+and+Transactional+Messaging'),
  kip101: kip(101, 'Truncation by leader epoch rather than high watermark', 'KIP-101+-+Alter+Replication+Protocol+to+use+Leader+Epoch+rather+than+High+Watermark+for+Truncation'),
  kip279: kip(279, 'Fix log divergence after fast leader failover', 'KIP-279%3A+Fix+log+divergence+between+leader+and+follower+after+fast+leader+fail+over'),
  kip320: kip(320, 'Fetchers detect and handle log truncation', 'KIP-320%3A+Allow+fetchers+to+detect+and+handle+log+truncation'),
  kip345: kip(345, 'Static membership', 'KIP-345%3A+Introduce+static+membership+protocol+to+reduce+consumer+rebalances'),
  kip354: kip(354, 'A maximum log compaction lag', 'KIP-354%3A+Add+a+Maximum+Log+Compaction+Lag'),
  kip429: kip(429, 'Incremental (cooperative) rebalancing', 'KIP-429%3A+Kafka+Consumer+Incremental+Rebalance+Protocol'),
  kip447: kip(447, 'Producer scalability for exactly-once', 'KIP-447%3A+Producer+scalability+for+exactly+once+semantics'),
  kip480: kip(480, 'Sticky partitioner', 'KIP-480%3A+Sticky+Partitioner'),
  kip500: kip(500, 'Replace ZooKeeper with a self-managed metadata quorum', 'KIP-500%3A+Replace+ZooKeeper+with+a+Self-Managed+Metadata+Quorum'),
  kip595: kip(595, 'A Raft protocol for the metadata quorum', 'KIP-595%3A+A+Raft+Protocol+for+the+Metadata+Quorum'),
  kip631: kip(631, 'The quorum-based Kafka controller', 'KIP-631%3A+The+Quorum-based+Kafka+Controller'),
  kip679: kip(679, 'Producer enables the strongest delivery guarantee by default', 'KIP-679%3A+Producer+will+enable+the+strongest+delivery+guarantee+by+default'),
  kip735: kip(735, 'Increase the default consumer session timeout', 'KIP-735%3A+Increase+default+consumer+session+timeout'),
  kip794: kip(794, 'Strictly uniform sticky partitioner', 'KIP-794%3A+Strictly+Uniform+Sticky+Partitioner'),
  kip848: kip(848, 'The next-generation consumer rebalance protocol', 'KIP-848%3A+The+Next+Generation+of+the+Consumer+Rebalance+Protocol'),
} satisfies Record<string, Source>;

export const CODE = {
  partition: code('Kafka source: Partition.scala (ISR, highWatermark)', 'core/src/main/scala/kafka/cluster/Partition.scala'),
  replicationConfigs: code('Kafka source: ReplicationConfigs.java', 'server/src/main/java/org/apache/kafka/server/config/ReplicationConfigs.java'),
  serverLogConfigs: code('Kafka source: ServerLogConfigs.java', 'server-common/src/main/java/org/apache/kafka/server/config/ServerLogConfigs.java'),
  topicConfig: code('Kafka source: TopicConfig.java', 'clients/src/main/java/org/apache/kafka/common/config/TopicConfig.java'),
  producerConfig: code('Kafka source: ProducerConfig.java', 'clients/src/main/java/org/apache/kafka/clients/producer/ProducerConfig.java'),
  consumerConfig: code('Kafka source: ConsumerConfig.java', 'clients/src/main/java/org/apache/kafka/clients/consumer/ConsumerConfig.java'),
  builtInPartitioner: code('Kafka source: BuiltInPartitioner.java', 'clients/src/main/java/org/apache/kafka/clients/producer/internals/BuiltInPartitioner.java'),
  logCleaner: code('Kafka source: LogCleaner.scala', 'core/src/main/scala/kafka/log/LogCleaner.scala'),
  kraftConfigs: code('Kafka source: KRaftConfigs.java', 'server/src/main/java/org/apache/kafka/server/config/KRaftConfigs.java'),
} satisfies Record<string, Source>;
