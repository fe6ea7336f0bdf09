import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';

/** The simulated time the stamp shows, as "HH:MM:SS.mmm". */
async function stampTime(page: import('@playwright/test').Page): Promise<string> {
  const text = (await page.getByTestId('sim-stamp').textContent()) ?? '';
  return /(\d\d:\d\d:\d\d\.\d\d\d)/.exec(text)?.[1] ?? '';
}

test('pause freezes simulated time and says what that means for clients; step advances it; speed changes', async ({ page, lab, shot }) => {
  const app = new AppPage(page);
  // Snapshot patches as they arrive on the socket: a patch that changes nothing no longer changes the
  // store's snapshot (applySnapshotPatch returns its base since 3b805e3), so count frames instead.
  let patches = 0;
  page.on('websocket', (ws) => ws.on('framereceived', (frame) => { if (typeof frame.payload === 'string' && frame.payload.includes('"channel":"snapshotPatch"')) patches++; }));
  await app.open(lab.url);
  await page.getByTestId('sim-pause').click();
  await expect(page.getByTestId('sim-stamp')).toContainText('PAUSED');
  await expect(page.getByTestId('pause-note')).toContainText('their request, session and transaction timeouts keep running');
  const frozen = await stampTime(page);
  // Still frozen after two more snapshot pushes have arrived (they keep coming while paused) and a frame has been drawn.
  const seen = patches;
  await expect.poll(() => patches).toBeGreaterThanOrEqual(seen + 2);
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
  expect(await stampTime(page)).toBe(frozen);
  await shot('paused');

  await page.getByTestId('sim-step').click();
  await expect.poll(() => stampTime(page)).not.toBe(frozen);

  await page.getByTestId('sim-resume').click();
  await page.getByTestId('sim-speed-0.1').click();
  await expect(page.getByTestId('sim-stamp')).toContainText('0.1×');
  await expect(page.getByTestId('sim-speed-0.1')).toHaveAttribute('aria-pressed', 'true');

  await page.getByTestId('timezone-select').selectOption('Asia/Tokyo');
  await expect(page.getByTestId('sim-stamp')).toContainText('Asia/Tokyo');
  // Hosted simulated time starts at the wall clock (not a fixed epoch): Tokyo's hour is UTC+9 of it.
  const simMs = await page.evaluate(() => (window as unknown as { __kafkaLabStore: { getState(): { snapshot: { simTimeMs: number } } } }).__kafkaLabStore.getState().snapshot.simTimeMs);
  const tokyoHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', hourCycle: 'h23' }).format(simMs);
  await expect(page.getByTestId('sim-stamp')).toContainText(` ${tokyoHour}:`);
  await shot('slow-tokyo');
});

test('Export session downloads a replayable trace of the run', async ({ page, lab, shot }) => {
  const app = new AppPage(page);
  await app.open(lab.url);
  const button = page.getByTestId('export-session');
  await expect(button).toBeEnabled();
  await expect(button.locator('..')).toHaveAttribute('title', /replayTrace\(traceFromJson/);
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^kafka-lab-session-seed${lab.seed}-.*\\.json$`));
  const path = await download.path();
  const trace = JSON.parse(await (await import('node:fs/promises')).readFile(path, 'utf8')) as { seed: number; config: { startTimeMs: number }; inputLog: unknown[]; endTimeMs: number };
  expect(trace.seed).toBe(lab.seed);
  expect(trace.endTimeMs).toBeGreaterThanOrEqual(trace.config.startTimeMs);
  expect(Array.isArray(trace.inputLog)).toBe(true);
  await expect(page.getByTestId('export-session-result')).toContainText('saved kafka-lab-session-seed');
  await shot('export-session');
});
