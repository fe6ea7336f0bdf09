/** Lag history of one group (recharts): total lag in records over wall-clock time, sampled by the host. */
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, CartesianGrid } from 'recharts';
import type { LagSample } from '../../../shared/workbench-contract';

/** recharts stays smooth to ~2k points; the host keeps ≤ 600 per group, this caps again for safety. */
const maxPoints = 1000;

export function lagChartData(samples: LagSample[]): { t: number; lag: number }[] {
  const step = Math.max(1, Math.ceil(samples.length / maxPoints));
  const last = samples[samples.length - 1]?.atMs ?? 0;
  const out: { t: number; lag: number }[] = [];
  for (let i = 0; i < samples.length; i += step) out.push({ t: Math.round((samples[i]!.atMs - last) / 100) / 10, lag: samples[i]!.totalLag });
  return out;
}

export function LagChart({ samples, intervalMs }: { samples: LagSample[]; intervalMs: number }) {
  const data = lagChartData(samples);
  return (
    <section className="panel chart" data-testid="lag-chart">
      <h2>Lag history <span className="hint">total lag in records; sampled every {intervalMs / 1000} s while the app runs (older samples thinned)</span></h2>
      <div className="chart-body">
        <ResponsiveContainer width="100%" height={160}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={['dataMin', 0]} unit="s" stroke="var(--muted)" tickCount={6} />
            <YAxis stroke="var(--muted)" width={56} allowDecimals={false} />
            <Tooltip formatter={(v) => [`${String(v)} records`, 'lag']} labelFormatter={(l) => `${String(l)} s`} />
            <Line type="stepAfter" dataKey="lag" stroke="var(--bad)" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
