// Issue 15's soak: a 3-broker Kafka Lab on a temporary data dir (disk storage, short retention,
// small segments), a paced kafkajs producer at 5,000 messages/s for 10 minutes, and every few
// seconds the broker process's RSS (/proc/<pid>/status VmRSS) and the data dir's bytes.
//   tsx bench/storage-soak.ts [--minutes 10] [--rate 5000] [--sample-seconds 5]
//                             [--retention-ms 120000] [--segment-bytes 1048576] [--keep-dir]
// Flat means no growth: RSS at the end − RSS at the middle ≤ max(32 MB, 10 % of the middle). The broker's
// JavaScript heap (heapUsed, external) is sampled beside it by ./lib/memory-probe.mjs, preloaded into the
// broker's node. The samples go to bench/results/storage-soak-samples.csv. See bench/README.md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompressionTypes } from 'kafkajs';
import { MESSAGE_BYTES } from './lib/kcat-workload';
import { brokerPid, directoryBytes, mb, probedMemory, residentBytes } from './lib/memory-sampling';
import { benchDir } from './lib/native';
import { loadAverage } from './lib/procs';
import { emitNote, emitRow, fmtInt } from './lib/report';
import { kafkaClient, startKafkaLab } from './lib/targets';

const TOPIC = 'soak';
const PARTITIONS = 6;
const TICK_MS = 20;
const MAX_IN_FLIGHT = 64;

interface Sample { seconds: number; rss: number; heapUsed: number; external: number; liveHeap: number; liveExternal: number; dirBytes: number; files: number; acked: number; load: string }

