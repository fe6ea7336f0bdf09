/** Records per second for one topic, sampled in the renderer from successive snapshots. */
import { memo, startTransition, useEffect, useMemo, useState } from 'react';
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, CartesianGrid } from 'recharts';
import { FixedText } from '../../components/FixedText';
import { useApp, useAppStoreApi } from '../../store/store-context';
import { lastSample, seriesSamples, type ThroughputSample } from '../../store/snapshot-slice';
import type { AppState } from '../../store/app-store';

export const ThroughputChart = memo(function ThroughputChart({ topic }: { topic: string }) {
  return (
    <section className="panel chart" data-testid="throughput-chart">
      <h2>Throughput <span className="hint">records/s (highWatermark growth per simulated second)</span></h2>
      {/* The number changes on every snapshot: a fixed-size contain:strict box, laid out alone. */}
      <p className="chart-now" data-testid="throughput-now">now <ThroughputNow topic={topic} /> rec/s</p>
      <ThrottledChart key={topic} topic={topic} />
    </section>
  );
});

/** The newest rate, following every snapshot (re-rendered only when its text changes). */
function ThroughputNow({ topic }: { topic: string }) {
  // Issue 13: in past mode, the rate of the moment shown (the newest sample at or before it).
  const text = useApp((s) => {
    const pastMs = pastSampleTime(s);
    const sample = pastMs === null ? lastSample(s.samples[topic]) : seriesSamples(s.samples[topic]).findLast((x) => x.simTimeMs <= pastMs);
    return (sample?.recordsPerSec ?? 0).toFixed(1);
  });
  return <FixedText ch={10} align="right">{text}</FixedText>;
}

/**
 * The chart is the costliest thing on the page to redraw (recharts: ≈ 10 ms of main thread on a
 * loaded 2-core machine, more than a whole snapshot update), so it does not follow snapshots: it
 * reads the topic's samples every 2 s (the line moves 3% of the one-minute window) and redraws
 * when they changed, at transition priority so scrolling and the grid stay smooth meanwhile.
 */
function ThrottledChart({ topic }: { topic: string }) {
  const store = useAppStoreApi();
  const [series, setSeries] = useState(() => store.getState().samples[topic]);
  useEffect(() => {
    const timer = setInterval(() => {
      const next = store.getState().samples[topic];
      startTransition(() => setSeries(next));
    }, chartRedrawMs);
    return () => clearInterval(timer);
  }, [store, topic]);
  // Issue 13: in past mode, the minute up to the moment shown (as far as the samples held reach back).
  const pastMs = useApp(pastSampleTime);
  const samples = useMemo(() => {
    const all = seriesSamples(series);
    return pastMs === null ? all : all.filter((x) => x.simTimeMs <= pastMs);
  }, [series, pastMs]);
  return <ChartBody samples={samples} />;
}

function pastSampleTime(s: AppState): number | null {
  return s.timeTravel.mode === 'past' ? s.timeTravel.past?.sampleTimeMs ?? null : null;
}

/** The chart shows the last minute of simulated time, on fixed axes, redrawn at most this often. */
const chartRedrawMs = 2000;
const windowSec = 60;
const xTicks = [-60, -45, -30, -15, 0];

/** The smallest 1, 2 or 5 × 10^k at or above `value` (at least 1). */
export function niceCeiling(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * Points relative to the newest sample (t ≤ 0 s) and a y scale rounded up to 1, 2 or 5 × 10^k:
 * the axes' ticks keep their values from one redraw to the next, so recharts re-measures no tick
 * text and re-creates no tick elements; only the line moves.
 */
export function chartData(samples: readonly ThroughputSample[]): { points: { t: number; rate: number }[]; yMax: number } {
  const last = samples[samples.length - 1]?.simTimeMs ?? 0;
  const points: { t: number; rate: number }[] = [];
  let max = 0;
  for (const s of samples) {
    const t = Math.round((s.simTimeMs - last) / 100) / 10;
    if (t < -windowSec) continue;
    const rate = Math.round(s.recordsPerSec * 10) / 10;
    if (rate > max) max = rate;
    points.push({ t, rate });
  }
  return { points, yMax: niceCeiling(max) };
}

// Props are module constants or memoised: recharts 3 copies its components' props into its own
// store in effects, and a new array or function on every render would dispatch again and draw
// the chart once more per redraw.
const chartBodyStyle = { contain: 'strict', height: 160 } as const;
const chartMargin = { top: 8, right: 16, bottom: 0, left: 0 };
const xDomain = [-windowSec, 0];
const tooltipFormatter = (v: unknown) => [`${String(v)} rec/s`, 'throughput'] as [string, string];
const tooltipLabel = (l: unknown) => `t = ${String(l)} s`;
/** 1500 → "1.5k": the y ticks fit the axis in every theme (the projector's type is large). */
export const compactTick = (v: number) => (v >= 1_000_000 ? `${v / 1_000_000}M` : v >= 1000 ? `${v / 1000}k` : String(v));

const ChartBody = memo(function ChartBody({ samples }: { samples: readonly ThroughputSample[] }) {
  const { points, yMax } = useMemo(() => chartData(samples), [samples]);
  const y = useMemo(() => ({ domain: [0, yMax], ticks: [0, yMax / 4, yMax / 2, (3 * yMax) / 4, yMax] }), [yMax]);
  return (
    // contain: strict (its height is fixed in CSS): the SVG's layout stays inside, and text changing
    // elsewhere on the page does not lay the chart out again.
    // data-span-sec: how far back the drawn line reaches (the host's history backfills it after a refresh).
    <div className="chart-body" style={chartBodyStyle} data-testid="throughput-chart-body" data-points={points.length} data-span-sec={points.length > 0 ? -points[0]!.t : 0}>
      <ResponsiveContainer width="100%" height={160}>
        <LineChart data={points} margin={chartMargin}>
          <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" domain={xDomain} ticks={xTicks} allowDataOverflow unit="s" stroke="var(--muted)" />
          <YAxis stroke="var(--muted)" width={48} domain={y.domain} ticks={y.ticks} tickFormatter={compactTick} />
          <Tooltip formatter={tooltipFormatter} labelFormatter={tooltipLabel} />
          <Line type="linear" dataKey="rate" stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
});
