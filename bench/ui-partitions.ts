// UI benchmark: a 10,000-partition cluster (100 topics × 100 partitions, RF 3) drawn by the real
// renderer in Debian's Chromium, fed by serve mode's WebSocket at 2 snapshots a second.
// Measures p95 frame time while scrolling the topics table and the partition grid, the main-thread
// cost of one snapshot update (WebSocket message → JSON.parse → store → React commit → layout),
// and the number of rows in the DOM. Rows follow bench/lib/report.ts.
//   tsx bench/ui-partitions.ts [--topics 100] [--partitions 100] [--seconds 4]
//   --profile / --trace observe the page idle with pushes; add --scroll to observe the scrolls instead
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
const seconds = arg('--seconds', 4);
const idleSeconds = arg('--idle-seconds', 10);
const repeat = arg('--repeat', 3);
const pushIntervalMs = arg('--push-ms', 500);
const baselineSeconds = arg('--baseline-seconds', 6);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// In-page code is passed as strings: tsx's transform wraps named functions in a `__name` helper
// that does not exist in the page.

/** Probes installed before the app loads: frame deltas, snapshot-update cost, max rows in the DOM. */
const probeScript = `
(() => {
  const probe = { frames: [], updates: [], maxRows: 0, recording: false };
  window.__probe = probe;
  let last = performance.now();
  // Rows are counted while scrolling (every frame) and otherwise twice a second: counting costs a
  // querySelectorAll, which would otherwise add to every idle frame.
  let frameCount = 0;
  const frame = (now) => {
    if (probe.recording) probe.frames.push(now - last);
    if (probe.recording || ++frameCount % 30 === 0) probe.maxRows = Math.max(probe.maxRows, document.querySelectorAll('[role=row], .timeline-line').length);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  // A snapshot's cost = the socket handler (JSON.parse, applying the patch) + the store update it
  // leads to (one per frame), React's render and commit (a microtask queued by the update) and
  // the layout it forces. Measured around the store's setState, with layout forced afterwards;
  // each update also records its parts: parse, apply (the rest of the handler), store (setState's
  // own time: the reducer and every subscriber's selector), react (render + commit) and layout.
  let pending = null;
  const parse = JSON.parse;
  JSON.parse = function (text, reviver) {
    if (typeof text !== 'string' || !text.startsWith('{"kind":"push","channel":"snapshotPatch"')) return parse(text, reviver);
    const t0 = performance.now();
    const value = parse(text, reviver);
    if (pending) pending.parse += performance.now() - t0;
    return value;
  };
  const wrapStore = () => {
    const store = window.__kafkaLabStore;
    if (!store || store.__wrapped) return;
    store.__wrapped = true;
    const setState = store.setState;
    store.setState = (...args) => {
      const t0 = performance.now();
      setState(...args);
      const t1 = performance.now();
      const update = pending;
      pending = null;
      queueMicrotask(() => {
        const t2 = performance.now();
        void document.body.offsetHeight;
        const t3 = performance.now();
        if (update) {
          probe.updates.push(update.handler + t3 - t0);
          probe.parts.push({ parse: update.parse, apply: update.handler - update.parse, store: t1 - t0, react: t2 - t1, layout: t3 - t2, bytes: update.bytes });
        }
      });
    };
  };
  probe.parts = [];
  const descriptor = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  Object.defineProperty(WebSocket.prototype, 'onmessage', {
    set(handler) {
      descriptor.set.call(this, (e) => {
        wrapStore();
        const isPatch = typeof e.data === 'string' && e.data.startsWith('{"kind":"push","channel":"snapshotPatch"');
        if (isPatch && !pending) pending = { handler: 0, parse: 0, bytes: 0 };
        const t0 = performance.now();
        handler(e);
        if (isPatch) { pending.handler += performance.now() - t0; pending.bytes += e.data.length; }
      });
    },
    get() { return descriptor.get.call(this); },
  });
})();
`;

