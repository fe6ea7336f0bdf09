/**
 * Kafka's own broker metrics, computed by the simulation (src/broker/cluster/metrics/), under the
 * names and MBeans a real dashboard shows them by (Kafka docs, "Monitoring"), so that learners
 * recognise them later. Plain JSON; part of ClusterView as `metrics` (absent for remote clusters).
 *
 * Kinds, as JMX exposes them:
 * - gauge: a value now (`value`), cluster-wide = the sum over brokers (records-lag-max: the max).
 * - meter: Yammer Meter — `value` is its Count (events since the cluster started) and
 *   `oneMinuteRate` its OneMinuteRate: an exponentially weighted moving average per second,
 *   ticked every 5 s of simulated time (Yammer's EWMA, alpha = 1 − e^(−5/60)).
 * - timer: a Yammer Timer (LeaderElectionRateAndTimeMs): its Count and OneMinuteRate as a meter.
 */
export type KafkaMetricName =
  | 'UnderReplicatedPartitions'
  | 'UnderMinIsrPartitionCount'
  | 'OfflinePartitionsCount'
  | 'ActiveControllerCount'
  | 'IsrShrinksPerSec'
  | 'IsrExpandsPerSec'
  | 'LeaderElectionRateAndTimeMs'
  | 'UncleanLeaderElectionsPerSec'
  | 'FailedProduceRequestsPerSec'
  | 'BytesInPerSec'
  | 'records-lag-max';

export interface MetricDetailView {
  /** "broker 1", "controller 3000", "group orders". */
  label: string;
  value: number;
  /** Meters and timers: this part's OneMinuteRate (per second). */
  oneMinuteRate?: number;
}

export interface KafkaMetricView {
  name: KafkaMetricName;
  /** The JMX MBean (or client metric group) it comes from, e.g. kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions. */
  mbean: string;
  kind: 'gauge' | 'meter' | 'timer';
  /** Unit of `value`: 'partitions', 'controllers', 'shrinks', 'elections', 'requests', 'bytes', 'records'. */
  unit: string;
  /** Gauge: the value now. Meter/timer: Count since the cluster started. Cluster-wide. */
  value: number;
  /** Meters and timers: OneMinuteRate in `unit` per second, cluster-wide. */
  oneMinuteRate?: number;
  /** Per broker (or controller node, or consumer group), for the hover. */
  detail: MetricDetailView[];
}

export interface ClusterMetricsView {
  /** Simulated time the values are for (ms). */
  atMs: number;
  metrics: KafkaMetricView[];
}
