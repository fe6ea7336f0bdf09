// Time-travel session history (src/broker/host/session-history.ts): what an hour of a 3-broker,
// 100-partition cluster under steady traffic costs in memory, the work per sample, and how long a
// scrub takes. Pure model in virtual time: every simulated second, one batch of 10 records
// (100-byte values) to each of the 100 partitions (1,000 records/s, acks=all, RF=3), and a
// history sample per simulated second as the host takes them at speed 1.
// Baseline in the same run: the same samples kept as plain JSON text (what storing every
// snapshot whole would cost), extrapolated from the first `--baseline-samples` samples.
//   tsx bench/session-history.ts [--seconds 3600] [--partitions 100]
import { runHistoryWorkload } from '../src/broker/host/session-history-workload';
import { emitNote, emitRow, fmtNum } from './lib/report';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 3600);
const PARTITIONS = arg('partitions', 100);
const BASELINE_SAMPLES = arg('baseline-samples', 60);

let plainJsonBytes = 0;
let seen = 0;
const t0 = performance.now();
const run = runHistoryWorkload({
  partitions: PARTITIONS, recordsPerPartitionPerSec: 10, valueBytes: 100, seconds: SECONDS,
  onSample: (view) => { if (seen++ < BASELINE_SAMPLES) plainJsonBytes += JSON.stringify(view).length; },
});
const runSeconds = (performance.now() - t0) / 1000;
const range = run.history.range();
const stats = run.history.stats();
const mib = (bytes: number) => bytes / 1024 / 1024;
const perHour = range.usedBytes * (3600 / SECONDS);
const plainPerHour = (plainJsonBytes / Math.min(BASELINE_SAMPLES, range.samples)) * range.samples * (3600 / SECONDS);

// Scrubs: 200 random moments (a keyframe and up to its patches each), then a forward drag over 100 samples.
let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const randomMs: number[] = [];
for (let i = 0; i < 200; i++) {
  const at = range.fromMs! + random() * (range.toMs! - range.fromMs!);
  const s = performance.now();
  run.history.viewAt(at);
  randomMs.push(performance.now() - s);
}
randomMs.sort((a, b) => a - b);
const dragStart = range.fromMs! + (range.toMs! - range.fromMs!) / 2;
const d0 = performance.now();
for (let i = 0; i < 100; i++) run.history.viewAt(dragStart + i * 1000);
const dragMs = (performance.now() - d0) / 100;

emitNote(`session-history: ${SECONDS} simulated s of a 3-broker cluster, one topic of ${PARTITIONS} partitions (RF=3), 10 records × 100 B per partition per simulated second (acks=all), one sample per simulated second (${range.samples} samples, ${stats.keyframes} keyframes); the model ran in ${fmtNum(runSeconds)} s. Baseline: every sample kept whole as JSON text. Scrub = viewAt at 200 random moments / a forward drag of 100 consecutive samples.`);
emitRow({ measurement: `session history, ${fmtNum(SECONDS / 60)} min of 3 brokers × ${PARTITIONS} partitions, steady traffic`, value: `${fmtNum(mib(perHour))} MiB per hour`, peer: `${fmtNum(mib(plainPerHour))} MiB per hour (snapshots as JSON)`, ratio: `${fmtNum(plainPerHour / perHour)}× smaller` });
emitRow({ measurement: 'session history: work per sample (diff + JSON + deflate; snapshot excluded)', value: `${fmtNum(run.recordMeanMs)} ms mean, ${fmtNum(run.recordMaxMs)} ms max`, note: `cluster.snapshot() itself: ${fmtNum(run.snapshotMeanMs)} ms mean` });
emitRow({ measurement: 'session history: view at a random moment (scrub)', value: `${fmtNum(randomMs[100]!)} ms median, ${fmtNum(randomMs[189]!)} ms p95`, note: `forward drag: ${fmtNum(dragMs)} ms per step` });
if (!process.env.BENCH_RUNNER) {
  console.log(`| measurement | value |\n|---|---|`);
  console.log(`| memory per hour | ${fmtNum(mib(perHour))} MiB (plain JSON: ${fmtNum(mib(plainPerHour))} MiB) |`);
  console.log(`| record per sample | ${fmtNum(run.recordMeanMs)} ms mean, ${fmtNum(run.recordMaxMs)} ms max; snapshot ${fmtNum(run.snapshotMeanMs)} ms |`);
  console.log(`| viewAt random | ${fmtNum(randomMs[100]!)} ms median, ${fmtNum(randomMs[189]!)} ms p95; drag ${fmtNum(dragMs)} ms/step |`);
}
