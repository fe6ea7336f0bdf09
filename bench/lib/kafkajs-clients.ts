// kafkajs as a client: batches of messages per send() for throughput, single paced sends for latency.
// It runs in the bench process itself, so its CPU is not charged to the cluster.
import { CompressionTypes } from 'kafkajs';
import { kafkaClient } from './targets';
import { MESSAGE_BYTES } from './kcat-workload';

export interface KafkajsResult { messages: number; wallMs: number; error?: string }

export async function kafkajsProduce(
  bootstrap: string, topic: string, messages: number, perSend: number, inFlight: number,
): Promise<KafkajsResult> {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const producer = kafkaClient(bootstrap, 'kafka-lab-bench-kafkajs').producer({ allowAutoTopicCreation: false, idempotent: false });
  await producer.connect();
  const value = Buffer.alloc(MESSAGE_BYTES, 'k');
  const batch = Array.from({ length: perSend }, () => ({ value }));
  // One warm-up send so metadata and connections are not part of the timing.
  await producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages: batch.slice(0, 1) });
  let sent = 0;
  let error: string | undefined;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (sent < messages && error === undefined) {
      const n = Math.min(perSend, messages - sent);
      sent += n;
      try {
        await producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages: n === perSend ? batch : batch.slice(0, n) });
      } catch (e) {
        error = (e as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const wallMs = performance.now() - started;
  await producer.disconnect();
  return { messages, wallMs, error };
}

export interface PacedResult { acked: number; errors: number; p50Ms: number; p99Ms: number; maxMs: number; wallMs: number; error?: string }

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/**
 * One message per send() on an absolute schedule of `rate` per second, acks=all; latency is the time
 * from calling send() to its promise resolving. Sends do not wait for each other.
 */
export async function kafkajsPaced(bootstrap: string, topic: string, rate: number, seconds: number): Promise<PacedResult> {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const producer = kafkaClient(bootstrap, 'kafka-lab-bench-kafkajs-paced').producer({ allowAutoTopicCreation: false, idempotent: false });
  await producer.connect();
  const value = Buffer.alloc(MESSAGE_BYTES, 'p');
  for (let i = 0; i < 50; i++) await producer.send({ topic, acks: -1, messages: [{ value }] });
  const total = rate * seconds;
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  let next = 0;
  while (next < total) {
    const due = started + (next * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const now = performance.now();
    while (next < total && started + (next * 1000) / rate <= now) {
      const t0 = performance.now();
      pending.push(producer.send({ topic, acks: -1, messages: [{ value }] }).then(
        () => { latencies.push(performance.now() - t0); },
        (e: Error) => { errors++; firstError ??= e.message; },
      ));
      next++;
    }
  }
  await Promise.all(pending);
  const wallMs = performance.now() - started;
  await producer.disconnect();
  latencies.sort((a, b) => a - b);
  return {
    acked: latencies.length, errors, wallMs,
    p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), maxMs: latencies[latencies.length - 1] ?? NaN,
    error: errors ? `${errors} failed sends: ${firstError}` : undefined,
  };
}
