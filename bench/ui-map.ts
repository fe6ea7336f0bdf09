// UI benchmark of the cluster map (issue 14), modelled on bench/ui-partitions.ts: a 10,000-partition
// cluster (100 topics × 100 partitions, RF 3) drawn by the real renderer in Debian's Chromium, fed
// by serve mode's WebSocket at 2 snapshots a second, 20 partitions growing every 100 ms. Measures
// the main-thread cost of one snapshot update (WebSocket message → JSON.parse → store → React
// commit → forced layout) on the map's first screen (aggregated: one row per topic) and zoomed
// into one topic (its 100 partitions as bands), against the 4 ms budget. A ratio, never a test.
//   tsx bench/ui-map.ts [--topics 100] [--partitions 100] [--seconds 10] [--repeat 3]
//   tsx bench/ui-map.ts --profile [--seconds 10]   CPU profile of each view (unminified build), no rows
//   tsx bench/ui-map.ts --renderer <dir>           serve another renderer build (e.g. an older commit's, for before/after)
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { FakeClusterHost } from '../src/main/host/fake-cluster-host';
import { PushHub } from '../src/main/host/hosted-api';
import { buildRenderer, rendererBuildIsStale } from '../src/main/serve/renderer-build';
import { startServeServer } from '../src/main/serve/serve-server';
import { unavailableWorkbench } from '../src/main/host/unavailable-workbench';
import { repoDir } from './lib/native';
import { buildForProfile, profilePage } from './lib/page-profile';
import { emitNote, emitRow, fmtInt, fmtNum } from './lib/report';

const arg = (flag: string, fallback: number) => { const i = process.argv.indexOf(flag); return i >= 0 ? Number(process.argv[i + 1]) : fallback; };
const topics = arg('--topics', 100);
const partitions = arg('--partitions', 100);
const seconds = arg('--seconds', 10);
const repeat = arg('--repeat', 3);
const budgetMs = 4;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// In-page code as a string (tsx's __name helper does not exist in the page). The cost of an update
// is the socket handler (parse, apply the patch) plus the store update it leads to, React's render
// and commit (a microtask queued by the update) and the layout forced afterwards — as ui-partitions —
// plus the deferred render the map does after it (useDeferredValue: React's scheduler tasks).
const probeScript = `
(() => {
  const probe = { updates: [], records: [] };
  window.__probe = probe;
  let pending = null;
  let current = null;
  const wrapStore = () => {
    const store = window.__kafkaLabStore;
    if (!store || store.__wrapped) return;
    store.__wrapped = true;
    const setState = store.setState;
    store.setState = (...args) => {
      const t0 = performance.now();
      setState(...args);
      const update = pending;
      pending = null;
      queueMicrotask(() => {
        void document.body.offsetHeight;
        if (!update) return;
        const sync = update.handler + performance.now() - t0;
        probe.updates.push(sync);
        current = { sync, deferred: 0, longest: sync };
        probe.records.push(current);
      });
    };
  };
  // React renders deferred (transition) work in the scheduler's MessageChannel tasks, in slices:
  // each slice (with the layout it forces) is charged to the newest update.
  const port = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage');
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    set(handler) {
      port.set.call(this, typeof handler !== 'function' ? handler : (e) => {
        const t0 = performance.now();
        handler(e);
        void document.body.offsetHeight;
        const slice = performance.now() - t0;
        if (current) { current.deferred += slice; current.longest = Math.max(current.longest, slice); }
      });
    },
    get() { return port.get.call(this); },
  });
  const descriptor = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  Object.defineProperty(WebSocket.prototype, 'onmessage', {
    set(handler) {
      descriptor.set.call(this, (e) => {
        wrapStore();
        const isPatch = typeof e.data === 'string' && e.data.startsWith('{"kind":"push","channel":"snapshotPatch"');
        if (isPatch && !pending) pending = { handler: 0 };
        const t0 = performance.now();
        handler(e);
        if (isPatch) pending.handler += performance.now() - t0;
      });
    },
    get() { return descriptor.get.call(this); },
  });
})();
`;

interface UpdateRecord { sync: number; deferred: number; longest: number }
interface Rounds { p50s: number[]; p95s: number[]; all: number[]; totalP50s: number[]; totalP95s: number[]; longestP95s: number[] }

/** `repeat` rounds of `seconds` each: each round's p50 and p95 of the update's synchronous part, of its whole cost (with the deferred slices) and of its longest slice. */
async function rounds(page: Page): Promise<Rounds> {
  const r: Rounds = { p50s: [], p95s: [], all: [], totalP50s: [], totalP95s: [], longestP95s: [] };
  for (let i = 0; i < repeat; i++) {
    await page.evaluate('window.__probe.updates = []; window.__probe.records = []');
    await page.waitForTimeout(seconds * 1000);
    // The newest update's deferred slices may still be running: leave it out.
    const records = ((await page.evaluate('window.__probe.records')) as UpdateRecord[]).slice(0, -1);
    const updates = records.map((x) => x.sync);
    r.p50s.push(percentile(updates, 50));
    r.p95s.push(percentile(updates, 95));
    r.all.push(...updates);
    const totals = records.map((x) => x.sync + x.deferred);
    r.totalP50s.push(percentile(totals, 50));
    r.totalP95s.push(percentile(totals, 95));
    r.longestP95s.push(percentile(records.map((x) => x.longest), 95));
  }
  return r;
}

