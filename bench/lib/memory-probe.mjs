// Preloaded into the broker's node process by bench/storage-soak.ts (NODE_OPTIONS=--import):
// every KAFKA_LAB_MEMORY_PROBE_MS (default 1000) writes process.memoryUsage() — rss, heapTotal,
// heapUsed, external, arrayBuffers, in bytes — as the one line of <KAFKA_LAB_MEMORY_PROBE_DIR>/<pid>.json,
// so the bench reads the broker's JavaScript heap from outside, beside its RSS. heapUsed between
// collections includes garbage, so the line also carries `afterMajorGc`: heapUsed and external as
// the last major (mark-sweep) collection left them — what is live. The timer is unref'd: it never
// keeps a process alive. Worker threads (same pid, their own heaps) write nothing.
import fs from 'node:fs';
import path from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import process from 'node:process';
import { setInterval } from 'node:timers';
import { isMainThread } from 'node:worker_threads';

const dir = process.env.KAFKA_LAB_MEMORY_PROBE_DIR;
// Worker threads share the pid and preload this too: only the main thread's heap is the broker's.
if (dir && isMainThread) {
  const file = path.join(dir, `${process.pid}.json`);
  const everyMs = Number(process.env.KAFKA_LAB_MEMORY_PROBE_MS) || 1000;
  let afterMajorGc = null;
  new PerformanceObserver((list) => {
    if (!list.getEntries().some((e) => e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) return;
    const { heapUsed, external } = process.memoryUsage();
    afterMajorGc = { heapUsed, external };
  }).observe({ entryTypes: ['gc'] });
  const write = () => {
    try {
      fs.writeFileSync(`${file}.tmp`, JSON.stringify({ atMs: Date.now(), ...process.memoryUsage(), afterMajorGc }));
      fs.renameSync(`${file}.tmp`, file);
    } catch {
      // The bench removed the directory: nothing more to report.
    }
  };
  setInterval(write, everyMs).unref();
  write();
}
