/**
 * Issue 12, "Running it": the page loads without a single 4xx/5xx (the favicon included), the
 * Clients view names kafkajs clients as kafkajs (inferred: kafkajs sends no KIP-511 name) and the
 * UI's own clients as the workbench's, a taken broker port is named beside the bootstrap, and the
 * simulation controls do what their labels say (Step 100 ms steps 100 ms, 0.1× runs slower).
 */
import type { Page } from '@playwright/test';
import { occupyEphemeralPort } from '../src/broker/host/testing/occupied-port';
import { expect, startLab, stopLab, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { ClientsPage, ProducePage } from './pages/workbench-page';
import { createTopic } from './workbench-support';

/** The store's simulated time (ms), read as the stamp shows it. */
function simTimeMs(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __kafkaLabStore: { getState(): { snapshot: { simTimeMs: number } } } }).__kafkaLabStore.getState().snapshot.simTimeMs);
}

test('the page loads with no 4xx or 5xx response and no failed request (favicon included)', async ({ page, lab }) => {
  const bad: string[] = [];
  page.on('response', (response) => { if (response.status() >= 400) bad.push(`${response.status()} ${response.url()}`); });
  page.on('requestfailed', (request) => bad.push(`failed ${request.url()}: ${request.failure()?.errorText}`));
  await new AppPage(page).open(lab.url);
  // Let the browser finish whatever it fetches after the first frame (its favicon probe included).
  await page.waitForLoadState('networkidle');
  expect(bad).toEqual([]);
  // Headless Chromium skips the favicon, a desktop browser does not: it fetches the icon the page
  // declares, or else /favicon.ico (the 404 of issue 12). Fetch what a desktop browser would.
  const declared = await page.locator('link[rel="icon"]').count() > 0 ? await page.locator('link[rel="icon"]').getAttribute('href') : null;
  const iconResponse = await page.request.get(new URL(declared ?? '/favicon.ico', page.url()).toString());
  expect(`${iconResponse.status()} ${declared ?? '/favicon.ico'}`).toMatch(/^200 /);
  expect(iconResponse.headers()['content-type']).toContain('image/svg+xml');
});

test('the clients view names kafkajs clients kafkajs (inferred) and the UI\'s own clients as the workbench\'s', async ({ page, lab, shotThemes }) => {
  const { Kafka, logLevel } = await import('kafkajs');
  const kafka = new Kafka({ clientId: 'e2e-running-orders', brokers: lab.bootstrap, logLevel: logLevel.NOTHING });
  await createTopic(kafka, 'running-orders', 3);
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic: 'running-orders', messages: [0, 1, 2].map((partition) => ({ partition, value: `v${partition}` })) });
    await new AppPage(page).open(lab.url);
    const produce = new ProducePage(page);
    await produce.open();
    await produce.produce('running-orders', { key: 'ui', value: 'from the panel' });
    const clients = new ClientsPage(page);
    await clients.open();
    // Every connection of the test's kafkajs producer, on every broker: not "unknown".
    const rows = clients.rows('e2e-running-orders');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    for (const software of await rows.getByTestId('client-software').all()) {
      await expect(software).toHaveText('kafkajs (inferred)');
      await expect(software).toHaveAttribute('title', /^Inferred, not reported: .*ApiVersions v2/);
    }
    const ui = clients.rows('kafka-lab-ui-producer').first();
    await expect(ui).toContainText('UI');
    await expect(ui.getByTestId('client-software')).toHaveText('kafkajs (inferred)');
    await expect(page.getByTestId('clients-table').getByText('unknown', { exact: true })).toHaveCount(0);
    await shotThemes('clients');
  } finally {
    await producer.disconnect();
  }
});

test('Step 100 ms advances simulated time by exactly 100 ms, and 0.1× runs it at most a tenth as fast', async ({ page, lab, shotThemes }) => {
  await new AppPage(page).open(lab.url);
  await page.getByTestId('sim-pause').click();
  await expect(page.getByTestId('sim-stamp')).toContainText('PAUSED');
  const before = await simTimeMs(page);
  await page.getByTestId('sim-step').click();
  await expect.poll(() => simTimeMs(page)).toBe(before + 100);
  await shotThemes('paused');
  await page.getByTestId('sim-resume').click();
  await page.getByTestId('sim-speed-0.1').click();
  await expect(page.getByTestId('sim-stamp')).toContainText('0.1×');
  // Simulated time may fall behind under load, never run ahead: an upper bound cannot flake.
  const simStart = await simTimeMs(page);
  const wallStart = Date.now();
  await expect.poll(async () => Date.now() - wallStart, { timeout: 10_000 }).toBeGreaterThan(2000);
  const simElapsed = (await simTimeMs(page)) - simStart;
  const wallElapsed = Date.now() - wallStart;
  expect(simElapsed).toBeLessThan(wallElapsed * 0.1 + 300);
  await shotThemes('slow');
});

test('a taken broker port is named beside the bootstrap, with the ports chosen', async ({ page, shotThemes }) => {
  const blocker = await occupyEphemeralPort();
  const taken = (blocker.address() as { port: number }).port;
  const lab = await startLab(['--port', String(taken)]);
  try {
    expect(lab.output()).toContain(`kafka-lab serve: port ${taken} is in use; the brokers listen on`);
    await new AppPage(page).open(lab.url);
    const notice = page.getByTestId('port-notice');
    await expect(notice).toHaveText(`port ${taken} is in use`);
    const chosen = lab.bootstrap.map((address) => Number(address.split(':')[1]));
    await expect(notice).toHaveAttribute('title', `port ${taken} is in use; the brokers listen on ${chosen[0]}-${chosen[2]} instead of ${taken}-${taken + 2}. Point clients at the bootstrap shown here.`);
    await shotThemes('port-notice');
  } finally {
    await stopLab(lab);
    blocker.close();
  }
});
