/**
 * Kafka Lab's own defaults for new topics, set as static broker configs at host start (like the
 * lines of a server.properties the lab ships), so DescribeConfigs reports them as
 * STATIC_BROKER_CONFIG and the topics page can say what auto-creation will do.
 *
 * Kafka's built-in defaults, num.partitions = 1 and default.replication.factor = 1, make an
 * auto-created topic (a producer writing to a topic that does not exist yet) a single partition
 * on a single broker: nothing to see of partitioning, and the first broker kill loses it. A lab
 * is there to show both, so:
 *
 * - num.partitions = 3: keys spread over several partitions, and a consumer group of two or three
 *   members each gets a share — the partitioning lessons work on an auto-created topic;
 * - default.replication.factor = min(3, brokers): every partition has a copy on up to three
 *   brokers, so a broker kill shows failover instead of an offline partition, while a one- or
 *   two-broker lab still creates topics (Kafka refuses a replication factor above the broker count
 *   with INVALID_REPLICATION_FACTOR).
 *
 * `--partitions` / `--replication-factor` (npm run broker) and `--config num.partitions=…` override them.
 */
export const LAB_NUM_PARTITIONS = 3;

export function labDefaultReplicationFactor(brokers: number): number {
  return Math.max(1, Math.min(3, brokers));
}