function scrollScript(testId: string, ms: number): string {
  return `new Promise((resolve) => {
    const el = document.querySelector('[data-testid="${testId}"]');
    const end = performance.now() + ${ms};
    let direction = 1;
    window.__probe.frames = []; window.__probe.recording = true;
    const step = () => {
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 2) direction = -1;
      else if (el.scrollTop <= 0) direction = 1;
      el.scrollTop += direction * 120;
      if (performance.now() < end) requestAnimationFrame(step);
      else { window.__probe.recording = false; resolve(window.__probe.frames); }
    };
    requestAnimationFrame(step);
  })`;
}

/** Scrolls `repeat` times; the shared machine is noisy, so each run's p95 is kept and the median reported. */
async function scrollAndMeasure(page: Page, testId: string): Promise<{ p95: number; p50: number; frames: number; runs: number[] }> {
  const runs: { p95: number; p50: number; frames: number }[] = [];
  for (let i = 0; i < repeat; i++) {
    const frames = (await page.evaluate(scrollScript(testId, seconds * 1000))) as number[];
    runs.push({ p95: percentile(frames, 95), p50: percentile(frames, 50), frames: frames.length });
  }
  runs.sort((a, b) => a.p95 - b.p95);
  const median = runs[Math.floor(runs.length / 2)]!;
  return { ...median, runs: runs.map((r) => r.p95) };
}

interface UpdatePart { parse: number; apply: number; store: number; react: number; layout: number; bytes: number }
interface UpdateRound { updates: number[]; parts: UpdatePart[]; load: number; /** Thread time per second with the pushes stopped, measured right after the round, ms/s. */ baseline: number; /** CDP Performance metrics' deltas over the round, ms. */ busy: { task: number; script: number; layout: number; style: number; thread: number } }

const median = (values: number[]): number => percentile(values, 50);
const fmtRange = (values: number[], digits = 1): string => `${fmtNum(Math.min(...values), digits)}–${fmtNum(Math.max(...values), digits)}`;

/** `repeat` rounds of `idleSeconds` each: every update's cost and parts, and the load average of the round. */
/**
 * The renderer main thread's CPU time (CDP ThreadTime) per second, idle in the current view with
 * the pushes stopped: the baseline the per-update CPU cost is measured against. CPU time, unlike
 * wall time, does not grow when other processes take the core away.
 */
async function idleThreadTimePerSecond(page: Page, setPushing: (on: boolean) => void, seconds: number): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const thread = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0) * 1000;
  setPushing(false);
  await page.waitForTimeout(1500);
  const t0 = await thread();
  const w0 = Date.now();
  await page.waitForTimeout(seconds * 1000);
  const perSecond = ((await thread()) - t0) / ((Date.now() - w0) / 1000);
  setPushing(true);
  await page.waitForTimeout(1500);
  await cdp.detach();
  return perSecond;
}

async function idleRounds(page: Page, setPushing: (on: boolean) => void): Promise<UpdateRound[]> {
  const rounds: UpdateRound[] = [];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value * 1000])) as Record<string, number>;
  for (let i = 0; i < repeat; i++) {
    await page.evaluate('window.__probe.updates = []; window.__probe.parts = []');
    const before = await metrics();
    const w0 = Date.now();
    await page.waitForTimeout(idleSeconds * 1000);
    const after = await metrics();
    const wallSeconds = (Date.now() - w0) / 1000;
    const { updates, parts } = (await page.evaluate('({ updates: window.__probe.updates, parts: window.__probe.parts })')) as { updates: number[]; parts: UpdatePart[] };
    const d = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
    // The baseline right after each round, not once per view: the machine is shared, and the
    // renderer's idle cost drifts with what else runs (runs' medians moved 1.5x with one baseline).
    const baseline = await idleThreadTimePerSecond(page, setPushing, baselineSeconds);
    rounds.push({ updates, parts, load: loadavg()[0]!, baseline, busy: { task: d('TaskDuration'), script: d('ScriptDuration'), layout: d('LayoutDuration'), style: d('RecalcStyleDuration'), thread: d('ThreadTime') / wallSeconds } });
  }
  await cdp.detach();
  return rounds;
}

