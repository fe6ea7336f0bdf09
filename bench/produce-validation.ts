// What reading every record on produce costs (issue 11: Kafka's LogValidator decompresses and
// checks each record of a compressed batch; so do we now). The model's produce path (validation,
// copy, offset/epoch patch, leader append, follower replication, acks=all) runs the same
// compressed batches twice in one process — records read (the default) and header + CRC only
// (ClusterCore.validateRecordsOnProduce = false, which only this bench sets) — alternating, best
// of 3 each after a warm-up. Ratio = validated / header-only throughput (1.00× = free).
// Then the same comparison through the wire: kcat (librdkafka) produces --kcat-messages lines of
// the wire-throughput input with -z lz4 and -z zstd into an in-process 3-broker ClusterHost,
// validation on and off alternating, best of 2 each.
//   tsx bench/produce-validation.ts [--batches 1500] [--records 500] [--kcat-messages 200000]
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { SimCluster } from '../src/broker/cluster/cluster';
import { ClusterHost } from '../src/broker/host/cluster-host';
import { encodeRecordBatch, type CompressionCodec } from '../src/broker/protocol/records/index';
import { inputFile } from './lib/kcat-workload';
import { produceThroughModel } from './lib/model-produce';
import { buildDir } from './lib/native';
import { runTimed } from './lib/procs';
import { emitNote, emitRow, fmtNum, fmtRatio } from './lib/report';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const BATCHES = arg('batches', 1500);
const RECORDS = arg('records', 500);
const PARTITIONS = 8;
const KCAT_MESSAGES = arg('kcat-messages', 200_000);
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
  return (batches.length * RECORDS) / produceThroughModel(batches, { partitions: PARTITIONS, batchesPerMs: 32, validateRecords: validate });
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
  lines.push(`| model, ${codec} | ${RECORDS} records, ${fmtNum(kb)} KiB | ${fmtNum(on / 1e3)} k records/s | ${fmtNum(off / 1e3)} k records/s | ${ratio} |`);
}
emitNote(`produce-validation (model): the model's produce path (3 brokers, RF=3, acks=all, ${PARTITIONS} partitions) with every record read (decompressed within the budget) vs header + CRC only, same batches, same process, alternating, best of 3 after a warm-up; ratio = validated / header-only, 1.00× = free. Noisy: the machine is shared; compare the ratio, not the absolute numbers.`);

function hasKcat(): boolean {
  try {
    execFileSync('kcat', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** kcat -P of the wire bench's input file (100-byte lines) with `codec`; messages per second of kcat's wall time. */
async function kcatRun(host: ClusterHost, codec: string, validate: boolean, round: number, file: string): Promise<number> {
  (host.cluster as SimCluster).core.validateRecordsOnProduce = validate;
  const topic = `pv-${codec}-${validate ? 'on' : 'off'}-${round}`;
  const created = await host.execute({ type: 'create-topic', topic, partitions: 8, replicationFactor: 3 });
  if (!created.ok) throw new Error(`create-topic ${topic}: ${created.message}`);
  const bootstrap = host.snapshot().brokers.map((b) => `127.0.0.1:${b.port}`).join(',');
  const flags = ['-X', 'acks=all', '-X', 'linger.ms=5', '-X', 'batch.num.messages=10000', '-X', 'queue.buffering.max.messages=1000000', '-X', `compression.codec=${codec}`, '-X', 'enable.idempotence=false', '-X', 'message.timeout.ms=120000'];
  const r = await runTimed('kcat', ['-P', '-b', bootstrap, '-t', topic, ...flags, '-l', file], 300_000);
  if (r.code !== 0 || /error|fail/i.test(r.stderr)) throw new Error(`kcat ${codec}: exit ${r.code} ${r.stderr.slice(0, 400)}`);
  return KCAT_MESSAGES / (r.wallMs / 1000);
}

if (KCAT_MESSAGES > 0 && hasKcat()) {
  const host = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 1, defaultPartitions: 8, defaultReplicationFactor: 3 });
  try {
    mkdirSync(buildDir, { recursive: true });
    const file = inputFile(KCAT_MESSAGES);
    for (const codec of ['lz4', 'zstd']) {
      let on = 0;
      let off = 0;
      await kcatRun(host, codec, true, -1, file); // warm-up
      for (let round = 0; round < 2; round++) {
        on = Math.max(on, await kcatRun(host, codec, true, round, file));
        off = Math.max(off, await kcatRun(host, codec, false, round, file));
      }
      const ratio = fmtRatio(on, off);
      emitRow({ measurement: `produce validation, kcat -z ${codec}: ${KCAT_MESSAGES.toLocaleString('en-US')} × 100 B, 3 brokers in process, 8 partitions, RF=3, acks=all`, value: `${fmtNum(on / 1e3)} k msg/s`, peer: `${fmtNum(off / 1e3)} k msg/s (header + CRC only)`, ratio });
      lines.push(`| kcat -z ${codec} | ${KCAT_MESSAGES} × 100 B | ${fmtNum(on / 1e3)} k msg/s | ${fmtNum(off / 1e3)} k msg/s | ${ratio} |`);
    }
  } finally {
    await host.close();
  }
  emitNote('produce-validation (kcat): the wire path with a real client; kcat, the cluster and the bench share the 2 cores, so the validation cost is diluted by everything else a produce costs; best of 2 alternating rounds after a warm-up.');
}
if (!process.env.BENCH_RUNNER) {
  console.log('| path | batch | validated | header + CRC only | ratio |');
  console.log('|---|---|---|---|---|');
  for (const l of lines) console.log(l);
}
