// Issue 15: what disk storage costs. wire-throughput's kcat produce and consume rows, run against two
// Kafka Lab clusters side by side in the same run: one `--in-memory`, one on a temporary data dir
// (Kafka's segment files, src/broker/storage). Ratio = disk ÷ memory; target ≥ 0.8 for produce.
//   tsx bench/storage-throughput.ts [--messages 1000000] [--partitions 64] [--rounds 2] [--warmup-messages N]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputFile, MESSAGE_BYTES } from './lib/kcat-workload';
import { directoryBytes, mb } from './lib/memory-sampling';
import { loadAverage } from './lib/procs';
import { emitNote, emitRow, fmtInt, fmtNum, fmtRatio, markdownTable, type BenchRow } from './lib/report';
import { startKafkaLab, type Target, type TopicSpec } from './lib/targets';
import { kcatConsumePhase, kcatProducePhase, kcatTopic, TOPIC_WARMUP, warmupPhase, type Options, type Phase } from './lib/wire-phases';

const log = (line: string): void => { process.stderr.write(`[storage-throughput] ${line}\n`); };

function parseArgs(argv: string[]): Options {
  const get = (flag: string, fallback: number): number => {
    const i = argv.indexOf(flag);
    const v = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!Number.isInteger(v) || v < 0) throw new Error(`${flag} must be a whole number`);
    return v;
  };
  const messages = get('--messages', 1_000_000);
  return {
    messages, partitions: get('--partitions', 64), rounds: get('--rounds', 2), warmupMessages: get('--warmup-messages', Math.round(messages / 10)),
    targets: ['kafka-lab', 'kafka-lab-disk'], kafkajsMessages: 0, latencySeconds: 0, latencyRate: 0,
  };
}