/** The per-update row: median over rounds of each round's p50 and p95, the spread, the parts' medians. */
function updateRow(view: string, rounds: UpdateRound[]): void {
  // Main-thread CPU per update, all-in (the update, the chart's redraw, GC, frames it causes):
  // CPU ms per second with pushes minus without, over updates per second.
  const cpuPerUpdate = rounds.map((r) => (r.busy.thread - r.baseline) / (r.updates.length / idleSeconds));
  const p50s = rounds.map((r) => percentile(r.updates, 50));
  const p95s = rounds.map((r) => percentile(r.updates, 95));
  const parts = rounds.flatMap((r) => r.parts);
  const part = (k: keyof UpdatePart) => fmtNum(median(parts.map((x) => x[k])), 2);
  const partP95 = (k: keyof UpdatePart) => fmtNum(percentile(parts.map((x) => x[k]), 95), 2);
  emitRow({
    measurement: `snapshot update at 2 Hz, ${view} view: main-thread cost p50 / p95, median of ${rounds.length} rounds of ${idleSeconds} s (${parts.length} updates)`,
    value: `${fmtNum(median(p50s), 1)} / ${fmtNum(median(p95s), 1)} ms`,
    note: `rounds' p50 ${fmtRange(p50s)} ms, p95 ${fmtRange(p95s)} ms (all updates pooled: p95 ${fmtNum(percentile(rounds.flatMap((r) => r.updates), 95), 1)} ms, max ${fmtNum(Math.max(...rounds.flatMap((r) => r.updates)), 1)} ms); `
      + `parts, median (p95): parse ${part('parse')} (${partP95('parse')}), apply ${part('apply')} (${partP95('apply')}), store+selectors ${part('store')} (${partP95('store')}), React render+commit ${part('react')} (${partP95('react')}), layout ${part('layout')} (${partP95('layout')}) ms; `
      + `main-thread CPU time per update, all-in (the update, the chart's redraw every 2 s, GC; CDP ThreadTime per second in a round with pushes minus ${baselineSeconds} s right after it without, ${rounds.map((r) => fmtNum(r.baseline, 0)).join(', ')} ms/s): median ${fmtNum(median(cpuPerUpdate), 1)} ms (rounds ${fmtRange(cpuPerUpdate)}); `
      + `script time per update (CDP ScriptDuration, includes the probe's frame loop): ${fmtNum(median(rounds.map((r) => r.busy.script / Math.max(1, r.updates.length))), 1)} ms; `
      + `patch ${fmtNum(median(parts.map((x) => x.bytes)) / 1000, 1)} kB; load average ${rounds.map((r) => r.load.toFixed(1)).join(', ')}; target ≤ 4 ms`,
  });
}

/**
 * The host's side at the same size, in Node: the real simulation (3 brokers, 100 topics × 100
 * partitions, RF 3, 100 partitions produced to per 500 ms), its snapshot(), the PushHub's diff
 * against the previous snapshot and the patch's JSON encoding. The model hands out the previous
 * snapshot's objects for unchanged partitions and topics, so the diff skips those by identity.
 */