function emptyRounds(): Rounds {
  return { p50s: [], p95s: [], all: [], totalP50s: [], totalP95s: [], longestP95s: [] };
}

function row(what: string, r: Rounds, dom: number, baseline: Rounds): void {
  const median = (xs: number[]) => percentile(xs, 50);
  const p95 = median(r.totalP95s);
  const baseP95 = median(baseline.totalP95s);
  emitRow({
    measurement: `cluster map, ${fmtInt(topics * partitions)} partitions, ${what}: snapshot update at 2 Hz, main-thread cost p50 / p95 (the update and the deferred render it leads to), median of ${r.p95s.length} rounds of ${seconds} s`,
    value: `${fmtNum(median(r.totalP50s), 1)} / ${fmtNum(p95, 1)} ms; longest slice p95 ${fmtNum(median(r.longestP95s), 1)} ms`,
    peer: `topics table, same run: ${fmtNum(median(baseline.totalP50s), 1)} / ${fmtNum(baseP95, 1)} ms`,
    ratio: `${fmtNum(p95 / baseP95, 2)}× the topics table; ${fmtNum(p95 / budgetMs, 2)}× the ${budgetMs} ms budget`,
    note: `synchronous part p50 / p95 ${fmtNum(median(r.p50s), 1)} / ${fmtNum(median(r.p95s), 1)} ms (the rest is React's deferred render, in slices that let frames through); rounds' p95 ${r.totalP95s.map((x) => fmtNum(x, 1)).join(', ')} ms; ${fmtInt(dom)} elements in the map; load average ${loadavg()[0]!.toFixed(1)}`,
  });
}

async function main(): Promise<void> {
  const profiling = process.argv.includes('--profile');
  const other = process.argv.indexOf('--renderer');
  const rendererDir = other >= 0 ? process.argv[other + 1]! : join(repoDir, profiling ? 'out/renderer-profile' : 'out/renderer');
  if (profiling) await buildForProfile(rendererDir);
  else if (other < 0 && await rendererBuildIsStale(repoDir)) await buildRenderer(repoDir);
  const loadAtStart = loadavg();
  const fixtureTopics = Array.from({ length: topics }, (_, i) => ({ name: `topic-${String(i).padStart(3, '0')}`, partitions, replicationFactor: 3, records: 5000 }));
  const host = new FakeClusterHost({ topics: fixtureTopics, tickMs: 100 });
  let n = 0;
  const traffic = setInterval(() => { for (let i = 0; i < 20; i++) { n = (n * 1103515245 + 12345) % 2 ** 31; host.produce(fixtureTopics[n % topics]!.name, (n >> 8) % partitions, 10); } }, 100);
  const hub = new PushHub(host, 2 ** 30);
  const pushTimer = setInterval(() => hub.tick(), 500);
  const server = await startServeServer({ host: '127.0.0.1', port: 0, token: 'bench-token-0001', rendererDir, cluster: host, hub, workbench: unavailableWorkbench('not benchmarked') });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript({ content: probeScript });
    await page.goto(`http://127.0.0.1:${server.port}/?token=bench-token-0001`);
    await page.locator('[data-testid="cluster-map"][data-mode="aggregate"]').waitFor();
    await page.waitForTimeout(2000); // the first full snapshot and its first patches
    const count = () => page.evaluate('document.querySelector(\'[data-testid="cluster-map"]\').querySelectorAll("*").length') as Promise<number>;
    const observe = (label: string) => (profiling ? profilePage(page, `${label}, ${seconds} s of updates`, () => page.waitForTimeout(seconds * 1000)).then(() => emptyRounds()) : rounds(page));
    const aggregated = await observe('first screen (aggregated)');
    const aggregatedDom = await count();
    await page.getByTestId('map-zoom').selectOption('topic-000');
    await page.locator('[data-testid="cluster-map"][data-mode="partitions"]').waitFor();
    await page.waitForTimeout(1000);
    const zoomed = await observe('zoomed into topic-000');
    const zoomedDom = await count();
    // Same-run baseline: the topics table, a view that met the budget in ui-partitions (2.9 ms p95 at load average ~1).
    await page.getByTestId('tab-topics').click();
    await page.getByTestId('topics-scroll').waitFor();
    await page.waitForTimeout(1000);
    const baseline = await observe('topics table');
    if (profiling) return;
    if (other >= 0) emitNote(`Renderer served from ${rendererDir}.`);
    emitNote(`Cluster map: ${fmtInt(topics * partitions)} partitions (${topics} topics × ${partitions}, RF 3) from the fake host, 20 partitions growing every 100 ms, snapshots every 500 ms; Chromium ${browser.version()} headless, 1440×900, --disable-gpu, ${availableParallelism()} shared cores, load average ${loadAtStart.map((x) => x.toFixed(1)).join(', ')} at the start. The screen also holds the overview's metric strip, health and broker cards below the map.`);
    row(`first screen (aggregated: ${topics} topic rows × 3 broker cells)`, aggregated, aggregatedDom, baseline);
    row(`zoomed into one topic (${partitions} partition bands, those near the viewport mounted)`, zoomed, zoomedDom, baseline);
  } finally {
    await browser.close();
    clearInterval(traffic);
    clearInterval(pushTimer);
    hub.close();
    await server.close();
    await host.close();
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
