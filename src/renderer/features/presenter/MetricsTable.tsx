/**
 * Kafka's metrics as Was / Now / Δ, under the names real dashboards use (MBean in the tooltip).
 * Gauges compare values; meters and timers compare their Count and show their OneMinuteRate.
 * Hover a row for the per-broker values.
 */
import type { ClusterMetricsView, KafkaMetricName } from '../../../shared/cluster-metrics-view';
import type { Baseline } from './baseline-tracker';
import { formatDelta, formatMetricValue, formatRate, wasNowRows, type WasNowRow } from './was-now-delta';

function rowTitle(row: WasNowRow): string {
  const kind = row.kind === 'gauge' ? 'Gauge: the value now.' : `${row.kind === 'timer' ? 'Timer' : 'Meter'}: Was and Now are its Count (${row.unit} since the cluster started); the rate under Now is its OneMinuteRate, an exponentially weighted average per second, as JMX shows it.`;
  const detail = row.detail.map((d) => `${d.label}: ${formatMetricValue(d.value, row.unit)}${d.oneMinuteRate !== undefined ? ` (${formatRate(d.oneMinuteRate, row.unit)})` : ''}`).join('\n');
  return `${row.meaning}\n${kind}\n${row.mbean}${detail ? `\n\n${detail}` : ''}`;
}

function clock(simMs: number, timeZone: string): string {
  try {
    return new Date(simMs).toLocaleTimeString('en-GB', { timeZone, hour12: false });
  } catch {
    return new Date(simMs).toISOString().slice(11, 19);
  }
}

export function wasTitle(baseline: Baseline | null, timeZone: string): string {
  const what = "Was: Kafka's metrics at the latest of: the moment the current scenario step began (a step that acted on the cluster; a step that only narrates keeps the one before), the last fault (a broker or controller stopped or cut off, a link cut or slowed), and your \"Set baseline now\" — the last snapshot before it.";
  if (!baseline) return what;
  return `${what}\nThe baseline now: ${baseline.label}, simulated time ${clock(baseline.atMs, timeZone)}.`;
}

/**
 * Where a metric name may wrap in a narrow column: between the words a reader parses it by
 * ("UnderReplicated|Partitions", "IsrShrinks|PerSec"), never inside "PerSec" or mid-word.
 */
const NAME_PARTS: Record<KafkaMetricName, string[]> = {
  UnderReplicatedPartitions: ['UnderReplicated', 'Partitions'],
  OfflinePartitionsCount: ['OfflinePartitions', 'Count'],
  ActiveControllerCount: ['ActiveController', 'Count'],
  UnderMinIsrPartitionCount: ['UnderMinIsr', 'PartitionCount'],
  IsrShrinksPerSec: ['IsrShrinks', 'PerSec'],
  IsrExpandsPerSec: ['IsrExpands', 'PerSec'],
  LeaderElectionRateAndTimeMs: ['LeaderElection', 'RateAndTimeMs'],
  UncleanLeaderElectionsPerSec: ['UncleanLeader', 'ElectionsPerSec'],
  FailedProduceRequestsPerSec: ['FailedProduce', 'RequestsPerSec'],
  BytesInPerSec: ['BytesIn', 'PerSec'],
  'records-lag-max': ['records-', 'lag-max'],
};

function breakableName(name: KafkaMetricName) {
  return NAME_PARTS[name].map((w, i) => <span key={i}>{i > 0 && <wbr />}{w}</span>);
}

export function MetricsTable({ now, baseline, timeZone }: { now: ClusterMetricsView; baseline: Baseline | null; timeZone: string }) {
  const rows = wasNowRows(now, baseline?.metrics ?? null);
  return (
    <table className="presenter-metrics" data-testid="presenter-metrics">
      <thead>
        <tr>
          <th scope="col">Kafka metric</th>
          <th scope="col" className="num" title={wasTitle(baseline, timeZone)} data-testid="was-header">Was</th>
          <th scope="col" className="num" title="The value now (gauges), or the Count now with its OneMinuteRate below (meters, timers)">Now</th>
          <th scope="col" className="num" title="Now − Was. Red: a sign of trouble (URP up, a failed produce, an unclean election); green: recovery (URP down, the ISR expanding); amber: worth a look (elections, lag)">Δ</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name} title={rowTitle(row)} data-testid={`metric-${row.name}`} data-signal={row.signal}>
            <th scope="row" className="metric-name">{breakableName(row.name)}</th>
            <td className="num" data-testid="metric-was">{row.was === null ? '—' : formatMetricValue(row.was, row.unit)}</td>
            <td className="num" data-testid="metric-now">
              {formatMetricValue(row.now, row.unit)}
              {row.oneMinuteRate !== null && <span className="metric-rate">{formatRate(row.oneMinuteRate, row.unit)}</span>}
            </td>
            <td className={`num delta delta-${row.signal}`} data-testid="metric-delta">{formatDelta(row.delta, row.unit)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