async function hostSide(): Promise<void> {
  const { createCluster } = await import('../src/broker/cluster/cluster');
  const { batchOf, produceOne } = await import('../src/broker/cluster/testing');
  const { diffSnapshot } = await import('../src/shared/snapshot-patch');
  const cluster = createCluster({ seed: 1, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], recordInputLog: false });
  const names = Array.from({ length: topics }, (_, i) => `topic-${String(i).padStart(3, '0')}`);
  cluster.createTopics(1, names.map((name) => ({ name, numPartitions: partitions, replicationFactor: 3 })), false);
  cluster.runUntil(cluster.now() + 2000);
  const leaders = new Map(cluster.metadata(1, names, false).topics.map((t) => [t.name, t.partitions.map((p) => p.leaderId)]));
  const batch = batchOf([{ value: 'x'.repeat(100) }]);
  const ticks = arg('--host-ticks', 20);
  const snap: number[] = [], none: number[] = [], fresh: number[] = [], diff: number[] = [], encode: number[] = [], patchBytes: number[] = [], changedPartitions: number[] = [];
  let previous = cluster.snapshot();
  let n = 7;
  for (let tick = 0; tick < ticks; tick++) {
    for (let i = 0; i < 100; i++) {
      n = (n * 1103515245 + 12345) % 2 ** 31;
      const name = names[n % topics]!;
      const p = (n >> 8) % partitions;
      produceOne(cluster, leaders.get(name)![p]!, name, p, batch, 1);
    }
    cluster.runUntil(cluster.now() + 500);
    let t0 = performance.now();
    const next = cluster.snapshot();
    snap.push(performance.now() - t0);
    // Same-run baseline, on alternate ticks: every partition's replicas checked (as before
    // per-partition change tracking), views still reused.
    if (tick % 2 === 1) {
      t0 = performance.now();
      cluster.snapshot({ changeTracking: false });
      fresh.push(performance.now() - t0);
    }
    // The host's metrics sampler takes one without replica detail between pushes.
    t0 = performance.now();
    cluster.snapshot({ replicaStates: 'none' });
    none.push(performance.now() - t0);
    t0 = performance.now();
    const patch = diffSnapshot(previous, next, tick, tick + 1);
    diff.push(performance.now() - t0);
    t0 = performance.now();
    const json = JSON.stringify({ kind: 'push', channel: 'snapshotPatch', payload: patch });
    encode.push(performance.now() - t0);
    patchBytes.push(json.length);
    changedPartitions.push(patch.changed.reduce((sum, c) => sum + ('topic' in c ? c.topic.partitions.length : c.partitions.length), 0));
    previous = next;
  }
  const row = (what: string, values: number[], note: string) => emitRow({ measurement: `host, ${what} (real simulation, ${fmtInt(topics * partitions)} partitions), median (p95) of ${values.length} ticks`, value: `${fmtNum(median(values), 1)} (${fmtNum(percentile(values, 95), 1)}) ms`, note });
  const load = loadavg()[0]!.toFixed(1);
  emitRow({
    measurement: `host, cluster.snapshot() (real simulation, ${fmtInt(topics * partitions)} partitions, 100 produced to per 500 ms), median (p95) of ${snap.length} ticks`,
    value: `${fmtNum(median(snap), 1)} (${fmtNum(percentile(snap, 95), 1)}) ms; without replica detail (the metrics sampler's) ${fmtNum(median(none), 1)} (${fmtNum(percentile(none, 95), 1)}) ms`,
    peer: `every partition's replicas checked (changeTracking: false, the build before issue 20), same run: ${fmtNum(median(fresh), 1)} (${fmtNum(percentile(fresh, 95), 1)}) ms`,
    ratio: `${fmtNum(median(snap) / median(fresh), 2)}× the cost; target ≤ 5 ms`,
    note: `per-partition change tracking: only partitions their replicas flagged are rebuilt (src/broker/cluster/view/snapshot.ts); load average ${load}`,
  });
  row('diffSnapshot against the previous tick', diff, `${fmtInt(median(changedPartitions))} partitions in the median patch (100 produced to per tick)`);
  row('patch JSON encoding', encode, `median patch ${fmtNum(median(patchBytes) / 1e3, 1)} kB; full snapshot ${fmtNum(JSON.stringify(previous).length / 1e6, 1)} MB`);
}

/** A CPU profile of the page while idle in the current view: self time by function, top 25. */
type MeasuredView = 'cluster overview' | 'topics' | 'topic detail';

/**
 * Opens the measured views in turn — the cluster overview, the topics table, topic-000's detail
 * (with partition 0 selected when `selectPartition`) — and runs `atEach` in each once it is drawn.
 */
