// The phases of bench/wire-throughput.ts. Each runs one client workload against one target and
// charges the target's CPU (from /proc) for exactly the span of that workload.
import { rmSync } from 'node:fs';
import { kafkajsPaced, kafkajsProduce } from './kafkajs-clients';
import { kcatConsume, kcatProduce, MESSAGE_BYTES, verifyConsumed } from './kcat-workload';
import { runTimed } from './procs';
import { fmtInt } from './report';
import { topicExtent, type Target } from './targets';

/** One kcat topic per round, so every round produces into an empty topic and reads back exactly N. */
export const kcatTopic = (round: number): string => `bench-kcat-${round}`;
export const TOPIC_KAFKAJS = 'bench-kafkajs';
export const TOPIC_LATENCY = 'bench-latency';
/** Untimed warm-up produce before the first round (see warmupPhase). */
export const TOPIC_WARMUP = 'bench-warmup';

export interface Options { messages: number; targets: Target['id'][]; partitions: number; kafkajsMessages: number; latencySeconds: number; latencyRate: number; rounds: number; warmupMessages: number }
export interface Phase { wallMs: number; cpuMs: number; error?: string; detail?: string }
export interface Latency { p50Ms: number; p99Ms: number; maxMs: number; acked: number; cpuMs: number; wallMs: number; error?: string }
export interface TargetResult { error?: string; produce: Phase[]; consume: Phase[]; kafkajs: Phase[]; latency?: Latency; latencyKafkajs?: Latency; peakRssMb?: number }

async function charged<T extends { wallMs: number }>(target: Target, fn: () => Promise<T>): Promise<T & { cpuMs: number }> {
  const cpu0 = target.cpuMs();
  const r = await fn();
  return { ...r, cpuMs: target.cpuMs() - cpu0 };
}

const phaseTimeout = (o: Options): number => Math.max(120_000, o.messages * 0.6);

/**
 * Untimed: kcat produces `o.warmupMessages` into TOPIC_WARMUP with the timed rounds' flags, so the
 * first timed round does not also measure a cold start (Node compiling the broker's hot paths,
 * connection and buffer set-up); the peer gets the same. Returns the wall time, for the log.
 */
export function warmupPhase(target: Target, o: Options, input: string): Promise<Phase> {
  return kcatProduceInto(target, o, input, TOPIC_WARMUP);
}

export function kcatProducePhase(target: Target, o: Options, input: string, round: number): Promise<Phase> {
  return kcatProduceInto(target, o, input, kcatTopic(round));
}

async function kcatProduceInto(target: Target, o: Options, input: string, topic: string): Promise<Phase> {
  return charged(target, async () => {
    const r = await kcatProduce(target.bootstrap, topic, input, phaseTimeout(o));
    const failed = r.timedOut ? 'timed out' : r.code !== 0 ? `kcat exited ${r.code}` : /Delivery failed|Failed to|ERROR/.test(r.stderr) ? 'delivery errors' : undefined;
    return { wallMs: r.wallMs, error: failed && `${failed}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}` };
  });
}

export async function kcatConsumePhase(target: Target, o: Options, round: number): Promise<Phase> {
  // Checked before consuming: the mock drops old batches past 5 MB per partition.
  const extent = await topicExtent(target.bootstrap, kcatTopic(round)).catch(() => ({ retained: -1, trimmedPartitions: -1 }));
  const extentNote = extent.retained === o.messages && extent.trimmedPartitions === 0
    ? undefined : `log holds ${fmtInt(extent.retained)} of ${fmtInt(o.messages)} (${extent.trimmedPartitions} partitions trimmed)`;
  return charged(target, async () => {
    const { run, outPath } = await kcatConsume(target.bootstrap, kcatTopic(round), o.messages, phaseTimeout(o));
    const v = verifyConsumed(outPath, o.messages);
    rmSync(outPath, { force: true });
    const detail = `${fmtInt(v.distinct)}/${fmtInt(o.messages)} distinct messages back${v.malformed ? `, ${v.malformed} malformed` : ''}`;
    const error = run.timedOut ? 'timed out' : run.code !== 0 ? `kcat exited ${run.code}: ${run.stderr.trim().slice(-200)}`
      : !v.ok ? `verification failed: ${detail}` : undefined;
    return { wallMs: run.wallMs, error: [error, extentNote].filter(Boolean).join('; ') || undefined, detail };
  });
}

export async function kafkajsProducePhase(target: Target, o: Options): Promise<Phase> {
  return charged(target, async () => {
    const r = await kafkajsProduce(target.bootstrap, TOPIC_KAFKAJS, o.kafkajsMessages, 1000, 4);
    return { wallMs: r.wallMs, error: r.error };
  });
}

export async function pacedLibrdkafkaPhase(target: Target, o: Options, pacedBinary: string): Promise<Latency> {
  return charged(target, async () => {
    const args = ['--bootstrap', target.bootstrap, '--topic', TOPIC_LATENCY, '--rate', String(o.latencyRate),
      '--seconds', String(o.latencySeconds), '--size', String(MESSAGE_BYTES)];
    const run = await runTimed(pacedBinary, args, (o.latencySeconds + 60) * 1000);
    try {
      const j = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as { p50Ms: number; p99Ms: number; maxMs: number; acked: number; errors: number; elapsedS: number };
      return { p50Ms: j.p50Ms, p99Ms: j.p99Ms, maxMs: j.maxMs, acked: j.acked, wallMs: j.elapsedS * 1000, error: j.errors ? `${j.errors} delivery errors` : undefined };
    } catch {
      return { p50Ms: NaN, p99Ms: NaN, maxMs: NaN, acked: 0, wallMs: run.wallMs, error: `paced-producer failed (${run.code}): ${run.stderr.trim().slice(-200)}` };
    }
  });
}

export async function pacedKafkajsPhase(target: Target, o: Options): Promise<Latency> {
  return charged(target, () => kafkajsPaced(target.bootstrap, TOPIC_LATENCY, o.latencyRate, o.latencySeconds)
    .catch((e: Error) => ({ p50Ms: NaN, p99Ms: NaN, maxMs: NaN, acked: 0, wallMs: 0, error: e.message })));
}
