/**
 * Playwright fixtures: a fresh serve-mode Kafka Lab per test (real ClusterHost, brokers and UI
 * on free ports), started as a child process and awaited through its readiness line — never a
 * fixed sleep — plus a kafkajs client on the same cluster and a screenshot helper.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { tmpdir } from 'node:os';
import { buildRenderer, rendererBuildIsStale } from '../src/main/serve/renderer-build';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readyTimeoutMs = 60_000;

export interface Lab {
  /** UI URL carrying the access token (full control). */
  url: string;
  /** UI URL without the token (read-only view). */
  readOnlyUrl: string;
  bootstrap: string[];
  seed: number;
  process: ChildProcess;
  output: () => string;
}

/** Starts `serve` on free ports and resolves with what its readiness line says. */
export async function startLab(extraArgs: string[] = []): Promise<Lab> {
  // Issue 15: labs keep their data on disk by default; a test asks for a lab directory (--data-dir / --lab) or runs in memory, never in the user's data directory.
  const storageArgs = extraArgs.some((a) => a === '--data-dir' || a === '--lab' || a === '--in-memory') ? [] : ['--in-memory'];
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/main/serve/cli.ts', '--brokers', '3', '--port', '0', '--ui-port', '0', '--no-build', ...storageArgs, ...extraArgs], {
    // The serve token is kept in the user's settings; tests keep theirs out of the real ~/.config.
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', KAFKA_LAB_CONFIG_DIR: process.env.KAFKA_LAB_CONFIG_DIR ?? join(tmpdir(), 'kafka-lab-e2e-settings'), KAFKA_LAB_DATA_DIR: process.env.KAFKA_LAB_DATA_DIR ?? join(tmpdir(), 'kafka-lab-e2e-data') },
  });
  let output = '';
  const ready = new Promise<Lab>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve was not ready within ${readyTimeoutMs} ms:\n${output}`)), readyTimeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('kafka-lab serve ready '));
      if (!line) return;
      clearTimeout(timer);
      const field = (name: string) => new RegExp(`(?:^| )${name}=(\\S+)`).exec(line)?.[1] ?? '';
      if (field('host') !== 'embedded') return reject(new Error(`serve runs the ${field('host')} host, not the embedded cluster:\n${output}`));
      resolve({ url: field('url'), readOnlyUrl: field('readonly-url'), bootstrap: field('bootstrap').split(','), seed: Number(field('seed')), process: child, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited with ${code} before it was ready:\n${output}`)); });
  });
  return ready;
}

/** Stops the child started by startLab (by its own pid) and waits for it to exit. */
export async function stopLab(lab: Lab): Promise<void> {
  if (lab.process.exitCode !== null) return;
  const exited = new Promise((resolve) => lab.process.once('exit', resolve));
  lab.process.kill('SIGTERM');
  const timer = setTimeout(() => lab.process.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

type Fixtures = {
  lab: Lab;
  kafka: Kafka;
  shot: (name: string) => Promise<void>;
  /**
   * Saves the page in the light, dark and projector themes (`<test>--<name>--<theme>.png`), switching
   * with the theme picker as a user would, and puts the theme that was showing back afterwards.
   */
  shotThemes: (name: string) => Promise<void>;
};
type WorkerFixtures = { rendererBuild: void };

export const test = base.extend<Fixtures, WorkerFixtures>({
  // Build the UI once per worker, before any server starts, so the servers can skip the check.
  // Playwright reads fixture dependencies from the destructuring pattern; none here.
  // eslint-disable-next-line no-empty-pattern
  rendererBuild: [async ({}, use) => {
    if (await rendererBuildIsStale(root)) await buildRenderer(root);
    await use();
  }, { scope: 'worker', auto: true, timeout: 180_000 }],
  // eslint-disable-next-line no-empty-pattern
  lab: async ({}, use) => {
    const lab = await startLab();
    await use(lab);
    await stopLab(lab);
  },
  kafka: async ({ lab }, use) => {
    await use(new Kafka({ clientId: 'kafka-lab-e2e', brokers: lab.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 1000 } }));
  },
  shot: async ({ page }, use, testInfo) => {
    const dir = join(root, 'e2e/screenshots');
    mkdirSync(dir, { recursive: true });
    const slug = testInfo.titlePath.slice(1).join(' ').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    await use(async (name: string) => {
      await page.screenshot({ path: join(dir, `${slug}--${name}.png`) });
    });
  },
  shotThemes: async ({ page }, use, testInfo) => {
    const dir = join(root, 'e2e/screenshots');
    mkdirSync(dir, { recursive: true });
    const slug = testInfo.titlePath.slice(1).join(' ').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    await use(async (name: string) => {
      const picker = page.getByTestId('theme-select');
      const showing = await picker.inputValue();
      for (const theme of ['light', 'dark', 'projector']) {
        await picker.selectOption(theme);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await page.screenshot({ path: join(dir, `${slug}--${name}--${theme}.png`) });
      }
      await picker.selectOption(showing);
    });
  },
});

export { expect };
export type { Page };
