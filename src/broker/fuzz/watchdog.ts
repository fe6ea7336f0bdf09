/**
 * A watchdog on its own thread: the fuzzed brokers run in this process, so a model that stops
 * returning (a simulation step that never ends, as 100000 auto-created partitions made it) blocks
 * the event loop, and with it every check the runner makes — and vitest's own timeout. The worker
 * sees the runner's heartbeat stop (or rss pass the bound while it is stuck), prints which seed,
 * round and family were running, and ends the process so the run fails instead of hanging.
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const cells = new Int32Array(workerData.shared);
for (;;) {
  Atomics.wait(cells, 2, 0, 1000);
  if (Atomics.load(cells, 2) === 1) break;
  const silentMs = Date.now() - workerData.startMs - Atomics.load(cells, 0);
  const rss = process.memoryUsage().rss;
  const stalled = silentMs > workerData.stallMs;
  if (stalled || rss > workerData.rssBound) {
    const family = workerData.families[Atomics.load(cells, 3)] ?? '-';
    const what = stalled ? 'the event loop has not run for ' + silentMs + ' ms' : 'rss ' + Math.round(rss / 1048576) + ' MiB while the event loop is busy';
    // Written to fd 2 directly and the process killed: a worker's process.stderr and process.exit
    // both go through the main thread's event loop, which is the one that is stuck.
    require('node:fs').writeSync(2, 'FAILURE [liveness] ' + what + '; reproduce with SEED=' + workerData.seed + ' (round ' + Atomics.load(cells, 1) + ', family ' + family + ')\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}
`;

export class Watchdog {
  private readonly cells = new Int32Array(new SharedArrayBuffer(16));
  private readonly worker: Worker;
  private readonly beat: ReturnType<typeof setInterval>;
  private readonly startMs = Date.now();

  /** @param rssBound only while the event loop is stuck; the runner checks its own bound each round. */
  constructor(seed: number, families: readonly string[], stallMs: number, rssBound: number) {
    this.heartbeat();
    // execArgv []: the worker is plain CommonJS whatever loader or --input-type the process runs with.
    this.worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { shared: this.cells.buffer, seed, families, stallMs, rssBound, startMs: this.startMs } });
    this.worker.unref();
    this.beat = setInterval(() => this.heartbeat(), 500);
  }

  private heartbeat(): void {
    Atomics.store(this.cells, 0, Date.now() - this.startMs);
  }

  round(round: number, familyIndex: number): void {
    this.heartbeat();
    Atomics.store(this.cells, 1, round);
    Atomics.store(this.cells, 3, familyIndex);
  }

  async stop(): Promise<void> {
    clearInterval(this.beat);
    Atomics.store(this.cells, 2, 1);
    Atomics.notify(this.cells, 2);
    await this.worker.terminate();
  }
}
