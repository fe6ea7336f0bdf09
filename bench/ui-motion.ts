// UI benchmark: the frame time of the cluster map's animation (records in motion, issue 14) at 100
// partitions — a serve-mode lab with 3 brokers, one topic of 100 partitions at RF 3, a kafkajs
// producer (acks=-1, 100-message batches spread over every partition) and a kafkajs consumer
// group — drawn by the real renderer in Debian's Chromium. requestAnimationFrame deltas are
// recorded for --seconds with the Motion overlay on, then with it off (same page, same traffic) as
// the baseline; p50 and p95 are reported against the 16.7 ms budget of 60 fps, as a ratio.
//   tsx bench/ui-motion.ts [--partitions 100] [--seconds 8]
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { buildRenderer, rendererBuildIsStale } from '../src/main/serve/renderer-build';
import { repoDir } from './lib/native';
import { emitNote, emitRow, fmtNum } from './lib/report';

const arg = (flag: string, fallback: number) => { const i = process.argv.indexOf(flag); return i >= 0 ? Number(process.argv[i + 1]) : fallback; };
const partitions = arg('--partitions', 100);
const seconds = arg('--seconds', 8);
const BUDGET_MS = 1000 / 60;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Starts `serve` (3 brokers, free ports) and resolves with its UI URL and bootstrap once it prints its readiness line. */
function startServe(): Promise<{ child: ChildProcess; url: string; bootstrap: string[] }> {
  const child = spawn(join(repoDir, 'node_modules/.bin/tsx'), ['src/main/serve/cli.ts', '--brokers', '3', '--port', '0', '--ui-port', '0', '--no-build', '--in-memory'], { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('kafka-lab serve ready '));
      if (!line) return;
      const field = (name: string) => new RegExp(`(?:^| )${name}=(\\S+)`).exec(line)?.[1] ?? '';
      resolve({ child, url: field('url'), bootstrap: field('bootstrap').split(',') });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
}

/** rAF deltas (ms) over `ms` of wall time, recorded in the page. */
async function frameDeltas(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const deltas = [];
    let last = performance.now();
    const end = last + ${ms};
    const frame = (now) => {
      deltas.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(frame); else resolve(deltas);
    };
    requestAnimationFrame(frame);
  })`) as Promise<number[]>;
}

async function main(): Promise<void> {
  if (await rendererBuildIsStale(repoDir)) await buildRenderer(repoDir);
  const lab = await startServe();
  const kafka = new Kafka({ clientId: 'bench-motion', brokers: lab.bootstrap, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'motion', numPartitions: partitions, replicationFactor: 3 }] });
  await admin.disconnect();
  const producer = new Kafka({ clientId: 'bench-motion-producer', brokers: lab.bootstrap, logLevel: logLevel.NOTHING }).producer();
  const consumer = new Kafka({ clientId: 'bench-motion-consumer', brokers: lab.bootstrap, logLevel: logLevel.NOTHING }).consumer({ groupId: 'bench-motion', maxWaitTimeInMs: 200 });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: 'motion', fromBeginning: false });
  await consumer.run({ eachMessage: async () => {} });
  let running = true;
  let sent = 0;
  const producing = (async () => {
    while (running) {
      await producer.send({ topic: 'motion', acks: -1, messages: Array.from({ length: 100 }, (_, i) => ({ key: `k${(sent + i) % 1000}`, value: 'x'.repeat(100) })) }).catch(() => undefined);
      sent += 100;
    }
  })();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(lab.url);
    await page.getByTestId('motion-toggle').waitFor();
    // Wait until packets are being drawn (the overlay's own counts).
    await page.waitForFunction(`(() => { const el = document.querySelector('[data-testid=motion-counts]'); return el && Number(el.dataset.produce) + Number(el.dataset.replicate) > 0; })()`, undefined, { timeout: 60_000 });
    const packets: number[] = [];
    const sampler = setInterval(() => void page.evaluate(`(() => { const d = document.querySelector('[data-testid=motion-counts]').dataset; return Number(d.produce) + Number(d.replicate) + Number(d.response) + Number(d.fetch); })()`).then((n) => packets.push(n as number), () => undefined), 250);
    const on = await frameDeltas(page, seconds * 1000);
    clearInterval(sampler);
    await page.getByTestId('motion-toggle').click();
    await page.waitForFunction(`document.querySelector('[data-testid=map-overlays]').dataset.motion === 'off'`);
    const off = await frameDeltas(page, seconds * 1000);
    const [p50On, p95On, p50Off, p95Off] = [percentile(on, 50), percentile(on, 95), percentile(off, 50), percentile(off, 95)];
    const load = loadavg()[0]!.toFixed(1);
    const meanPackets = packets.length ? packets.reduce((a, b) => a + b, 0) / packets.length : 0;
    emitNote(`ui-motion: ${partitions} partitions RF 3, 3 brokers, kafkajs acks=-1 producer (${fmtNum(sent / 1000)}k records sent) and a consumer group; ${seconds} s of rAF deltas with Motion on (${on.length} frames, ${fmtNum(meanPackets)} packets drawn on average), then off (${off.length} frames); Chromium ${browser.version()}, ${availableParallelism()} cores, load average ${load}. Ratio = p95 ÷ 16.7 ms (≤ 1 = 60 fps held).`);
    emitRow({ measurement: `UI, cluster map animation at ${partitions} partitions: frame time p50 / p95 with Motion on`, value: `${fmtNum(p50On)} / ${fmtNum(p95On)} ms`, peer: `Motion off: ${fmtNum(p50Off)} / ${fmtNum(p95Off)} ms; budget 16.7 ms`, ratio: `${(p95On / BUDGET_MS).toFixed(2)}× of budget (p95)` });
    if (!process.env.BENCH_RUNNER) console.log(`| ui-motion | on p50 ${fmtNum(p50On)} p95 ${fmtNum(p95On)} ms | off p50 ${fmtNum(p50Off)} p95 ${fmtNum(p95Off)} ms | p95/16.7 = ${(p95On / BUDGET_MS).toFixed(2)} | load ${load} | packets ${fmtNum(meanPackets)} |`);
  } finally {
    running = false;
    await producing;
    await browser.close();
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    lab.child.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