async function visitViews(page: Page, atEach: (view: MeasuredView) => Promise<void>, options: { selectPartition?: boolean } = {}): Promise<void> {
  await atEach('cluster overview');
  await page.getByTestId('tab-topics').click();
  await page.getByTestId('topics-scroll').waitFor();
  await atEach('topics');
  await page.evaluate(`window.__kafkaLabStore.getState().selectTopic('topic-000'${options.selectPartition ? ', 0' : ''})`);
  await page.getByTestId('partition-scroll').waitFor();
  await atEach('topic detail');
}

/** The views' scroll containers, for `--scroll` (the overview has none: it is observed idle). */
const SCROLLED: Partial<Record<string, string>> = { topics: 'topics-scroll', 'topic detail': 'partition-scroll' };

/** What `--profile` / `--trace` observe: idle time with pushes, or with `--scroll` the same scroll the frame-time rows measure. */
async function observedWork(page: Page, view: string, ms: number): Promise<void> {
  const testId = process.argv.includes('--scroll') ? SCROLLED[view] : undefined;
  if (testId === undefined) await page.waitForTimeout(ms);
  else {
    const frames = (await page.evaluate(scrollScript(testId, ms))) as number[];
    console.log(`# ${view}: scrolled ${frames.length} frames, p50 ${percentile(frames, 50).toFixed(1)} ms, p95 ${percentile(frames, 95).toFixed(1)} ms`);
  }
}

async function profileIdle(page: Page, label: string): Promise<void> {
  await profilePage(page, `${label} view, ${idleSeconds} s idle (${Math.round(idleSeconds * 2)} snapshots)`, () => observedWork(page, label, idleSeconds * 1000));
}

/**
 * --trace: a Chrome trace of the page idle in the current view, summarised per update: the
 * Layout events (time, dirty and total objects, and their layout roots, resolved to DOM nodes)
 * and style recalcs (elements). Shows what a snapshot update dirties outside its contained boxes.
 */
interface TraceArgs { beginData?: { dirtyObjects?: number; totalObjects?: number }; endData?: { layoutRoots?: { nodeId?: number }[] }; elementCount?: number }

