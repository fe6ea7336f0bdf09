// What the storage benches sample from outside the broker: the resident set of the process that
// runs the cluster (from /proc/<pid>/status) and the bytes a data directory holds (file sizes).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { processTree } from './procs';

/**
 * The pid that runs the cluster under `root`: `npm run broker`'s command is tsx, which starts the
 * CLI in a node child of its own (and esbuild beside it), so this is the deepest process of the
 * tree whose command line names `script`; `root` when none does.
 */
export function brokerPid(root: number, script = 'src/broker/cli.ts'): number {
  const tree = processTree(root);
  const byPid = new Map(tree.map((p) => [p.pid, p]));
  const depth = (pid: number): number => { let d = 0; for (let p = byPid.get(pid); p && p.pid !== root; p = byPid.get(p.ppid)) d++; return d; };
  let best = root;
  for (const p of tree) {
    let cmdline: string;
    try { cmdline = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8'); } catch { continue; }
    if (cmdline.includes(script) && depth(p.pid) > depth(best)) best = p.pid;
  }
  return best;
}

/** VmRSS (resident set) and VmHWM (its peak) of one process, in bytes; undefined when it has exited. */
export function residentBytes(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/** Sum of the sizes of every file under `dir` (apparent bytes; files vanishing meanwhile are skipped). */
export function directoryBytes(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return { bytes, files }; }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const sub = directoryBytes(p);
      bytes += sub.bytes;
      files += sub.files;
    } else {
      try { bytes += statSync(p).size; files++; } catch { /* deleted by retention meanwhile */ }
    }
  }
  return { bytes, files };
}

export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

export interface ProbedMemory {
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** heapUsed and external right after the last major collection (live data), or null before the first. */
  afterMajorGc: { heapUsed: number; external: number } | null;
}

/** What ./memory-probe.mjs last wrote for `pid` (process.memoryUsage(), bytes), or undefined. */
export function probedMemory(dir: string, pid: number): ProbedMemory | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, `${pid}.json`), 'utf8')) as ProbedMemory;
  } catch {
    return undefined;
  }
}
