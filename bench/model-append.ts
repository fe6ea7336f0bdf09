// Model append + replication throughput: 1 KiB record batches produced with acks=all into an RF=3
// topic of a 3-broker simulated cluster, through the model's produce path (validation, copy,
// offset/epoch patch, leader append) and follower fetch replication over the simulated network,
// until every batch is acknowledged. Baseline in the same run: a plain Buffer copy of the same
// bytes. Prints a markdown table row and a BENCH-ROW line (bench/lib/report.ts).
//   tsx bench/model-append.ts [--batches 40000] [--partitions 8]
import { encodeRecordBatch } from '../src/broker/protocol/records/index';
import { produceThroughModel } from './lib/model-produce';
import { emitNote, emitRow, fmtNum, fmtRatio } from './lib/report';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const BATCHES = arg('batches', 40_000);
const PARTITIONS = arg('partitions', 8);
const BATCH_BYTES = 1024;

function makeBatch(i: number): Buffer {
  const overhead = encodeRecordBatch({ records: [{ key: null, value: Buffer.alloc(0), timestamp: 1_704_067_200_000 }] }).length;
  const value = Buffer.alloc(BATCH_BYTES - overhead - 2, i % 251);
  const b = encodeRecordBatch({ records: [{ key: null, value, timestamp: 1_704_067_200_000 + i }] });
  return b;
}

const batches = Array.from({ length: BATCHES }, (_, i) => makeBatch(i));
const totalBytes = batches.reduce((n, b) => n + b.length, 0);

function runModel(): number {
  return totalBytes / 1e6 / produceThroughModel(batches, { partitions: PARTITIONS, batchesPerMs: 256 });
}

function runCopy(): number {
  const t0 = performance.now();
  let sink = 0;
  for (let rep = 0; rep < 3; rep++) {
    for (const b of batches) {
      const c = Buffer.from(b);
      sink += c[c.length - 1]!;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  if (sink < 0) console.log(sink);
  return (3 * totalBytes) / 1e6 / seconds;
}

runModel(); // warm-up (JIT)
const model = Math.max(runModel(), runModel());
const copy = Math.max(runCopy(), runCopy());
const ratio = fmtRatio(model, copy);
emitNote(`model-append: ${BATCHES} batches of ${BATCH_BYTES} B, ${PARTITIONS} partitions, RF=3, acks=all, 3 brokers, 1 ms links; baseline = Buffer.from of the same batches; higher is better, best of 2 runs after a warm-up.`);
emitRow({ measurement: `model append+replication, ${BATCHES} × 1 KiB batches, RF=3, acks=all`, value: `${fmtNum(model)} MB/s`, peer: `${fmtNum(copy)} MB/s (Buffer copy)`, ratio });
if (!process.env.BENCH_RUNNER) {
  console.log('| bench | model MB/s | Buffer copy MB/s | ratio |');
  console.log('|---|---|---|---|');
  console.log(`| model-append (1 KiB, RF=3, acks=all) | ${fmtNum(model)} | ${fmtNum(copy)} | ${ratio} |`);
}
