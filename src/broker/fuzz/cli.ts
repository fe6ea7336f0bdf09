/**
 * `npm run fuzz -- --seconds N [--seed S] [--only a,b] [--skip a,b] [--all]`: the semantic
 * fuzzer for long runs. Runs until the time is up, then prints the cases run, the longest round,
 * peak memory and every failure with the seed, round and family that reproduce it. KNOWN_OPEN
 * families are skipped unless --all. Exit status 1 when anything failed.
 */
import { KNOWN_OPEN } from './known-open';
import { runFuzz } from './runner';

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log('usage: npm run fuzz -- [--seconds N] [--cases N] [--seed S] [--only family,…] [--skip family,…] [--all]');
    return;
  }
  const seconds = Number(arg(args, 'seconds') ?? 60);
  const cases = arg(args, 'cases') !== undefined ? Number(arg(args, 'cases')) : undefined;
  const seed = Number(arg(args, 'seed') ?? process.env.SEED ?? Math.floor(Math.random() * 2 ** 31));
  const only = arg(args, 'only')?.split(',');
  const skip = [...(arg(args, 'skip')?.split(',') ?? []), ...(args.includes('--all') ? [] : KNOWN_OPEN.map((k) => k.family))];
  if (!Number.isFinite(seconds) || seconds <= 0 || !Number.isInteger(seed)) throw new Error('--seconds must be positive and --seed an integer');
  console.log(`fuzzing with SEED=${seed} for ${seconds} s${skip.length ? `, skipping ${skip.join(', ')}` : ''}`);
  const { stats, failures } = await runFuzz({ seed, seconds, cases, only, skip, progress: (line) => console.log(line) });
  console.log(stats.summary());
  for (const f of failures) console.log(`\nFAILURE [${f.invariant}] ${f.reproduce}\n${f.detail}`);
  console.log(failures.length === 0 ? `\nno failures (SEED=${seed})` : `\n${failures.length} failures (SEED=${seed})`);
  process.exitCode = failures.length === 0 ? 0 : 1;
}

main().then(() => process.exit(), (err: unknown) => {
  console.error(err);
  process.exit(2);
});
