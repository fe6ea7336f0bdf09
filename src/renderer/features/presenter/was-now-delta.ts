/**
 * The presenter's Was / Now / Δ table: Kafka's metrics (ClusterView.metrics, computed by the
 * model) now, against a baseline the presenter controls (baseline-tracker.ts). Pure.
 *
 * Gauges compare their value; meters and timers compare their Count (events since the cluster
 * started) — the Δ is how many happened since the baseline — and show their OneMinuteRate now, as
 * a JMX dashboard does. A Δ is coloured when it signals trouble ('bad': URP up, a failed produce)
 * or recovery ('good': URP down, the ISR expanding); a Δ of 0 is 'none'.
 */
import type { ClusterMetricsView, KafkaMetricName, KafkaMetricView, MetricDetailView } from '../../../shared/cluster-metrics-view';
import { formatInteger } from '../../components/format';

export type DeltaSignal = 'bad' | 'warn' | 'good' | 'neutral' | 'none';

export interface WasNowRow {
  name: KafkaMetricName;
  mbean: string;
  kind: KafkaMetricView['kind'];
  unit: string;
  was: number | null;
  now: number;
  /** now − was; null without a baseline value. */
  delta: number | null;
  signal: DeltaSignal;
  /** Meters and timers: OneMinuteRate now, per second. */
  oneMinuteRate: number | null;
  detail: MetricDetailView[];
  /** Plain words for the row's tooltip: what the metric counts. */
  meaning: string;
}

/** What each metric means and which way is trouble (+1: a rise is bad; −1: a rise is good; 0: neither). */
export const METRIC_INFO: Record<KafkaMetricName, { meaning: string; riseIs: 'bad' | 'warn' | 'good' | 'neutral' }> = {
  UnderReplicatedPartitions: { meaning: 'Partitions whose in-sync replicas are fewer than their replicas, counted by each leader. Healthy: 0.', riseIs: 'bad' },
  OfflinePartitionsCount: { meaning: 'Partitions with no leader: nobody can produce to or consume from them. Reported by the active controller. Healthy: 0.', riseIs: 'bad' },
  ActiveControllerCount: { meaning: 'Active controllers, summed over the cluster. Healthy: exactly 1; 0 means no quorum.', riseIs: 'good' },
  UnderMinIsrPartitionCount: { meaning: 'Partitions whose ISR is below min.insync.replicas: acks=all writes fail with NOT_ENOUGH_REPLICAS. Healthy: 0.', riseIs: 'bad' },
  IsrShrinksPerSec: { meaning: 'Replicas removed from an ISR (a follower fell behind or its broker went away). Count since start; rate per second.', riseIs: 'bad' },
  IsrExpandsPerSec: { meaning: 'Replicas added back to an ISR after catching up to the leader. Count since start; rate per second.', riseIs: 'good' },
  LeaderElectionRateAndTimeMs: { meaning: 'Partition leader elections by the controller (failover, preferred, reassignment). Count since start; rate per second.', riseIs: 'warn' },
  UncleanLeaderElectionsPerSec: { meaning: 'Leaders elected from outside the ISR: acknowledged records may be lost. Healthy: 0.', riseIs: 'bad' },
  FailedProduceRequestsPerSec: { meaning: 'Partition appends the leaders refused (e.g. NOT_ENOUGH_REPLICAS). Count since start; rate per second.', riseIs: 'bad' },
  BytesInPerSec: { meaning: 'Bytes producers wrote to partition leaders (not replication). Count since start; rate per second.', riseIs: 'neutral' },
  'records-lag-max': { meaning: 'The largest consumer lag of any partition, per consumer group (records behind the high watermark).', riseIs: 'warn' },
};

function signalOf(name: KafkaMetricName, was: number | null, now: number): DeltaSignal {
  if (name === 'ActiveControllerCount') {
    if (now === 1) return was === null || was === 1 ? 'none' : 'good';
    return 'bad';
  }
  if (was === null || now === was) return 'none';
  const riseIs = METRIC_INFO[name].riseIs;
  if (riseIs === 'neutral') return 'neutral';
  const rose = now > was;
  if (riseIs === 'good') return rose ? 'good' : 'bad';
  // Gauges falling back (URP 3 → 0) are recovery; counts never fall but for a new cluster.
  return rose ? riseIs : 'good';
}

export function wasNowRows(now: ClusterMetricsView, was: ClusterMetricsView | null): WasNowRow[] {
  return now.metrics.map((m) => {
    const before = was?.metrics.find((b) => b.name === m.name) ?? null;
    const wasValue = before ? before.value : null;
    return {
      name: m.name,
      mbean: m.mbean,
      kind: m.kind,
      unit: m.unit,
      was: wasValue,
      now: m.value,
      delta: wasValue === null ? null : m.value - wasValue,
      signal: signalOf(m.name, wasValue, m.value),
      oneMinuteRate: m.oneMinuteRate ?? null,
      detail: m.detail,
      meaning: METRIC_INFO[m.name].meaning,
    };
  });
}

/** A count or gauge: 1234567 → "1,234,567"; bytes in binary units. */
export function formatMetricValue(value: number, unit: string): string {
  if (unit === 'bytes') return formatBytes(value);
  return formatInteger(value);
}

export function formatDelta(delta: number | null, unit: string): string {
  if (delta === null) return '—';
  if (delta === 0) return '0';
  const sign = delta > 0 ? '+' : '−';
  return `${sign}${formatMetricValue(Math.abs(delta), unit)}`;
}

/** OneMinuteRate per second: "0.42/s", "1.2 KiB/s". */
export function formatRate(rate: number | null, unit: string): string {
  if (rate === null) return '';
  if (unit === 'bytes') return `${formatBytes(rate)}/s`;
  return `${rate < 10 ? rate.toFixed(2) : rate.toFixed(1)}/s`;
}

/** Binary units, at most three significant figures: "812 B", "9.6 KiB", "53 KiB", "1.2 MiB". */
function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 || v >= 10 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}
