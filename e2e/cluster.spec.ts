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