async function traceIdle(page: Page, label: string): Promise<void> {
  const browser = page.context().browser()!;
  await page.evaluate(`(() => {
    const path = (n) => { const parts = []; for (let e = n.nodeType === 1 ? n : n.parentElement; e && e !== document.body; e = e.parentElement) { if (getComputedStyle(e).contain === 'strict' || e.style.contain === 'strict') parts.length = 0, parts.push('[strict]'); parts.push(e.tagName.toLowerCase() + (e.dataset.testid ? '[' + e.dataset.testid + ']' : e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '')); } return parts.reverse().join(' > '); };
    window.__mutations = new Map();
    window.__observer = new MutationObserver((records) => { for (const r of records) { const k = r.type + (r.attributeName ? ':' + r.attributeName : '') + ' ' + path(r.target); window.__mutations.set(k, (window.__mutations.get(k) ?? 0) + 1); } });
    window.__observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  })()`);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await observedWork(page, label, 4000);
  const buffer = await browser.stopTracing();
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: { name: string; ph: string; dur?: number; ts: number; tid?: number; args?: TraceArgs }[] }).traceEvents;
  // The renderer main thread's work by event name (self time: minus the events nested inside).
  const mainTid = events.find((e) => e.name === 'thread_name' && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain')?.tid;
  const main = events.filter((e) => e.tid === mainTid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const selfByName = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  for (const e of main) {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) selfByName.set(parent.name, (selfByName.get(parent.name) ?? 0) - e.dur! / 1000);
    selfByName.set(e.name, (selfByName.get(e.name) ?? 0) + e.dur! / 1000);
    stack.push({ end: e.ts + e.dur!, name: e.name });
  }
  const layouts = events.filter((e) => e.name === 'Layout' && e.ph === 'X');
  const styles = events.filter((e) => e.name === 'UpdateLayoutTree' && e.ph === 'X');
  const roots = new Map<number, { n: number; dirty: number; ms: number }>();
  for (const e of layouts) {
    for (const r of (e.args?.endData?.layoutRoots ?? []) as { nodeId?: number }[]) {
      if (r.nodeId === undefined) continue;
      const x = roots.get(r.nodeId) ?? { n: 0, dirty: 0, ms: 0 };
      x.n++; x.dirty += e.args?.beginData?.dirtyObjects ?? 0; x.ms += (e.dur ?? 0) / 1000;
      roots.set(r.nodeId, x);
    }
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.getDocument', { depth: -1 });
  const describe = async (backendNodeId: number): Promise<string> => {
    try {
      const { node } = await cdp.send('DOM.describeNode', { backendNodeId });
      const attrs = node.attributes ?? [];
      const attr = (n: string) => { const i = attrs.indexOf(n); return i >= 0 ? attrs[i + 1] : ''; };
      return `${node.nodeName.toLowerCase()}${attr('data-testid') ? `[data-testid=${attr('data-testid')}]` : ''}${attr('class') ? `.${attr('class').trim().split(/\s+/).join('.')}` : ''}`;
    } catch { return `#${backendNodeId} (gone)`; }
  };
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  console.log(`\n# trace, ${label} view, 4 s: ${layouts.length} layouts, ${fmtNum(sum(layouts.map((e) => (e.dur ?? 0) / 1000)), 1)} ms; ${styles.length} style recalcs, ${fmtNum(sum(styles.map((e) => (e.dur ?? 0) / 1000)), 1)} ms, ${sum(styles.map((e) => e.args?.elementCount ?? 0))} elements`);
  console.log(`  main thread, self ms by event: ${[...selfByName].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${k} ${fmtNum(v, 1)}`).join(', ')}`);
  for (const e of layouts) console.log(`  layout ${fmtNum((e.dur ?? 0) / 1000, 2)} ms, dirty ${e.args?.beginData?.dirtyObjects} of ${e.args?.beginData?.totalObjects}, roots ${(e.args?.endData?.layoutRoots ?? []).length}`);
  for (const [id, x] of [...roots].sort((a, b) => b[1].n - a[1].n)) console.log(`  root ${await describe(id)}: ${x.n} layouts`);
  const mutations = (await page.evaluate('window.__observer.disconnect(), [...window.__mutations]')) as [string, number][];
  for (const [k, n] of mutations.sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  mutation ${n}× ${k}`);
  await cdp.detach();
}


