import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';

/** The simulated time the stamp shows, as "HH:MM:SS.mmm". */
async function stampTime(page: import('@playwright/test').Page): Promise<string> {
  const text = (await page.getByTestId('sim-stamp').textContent()) ?? '';
  return /(\d\d:\d\d:\d\d\.\d\d\d)/.exec(text)?.[1] ?? '';
}

test('pause freezes simulated time and says what that means for clients; step advances it; speed changes', async ({ page, lab, shot }) => {
  const app = new AppPage(page);
  await app.open(lab.url);
  await page.getByTestId('sim-pause').click();
  await expect(page.getByTestId('sim-stamp')).toContainText('PAUSED');
  await expect(page.getByTestId('pause-note')).toContainText('their request, session and transaction timeouts keep running');
  const frozen = await stampTime(page);
  // Still frozen after two more snapshots have arrived (they keep coming while paused).
  await page.evaluate(() => new Promise<void>((resolve) => {
    const store = (window as unknown as { __kafkaLabStore: { subscribe(l: (s: { snapshot: unknown }, p: { snapshot: unknown }) => void): () => void } }).__kafkaLabStore;
    let seen = 0;
    const off = store.subscribe((state, previous) => { if (state.snapshot !== previous.snapshot && ++seen === 2) { off(); resolve(); } });
  }));
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
  await expect(page.getByTestId('sim-stamp')).toContainText('09:00');
  await shot('slow-tokyo');
});
