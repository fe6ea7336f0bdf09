/** Records per second for one topic, sampled in the renderer from successive snapshots. */
import { memo, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, CartesianGrid } from 'recharts';
import { useApp } from '../../store/store-context';
import type { ThroughputSample } from '../../store/snapshot-slice';

const emptySamples: never[] = [];

export function ThroughputChart({ topic }: { topic: string }) {
  const samples = useApp((s) => s.samples[topic] ?? emptySamples);
  // The chart is the costliest thing on the page to redraw: at most once a second, and at
  // transition priority so scrolling and the grid stay smooth while it catches up.
  const deferred = useDeferredValue(useThrottled(samples, 1000));
  const latest = samples[samples.length - 1];
  return (
    <section className="panel chart" data-testid="throughput-chart">
      <h2>Throughput <span className="hint">records/s (highWatermark growth per simulated second)</span></h2>
      <p className="chart-now" data-testid="throughput-now">now {latest ? latest.recordsPerSec.toFixed(1) : '0.0'} rec/s</p>
      <ChartBody samples={deferred} />
    </section>
  );
}

/** `value`, updated at most once per `ms` (the latest value wins). */
function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const [lastAt, setLastAt] = useState(0);
  useEffect(() => {
    if (value === shown) return;
    const wait = lastAt + ms - Date.now();
    const timer = setTimeout(() => { setShown(value); setLastAt(Date.now()); }, Math.max(0, wait));
    return () => clearTimeout(timer);
  }, [value, shown, lastAt, ms]);
  return shown;
}

const ChartBody = memo(function ChartBody({ samples }: { samples: readonly ThroughputSample[] }) {
  const data = useMemo(() => {
    const first = samples[0]?.simTimeMs ?? 0;
    return samples.map((s) => ({ t: Math.round((s.simTimeMs - first) / 100) / 10, rate: Math.round(s.recordsPerSec * 10) / 10 }));
  }, [samples]);
  return (
    <div className="chart-body">
      <ResponsiveContainer width="100%" height={160}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} unit="s" stroke="var(--muted)" tickCount={6} />
          <YAxis stroke="var(--muted)" width={48} allowDecimals={false} />
          <Tooltip formatter={(v) => [`${String(v)} rec/s`, 'throughput']} labelFormatter={(l) => `t = ${String(l)} s`} />
          <Line type="linear" dataKey="rate" stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
});
