// `npm run bench`: runs every bench in this folder as a child process, one after another (they are
// heavy and the machine is shared), and prints one markdown table, also written to
// bench/results/latest.md. Each bench's outcome is kept in bench/results/<name>.json, so a run with
// --only refreshes that bench's rows and keeps the others' last results (each stamped with its run).
// Contract for a bench: see bench/lib/report.ts and bench/README.md.
//   tsx bench/run.ts [--only wire-throughput,model-append] [--messages N] [--timeout-min 30]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, repoDir } from './lib/native';
import { markdownTable, NOTE_PREFIX, parseRow, type BenchRow } from './lib/report';

interface BenchOutcome { name: string; code: number | null; signal: string | null; seconds: number; rows: BenchRow[]; notes: string[]; other: string[]; finishedAt?: string; commit?: string; args?: string[] }

const resultsDir = join(benchDir, 'results');

const ORDER = ['wire-throughput', 'model-append'];

function discover(): string[] {
  const names = readdirSync(benchDir)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3));
  const rank = (n: string): number => { const i = ORDER.indexOf(n); return i >= 0 ? i : ORDER.length; };
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function argValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

function runBench(name: string, args: string[], timeoutMs: number): Promise<BenchOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    process.stderr.write(`\n== bench/${name}.ts ${args.join(' ')}\n`);
    const child = spawn(join(repoDir, 'node_modules/.bin/tsx'), [join(benchDir, `${name}.ts`), ...args], {
      cwd: repoDir, env: { ...process.env, BENCH_RUNNER: '1' }, stdio: ['ignore', 'pipe', 'inherit'], detached: true,
    });
    const outcome: BenchOutcome = { name, code: null, signal: null, seconds: 0, rows: [], notes: [], other: [] };
    let pending = '';
    const take = (line: string): void => {
      const row = parseRow(line);
      if (row) outcome.rows.push(row);
      else if (line.startsWith(NOTE_PREFIX)) outcome.notes.push(line.slice(NOTE_PREFIX.length));
      else if (line.trim() !== '' && outcome.other.length < 400) outcome.other.push(line);
      if (!row && !line.startsWith(NOTE_PREFIX)) process.stderr.write(`${line}\n`);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(take);
    });
    const kill = (sig: NodeJS.Signals): void => { try { process.kill(-child.pid!, sig); } catch { /* gone */ } };
    const timer = setTimeout(() => { outcome.other.push(`(killed after ${timeoutMs / 60000} min)`); kill('SIGTERM'); setTimeout(() => kill('SIGKILL'), 5000).unref(); }, timeoutMs);
    const onSignal = (): void => { kill('SIGTERM'); process.exit(130); };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (pending) take(pending);
      Object.assign(outcome, { code, signal, seconds: (performance.now() - started) / 1000 });
      resolve(outcome);
    });
    child.on('error', (e) => { outcome.other.push(`could not start: ${e.message}`); });
  });
}

function gitDescription(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoDir }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bench'], { cwd: repoDir }).toString().trim() !== '';
    return `${head}${dirty ? ' + uncommitted changes in src/ or bench/' : ''}`;
  } catch {
    return 'unknown';
  }
}

function render(outcomes: BenchOutcome[]): string {
  const tableRows: string[][] = [];
  for (const o of outcomes) {
    for (const r of o.rows) tableRows.push([o.name, r.measurement, r.value, r.peer ?? '', r.ratio ?? '', r.note ?? '']);
    const failed = o.code !== 0;
    if (failed || o.rows.length === 0) {
      const status = failed ? `exited ${o.code ?? o.signal} after ${o.seconds.toFixed(0)} s` : `finished in ${o.seconds.toFixed(0)} s`;
      tableRows.push([o.name, o.rows.length === 0 ? '(no BENCH-ROW results)' : '(incomplete)', status, '', '', 'see details below']);
    }
  }
  const parts = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts). Ratios are ours / peer (or baseline) measured in the same run on the same',
    'machine; absolute numbers depend on the machine and its load. See bench/README.md for what each row measures.',
    '',
    markdownTable(['bench', 'measurement', 'Kafka Lab', 'peer / baseline', 'ratio', 'note'], tableRows),
    '',
    ...outcomes.map((o) => `- ${o.name}: run ${o.finishedAt ?? '?'} at commit ${o.commit ?? '?'}${o.args?.length ? ` with \`${o.args.join(' ')}\`` : ''}, ${o.seconds.toFixed(0)} s`),
  ];
  const notes = outcomes.flatMap((o) => o.notes.map((n) => `- ${n}`));
  if (notes.length) parts.push('', ...notes);
  const details = outcomes.filter((o) => o.other.length > 0 && (o.code !== 0 || o.rows.length === 0));
  for (const o of details) parts.push('', `## ${o.name}: output`, '', '```', ...o.other.slice(-60), '```');
  return `${parts.join('\n')}\n`;
}

/** The last stored outcome of every bench that still exists, in table order. */
function storedOutcomes(): BenchOutcome[] {
  const out: BenchOutcome[] = [];
  for (const name of discover()) {
    const path = join(resultsDir, `${name}.json`);
    if (!existsSync(path)) continue;
    try { out.push(JSON.parse(readFileSync(path, 'utf8')) as BenchOutcome); } catch { /* unreadable: rerun it */ }
  }
  return out;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const only = argValue(argv, '--only')?.split(',');
  const messages = argValue(argv, '--messages');
  const timeoutMs = Number(argValue(argv, '--timeout-min') ?? 30) * 60_000;
  const benches = discover().filter((n) => !only || only.includes(n));
  if (benches.length === 0) throw new Error(`no benches to run (found: ${discover().join(', ')})`);
  mkdirSync(resultsDir, { recursive: true });
  const outcomes: BenchOutcome[] = [];
  for (const name of benches) {
    const args = (name === 'wire-throughput' || name === 'storage-throughput') && messages ? ['--messages', messages] : [];
    const outcome = await runBench(name, args, timeoutMs);
    Object.assign(outcome, { finishedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), commit: gitDescription(), args });
    writeFileSync(join(resultsDir, `${name}.json`), `${JSON.stringify(outcome, null, 2)}\n`);
    outcomes.push(outcome);
  }
  const markdown = render(storedOutcomes());
  writeFileSync(join(resultsDir, 'latest.md'), markdown);
  process.stdout.write(`\n${markdown}`);
  process.exitCode = outcomes.every((o) => o.code === 0) ? 0 : 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench/run.ts: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
