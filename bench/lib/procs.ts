// Child processes for the benches: spawn, wait for a readiness line, measure CPU from /proc,
// and make sure nothing we started outlives us (the bench kills only its own children, by pid).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const live = new Set<ChildProcess>();

function killTracked(signal: NodeJS.Signals): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      // Children are spawned detached (own process group) so the whole group goes,
      // including the node process that tsx starts under itself.
      try { process.kill(-child.pid, signal); } catch { try { child.kill(signal); } catch { /* gone */ } }
    }
  }
}

let hooksInstalled = false;
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => killTracked('SIGKILL'));
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      killTracked('SIGTERM');
      process.exit(130);
    });
  }
}

export function spawnTracked(cmd: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
  installExitHooks();
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true, ...opts });
  live.add(child);
  child.on('exit', () => live.delete(child));
  child.on('error', () => live.delete(child));
  return child;
}

/** SIGTERM the child's process group, then SIGKILL after graceMs; resolves when it has exited. */
export async function stopTracked(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid;
  try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
  const timer = setTimeout(() => { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** Resolves with the first capture group of `pattern` on the child's stdout. */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    const timer = setTimeout(() => finish(new Error(`no line matching ${pattern} within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      const m = pattern.exec(buffered);
      if (m) finish(null, m[1] ?? m[0]);
      if (buffered.length > 1 << 20) buffered = buffered.slice(-4096);
    };
    const onErr = (chunk: Buffer): void => { stderr = (stderr + chunk.toString('utf8')).slice(-8000); };
    const onExit = (code: number | null, signal: string | null): void =>
      finish(new Error(`exited (code ${code}, signal ${signal}) before ready; stderr: ${stderr.slice(-2000)}`));
    function finish(err: Error | null, value?: string): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onErr);
      child.off('exit', onExit);
      if (err) reject(err); else resolve(value!);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onErr);
    child.once('exit', onExit);
  });
}

export interface RunResult { code: number | null; signal: string | null; wallMs: number; stdout: string; stderr: string; timedOut: boolean }

/** Runs a command to completion. stdout is kept (up to 1 MiB) unless redirected with opts.stdio. */
export function runTimed(cmd: string, args: string[], timeoutMs: number, opts: SpawnOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawnTracked(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.on('data', (c: Buffer) => { if (stdout.length < 1 << 20) stdout += c.toString('utf8'); });
    child.stderr?.on('data', (c: Buffer) => { stderr = (stderr + c.toString('utf8')).slice(-16000); });
    const timer = setTimeout(() => { timedOut = true; void stopTracked(child, 1000); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, wallMs: performance.now() - started, stdout, stderr, timedOut });
    });
  });
}

let clockTicks = 0;
function ticksPerSecond(): number {
  if (clockTicks === 0) {
    try { clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100; } catch { clockTicks = 100; }
  }
  return clockTicks;
}

interface ProcStat { pid: number; ppid: number; ticks: number }

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
    return { pid, ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return undefined;
  }
}

/** pid and all its live descendants. */
export function processTree(root: number): ProcStat[] {
  const all: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) all.push(s);
  }
  const out: ProcStat[] = [];
  const wanted = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of all) {
      if (!wanted.has(s.pid) && wanted.has(s.ppid)) { wanted.add(s.pid); grew = true; }
    }
  }
  for (const s of all) if (wanted.has(s.pid)) out.push(s);
  return out;
}

/** User+system CPU of a process and its live descendants, all threads, in ms (clock-tick resolution). */
export function treeCpuMs(root: number): number {
  const ticks = processTree(root).reduce((sum, s) => sum + s.ticks, 0);
  return (ticks * 1000) / ticksPerSecond();
}

/** Peak resident set (VmHWM) summed over the process tree, in MB. */
export function treePeakRssMb(root: number): number {
  let kb = 0;
  for (const s of processTree(root)) {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${s.pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch { /* exited */ }
  }
  return kb / 1024;
}

export function loadAverage(): string {
  try { return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '); } catch { return '?'; }
}
