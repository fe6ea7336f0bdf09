/**
 * `npm run scenario -- <file or built-in name> [--speed N] [--seed S]`: runs one scenario headless
 * and prints its narration (each step with its simulated time, predict questions and their
 * answers) and the report. Exit 0 when every expected outcome is met, 1 when one fails, 2 on an
 * invalid file or bad arguments (each scenario error printed with its field path).
 * `--list` prints the built-in scenarios; `--replay session.json` replays an exported session and
 * prints its event log (or the scenario's report when it carried one); `--write-schema` rewrites
 * resources/scenarios/scenario.schema.json from schema-source.ts. Without --speed the run is at
 * full speed in virtual time; `--speed N` paces it to N× real time (a wall-clock driver).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ScenarioDocument } from '../../shared/scenario-format';
import type { ScenarioReport } from '../../shared/scenario-view';
import { createCluster } from '../cluster/cluster';
import { attachCoordinators } from '../cluster/transactions/attach';
import { BUILTIN_SCENARIO_DIR, builtinScenarioNames, loadBuiltinScenario } from './builtins';
import { formatScenarioErrors, parseScenario, type ParseResult } from './parse';
import { formatNarration, formatReport } from './report-format';
import { replaySession } from './replay';
import { runScenario } from './run';
import { scenarioSchemaJson } from './schema-source';
import { attachScenario, scenarioClusterOptions } from './session';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = 'usage: npm run scenario -- <file.json | built-in name> [--speed N] [--seed S]\n       npm run scenario -- --list\n       npm run scenario -- --replay session.json';

interface Args { target?: string; seed?: number; speed?: number; list: boolean; replay?: string; writeSchema: boolean }

function parseArgs(argv: string[]): Args | string {
  const args: Args = { list: false, writeSchema: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => argv[++i];
    if (a === '--list') args.list = true;
    else if (a === '--write-schema') args.writeSchema = true;
    else if (a === '--replay') { args.replay = value(); if (!args.replay) return '--replay needs a session file'; }
    else if (a === '--seed') {
      const v = Number(value());
      if (!Number.isSafeInteger(v) || v < 0) return `--seed needs a whole number ≥ 0, got ${argv[i]}`;
      args.seed = v;
    } else if (a === '--speed') {
      const v = Number(value());
      if (!Number.isFinite(v) || v <= 0 || v > 1000) return `--speed needs a number above 0 and at most 1000, got ${argv[i]}`;
      args.speed = v;
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else if (args.target === undefined) args.target = a;
    else return `one scenario at a time (got ${args.target} and ${a})`;
  }
  return args;
}

function load(target: string): ParseResult {
  const looksLikeFile = target.endsWith('.json') || target.includes('/') || target.includes('\\');
  if (!looksLikeFile) return loadBuiltinScenario(target);
  let size: number;
  try {
    size = statSync(target).size;
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: `cannot read ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] };
  }
  if (size > 1024 * 1024) return { ok: false, errors: [{ path: '', message: `the file is ${size} bytes; scenarios are limited to 1048576 bytes (1 MiB)` }] };
  return parseScenario(readFileSync(target, 'utf8'));
}

/** Paced run: a wall-clock driver advances the model by elapsed × speed every 50 ms. */
async function runPaced(doc: ScenarioDocument, seed: number, speed: number, io: CliIo): Promise<ScenarioReport> {
  const cluster = createCluster(scenarioClusterOptions(doc, seed));
  const { groups, transactions } = attachCoordinators(cluster);
  const session = attachScenario(cluster, doc, { seed, coordinators: { groups, transactions }, autoReveal: true, checkInvariants: true });
  let printed = 0;
  const flush = () => { const lines = session.status().narration; for (; printed < lines.length; printed++) io.out(formatNarration(lines[printed]!)); };
  const end = session.startTimeMs + doc.durationMs;
  const wallStart = performance.now();
  while (cluster.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    cluster.runUntil(Math.min(end, session.startTimeMs + (performance.now() - wallStart) * speed));
    flush();
  }
  flush();
  return session.report();
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') { io.err(`${args}\n${USAGE}`); return 2; }
  if (args.writeSchema) {
    writeFileSync(join(BUILTIN_SCENARIO_DIR, 'scenario.schema.json'), scenarioSchemaJson());
    io.out(`wrote ${join(BUILTIN_SCENARIO_DIR, 'scenario.schema.json')}`);
    return 0;
  }
  if (args.list) {
    for (const name of builtinScenarioNames()) {
      const r = loadBuiltinScenario(name);
      io.out(`${name.padEnd(34)} ${r.ok ? r.doc.summary : `(invalid: ${formatScenarioErrors(r.errors)[0]})`}`);
    }
    return 0;
  }
  if (args.replay !== undefined) {
    let text: string;
    try { text = readFileSync(args.replay, 'utf8'); } catch (e) { io.err(`cannot read ${args.replay}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); return 2; }
    let replayed: ReturnType<typeof replaySession>;
    try { replayed = replaySession(text); } catch (e) { io.err((e as Error).message); return 2; }
    if (replayed.scenario) {
      const report = replayed.scenario.report();
      for (const n of report.narration) io.out(formatNarration(n));
      for (const line of formatReport(report)) io.out(line);
      return report.passed || !replayed.scenario.finished() ? 0 : 1;
    }
    for (const line of replayed.eventLines()) io.out(line);
    return 0;
  }
  if (args.target === undefined) { io.err(USAGE); return 2; }
  const parsed = load(args.target);
  if (!parsed.ok) {
    io.err(`${args.target} is not a valid scenario:`);
    for (const line of formatScenarioErrors(parsed.errors)) io.err(`  ${line}`);
    return 2;
  }
  const seed = args.seed ?? parsed.doc.seed ?? 1;
  const report = args.speed !== undefined
    ? await runPaced(parsed.doc, seed, args.speed, io)
    : runScenario(parsed.doc, { seed, onNarration: (line) => io.out(formatNarration(line)) });
  for (const line of formatReport(report)) io.out(line);
  return report.passed ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // `npm run scenario -- x | head`: a closed pipe ends the output quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); });
  main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => { console.error(e instanceof Error ? e.stack ?? e.message : String(e)); process.exitCode = 2; },
  );
}
