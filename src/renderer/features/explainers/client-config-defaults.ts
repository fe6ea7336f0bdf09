/**
 * Kafka's Java client defaults that the explainers quote, as ProducerConfig and ConsumerConfig
 * define them in apache/kafka at commit 1eb7644 (trunk, October 2024, before 4.0):
 * https://github.com/apache/kafka/blob/1eb7644349cb07139d6a3c1ad1986979647cac99/clients/src/main/java/org/apache/kafka/clients/producer/ProducerConfig.java
 * https://github.com/apache/kafka/blob/1eb7644349cb07139d6a3c1ad1986979647cac99/clients/src/main/java/org/apache/kafka/clients/consumer/ConsumerConfig.java
 * Rendered at https://kafka.apache.org/documentation/#producerconfigs and #consumerconfigs.
 * The explainers' client configs are checked against this table (content.test.ts).
 * null: no default (unset).
 */
export const PRODUCER_DEFAULTS: Readonly<Record<string, string | null>> = {
  acks: 'all', // since 3.0 (KIP-679)
  'enable.idempotence': 'true', // since 3.0 (KIP-679)
  retries: '2147483647',
  'delivery.timeout.ms': '120000',
  'request.timeout.ms': '30000',
  'max.in.flight.requests.per.connection': '5',
  'batch.size': '16384',
  'max.request.size': '1048576',
  'compression.type': 'none',
  'partitioner.class': null,
  'partitioner.ignore.keys': 'false',
  'transactional.id': null,
  'transaction.timeout.ms': '60000',
};

export const CONSUMER_DEFAULTS: Readonly<Record<string, string | null>> = {
  'group.id': null,
  'group.instance.id': null,
  'session.timeout.ms': '45000', // since 3.0 (KIP-735)
  'heartbeat.interval.ms': '3000',
  'max.poll.interval.ms': '300000',
  'max.poll.records': '500',
  'enable.auto.commit': 'true',
  'auto.commit.interval.ms': '5000',
  'auto.offset.reset': 'latest',
  'isolation.level': 'read_uncommitted',
  'partition.assignment.strategy': 'RangeAssignor, CooperativeStickyAssignor',
};
