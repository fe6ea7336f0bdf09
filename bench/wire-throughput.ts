// Wire throughput and latency of the embedded cluster against librdkafka's mock cluster, both as
// child processes on this machine in the same run, driven by the same unmodified clients.
//   tsx bench/wire-throughput.ts [--messages 1000000] [--targets rdkafka-mock,kafka-lab]
//                                [--partitions 64] [--kafkajs-messages N] [--latency-seconds 10] [--rounds 2]
//                                [--warmup-messages <messages/10>]
// Both clusters run side by side and each phase runs against one, then the other, so the two
// numbers of a row are measured minutes apart at most. See bench/README.md for what rows mean.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { CONSUME_FLAGS, inputFile, PRODUCE_FLAGS } from './lib/kcat-workload';
import { buildNative } from './lib/native';
import { loadAverage } from './lib/procs';
import { emitNote, emitRow, fmtNum, markdownTable } from './lib/report';
import { kafkaLabAvailable, npmBrokerArgs, startKafkaLab, startRdkafkaMock, type Target, type TopicSpec } from './lib/targets';
import {
  kafkajsProducePhase, kcatConsumePhase, kcatProducePhase, pacedKafkajsPhase, pacedLibrdkafkaPhase,
  kcatTopic, TOPIC_KAFKAJS, TOPIC_LATENCY, TOPIC_WARMUP, warmupPhase, type Options, type TargetResult,
} from './lib/wire-phases';
import { rows } from './lib/wire-rows';

function parseArgs(argv: string[]): Options {
  const get = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const messages = Number(get('--messages') ?? 1_000_000);
  const targets = (get('--targets') ?? 'rdkafka-mock,kafka-lab').split(',') as Target['id'][];
  const unknown = targets.filter((t) => t !== 'rdkafka-mock' && t !== 'kafka-lab');
  if (unknown.length) throw new Error(`--targets: unknown ${unknown.join(', ')} (rdkafka-mock, kafka-lab; disk storage: bench/storage-throughput.ts)`);
  // The mock keeps at most 5 MB per partition (older batches are dropped), so the kcat topic needs
  // enough partitions for every message to stay readable: ~110 MB at the full size / 64 ≈ 1.7 MB.
  const partitions = Number(get('--partitions') ?? 64);
  const kafkajsMessages = Number(get('--kafkajs-messages') ?? Math.max(1000, Math.round(messages / 5)));
  const latencySeconds = Number(get('--latency-seconds') ?? 10);
  const latencyRate = Number(get('--latency-rate') ?? 1000);
  // Throughput phases run this many times per target, alternating which target goes first; the
  // table keeps the best round (the machine is shared, so the worst one mostly measures neighbours).
  const rounds = Number(get('--rounds') ?? 2);
  // An untimed kcat produce into its own topic before round 1, for both targets (0: none).
  const warmupMessages = Number(get('--warmup-messages') ?? Math.round(messages / 10));
  for (const [k, v] of Object.entries({ messages, partitions, kafkajsMessages, latencySeconds, latencyRate, rounds })) {
    if (!Number.isInteger(v) || v <= 0) throw new Error(`--${k} must be a positive integer`);
  }
  if (!Number.isInteger(warmupMessages) || warmupMessages < 0) throw new Error('--warmup-messages must be a whole number');
  return { messages, targets, partitions, kafkajsMessages, latencySeconds, latencyRate, rounds, warmupMessages };
}

function log(line: string): void {
  process.stderr.write(`[wire-throughput] ${line}\n`);
}

