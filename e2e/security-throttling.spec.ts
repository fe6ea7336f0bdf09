/**
 * Issue 16: the Security view's "Throttled now" lists the clients the brokers throttle, with real
 * traffic. Quotas are set with the view's own form: producer_byte_rate 10 KB/s for the client-id
 * of a kafkajs producer sending 20 KB batches, and request_percentage 0.0001 % for the client-id
 * of a kafkajs admin listing topics in a loop. While they run, each shows in the table with its
 * quota, measured rate, throttle time and muting; once removed and idle, the table empties.
 */
import { Kafka, logLevel } from 'kafkajs';
import { expect, startLab, stopLab, test, type Lab, type Page } from './fixtures';
import { AppPage } from './pages/app-page';

let lab: Lab;
test.beforeAll(async () => {
  lab = await startLab();
});
test.afterAll(async () => {
  if (lab) await stopLab(lab);
});

async function setQuota(page: Page, clientId: string, key: string, value: string): Promise<void> {
  await page.getByTestId('quota-client-id').fill(clientId);
  await page.getByTestId('quota-key').selectOption(key);
  await page.getByTestId('quota-value').fill(value);
  await page.getByTestId('set-quota-submit').click();
  await expect(page.getByTestId('quota-row').filter({ hasText: `client-id=${clientId}` })).toContainText(key);
}

test('Throttled now shows producer_byte_rate and request_percentage throttling of real clients', async ({ page, shotThemes }) => {
  const app = new AppPage(page);
  await app.open(lab.url);
  await page.getByTestId('tab-security').click();
  await expect(page.getByTestId('throttled-empty')).toHaveText('No client is being throttled.');
  await setQuota(page, 'slow-producer', 'producer_byte_rate', '10240');
  await setQuota(page, 'busy-admin', 'request_percentage', '0.0001');

  const kafka = (clientId: string): Kafka => new Kafka({ clientId, brokers: lab.bootstrap, logLevel: logLevel.NOTHING });
  const setup = kafka('throttling-setup').admin();
  await setup.connect();
  await setup.createTopics({ topics: [{ topic: 'throttled', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
  await setup.disconnect();
  const producer = kafka('slow-producer').producer();
  const admin = kafka('busy-admin').admin();
  await producer.connect();
  await admin.connect();
  let running = true;
  const traffic = Promise.all([
    (async () => {
      while (running) await producer.send({ topic: 'throttled', messages: [{ value: Buffer.alloc(20 * 1024, 120) }] });
    })(),
    (async () => {
      while (running) await admin.listTopics();
    })(),
  ]);
  try {
    const produceRow = page.locator('[data-testid="throttled-row"][data-client-id="slow-producer"]');
    await expect(produceRow).toContainText('producer_byte_rate 10240 bytes/s');
    await expect(produceRow).toContainText('ANONYMOUS');
    const requestRow = page.locator('[data-testid="throttled-row"][data-client-id="busy-admin"]').first();
    await expect(requestRow).toContainText('request_percentage 0.0001 %');
    // Throttle times are positive and bounded: a request quota's by one quota window (1 s by default).
    const requestThrottle = Number((await requestRow.locator('td').nth(5).innerText()).replace(' ms', ''));
    expect(requestThrottle).toBeGreaterThan(0);
    expect(requestThrottle).toBeLessThanOrEqual(1000);
    const produceThrottle = Number((await produceRow.locator('td').nth(5).innerText()).replace(' ms', ''));
    expect(produceThrottle).toBeGreaterThan(0);
    await expect(page.getByRole('columnheader', { name: 'Muted for' })).toHaveAttribute('title', 'How long the broker still reads nothing from its connection (KIP-219 muting)');
    await page.getByTestId('throttled-table').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shotThemes('throttled-now');
  } finally {
    running = false;
    await traffic.catch(() => {});
    await producer.disconnect();
    await admin.disconnect();
  }
  // Without traffic the throttled list empties (a row stays at most 2 s after its last throttle).
  await expect(page.getByTestId('throttled-empty')).toBeVisible({ timeout: 30_000 });
});
