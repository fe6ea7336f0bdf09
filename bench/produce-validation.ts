// What reading every record on produce costs (issue 11: Kafka's LogValidator decompresses and
// checks each record of a compressed batch; so do we now). The model's produce path (validation,
// copy, offset/epoch patch, leader append, follower replication, acks=all) runs the same
// compressed batches twice in one process — records read (the default) and header + CRC only
// (ClusterCore.validateRecordsOnProduce = false, which only this bench sets) — alternating, best
// of 3 each after a warm-up. Ratio = validated / header-only throughput (1.00× = free).
//   tsx bench/produce-validation.ts [--batches 1500] [--records 500]
import { createCluster } from '../src/broker/cluster/cluster';
import { encodeRecordBatch, type CompressionCodec } from '../src/broker/protocol/records/index';
import { emitNote, emitRow, fmtNum, fmtRatio } from './lib/report';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const BATCHES = arg('batches', 1500);
const RECORDS = arg('records', 500);
const PARTITIONS = 8;
const CODECS: CompressionCodec[] = ['lz4', 'zstd', 'gzip', 'snappy', 'none'];

/** RECORDS records of 100-byte values like the kcat workload's lines (a sequence number, then filler), 8-byte keys. */
function makeBatch(codec: CompressionCodec, i: number): Buffer {
  const records = Array.from({ length: RECORDS }, (_, r) => {
    const seq = String(i * RECORDS + r).padStart(10, '0');
    return { key: Buffer.from(seq.slice(2)), value: Buffer.from(`${seq} ${'x'.repeat(89)}`), timestamp: 1_704_067_200_000 + i };
  });
  return encodeRecordBatch({ compression: codec, records });
}

/** Records per second through the model's produce path. */
function run(batches: Buffer[], validate: boolean): number {
  const cluster = createCluster({ seed: 1, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], recordInputLog: false });
  cluster.core.validateRecordsOnProduce = validate;
  cluster.createTopics(1, [{ name: 'bench', numPartitions: PARTITIONS, replicationFactor: 3 }], false);
  cluster.runUntil(cluster.now() + 100);
  const leaders = cluster.metadata(1, ['bench'], false).topics[0]!.partitions.map((p) => p.leaderId);
  let acked = 0;
  let failed = 0;
  const t0 = performance.now();
  for (let i = 0; i < batches.length; i++) {
    const partition = i % PARTITIONS;
    cluster.produce(leaders[partition]!, { acks: -1, timeoutMs: 30_000, topics: [{ topic: 'bench', partitions: [{ partition, records: batches[i]! }] }] }, (r) => {
      if (r.topics[0]!.partitions[0]!.errorName === 'NONE') acked++;
      else failed++;
    });
    if (i % 32 === 31) cluster.runUntil(cluster.now() + 1);
  }
  while (acked + failed < batches.length) cluster.runUntil(cluster.now() + 1);
  const seconds = (performance.now() - t0) / 1000;
  if (failed) throw new Error(`${failed} produces failed`);
  return (batches.length * RECORDS) / seconds;
}

const lines: string[] = [];
for (const codec of CODECS) {
  const batches = Array.from({ length: BATCHES }, (_, i) => makeBatch(codec, i));
  const kb = batches.reduce((n, b) => n + b.length, 0) / batches.length / 1024;
  run(batches.slice(0, 200), true); // warm-up (JIT)
  run(batches.slice(0, 200), false);
  let on = 0;
  let off = 0;
  for (let round = 0; round < 3; round++) {
    on = Math.max(on, run(batches, true));
    off = Math.max(off, run(batches, false));
  }
  const ratio = fmtRatio(on, off);
  emitRow({ measurement: `produce validation, ${codec}: ${BATCHES} × ${RECORDS}-record batches (${fmtNum(kb)} KiB), RF=3, acks=all, model path`, value: `${fmtNum(on / 1e3)} k records/s`, peer: `${fmtNum(off / 1e3)} k records/s (header + CRC only)`, ratio });
  lines.push(`| ${codec} | ${fmtNum(kb)} KiB | ${fmtNum(on / 1e3)} | ${fmtNum(off / 1e3)} | ${ratio} |`);
}
emitNote(`produce-validation: the model's produce path (3 brokers, RF=3, acks=all, ${PARTITIONS} partitions) with every record read (decompressed within the budget) vs header + CRC only, same batches, same process, alternating, best of 3 after a warm-up; ratio = validated / header-only, 1.00× = free. Noisy: the machine is shared; compare the ratio, not the absolute numbers.`);
if (!process.env.BENCH_RUNNER) {
  console.log('| codec | batch | validated k records/s | header-only k records/s | ratio |');
  console.log('|---|---|---|---|---|');
  for (const l of lines) console.log(l);
}