/** The telling line of a child's error output (the first `Error…` line), flattened for a table. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const at = flat.search(/\b\w*Error\b/);
  if (at <= 0) return flat.slice(0, 400);
  const semi = flat.indexOf(';');
  const head = semi > 0 && semi < at ? flat.slice(0, semi) : '';
  return `${head ? `${head}: ` : ''}${flat.slice(at)}`.slice(0, 400);
}

const suffix = (error: string | undefined): string => (error ? ` — ${error}` : '');

async function start(id: Target['id'], o: Options): Promise<Target | string> {
  const topics: TopicSpec[] = [
    ...Array.from({ length: o.rounds }, (_, i) => ({ name: kcatTopic(i + 1), partitions: o.partitions, replicationFactor: 3 })),
    ...(o.warmupMessages > 0 ? [{ name: TOPIC_WARMUP, partitions: o.partitions, replicationFactor: 3 }] : []),
    { name: TOPIC_KAFKAJS, partitions: 3, replicationFactor: 3 },
    { name: TOPIC_LATENCY, partitions: 3, replicationFactor: 3 },
  ];
  const missing = id === 'kafka-lab' ? kafkaLabAvailable() : undefined;
  if (missing) return missing;
  try {
    const target = id === 'kafka-lab' ? await startKafkaLab(topics) : await startRdkafkaMock(topics);
    log(`${id}: ready at ${target.bootstrap} (pid ${target.pid})`);
    return target;
  } catch (e) {
    return `did not start: ${oneLine((e as Error).message)}`;
  }
}

function version(cmd: string, args: string[], pattern: RegExp): string {
  try { return pattern.exec(execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString())?.[1] ?? '?'; } catch { return '?'; }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const pacedBinary = buildNative('clients/paced-producer.c');
  buildNative('peers/rdkafka-mock-launcher.c');
  const input = inputFile(o.messages);
  const loadBefore = loadAverage();

  const results: Record<Target['id'], TargetResult> = {
    'kafka-lab-disk': { error: 'not selected (--targets)', produce: [], consume: [], kafkajs: [] },
    'kafka-lab': { error: 'not selected (--targets)', produce: [], consume: [], kafkajs: [] },
    'rdkafka-mock': { error: 'not selected (--targets)', produce: [], consume: [], kafkajs: [] },
  };
  const live: Target[] = [];
  for (const id of o.targets) {
    const t = await start(id, o);
    results[id] = { produce: [], consume: [], kafkajs: [], ...(typeof t === 'string' ? { error: t } : {}) };
    if (typeof t === 'string') log(`${id}: ${t}`); else live.push(t);
  }

  if (o.warmupMessages > 0) {
    const warmupInput = inputFile(o.warmupMessages);
    for (const t of live) {
      const w = await warmupPhase(t, o, warmupInput);
      log(`${t.id}: warm-up (untimed) kcat produce ${fmtNum(o.warmupMessages, 0)} in ${fmtNum(w.wallMs, 0)} ms, cluster CPU ${fmtNum(w.cpuMs, 0)} ms${suffix(w.error)}`);
    }
  }

  type Step = (t: Target, r: TargetResult) => Promise<string>;
  const rounds: { order: Target[]; steps: Step[] }[] = [];
  for (let round = 1; round <= o.rounds; round++) {
    const tag = o.rounds > 1 ? `round ${round}: ` : '';
    rounds.push({
      order: round % 2 === 1 ? live : [...live].reverse(),
      steps: [
        async (t, r) => { const p = await kcatProducePhase(t, o, input, round); r.produce.push(p); return `${tag}kcat produce ${fmtNum(p.wallMs, 0)} ms, cluster CPU ${fmtNum(p.cpuMs, 0)} ms${suffix(p.error)}`; },
        async (t, r) => { const p = await kcatConsumePhase(t, o, round); r.consume.push(p); return `${tag}kcat consume ${fmtNum(p.wallMs, 0)} ms, cluster CPU ${fmtNum(p.cpuMs, 0)} ms, ${p.detail}${suffix(p.error)}`; },
        async (t, r) => { const p = await kafkajsProducePhase(t, o); r.kafkajs.push(p); return `${tag}kafkajs produce ${fmtNum(p.wallMs, 0)} ms, cluster CPU ${fmtNum(p.cpuMs, 0)} ms${suffix(p.error)}`; },
      ],
    });
  }
  rounds.push({
    order: live,
    steps: [
      async (t, r) => { r.latency = await pacedLibrdkafkaPhase(t, o, pacedBinary); return `librdkafka paced p50 ${fmtNum(r.latency.p50Ms, 2)} ms, p99 ${fmtNum(r.latency.p99Ms, 2)} ms${suffix(r.latency.error)}`; },
      async (t, r) => { r.latencyKafkajs = await pacedKafkajsPhase(t, o); return `kafkajs paced p50 ${fmtNum(r.latencyKafkajs.p50Ms, 2)} ms, p99 ${fmtNum(r.latencyKafkajs.p99Ms, 2)} ms${suffix(r.latencyKafkajs.error)}`; },
    ],
  });
  try {
    for (const { order, steps } of rounds) {
      for (const step of steps) {
        for (const t of order) {
          const r = results[t.id];
          if (r.error) continue;
          try {
            log(`${t.id}: ${await step(t, r)}`);
          } catch (e) {
            r.error = oneLine(`${(e as Error).message}; cluster output: ${t.outputTail().trim().slice(-300)}`);
            log(`${t.id}: ${r.error}`);
          }
        }
      }
    }
    for (const t of live) results[t.id].peakRssMb = t.peakRssMb();
  } finally {
    await Promise.all(live.map((t) => t.stop()));
  }

  const table = rows(o, results['kafka-lab'], results['rdkafka-mock']);
  for (const r of table) emitRow(r);
  for (const id of ['kafka-lab', 'rdkafka-mock'] as const) {
    const error = results[id].error;
    if (error && !error.startsWith('not selected')) emitNote(`wire-throughput: ${id} not measured: ${error}`);
  }
  emitNote(`wire-throughput: kafka-lab = \`tsx ${npmBrokerArgs().join(' ')} --brokers 3 --port 0 --seed 1\` (npm run broker's command; child process); peer = librdkafka ${version('kcat', ['-V'], /librdkafka (\S+)/)} mock cluster, 3 brokers (bench/peers/rdkafka-mock-launcher.c); both run side by side, each phase against one then the other. ` +
    `Clients: kcat ${version('kcat', ['-V'], /Version (\S+)/)}, producing with ${PRODUCE_FLAGS.filter((f) => f !== '-X').join(' ')}, consuming with ${CONSUME_FLAGS.filter((f) => f !== '-X').join(' ')} -o beginning -e -c N; ` +
    `kafkajs in the bench process; paced latency from bench/clients/paced-producer.c. MB = 10^6 bytes of message payload. CPU from /proc/<pid>/stat (10 ms ticks). ` +
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, shared with other work; load average before ${loadBefore}, after ${loadAverage()}. Node ${process.version}.`);
  const busiest = Math.max(Number(loadBefore.split(' ')[0]), Number(loadAverage().split(' ')[0]));
  if (busiest > cpus().length) {
    emitNote(`wire-throughput: the 1-minute load average reached ${busiest.toFixed(1)} on ${cpus().length} cores during this run: other work competed for the CPU, so treat single numbers (latency percentiles above all) as noisy.`);
  }
  if (!process.env.BENCH_RUNNER) {
    process.stdout.write(`\n${markdownTable(['measurement', 'kafka-lab', 'rdkafka mock (peer)', 'ours/peer', 'note'],
      table.map((r) => [r.measurement, r.value, r.peer ?? '', r.ratio ?? '', r.note ?? '']))}\n`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    log(`failed: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  },
);
