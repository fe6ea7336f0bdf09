/** The metric strip: a row of headline numbers, muted at zero, red or amber when something is wrong. */
import { memo } from 'react';
import type { HealthCounts } from './health';
import { formatByteRate, formatInteger, formatRate } from '../../components/format';

type Tone = 'muted' | 'ok' | 'warn' | 'bad';

function Metric({ label, value, tone, testId }: { label: string; value: string; tone: Tone; testId?: string }) {
  return (
    <div className={`metric metric-${tone}`} data-testid={testId}>
      <div className="metric-value">{value}</div>
      <div className="metric-label">{label}</div>
    </div>
  );
}

/** Re-rendered only when a number changes: healthCounts gives a new object on every snapshot. */
export const MetricStrip = memo(function MetricStrip({ counts, controllerId, dedicatedControllers = false }: { counts: HealthCounts; controllerId: number | null; dedicatedControllers?: boolean }) {
  const up = counts.brokersTotal - counts.brokersDown;
  return (
    <div className="metric-strip" data-testid="metric-strip">
      <Metric label="brokers online" value={`${up} / ${counts.brokersTotal}`} tone={counts.brokersDown > 0 ? 'warn' : 'ok'} testId="metric-brokers" />
      <Metric label="active controller" value={controllerId === null ? 'none' : `${dedicatedControllers ? 'node' : 'broker'} ${controllerId}`} tone={controllerId === null ? 'bad' : 'ok'} />
      <Metric label="topics" value={formatInteger(counts.topics)} tone="muted" />
      <Metric label="partitions" value={formatInteger(counts.partitions)} tone="muted" />
      <Metric label="under-replicated" value={formatInteger(counts.underReplicatedPartitions)} tone={counts.underReplicatedPartitions > 0 ? 'bad' : 'muted'} testId="metric-urp" />
      <Metric label="offline partitions" value={formatInteger(counts.offlinePartitions)} tone={counts.offlinePartitions > 0 ? 'bad' : 'muted'} testId="metric-offline" />
      <Metric label="under min ISR" value={formatInteger(counts.underMinIsrPartitions)} tone={counts.underMinIsrPartitions > 0 ? 'bad' : 'muted'} />
      <Metric label="produce rate" value={formatRate(counts.produceRatePerSec)} tone="muted" />
      <Metric label="bytes in" value={formatByteRate(counts.bytesInPerSec)} tone="muted" />
    </div>
  );
}, (a, b) => a.controllerId === b.controllerId && a.dedicatedControllers === b.dedicatedControllers && (Object.keys(a.counts) as (keyof HealthCounts)[]).every((k) => a.counts[k] === b.counts[k]));
