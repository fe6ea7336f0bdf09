import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';

test('the app shows the three brokers of the embedded cluster and its bootstrap', async ({ page, lab, shot }) => {
  const app = new AppPage(page);
  await app.open(lab.url);
  await expect(app.brokerCards()).toHaveCount(3);
  for (const id of [1, 2, 3]) await expect(app.brokerState(id)).toHaveText('running');
  await expect(app.bootstrap()).toHaveText(lab.bootstrap.join(','));
  await expect(page.getByTestId('sim-stamp')).toContainText(`seed ${lab.seed}`);
  await expect(page.locator('.badge-controller')).toHaveCount(1);
  await expect(app.readOnlyBadge()).toHaveCount(0);
  await shot('overview');

  await page.getByTestId('theme-select').selectOption('dark');
  await shot('overview-dark');
  await page.getByTestId('theme-select').selectOption('projector');
  await shot('overview-projector');
});

/** Pairs of visible timeline lines that overlap vertically (each line is positioned by its measured height). */
async function overlappingLines(page: import('@playwright/test').Page): Promise<string[]> {
  return page.getByTestId('timeline-line').evaluateAll((lines) => {
    const boxes = lines.map((l) => ({ text: l.textContent ?? '', r: l.getBoundingClientRect() })).sort((a, b) => a.r.top - b.r.top);
    const out: string[] = [];
    for (let i = 1; i < boxes.length; i++) {
      if (boxes[i]!.r.top < boxes[i - 1]!.r.bottom - 0.5) out.push(`${boxes[i - 1]!.text} / ${boxes[i]!.text}`);
    }
    return out;
  });
}

test('timeline lines never overlap in the light, dark and projector themes, also while new events arrive on top', async ({ page, lab, kafka, shot }) => {
  const app = new AppPage(page);
  await app.open(lab.url);
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Long lines (ISR changes, leader elections with reasons) that wrap at the projector's type size.
    await admin.createTopics({ topics: [{ topic: 'a-topic-with-a-rather-long-name-for-wrapping', numPartitions: 6, replicationFactor: 3 }] });
    await expect(page.getByTestId('timeline')).toContainText('a-topic-with-a-rather-long-name-for-wrapping-5');
    for (const theme of ['light', 'dark', 'projector'] as const) {
      await page.getByTestId('theme-select').selectOption(theme);
      await expect.poll(() => overlappingLines(page)).toEqual([]);
      await shot(`timeline-${theme}`);
    }
    // Still projector: events arriving now shift every line down by one position.
    await page.getByTestId('stop-broker-3').click();
    await expect(page.getByTestId('timeline')).toContainText('ISR shrank');
    await page.getByTestId('start-broker-3').click();
    await expect(page.getByTestId('timeline')).toContainText('ISR expanded', { timeout: 60_000 });
    await expect.poll(() => overlappingLines(page)).toEqual([]);
    await shot('timeline-projector-after-new-events');
  } finally {
    await admin.disconnect();
  }
});