interface Result { produce: Phase[]; consume: Phase[]; error?: string }

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const input = inputFile(o.messages);
  const loadBefore = loadAverage();
  const dataDir = mkdtempSync(join(tmpdir(), 'kafka-lab-storage-bench-'));
  const topics: TopicSpec[] = [
    ...Array.from({ length: o.rounds }, (_, i) => ({ name: kcatTopic(i + 1), partitions: o.partitions, replicationFactor: 3 })),
    ...(o.warmupMessages > 0 ? [{ name: TOPIC_WARMUP, partitions: o.partitions, replicationFactor: 3 }] : []),
  ];
  const memory = await startKafkaLab(topics);
  const disk = await startKafkaLab(topics, 3, dataDir).catch(async (e: unknown) => { await memory.stop(); throw e; });
  const results = new Map<Target, Result>([[memory, { produce: [], consume: [] }], [disk, { produce: [], consume: [] }]]);
  let peak: Map<Target, number>;
  let diskBytes: number;
  try {
    if (o.warmupMessages > 0) {
      const warmInput = inputFile(o.warmupMessages);
      for (const t of [memory, disk]) {
        const w = await warmupPhase(t, o, warmInput);
        log(`${t.id}: warm-up (untimed) ${fmtInt(o.warmupMessages)} in ${fmtNum(w.wallMs, 0)} ms${w.error ? ` — ${w.error}` : ''}`);
      }
    }
    for (let round = 1; round <= o.rounds; round++) {
      const order = round % 2 === 1 ? [memory, disk] : [disk, memory];
      for (const t of order) {
        const p = await kcatProducePhase(t, o, input, round);
        results.get(t)!.produce.push(p);
        log(`round ${round}: ${t.id}: kcat produce ${fmtNum(p.wallMs, 0)} ms, CPU ${fmtNum(p.cpuMs, 0)} ms${p.error ? ` — ${p.error}` : ''}`);
      }
      for (const t of order) {
        const p = await kcatConsumePhase(t, o, round);
        results.get(t)!.consume.push(p);
        log(`round ${round}: ${t.id}: kcat consume ${fmtNum(p.wallMs, 0)} ms, CPU ${fmtNum(p.cpuMs, 0)} ms, ${p.detail}${p.error ? ` — ${p.error}` : ''}`);
      }
    }
    peak = new Map([memory, disk].map((t) => [t, t.peakRssMb()]));
    diskBytes = directoryBytes(dataDir).bytes;
  } finally {
    await Promise.all([memory.stop(), disk.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const table = rows(o, results.get(disk)!, results.get(memory)!, peak.get(disk) ?? NaN, peak.get(memory) ?? NaN, diskBytes);
  for (const r of table) emitRow(r);
  emitNote(`storage-throughput: two \`npm run broker -- --brokers 3 --port 0 --seed 1\` clusters side by side, one \`--in-memory\`, one \`--data-dir <tmp>\` (disk storage, src/broker/storage), the same kcat flags and input as wire-throughput, rounds alternating which goes first, best round kept; ` +
    `${cpus().length} shared cores, load average before ${loadBefore}, after ${loadAverage()}. Ratio = disk ÷ memory (throughput: higher is better; CPU: lower is better).`);
  if (!process.env.BENCH_RUNNER) {
    process.stdout.write(`\n${markdownTable(['measurement', 'disk', 'in-memory', 'disk ÷ memory', 'note'], table.map((r) => [r.measurement, r.value, r.peer ?? '', r.ratio ?? '', r.note ?? '']))}\n`);
  }
}

function rows(o: Options, disk: Result, memory: Result, diskPeakMb: number, memoryPeakMb: number, diskBytes: number): BenchRow[] {
  const megabytes = (o.messages * MESSAGE_BYTES) / 1e6;
  const best = (phases: Phase[]): Phase | undefined => phases.filter((p) => !p.error).sort((a, b) => a.wallMs - b.wallMs)[0];
  const rate = (phases: Phase[]): number | undefined => { const p = best(phases); return p ? o.messages / (p.wallMs / 1000) : undefined; };
  const rateCell = (phases: Phase[]): string => { const r = rate(phases); return r === undefined ? `failed: ${phases[0]?.error ?? 'not run'}` : `${fmtInt(r)} msg/s (${fmtNum((r * MESSAGE_BYTES) / 1e6)} MB/s)`; };
  const cpu = (phases: Phase[]): number | undefined => (phases.length ? Math.min(...phases.map((p) => p.cpuMs / megabytes)) : undefined);
  const cpuCell = (phases: Phase[]): string => { const c = cpu(phases); return c === undefined ? 'n/a' : `${fmtNum(c, 2)} CPU-ms/MB`; };
  const out: BenchRow[] = [];
  const label = (what: string): string => `disk vs in-memory storage: ${what}`;
  const produceRatio = (rate(disk.produce) ?? NaN) / (rate(memory.produce) ?? NaN);
  const rounds = `best of ${o.rounds} rounds`;
  out.push({ measurement: label(`kcat produce ${fmtInt(o.messages)} × ${MESSAGE_BYTES} B, ${o.partitions} partitions, RF=3, acks=all: throughput`), value: rateCell(disk.produce), peer: rateCell(memory.produce), ratio: fmtRatio(rate(disk.produce), rate(memory.produce)),
    note: `${rounds}; target ≥ 0.8× (${Number.isFinite(produceRatio) ? (produceRatio >= 0.8 ? 'met' : 'NOT met') : 'not measured'}); each cluster first took an untimed warm-up of ${fmtInt(o.warmupMessages)}` });
  out.push({ measurement: label('kcat produce: cluster CPU per MB'), value: cpuCell(disk.produce), peer: cpuCell(memory.produce), ratio: fmtRatio(cpu(disk.produce), cpu(memory.produce)), note: 'lowest round; lower is better' });
  out.push({ measurement: label(`kcat consume the same ${fmtInt(o.messages)} back: throughput`), value: rateCell(disk.consume), peer: rateCell(memory.consume), ratio: fmtRatio(rate(disk.consume), rate(memory.consume)),
    note: `${rounds}; every message verified; disk reads come from the page cache (the files were just written)` });
  out.push({ measurement: label('kcat consume: cluster CPU per MB'), value: cpuCell(disk.consume), peer: cpuCell(memory.consume), ratio: fmtRatio(cpu(disk.consume), cpu(memory.consume)), note: 'lowest round; lower is better' });
  out.push({ measurement: label('cluster peak RSS (VmHWM) over the run'), value: `${fmtNum(diskPeakMb, 0)} MB`, peer: `${fmtNum(memoryPeakMb, 0)} MB`, ratio: fmtRatio(diskPeakMb, memoryPeakMb),
    note: `the disk cluster's data dir held ${mb(diskBytes)} at the end (${o.rounds} rounds + warm-up, 3 replicas)` });
  return out;
}

main().then(
  () => process.exit(0),
  (e: unknown) => { log(`failed: ${(e as Error).stack ?? String(e)}`); process.exit(1); },
);
