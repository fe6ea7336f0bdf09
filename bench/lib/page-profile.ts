// A CPU profile of a page over a while (Chrome DevTools Protocol Profiler, 100 µs sampling), printed
// as self and inclusive time by function; with the unminified renderer build of `buildForProfile`,
// functions keep their names. Used by the UI benches' --profile.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { repoDir } from './native';

/** The renderer built without minification into `dir`. */
export async function buildForProfile(dir: string): Promise<void> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({ configFile: false, root: join(repoDir, 'src/renderer'), base: './', logLevel: 'warn', plugins: [react()], build: { outDir: dir, emptyOutDir: true, minify: false, reportCompressedSize: false, chunkSizeWarningLimit: 5000 } });
}

/** Profiles the page while `work` runs; prints the top functions by self and inclusive ms, GC included. */
export async function profilePage(page: Page, label: string, work: () => Promise<void>): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await work();
  const { profile } = await cdp.send('Profiler.stop');
  // PROFILE_DIR=<dir>: also keep the raw profile (open it in Chrome's DevTools, Performance tab).
  if (process.env.PROFILE_DIR) writeFileSync(join(process.env.PROFILE_DIR, `${label.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`), JSON.stringify(profile));
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = (id: number) => { const f = byId.get(id)!.callFrame; return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`; };
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const ms = (dt[i] ?? 0) / 1000;
    self.set(keyOf(id), (self.get(keyOf(id)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(keyOf(at));
    for (const k of seen) total.set(k, (total.get(k) ?? 0) + ms);
  });
  const skip = (k: string) => k.startsWith('(idle)') || k.startsWith('(program)') || k.startsWith('(root)');
  const top = (m: Map<string, number>, count: number) => [...m].filter(([k]) => !skip(k)).sort((a, b) => b[1] - a[1]).slice(0, count);
  console.log(`\n# profile, ${label}: self ms`);
  for (const [k, ms] of top(self, 30)) console.log(`${ms.toFixed(1).padStart(8)}  ${k}`);
  console.log('# total (inclusive) ms');
  for (const [k, ms] of top(total, 45)) console.log(`${ms.toFixed(1).padStart(8)}  ${k}`);
  await cdp.detach();
}
