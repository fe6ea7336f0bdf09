// What sampling records in motion (the cluster map's flow, src/broker/cluster/flow/) costs the
// model: append + replication throughput of 1 KiB acks=all batches (RF=3, 3 brokers, 1 ms links,
// as model-append) with the flow recorder on — every produce named by a client, every follower
// fetch and answer offered to the sampler — against the same run with it off, alternating.
//   tsx bench/model-flow.ts [--batches 40000] [--partitions 8] [--rounds 3]
import { encodeRecordBatch } from '../src/broker/protocol/records/index';
import { produceThroughModel } from './lib/model-produce';
import { emitNote, emitRow, fmtNum, fmtRatio } from './lib/report';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const BATCHES = arg('batches', 40_000);
const PARTITIONS = arg('partitions', 8);
const ROUNDS = arg('rounds', 3);

const overhead = encodeRecordBatch({ records: [{ key: null, value: Buffer.alloc(0), timestamp: 1_704_067_200_000 }] }).length;
const batches = Array.from({ length: BATCHES }, (_, i) => encodeRecordBatch({ records: [{ key: null, value: Buffer.alloc(1024 - overhead - 2, i % 251), timestamp: 1_704_067_200_000 + i }] }));
const totalMb = batches.reduce((n, b) => n + b.length, 0) / 1e6;

const run = (flow: boolean) => totalMb / produceThroughModel(batches, { partitions: PARTITIONS, batchesPerMs: 256, flow });
run(false); // warm-up (JIT)
run(true);
let off = 0;
let on = 0;
for (let r = 0; r < ROUNDS; r++) {
  // Alternate the order so a neighbour's burst does not always land on the same side.
  if (r % 2 === 0) { off = Math.max(off, run(false)); on = Math.max(on, run(true)); }
  else { on = Math.max(on, run(true)); off = Math.max(off, run(false)); }
}
emitNote(`model-flow: ${BATCHES} × 1 KiB acks=all batches, ${PARTITIONS} partitions, RF=3; best of ${ROUNDS} alternating runs each after a warm-up; ratio = with sampling ÷ without (1× = free).`);
emitRow({ measurement: `model append+replication with the flow sample on (records in motion), ${BATCHES} × 1 KiB, RF=3, acks=all`, value: `${fmtNum(on)} MB/s`, peer: `${fmtNum(off)} MB/s (flow off)`, ratio: fmtRatio(on, off) });
if (!process.env.BENCH_RUNNER) console.log(`| model-flow | on ${fmtNum(on)} MB/s | off ${fmtNum(off)} MB/s | ${fmtRatio(on, off)} |`);
