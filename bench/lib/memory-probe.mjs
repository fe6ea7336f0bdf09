// Preloaded into the broker's node process by bench/storage-soak.ts (NODE_OPTIONS=--import):
// every KAFKA_LAB_MEMORY_PROBE_MS (default 1000) writes process.memoryUsage() — rss, heapTotal,
// heapUsed, external, arrayBuffers, in bytes — as the one line of <KAFKA_LAB_MEMORY_PROBE_DIR>/<pid>.json,
// so the bench reads the broker's JavaScript heap from outside, beside its RSS. The timer is
// unref'd: it never keeps a process alive. Worker threads (same pid, their own heaps) write nothing.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { setInterval } from 'node:timers';
import { isMainThread } from 'node:worker_threads';

const dir = process.env.KAFKA_LAB_MEMORY_PROBE_DIR;
// Worker threads share the pid and preload this too: only the main thread's heap is the broker's.
if (dir && isMainThread) {
  const file = path.join(dir, `${process.pid}.json`);
  const everyMs = Number(process.env.KAFKA_LAB_MEMORY_PROBE_MS) || 1000;
  const write = () => {
    try {
      fs.writeFileSync(`${file}.tmp`, JSON.stringify({ atMs: Date.now(), ...process.memoryUsage() }));
      fs.renameSync(`${file}.tmp`, file);
    } catch {
      // The bench removed the directory: nothing more to report.
    }
  };
  setInterval(write, everyMs).unref();
  write();
}
