/** The metric strip: a row of headline numbers, muted at zero, red or amber when something is wrong. */
import { memo } from 'react';
import type { HealthCounts } from './health';
import { formatByteRate, formatInteger, formatRate } from '../../components/format';
import { useApp } from '../../store/store-context';

type Tone = 'muted' | 'ok' | 'warn' | 'bad';

function Metric({ label, value, tone, testId, title }: { label: string; value: string; tone: Tone; testId?: string; title?: string }) {
  return (
    <div className={`metric metric-${tone}`} data-testid={testId} title={title}>
      <div className="metric-value">{value}</div>
      <div className="metric-label">{label}</div>
    </div>
  );
}

/**
 * Topic and partition totals without the internal topics, which are named apart: "12 topics (+2
 * internal)". The counts include __consumer_offsets and __transaction_state (50 partitions each by
 * default), which would otherwise make a fresh cluster look like it holds 100 partitions.
 */
function InternalAwareTotals({ topics, partitions }: { topics: number; partitions: number }) {
  const internalTopics = useApp((s) => s.snapshot?.topics.reduce((n, t) => n + (t.internal ? 1 : 0), 0) ?? 0);
  const internalPartitions = useApp((s) => s.snapshot?.topics.reduce((n, t) => n + (t.internal ? t.partitions.length : 0), 0) ?? 0);
  const userTopics = Math.max(0, topics - internalTopics);
  const userPartitions = Math.max(0, partitions - internalPartitions);
  const title = internalTopics > 0 ? `Internal topics (${internalTopics}, ${formatInteger(internalPartitions)} partitions) are counted apart: the group and transaction coordinators create them.` : undefined;
  return (
    <>
      <div className="metric metric-muted" data-testid="metric-topics" title={title}>
        <div className="metric-value">{formatInteger(userTopics)}</div>
        <div className="metric-label">{userTopics === 1 ? 'topic' : 'topics'}{internalTopics > 0 ? ` (+${internalTopics} internal)` : ''}</div>
      </div>
      <div className="metric metric-muted" data-testid="metric-partitions" title={title}>
        <div className="metric-value">{formatInteger(userPartitions)}</div>
        <div className="metric-label">partitions{internalPartitions > 0 ? ` (+${formatInteger(internalPartitions)} internal)` : ''}</div>
      </div>
    </>
  );
}

/** Re-rendered only when a number changes: healthCounts gives a new object on every snapshot. */
export const MetricStrip = memo(function MetricStrip({ counts, controllerId, dedicatedControllers = false }: { counts: HealthCounts; controllerId: number | null; dedicatedControllers?: boolean }) {
  const up = counts.brokersTotal - counts.brokersDown;
  return (
    <div className="metric-strip" data-testid="metric-strip">
      <Metric label="brokers online" value={`${up} / ${counts.brokersTotal}`} tone={counts.brokersDown > 0 ? 'warn' : 'ok'} testId="metric-brokers" />
      <Metric label="active controller" value={controllerId === null ? 'none' : `${dedicatedControllers ? 'node' : 'broker'} ${controllerId}`} tone={controllerId === null ? 'bad' : 'ok'} />
      <InternalAwareTotals topics={counts.topics} partitions={counts.partitions} />
      <Metric label="under-replicated" value={formatInteger(counts.underReplicatedPartitions)} tone={counts.underReplicatedPartitions > 0 ? 'bad' : 'muted'} testId="metric-urp" />
      <Metric label="offline partitions" value={formatInteger(counts.offlinePartitions)} tone={counts.offlinePartitions > 0 ? 'bad' : 'muted'} testId="metric-offline" />
      <Metric label="under min ISR" value={formatInteger(counts.underMinIsrPartitions)} tone={counts.underMinIsrPartitions > 0 ? 'bad' : 'muted'} />
      <Metric label="produce rate" value={formatRate(counts.produceRatePerSec)} tone="muted"
        title="Records the partition leaders appended per second, from every producer: connected clients and a scenario's simulated ones." />
      <Metric label="bytes in" value={formatByteRate(counts.bytesInPerSec)} tone="muted" testId="metric-bytes-in"
        title="Bytes per second the brokers' listeners received from connected clients (every request). A scenario's simulated clients run inside the model, not over the listeners, so they are not counted here." />
    </div>
  );
}, (a, b) => a.controllerId === b.controllerId && a.dedicatedControllers === b.dedicatedControllers && (Object.keys(a.counts) as (keyof HealthCounts)[]).every((k) => a.counts[k] === b.counts[k]));
