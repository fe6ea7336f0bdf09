// kcat as the throughput client: the same binary, input file and flags for every target,
// so the only thing that differs between two runs is the cluster behind the bootstrap list.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDir } from './native';
import { runTimed, type RunResult } from './procs';

export const MESSAGE_BYTES = 100;

/** librdkafka settings shared by the producer runs (identical for both targets). */
export const PRODUCE_FLAGS = [
  '-X', 'acks=all',
  '-X', 'linger.ms=5',
  '-X', 'batch.num.messages=10000',
  // Null keys go to a random partition per message rather than sticking to one for a while: the
  // mock keeps only 5 MB per partition, and sticky periods left some partitions over that at 1M
  // messages. kcat reads its file far ahead of any broker, so batches still fill up.
  '-X', 'sticky.partitioning.linger.ms=0',
  '-X', 'queue.buffering.max.messages=1000000',
  '-X', 'compression.codec=none',
  '-X', 'enable.idempotence=false',
  '-X', 'message.timeout.ms=120000',
];

/**
 * One message per line: a 10-digit sequence number and 90 pseudo-random letters, so a consumer can
 * prove every message came back exactly once and byte-for-byte the right length.
 */
/**
 * Consumer settings (identical for both targets). librdkafka's mock holds an empty fetch for the full
 * fetch.wait.max.ms even when data arrives meanwhile (Kafka answers early), which at the default
 * 500 ms stalls a consumer whose first fetch to a broker finds nothing yet; 100 ms bounds that.
 */
export const CONSUME_FLAGS = ['-X', 'fetch.wait.max.ms=100'];

export function inputFile(messages: number): string {
  const path = join(buildDir, `wire-input-${messages}x${MESSAGE_BYTES}.txt`);
  const lineBytes = MESSAGE_BYTES + 1;
  if (existsSync(path) && statSync(path).size === messages * lineBytes) return path;
  mkdirSync(buildDir, { recursive: true });
  const buf = Buffer.allocUnsafe(messages * lineBytes);
  let x = 0x9e3779b9;
  for (let i = 0; i < messages; i++) {
    const base = i * lineBytes;
    buf.write(String(i).padStart(10, '0'), base, 'latin1');
    for (let j = 10; j < MESSAGE_BYTES; j++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      buf[base + j] = 97 + ((x >>> 0) % 26);
    }
    buf[base + MESSAGE_BYTES] = 10;
  }
  writeFileSync(path, buf);
  return path;
}

export function kcatProduce(bootstrap: string, topic: string, file: string, timeoutMs: number): Promise<RunResult> {
  return runTimed('kcat', ['-P', '-b', bootstrap, '-t', topic, ...PRODUCE_FLAGS, '-l', file], timeoutMs);
}

export interface ConsumeResult { run: RunResult; outPath: string }

/** Consumes to a file so the timed part is only kcat and the cluster; verify afterwards. */
export function kcatConsume(bootstrap: string, topic: string, count: number, timeoutMs: number): Promise<ConsumeResult> {
  const outPath = join(buildDir, `wire-consumed-${topic}.txt`);
  const fd = openSync(outPath, 'w');
  const args = ['-C', '-b', bootstrap, '-t', topic, ...CONSUME_FLAGS, '-o', 'beginning', '-e', '-c', String(count), '-q'];
  return runTimed('kcat', args, timeoutMs, { stdio: ['ignore', fd, 'pipe'] })
    .then((run) => ({ run, outPath }))
    .finally(() => closeSync(fd));
}

export interface Verification { messages: number; distinct: number; malformed: number; ok: boolean }

/** Every sequence number 0..expected-1 exactly once, every line exactly MESSAGE_BYTES long. */
export function verifyConsumed(outPath: string, expected: number): Verification {
  const data = readFileSync(outPath);
  const seen = new Uint8Array(expected);
  let messages = 0;
  let distinct = 0;
  let malformed = 0;
  let start = 0;
  while (start < data.length) {
    let end = data.indexOf(10, start);
    if (end < 0) end = data.length;
    messages++;
    if (end - start !== MESSAGE_BYTES) {
      malformed++;
    } else {
      const seq = Number(data.toString('latin1', start, start + 10));
      if (Number.isInteger(seq) && seq >= 0 && seq < expected) {
        if (seen[seq] === 0) { seen[seq] = 1; distinct++; }
      } else {
        malformed++;
      }
    }
    start = end + 1;
  }
  return { messages, distinct, malformed, ok: messages === expected && distinct === expected && malformed === 0 };
}