async function main(): Promise<void> {
  const profiling = process.argv.includes('--profile');
  if (!process.argv.includes('--no-host')) await hostSide();
  if (process.argv.includes('--host-only')) return;
  const rendererDir = profiling ? join(repoDir, 'out/renderer-profile') : join(repoDir, 'out/renderer');
  if (profiling) await buildForProfile(rendererDir);
  else if (await rendererBuildIsStale(repoDir)) await buildRenderer(repoDir);
  const loadAtStart = loadavg();
  const fixtureTopics = Array.from({ length: topics }, (_, i) => ({ name: `topic-${String(i).padStart(3, '0')}`, partitions, replicationFactor: 3, records: 5000 }));
  const host = new FakeClusterHost({ topics: fixtureTopics, tickMs: 100 });
  // Traffic: every 100 ms, 20 random partitions grow, so every snapshot differs.
  let n = 0;
  const traffic = setInterval(() => { for (let i = 0; i < 20; i++) { n = (n * 1103515245 + 12345) % 2 ** 31; host.produce(fixtureTopics[n % topics]!.name, (n >> 8) % partitions, 10); } }, 100);
  // The hub's own timer is parked; the bench ticks it, so it can stop the pushes for a baseline.
  const hub = new PushHub(host, 2 ** 30);
  let pushing = true;
  const pushTimer = setInterval(() => { if (pushing) hub.tick(); }, pushIntervalMs);
  const server = await startServeServer({ host: '127.0.0.1', port: 0, token: 'bench-token-0001', rendererDir, cluster: host, hub, workbench: unavailableWorkbench('not benchmarked') });
  const snapshotBytes = JSON.stringify(host.snapshot()).length;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript({ content: probeScript });
    await page.goto(`http://127.0.0.1:${server.port}/?token=bench-token-0001`);
    await page.getByTestId('broker-grid').waitFor();
    const shots = process.argv.indexOf('--screenshots');
    if (shots >= 0) {
      // What the measured views look like while the snapshots arrive (look at them after a change).
      const dir = process.argv[shots + 1]!;
      const files = { 'cluster overview': 'overview', topics: 'topics', 'topic detail': 'topic-detail' } as const;
      await visitViews(page, async (view) => {
        await page.waitForTimeout(view === 'topic detail' ? 5000 : 3000);
        await page.screenshot({ path: join(dir, `ui-partitions-${files[view]}.png`) });
      }, { selectPartition: true });
      const chart = page.getByTestId('throughput-chart');
      await chart.scrollIntoViewIfNeeded();
      // Hover near the newest point, so the screenshot shows recharts' tooltip too.
      const plot = await chart.locator('.chart-body').boundingBox();
      if (plot) await page.mouse.move(plot.x + plot.width * 0.9, plot.y + plot.height / 2);
      await chart.screenshot({ path: join(dir, 'ui-partitions-topic-chart.png') });
      return;
    }
    if (process.argv.includes('--trace') || profiling) {
      await page.waitForTimeout(2000);
      const tracing = process.argv.includes('--trace');
      await visitViews(page, (view) => (tracing ? traceIdle(page, view) : profileIdle(page, view)));
      return;
    }
    await page.waitForTimeout(2000); // the first full snapshot and its first patches
    const setPushing = (on: boolean) => { pushing = on; };
    const overviewUpdates = await idleRounds(page, setPushing);
    await page.getByTestId('tab-topics').click();
    await page.getByTestId('topics-scroll').waitFor();
    const topicsUpdates = await idleRounds(page, setPushing);
    const table = await scrollAndMeasure(page, 'topics-scroll');
    await page.evaluate("window.__kafkaLabStore.getState().selectTopic('topic-000')");
    await page.getByTestId('partition-scroll').waitFor();
    const topicUpdates = await idleRounds(page, setPushing);
    const grid = await scrollAndMeasure(page, 'partition-scroll');
    const maxRows = (await page.evaluate('window.__probe.maxRows')) as number;
    const loadAtEnd = loadavg();
    emitNote(`${fmtInt(topics * partitions)} partitions (${topics} topics × ${partitions}, RF 3) from the fake host, 20 partitions growing every 100 ms; snapshots every ${pushIntervalMs} ms (a full one is ${fmtNum(snapshotBytes / 1e6, 1)} MB of JSON; viewers get it once, then patches); Chromium ${browser.version()} headless, 1440×900, --disable-gpu, on a shared machine with ${availableParallelism()} cores: load average (1, 5, 15 min) ${loadAtStart.map((x) => x.toFixed(1)).join(', ')} at the start of the browser part, ${loadAtEnd.map((x) => x.toFixed(1)).join(', ')} at the end.`);
    const scrollRow = (what: string, r: typeof table) => emitRow({
      measurement: `${what}: p95 frame time while scrolling, median of ${r.runs.length} runs of ${seconds} s`,
      value: `${fmtNum(r.p95, 1)} ms`,
      note: `runs' p95: ${r.runs.map((x) => fmtNum(x, 1)).join(', ')} ms; p50 ${fmtNum(r.p50, 1)} ms; snapshots keep arriving; target ≤ 18 ms`,
    });
    scrollRow('topics table (100 topics)', table);
    scrollRow('partition grid (100 partitions × 3 brokers)', grid);
    updateRow('cluster overview', overviewUpdates);
    updateRow('topics', topicsUpdates);
    updateRow('topic detail', topicUpdates);
    emitRow({ measurement: 'rows in the DOM (max over the run)', value: fmtInt(maxRows), note: `of ${fmtInt(topics)} topic rows, ${fmtInt(partitions)} partition rows and up to 2,000 timeline lines` });
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
