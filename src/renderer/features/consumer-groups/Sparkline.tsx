/** A tiny SVG lag trend for table rows (a recharts chart per row would cost far more than it shows). */
export function Sparkline({ values, width = 100, height = 22 }: { values: number[]; width?: number; height?: number }) {
  if (values.length < 2) return <span className="count-muted">—</span>;
  const max = Math.max(1, ...values);
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`).join(' ');
  const last = values[values.length - 1]!;
  const rising = last > values[0]!;
  return (
    <svg width={width} height={height} role="img" aria-label={`lag trend, now ${last}, max ${max}`} className="wb-sparkline">
      <polyline points={points} fill="none" stroke={rising ? 'var(--warn)' : 'var(--accent)'} strokeWidth={1.5} />
    </svg>
  );
}
