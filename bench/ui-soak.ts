// UI soak (issue 6): the message browser's live tail at 10,000 records/s for 10 minutes in Debian's
// Chromium. A real ClusterHost (3 brokers, ephemeral ports) and the workbench run in this process;
// the page is the real renderer served by serve mode. The load comes from the workbench's own load
// generator (one kafkajs producer), started through the page's client like the Produce tab does.
// Reports the renderer's JS heap after a forced GC at the start and at the end (flat = no leak), the
// click → next-frame latency (a button click handled and painted; responsiveness), the longest frame
// gaps, and what the tail showed and dropped. Rows follow bench/lib/report.ts.
//   tsx bench/ui-soak.ts [--minutes 10] [--rate 10000] [--sample-seconds 15]
import { join } from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { ClusterHost } from '../src/broker/host/cluster-host';
import { PushHub } from '../src/main/host/hosted-api';
import { buildRenderer, rendererBuildIsStale } from '../src/main/serve/renderer-build';
import { startServeServer } from '../src/main/serve/serve-server';
import { Workbench } from '../src/main/workbench/workbench';
import { repoDir } from './lib/native';
import { emitNote, emitRow, fmtInt, fmtNum } from './lib/report';

const arg = (flag: string, fallback: number) => { const i = process.argv.indexOf(flag); return i >= 0 ? Number(process.argv[i + 1]) : fallback; };
const minutes = arg('--minutes', Number(process.env.SOAK_MINUTES ?? 10));
const rate = arg('--rate', 10_000);
const sampleSeconds = arg('--sample-seconds', 15);
const token = 'soak-token-00001';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// In-page code as strings (tsx wraps named functions in a __name helper the page lacks).
const frameProbe = `(() => {
  const probe = { gaps: [], last: performance.now() };
  window.__soak = probe;
  const frame = (now) => { probe.gaps.push(now - probe.last); if (probe.gaps.length > 20000) probe.gaps.splice(0, 10000); probe.last = now; requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
})()`;

/** Click → handler → the next frame painted, in ms: what a user feels when pressing a button. */
const clickLatency = `new Promise((resolve) => {
  const button = document.querySelector('[data-testid="browser-decoder"]');
  const t0 = performance.now();
  button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
})`;

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}

async function tailText(page: Page): Promise<string> {
  return (await page.getByTestId('scan-progress').textContent()) ?? '';
}

