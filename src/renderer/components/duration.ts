/** Durations of simulated time in words: "4 min 12 s", "12 s", "800 ms". */
export function formatDuration(ms: number): string {
  const v = Math.max(0, Math.round(ms));
  if (v < 1000) return `${v} ms`;
  const s = Math.round(v / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m < 60) return rest ? `${m} min ${rest} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** "in 4 min 12 s" until atMs from nowMs; "now" once due. */
export function formatDueIn(atMs: number, nowMs: number): string {
  return atMs <= nowMs ? 'now' : `in ${formatDuration(atMs - nowMs)}`;
}
