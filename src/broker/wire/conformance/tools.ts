/**
 * External clients for the conformance suite: Debian's kcat (librdkafka) and /usr/bin/python3
 * with confluent_kafka and kafka-python. Under CI=true a missing tool FAILS the test (CI installs
 * them; a silent skip would hide a broken install); locally the test is skipped with the reason.
 */
import { spawn, spawnSync } from 'node:child_process';
import { it } from 'vitest';

export const PYTHON = '/usr/bin/python3';
export const KCAT = 'kcat';
const IN_CI = process.env.CI === 'true';

function probe(command: string, args: string[]): string | null {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 });
  if (result.error) return `${command}: ${result.error.message}`;
  if (result.status !== 0) return `${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.trim().split('\n').pop()}`;
  return null;
}

const cache = new Map<string, string | null>();
function cached(key: string, check: () => string | null): string | null {
  if (!cache.has(key)) cache.set(key, check());
  return cache.get(key)!;
}

export const missingKcat = (): string | null => cached('kcat', () => probe(KCAT, ['-V']));
export const missingConfluentKafka = (): string | null => cached('confluent_kafka', () => probe(PYTHON, ['-c', 'import confluent_kafka']));
export const missingKafkaPython = (): string | null => cached('kafka', () => probe(PYTHON, ['-c', 'import kafka']));

/**
 * `it` that needs an external tool: runs when present; when missing, fails under CI=true and is
 * skipped (with the reason in its name) otherwise.
 */
export function itWith(missing: () => string | null, name: string, fn: () => Promise<void>, timeoutMs?: number): void {
  const reason = missing();
  if (reason === null) {
    it(name, fn, timeoutMs);
  } else if (IN_CI) {
    it(name, () => {
      throw new Error(`required client missing under CI: ${reason}`);
    });
  } else {
    it.skip(`${name} [skipped locally: ${reason}]`, fn);
  }
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, feeding `input` on stdin; kills it after timeoutMs. */
export function run(command: string, args: string[], options: { input?: string | Buffer; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** Runs a Python script (source text) with args; throws with its stderr when it exits non-zero. */
export async function runPython(script: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const result = await run(PYTHON, ['-c', script, ...args], { timeoutMs });
  if (result.code !== 0) throw new Error(`python exited ${result.code}\n${result.stderr}\n${result.stdout}`);
  return result.stdout;
}
