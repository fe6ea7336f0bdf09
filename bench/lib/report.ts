// The one contract between a bench and bench/run.ts: a bench prints its results as
// `BENCH-ROW <json>` lines (one per table row) and optional `BENCH-NOTE <text>` lines on stdout.
// run.ts prefixes each row with the bench's file name and renders a single markdown table.
// Anything else a bench prints is shown in the details section of bench/results/latest.md.

export interface BenchRow {
  /** what was measured, e.g. "kcat produce, 1,000,000 × 100 B, acks=all" */
  measurement: string;
  /** our result, with its unit */
  value: string;
  /** the peer's or baseline's result in the same run, if there is one */
  peer?: string;
  /** ours / peer, e.g. "0.84×"; say which direction is better in the note */
  ratio?: string;
  note?: string;
}

export const ROW_PREFIX = 'BENCH-ROW ';
export const NOTE_PREFIX = 'BENCH-NOTE ';

export function emitRow(row: BenchRow): void {
  process.stdout.write(`${ROW_PREFIX}${JSON.stringify(row)}\n`);
}

export function emitNote(text: string): void {
  process.stdout.write(`${NOTE_PREFIX}${text.replace(/\n/g, ' ')}\n`);
}

export function parseRow(line: string): BenchRow | undefined {
  if (!line.startsWith(ROW_PREFIX)) return undefined;
  try {
    const row = JSON.parse(line.slice(ROW_PREFIX.length)) as BenchRow;
    return typeof row.measurement === 'string' && typeof row.value === 'string' ? row : undefined;
  } catch {
    return undefined;
  }
}

const cell = (s: string | undefined): string => (s ?? '').replace(/\|/g, '\\|');

export function markdownTable(header: string[], rows: string[][]): string {
  const lines = [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function fmtNum(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtRatio(ours: number | undefined, peer: number | undefined): string | undefined {
  if (ours === undefined || peer === undefined || !Number.isFinite(ours) || !Number.isFinite(peer) || peer === 0) return undefined;
  const r = ours / peer;
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(2) : r.toFixed(3)}×`;
}
