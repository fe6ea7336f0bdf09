/**
 * `npm run test:swarm -- --seeds N [--from S] [--duration MS]`: runs N swarm seeds and prints
 * progress; a failing seed prints its violations and `reproduce with SEED=<n>`. May use real time
 * for progress output (lint exempts this file).
 */
import { runSwarmSeed } from './swarm';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? Number(process.argv[i + 1]) : fallback;
}

const seeds = arg('seeds', 1000);
const from = process.env.SEED !== undefined ? Number(process.env.SEED) : arg('from', 1);
const count = process.env.SEED !== undefined ? 1 : seeds;
const durationMs = arg('duration', 60_000);
const started = Date.now();
let failed = 0;
let acked = 0;
let acks1Acked = 0;
let acks1Lost = 0;
let events = 0;
const totals: Record<string, number> = {};
for (let seed = from; seed < from + count; seed++) {
  const r = runSwarmSeed(seed, { durationMs });
  acked += r.acked;
  acks1Acked += r.acks1?.acked ?? 0;
  acks1Lost += r.acks1?.lost ?? 0;
  events += r.events;
  for (const [k, v] of Object.entries(r.eventCounts)) totals[k] = (totals[k] ?? 0) + v;
  if (r.violations.length) {
    failed++;
    console.log(`seed ${seed} FAILED:\n  ${r.violations.join('\n  ')}\n  reproduce with SEED=${seed}`);
  }
  if ((seed - from + 1) % 50 === 0) console.log(`${seed - from + 1}/${count} seeds, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
console.log(`swarm: ${count} seeds, ${failed} failed, ${acked} acknowledged acks=all writes checked, ${acks1Lost} of ${acks1Acked} acks=1 records lost (all inside Kafka's windows unless a seed failed), ${events} model events, ${((Date.now() - started) / 1000).toFixed(1)} s`);
const shown = ['leader-elected', 'partition-offline', 'isr-shrunk', 'isr-expanded', 'log-truncated', 'records-lost', 'partition-reassigned', 'controller-elected', 'broker-fenced'];
console.log(`events: ${shown.map((k) => `${k} ${totals[k] ?? 0}`).join(', ')}`);
process.exitCode = failed ? 1 : 0;