async function main(): Promise<void> {
  if (await rendererBuildIsStale(repoDir)) await buildRenderer(repoDir);
  const host = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 7 });
  const workbench = new Workbench({ bootstrap: host.bootstrap, groups: () => host.snapshot().groups });
  const hub = new PushHub(host);
  const server = await startServeServer({ host: '127.0.0.1', port: 0, token, rendererDir: join(repoDir, 'out/renderer'), cluster: host, hub, workbench });
  const admin = new Kafka({ clientId: 'soak-admin', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'soak', numPartitions: 6, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  let loadId: string | null = null;
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript({ content: frameProbe });
    await page.goto(`http://127.0.0.1:${server.port}/?token=${token}`);
    await page.getByTestId('broker-grid').waitFor();
    const cdp = await page.context().newCDPSession(page);
    await page.getByTestId('tab-messages').click();
    await page.getByTestId('browser-topic').selectOption('soak');
    await page.getByTestId('browser-tail').click();
    await page.waitForFunction(`document.querySelector('[data-testid="scan-progress"]').dataset.state === 'running'`);
    const status = (await page.evaluate(`window.__kafkaLabStore.client.startLoadGenerator({ topic: 'soak', recordsPerSec: ${rate}, keys: { kind: 'uniform', keyCount: 1000 }, valueTemplate: '{"seq":{{seq}},"key":"{{key}}","at":{{ts}},"pad":"{{rand}}{{rand}}{{rand}}"}', acks: 1, compression: 'none' })`)) as { id: string };
    loadId = status.id;
    await page.waitForTimeout(5000); // let the rate settle before the first heap reading
    const heapStart = await heapMb(cdp);
    const samples: { atS: number; heapMb: number; clickMs: number; achieved: number }[] = [];
    const clicks: number[] = [];
    const started = Date.now();
    const endAt = started + minutes * 60_000;
    let lastSample = 0;
    while (Date.now() < endAt) {
      await page.waitForTimeout(1000);
      clicks.push((await page.evaluate(clickLatency)) as number);
      if (Date.now() - lastSample >= sampleSeconds * 1000) {
        lastSample = Date.now();
        const wb = await workbench.getWorkbenchStatus();
        const sample = { atS: Math.round((Date.now() - started) / 1000), heapMb: await heapMb(cdp), clickMs: clicks[clicks.length - 1]!, achieved: wb.loadGenerators[0]?.ratePerSec ?? 0 };
        samples.push(sample);
        console.log(`t=${sample.atS}s heap=${sample.heapMb.toFixed(1)} MB click=${sample.clickMs.toFixed(1)} ms producer=${sample.achieved} rec/s | ${await tailText(page)}`);
      }
    }
    const heapEnd = await heapMb(cdp);
    const gaps = (await page.evaluate('window.__soak.gaps')) as number[];
    const wb = await workbench.getWorkbenchStatus();
    const generator = wb.loadGenerators[0]!;
    const text = await tailText(page);
    const shownRecords = Number(text.match(/([\d,]+) records/)?.[1]?.replace(/,/g, '') ?? NaN);
    const dropped = Number(text.match(/dropped ([\d,]+)/)?.[1]?.replace(/,/g, '') ?? 0);
    const elapsedS = (Date.now() - started) / 1000;
    const achievedAvg = samples.length ? samples.reduce((n, s) => n + s.achieved, 0) / samples.length : 0;
    emitNote(`${minutes} min live tail of topic soak (6 partitions, RF 1) while the workbench load generator targets ${fmtInt(rate)} records/s (~110 B values, acks=1); host (3-broker ClusterHost + workbench) and Chromium ${browser.version()} headless on the same machine. Heap = JS heap used after a forced GC (CDP). Click latency = a click on the decoder select dispatched in the page → next frame + a task.`);
    emitRow({ measurement: 'renderer JS heap after GC: start → end', value: `${fmtNum(heapStart, 1)} → ${fmtNum(heapEnd, 1)} MB`, note: `Δ ${fmtNum(heapEnd - heapStart, 1)} MB over ${fmtNum(elapsedS / 60, 1)} min; samples ${samples.map((s) => fmtNum(s.heapMb, 1)).join(', ')}` });
    emitRow({ measurement: `click → next frame, p50 / p95 / max of ${clicks.length}`, value: `${fmtNum(percentile(clicks, 50), 1)} / ${fmtNum(percentile(clicks, 95), 1)} / ${fmtNum(Math.max(...clicks), 1)} ms`, note: 'responsiveness while the tail updates 4×/s' });
    emitRow({ measurement: `frame gaps, p95 / p99 of the last ${fmtInt(gaps.length)}`, value: `${fmtNum(percentile(gaps, 95), 1)} / ${fmtNum(percentile(gaps, 99), 1)} ms` });
    emitRow({ measurement: 'load generator: achieved rate (mean of samples) / records acknowledged', value: `${fmtInt(achievedAvg)} rec/s / ${fmtInt(generator.sent)}`, note: `target ${fmtInt(rate)} rec/s; ${fmtInt(generator.errors)} errors` });
    emitRow({ measurement: 'live tail: records seen by the host / dropped before the renderer', value: `${fmtInt(shownRecords)} / ${fmtInt(dropped)}`, note: 'the tail ships ≤ 500 records per 250 ms poll and keeps 5,000 in the renderer ring; the rest is counted as dropped' });
  } finally {
    if (loadId) await workbench.stopLoadGenerator(loadId).catch(() => {});
    await browser.close();
    hub.close();
    await server.close();
    await workbench.close();
    await host.close();
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
