/**
 * Records per second for one topic, sampled in the renderer from successive snapshots, drawn as
 * a hand-made SVG line: one series of ≤ 240 points on fixed axes does not need a chart library, and
 * recharts' redraw (its store's dispatches and selectors, ≈ 10–15 ms with the garbage it leaves)
 * was the largest CPU item of the topic detail at 10,000 partitions.
 */
import { memo, startTransition, useEffect, useMemo, useState, type MouseEvent } from 'react';
import { FixedText } from '../../components/FixedText';
import { useApp, useAppStoreApi } from '../../store/store-context';
import { lastSample, seriesSamples, type ThroughputSample } from '../../store/snapshot-slice';

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
  const text = useApp((s) => (lastSample(s.samples[topic])?.recordsPerSec ?? 0).toFixed(1));
  return <FixedText ch={10} align="right">{text}</FixedText>;
}

/**
 * The chart does not follow snapshots: it reads the topic's samples every 2 s (the line moves 3%
 * of the one-minute window) and redraws when they changed, at transition priority, so a snapshot
 * update never waits for it.
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
  return <ChartBody samples={seriesSamples(series)} />;
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

/** Plot area inside the chart box, px: room for the y labels on the left and the x labels below. */
const plot = { left: 48, right: 16, top: 8, bottom: 22 };
const yFractions = [0, 0.25, 0.5, 0.75, 1];

/**
 * The line in an SVG whose user space is the data space (x: −60…0 s, y: 0…100% of the y scale),
 * stretched to the plot area (preserveAspectRatio none) with non-scaling strokes, so nothing is
 * measured; the tick labels are HTML placed by percentages. Hovering shows the nearest point.
 */
const ChartBody = memo(function ChartBody({ samples }: { samples: readonly ThroughputSample[] }) {
  const { points, yMax } = useMemo(() => chartData(samples), [samples]);
  const line = useMemo(() => points.map((p) => `${p.t},${(100 - (p.rate / yMax) * 100).toFixed(2)}`).join(' '), [points, yMax]);
  const [hover, setHover] = useState<number | null>(null);
  const onMove = (e: MouseEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const t = -windowSec + ((e.clientX - box.left) / Math.max(1, box.width)) * windowSec;
    let best: number | null = null;
    for (let i = 0; i < points.length; i++) if (best === null || Math.abs(points[i]!.t - t) < Math.abs(points[best]!.t - t)) best = i;
    setHover(best);
  };
  const shown = hover === null ? undefined : points[hover];
  const xPct = (t: number) => `${((t + windowSec) / windowSec) * 100}%`;
  const yPct = (rate: number) => `${100 - (rate / yMax) * 100}%`;
  return (
    // contain: strict (its height is fixed in CSS): the chart's layout stays inside.
    <div className="chart-body" style={{ contain: 'strict', position: 'relative' }} role="img" aria-label={`records per second over the last minute, up to ${yMax}`}>
      <div className="chart-plot" style={{ position: 'absolute', left: plot.left, right: plot.right, top: plot.top, bottom: plot.bottom }}>
        <svg width="100%" height="100%" viewBox={`${-windowSec} 0 ${windowSec} 100`} preserveAspectRatio="none" style={{ display: 'block', overflow: 'visible' }}
          onMouseMove={onMove} onMouseLeave={() => setHover(null)} data-testid="throughput-plot">
          {yFractions.map((f) => <line key={`y${f}`} x1={-windowSec} x2={0} y1={100 - f * 100} y2={100 - f * 100} className="chart-grid" vectorEffect="non-scaling-stroke" />)}
          {xTicks.map((t) => <line key={`x${t}`} x1={t} x2={t} y1={0} y2={100} className="chart-grid" vectorEffect="non-scaling-stroke" />)}
          <polyline points={line} className="chart-line" vectorEffect="non-scaling-stroke" data-testid="throughput-line" />
          {shown && <line x1={shown.t} x2={shown.t} y1={0} y2={100} className="chart-cursor" vectorEffect="non-scaling-stroke" />}
        </svg>
        {yFractions.map((f) => <span key={f} className="chart-label chart-label-y" style={{ top: yPct(f * yMax) }}>{formatTick(f * yMax)}</span>)}
        {xTicks.map((t) => <span key={t} className="chart-label chart-label-x" style={{ left: xPct(t) }}>{t}s</span>)}
        {shown && (
          <span className={`chart-tooltip ${shown.t > -windowSec / 2 ? 'chart-tooltip-left' : ''}`} role="status" style={{ left: xPct(shown.t), top: yPct(shown.rate) }} data-testid="throughput-tooltip">
            t = {shown.t} s · {shown.rate} rec/s
          </span>
        )}
      </div>
    </div>
  );
});

/** A y tick: an integer, or one decimal below 10 (the scale is 1, 2 or 5 × 10^k, quartered). */
function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1).replace(/0+$/, '');
}