function parseArgs(argv: string[]): { minutes: number; rate: number; sampleSeconds: number; retentionMs: number; segmentBytes: number; keepDir: boolean } {
  const get = (flag: string, fallback: number): number => {
    const i = argv.indexOf(flag);
    const v = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${flag} must be a positive number`);
    return v;
  };
  return {
    minutes: get('--minutes', Number(process.env.SOAK_MINUTES ?? 10)),
    rate: get('--rate', 5000),
    sampleSeconds: get('--sample-seconds', 5),
    retentionMs: get('--retention-ms', 120_000),
    segmentBytes: get('--segment-bytes', 1_048_576),
    keepDir: argv.includes('--keep-dir'),
  };
}

const log = (line: string): void => { process.stderr.write(`[storage-soak] ${line}\n`); };

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const dataDir = mkdtempSync(join(tmpdir(), 'kafka-lab-soak-'));
  const labDir = join(dataDir, 'bench');
  const loadBefore = loadAverage();
  const probeDir = join(dataDir, 'memory-probe');
  mkdirSync(probeDir);
  process.env.KAFKA_LAB_MEMORY_PROBE_DIR = probeDir;
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${pathToFileURL(join(benchDir, 'lib', 'memory-probe.mjs')).href}`.trim();
  const target = await startKafkaLab(
    [{ name: TOPIC, partitions: PARTITIONS, replicationFactor: 3, configs: { 'retention.ms': String(o.retentionMs), 'segment.bytes': String(o.segmentBytes) } }],
    3, dataDir, ['--config', 'log.retention.check.interval.ms=10000'],
  );
  const pid = brokerPid(target.pid);
  log(`broker pid ${pid} (tree root ${target.pid}), data dir ${labDir}`);
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const producer = kafkaClient(target.bootstrap, 'kafka-lab-storage-soak').producer({ allowAutoTopicCreation: false, idempotent: false });
  const samples: Sample[] = [];
  let acked = 0;
  let errors = 0;
  let lastError = '';
  let inFlight = 0;
  let behind = 0;
  try {
    await producer.connect();
    const value = Buffer.alloc(MESSAGE_BYTES);
    for (let j = 0; j < MESSAGE_BYTES; j++) value[j] = 97 + ((j * 7919) % 26);
    const durationMs = o.minutes * 60_000;
    const started = performance.now();
    let due = 0;
    let sent = 0;
    let nextSample = 0;
    while (performance.now() - started < durationMs) {
      const elapsed = performance.now() - started;
      if (elapsed >= nextSample) {
        const r = residentBytes(pid);
        const d = directoryBytes(labDir);
        if (!r) throw new Error(`the broker process ${pid} is gone: ${target.outputTail().slice(-500)}`);
        const heap = probedMemory(probeDir, pid);
        samples.push({ seconds: elapsed / 1000, rss: r.rss, heapUsed: heap?.heapUsed ?? NaN, external: heap?.external ?? NaN, liveHeap: heap?.afterMajorGc?.heapUsed ?? NaN, liveExternal: heap?.afterMajorGc?.external ?? NaN, dirBytes: d.bytes, files: d.files, acked, load: loadAverage().split(' ')[0]! });
        log(`t=${(elapsed / 1000).toFixed(0)} s  RSS ${mb(r.rss)}  heap used ${heap ? mb(heap.heapUsed) : '?'} of ${heap ? mb(heap.heapTotal) : '?'}  external ${heap ? mb(heap.external) : '?'}  after the last major GC ${heap?.afterMajorGc ? `${mb(heap.afterMajorGc.heapUsed)} + ${mb(heap.afterMajorGc.external)}` : '?'}  data dir ${mb(d.bytes)} in ${d.files} files  acked ${fmtInt(acked)}  in flight ${inFlight}${errors ? `  errors ${errors} (${lastError})` : ''}`);
        nextSample += o.sampleSeconds * 1000;
      }
      due = Math.floor((elapsed / 1000) * o.rate);
      while (sent < due && inFlight < MAX_IN_FLIGHT) {
        const n = Math.min(1000, due - sent);
        sent += n;
        inFlight++;
        const messages = Array.from({ length: n }, () => ({ value }));
        producer.send({ topic: TOPIC, acks: -1, compression: CompressionTypes.None, messages }).then(
          () => { acked += n; },
          (e: Error) => { errors++; lastError = e.message; },
        ).finally(() => { inFlight--; });
      }
      if (sent < due) behind++;
      await new Promise((r) => setTimeout(r, TICK_MS));
    }
    while (inFlight > 0) await new Promise((r) => setTimeout(r, 50));
    const seconds = (performance.now() - started) / 1000;
    const end = residentBytes(pid);
    report(o, samples, acked / seconds, acked, errors, end?.peak ?? NaN, loadBefore, behind);
  } finally {
    await producer.disconnect().catch(() => undefined);
    await target.stop();
    if (!o.keepDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(o: ReturnType<typeof parseArgs>, samples: Sample[], achievedRate: number, acked: number, errors: number, peakRss: number, loadBefore: string, behind: number): void {
  const last = samples[samples.length - 1]!;
  const durationS = o.minutes * 60;
  // Warm-up: until retention has deleted for a while (retention.ms + 60 s: segment rolls and checks),
  // at most a third of the run. RSS saw-tooths with V8's heap (tens of MB between collections), so
  // start, middle and end are medians of the samples of one minute (30 s each side of the point).
  const warmupS = Math.min(o.retentionMs / 1000 + 60, durationS / 3);
  const median = (seconds: number, of: (s: Sample) => number): number => {
    const near = samples.filter((s) => Math.abs(s.seconds - seconds) <= 30).map(of).filter(Number.isFinite).sort((a, b) => a - b);
    return near.length ? near[near.length >> 1]! : NaN;
  };
  const around = (seconds: number): { rss: number; heapUsed: number; liveHeap: number; liveExternal: number; seconds: number } =>
    ({ rss: median(seconds, (s) => s.rss), heapUsed: median(seconds, (s) => s.heapUsed), liveHeap: median(seconds, (s) => s.liveHeap), liveExternal: median(seconds, (s) => s.liveExternal), seconds });
  const start = around(warmupS + 30);
  const middle = around(Math.max(warmupS + 30, durationS / 2));
  const end = around(last.seconds - 30);
  const bound = Math.max(32e6, middle.rss * 0.1);
  const drift = end.rss - middle.rss;
  // Flat = no growth: a fall (V8 giving memory back after a collection) is not what the check is for.
  const flat = drift <= bound;
  const after = samples.filter((s) => s.seconds >= warmupS).map((s) => s.rss);
  const maxRss = Math.max(...after);
  const minRss = Math.min(...after);
  const minutes = o.minutes.toFixed(o.minutes % 1 ? 1 : 0);
  emitRow({
    measurement: `storage soak: broker RSS, ${minutes} min at ${fmtInt(o.rate)} msg/s × ${MESSAGE_BYTES} B on disk (3 brokers, RF=3, retention.ms ${fmtInt(o.retentionMs)}): start / middle / end`,
    value: `${mb(start.rss)} / ${mb(middle.rss)} / ${mb(end.rss)}`,
    note: `${flat ? 'flat' : 'NOT flat'}: end − middle ${drift >= 0 ? '+' : ''}${mb(drift)} (bound +${mb(bound)}); medians of the samples within 30 s of ${start.seconds.toFixed(0)} s (after a ${warmupS.toFixed(0)} s warm-up), ${middle.seconds.toFixed(0)} s and ${end.seconds.toFixed(0)} s; after warm-up every sample within ${mb(minRss)}–${mb(maxRss)}; peak (VmHWM) ${mb(peakRss)}`,
  });
  // Disk: growth before retention first deletes (bytes written), then the steady state.
  const firstDrop = samples.findIndex((s, i) => i > 0 && s.dirBytes < samples[i - 1]!.dirBytes);
  const grow = firstDrop > 1 ? samples[firstDrop - 1]! : last;
  const growthRate = (grow.dirBytes - samples[0]!.dirBytes) / Math.max(1, grow.seconds - samples[0]!.seconds);
  const producedRate = (grow.acked * MESSAGE_BYTES * 3) / Math.max(1, grow.seconds);
  const drops = samples.filter((s, i) => i > 0 && s.dirBytes < samples[i - 1]!.dirBytes).length;
  const afterFirst = firstDrop > 0 ? samples.slice(firstDrop) : [];
  const steady = afterFirst.length ? `${mb(Math.min(...afterFirst.map((s) => s.dirBytes)))}–${mb(Math.max(...afterFirst.map((s) => s.dirBytes)))}` : 'retention never deleted';
  const perMinute = samples.filter((s, i) => i === 0 || Math.floor(s.seconds / 60) > Math.floor(samples[i - 1]!.seconds / 60));
  emitRow({
    measurement: `storage soak: data dir bytes, grows then shrinks on retention (segment.bytes ${fmtInt(o.segmentBytes)}, log.retention.check.interval.ms 10,000)`,
    value: `peak ${mb(Math.max(...samples.map((s) => s.dirBytes)))}, end ${mb(last.dirBytes)}`,
    note: `before the first deletion (${grow.seconds.toFixed(0)} s) the dir grew ${mb(growthRate)}/s while producers wrote ${mb(producedRate)}/s of payload × 3 replicas (batch and record headers make up the rest); after it ${steady}, shrinking at ${drops} of ${samples.length} samples; MB per minute: ${perMinute.map((s) => `${(s.seconds / 60).toFixed(0)}′ ${(s.dirBytes / 1e6).toFixed(0)}`).join(', ')}`,
  });
  const heapDrift = end.liveHeap - middle.liveHeap;
  emitRow({
    measurement: 'storage soak: broker JavaScript heap after the last major GC (live heapUsed; external = Buffers outside the heap): start / middle / end',
    value: `${mb(start.liveHeap)} / ${mb(middle.liveHeap)} / ${mb(end.liveHeap)}`,
    note: `end − middle ${heapDrift >= 0 ? '+' : ''}${mb(heapDrift)}; external after the last major GC ${mb(start.liveExternal)} / ${mb(middle.liveExternal)} / ${mb(end.liveExternal)}; heapUsed between collections (garbage included) ${mb(start.heapUsed)} / ${mb(middle.heapUsed)} / ${mb(end.heapUsed)}; medians at the same points as RSS (bench/lib/memory-probe.mjs, preloaded into the broker's node, writes process.memoryUsage() every second and after each major GC)`,
  });
  const rssPerMinute = perMinute.map((s) => `${(s.seconds / 60).toFixed(0)}′ ${(s.rss / 1e6).toFixed(0)}`).join(', ');
  emitRow({
    measurement: 'storage soak: producer (kafkajs, acks=all, paced every 20 ms): achieved rate / messages acknowledged',
    value: `${fmtInt(achievedRate)} msg/s / ${fmtInt(acked)}`,
    note: `target ${fmtInt(o.rate)} msg/s; ${errors} send errors; ${behind} ticks with ${MAX_IN_FLIGHT} sends in flight (behind); RSS (MB) per minute: ${rssPerMinute}`,
  });
  emitNote(`storage-soak: \`npm run broker -- --brokers 3 --data-dir <tmp> --config log.retention.check.interval.ms=10000\`, topic ${TOPIC} (${PARTITIONS} partitions, RF=3, retention.ms ${o.retentionMs}, segment.bytes ${o.segmentBytes}); RSS = VmRSS of the node process running the broker, data dir = apparent file sizes, sampled every ${o.sampleSeconds} s; ${cpus().length} shared cores, load average before ${loadBefore}, at the end ${loadAverage()}. Samples: bench/results/storage-soak-samples.csv.`);
  const csv = ['seconds,rss_bytes,heap_used_bytes,external_bytes,live_heap_bytes,live_external_bytes,data_dir_bytes,files,acked,load1', ...samples.map((s) => `${s.seconds.toFixed(1)},${s.rss},${s.heapUsed},${s.external},${s.liveHeap},${s.liveExternal},${s.dirBytes},${s.files},${s.acked},${s.load}`)];
  writeFileSync(join(benchDir, 'results', 'storage-soak-samples.csv'), `${csv.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => { log(`failed: ${(e as Error).stack ?? String(e)}`); process.exit(1); },
);
