/**
 * Test helpers: the `kafka-lab` bin built as `npm run build:cli` builds it (into a directory of the
 * test's own under dist-cli/, so parallel test files never share one), and the tools run through it
 * as child processes over real sockets.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run, type RunResult } from '../../broker/wire/conformance/tools';

const ROOT = resolve(__dirname, '../../..');

export interface BuiltBin {
  path: string;
  /** Runs `kafka-lab <args>` with `input` on stdin. */
  run(args: string[], input?: string): Promise<RunResult>;
  remove(): void;
}

export function buildBin(): BuiltBin {
  mkdirSync(join(ROOT, 'dist-cli'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'dist-cli', 'test-'));
  const path = join(dir, 'kafka-lab.cjs');
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), path], { stdio: 'inherit', timeout: 120_000 });
  return {
    path,
    run: (args, input = '') => run(process.execPath, [path, ...args], { input, timeoutMs: 90_000 }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A `kafka-lab broker` child process and the bootstrap of its ready line. */
export interface BrokerProcess { bootstrap: string; readyLine: string; stop(): Promise<number | null> }

/** Starts `kafka-lab broker <args>` from the built bin and waits for its `kafka-lab ready` line. */
export function startBroker(bin: BuiltBin, args: string[]): Promise<BrokerProcess> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin.path, 'broker', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('kafka-lab ready '));
      if (!line) return;
      const bootstrap = /bootstrap=(\S+)/.exec(line)![1]!;
      resolvePromise({ bootstrap, readyLine: line, stop: async () => { child.kill('SIGTERM'); return exited; } });
    });
    child.once('exit', (code) => reject(new Error(`kafka-lab broker exited ${code} before it was ready:\n${stderr}`)));
  });
}
