import { describe, expect, it } from 'vitest';
import type { ClusterMetricsView, KafkaMetricName, KafkaMetricView } from '../../../shared/cluster-metrics-view';
import { formatDelta, formatRate, wasNowRows } from './was-now-delta';

function view(values: Partial<Record<KafkaMetricName, number>>, atMs = 0): ClusterMetricsView {
  const kinds: Record<KafkaMetricName, KafkaMetricView['kind']> = {
    UnderReplicatedPartitions: 'gauge', OfflinePartitionsCount: 'gauge', ActiveControllerCount: 'gauge', UnderMinIsrPartitionCount: 'gauge',
    IsrShrinksPerSec: 'meter', IsrExpandsPerSec: 'meter', LeaderElectionRateAndTimeMs: 'timer', UncleanLeaderElectionsPerSec: 'meter',
    FailedProduceRequestsPerSec: 'meter', BytesInPerSec: 'meter', 'records-lag-max': 'gauge',
  };
  return {
    atMs,
    metrics: (Object.keys(kinds) as KafkaMetricName[]).map((name) => ({
      name, mbean: `mbean ${name}`, kind: kinds[name], unit: name === 'BytesInPerSec' ? 'bytes' : 'n',
      value: values[name] ?? (name === 'ActiveControllerCount' ? 1 : 0),
      ...(kinds[name] === 'gauge' ? {} : { oneMinuteRate: 0.5 }),
      detail: [],
    })),
  };
}

const row = (rows: ReturnType<typeof wasNowRows>, name: KafkaMetricName) => rows.find((r) => r.name === name)!;

describe('wasNowRows', () => {
  it('Δ = Now − Was; URP up, shrinks, failed produce and unclean elections are trouble; expands are recovery', () => {
    const rows = wasNowRows(
      view({ UnderReplicatedPartitions: 4, IsrShrinksPerSec: 9, IsrExpandsPerSec: 3, FailedProduceRequestsPerSec: 2, UncleanLeaderElectionsPerSec: 1, LeaderElectionRateAndTimeMs: 2, BytesInPerSec: 5000 }),
      view({ IsrShrinksPerSec: 5, IsrExpandsPerSec: 1, BytesInPerSec: 1000 }),
    );
    expect(row(rows, 'UnderReplicatedPartitions')).toMatchObject({ was: 0, now: 4, delta: 4, signal: 'bad' });
    expect(row(rows, 'IsrShrinksPerSec')).toMatchObject({ was: 5, now: 9, delta: 4, signal: 'bad', oneMinuteRate: 0.5 });
    expect(row(rows, 'IsrExpandsPerSec')).toMatchObject({ delta: 2, signal: 'good' });
    expect(row(rows, 'FailedProduceRequestsPerSec').signal).toBe('bad');
    expect(row(rows, 'UncleanLeaderElectionsPerSec').signal).toBe('bad');
    expect(row(rows, 'LeaderElectionRateAndTimeMs').signal).toBe('warn');
    expect(row(rows, 'BytesInPerSec')).toMatchObject({ delta: 4000, signal: 'neutral' });
    expect(row(rows, 'OfflinePartitionsCount')).toMatchObject({ delta: 0, signal: 'none' });
    expect(row(rows, 'UnderReplicatedPartitions').oneMinuteRate).toBeNull();
  });

  it('URP falling back is recovery; ActiveControllerCount is trouble whenever it is not 1', () => {
    const healed = wasNowRows(view({ UnderReplicatedPartitions: 0 }), view({ UnderReplicatedPartitions: 3, ActiveControllerCount: 0 }));
    expect(row(healed, 'UnderReplicatedPartitions')).toMatchObject({ delta: -3, signal: 'good' });
    expect(row(healed, 'ActiveControllerCount')).toMatchObject({ was: 0, now: 1, signal: 'good' });
    const lost = wasNowRows(view({ ActiveControllerCount: 0 }), view({}));
    expect(row(lost, 'ActiveControllerCount')).toMatchObject({ delta: -1, signal: 'bad' });
  });

  it('without a baseline shows no Was and no Δ', () => {
    const rows = wasNowRows(view({ UnderReplicatedPartitions: 2 }), null);
    expect(row(rows, 'UnderReplicatedPartitions')).toMatchObject({ was: null, delta: null, signal: 'none' });
    expect(formatDelta(null, 'n')).toBe('—');
  });

  it('formats counts, bytes and rates', () => {
    expect(formatDelta(1234, 'n')).toBe('+1,234');
    expect(formatDelta(-3, 'n')).toBe('−3');
    expect(formatDelta(2048, 'bytes')).toBe('+2.0 KiB');
    expect(formatDelta(54_067, 'bytes')).toBe('+53 KiB');
    expect(formatRate(0.4236, 'n')).toBe('0.42/s');
    expect(formatRate(1536, 'bytes')).toBe('1.5 KiB/s');
    expect(formatRate(812, 'bytes')).toBe('812 B/s');
  });
});
