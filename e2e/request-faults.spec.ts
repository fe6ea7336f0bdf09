/**
 * Issue 18, request faults from the UI: in the Clients view, arm "fail Produce
 * NOT_LEADER_OR_FOLLOWER ×3" for one kafkajs client; the client lives through it (retries, every
 * record once), the armed rule counts down and disappears, and the timeline names the client it hit.
 * A bad count is refused inline and sends nothing.
 */
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { ClientsPage } from './pages/workbench-page';
import { createTopic } from './workbench-support';

test('a request fault armed in the Clients view hits only the chosen client, which retries through it; the timeline names the client', async ({ page, lab, shotThemes }) => {
  const { Kafka, logLevel } = await import('kafkajs');
  const kafka = new Kafka({ clientId: 'e2e-faulty-app', brokers: lab.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 50 } });
  await createTopic(kafka, 'fault-orders', 1);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await new AppPage(page).open(lab.url);
    const clients = new ClientsPage(page);
    await clients.open();
    const panel = page.getByTestId('request-faults');
    await expect(panel.getByTestId('request-faults-none')).toHaveText('No request fault is armed.');

    await test.step('a count of 0 is refused inline; nothing is armed', async () => {
      await page.getByTestId('fault-count').fill('0');
      await page.getByTestId('fault-arm').click();
      await expect(page.getByTestId('fault-error-count')).toHaveText('A whole number of requests, 1 to 10,000');
      await expect(panel.getByTestId('request-faults-none')).toBeVisible();
    });

    await test.step('arm fail Produce NOT_LEADER_OR_FOLLOWER ×3 for client e2e-faulty-app on topic fault-orders', async () => {
      await expect(page.getByTestId('fault-api')).toHaveValue('Produce');
      await expect(page.getByTestId('fault-error')).toHaveValue('NOT_LEADER_OR_FOLLOWER');
      await page.getByTestId('fault-count').fill('3');
      await page.getByTestId('fault-topic').selectOption('fault-orders');
      await page.getByTestId('fault-client').fill('e2e-faulty-app');
      await expect(page.getByTestId('fault-arm')).toHaveAttribute('title', 'Arm: fail Produce NOT_LEADER_OR_FOLLOWER ×3 (topic fault-orders, client e2e-faulty-app)');
      await page.getByTestId('fault-arm').click();
      await expect(page.getByTestId('fault-answer')).toHaveText(/^Armed: request fault \d+: fail Produce NOT_LEADER_OR_FOLLOWER ×3 \(topic fault-orders, client e2e-faulty-app\)$/);
      await expect(panel.getByTestId('request-fault-progress')).toHaveText('0 hit, 3 to go');
      await shotThemes('request-fault-armed');
    });

    await test.step('the client retries through three NOT_LEADER_OR_FOLLOWER answers; each record lands once; the rule is used up', async () => {
      await producer.send({ topic: 'fault-orders', acks: -1, messages: Array.from({ length: 5 }, (_, i) => ({ value: `o-${i}` })) });
      await expect(panel.getByTestId('request-faults-none')).toBeVisible();
      const hits = page.getByTestId('timeline').getByText(/injected fault \d+: Produce from client e2e-faulty-app on broker \d+ → NOT_LEADER_OR_FOLLOWER/);
      await expect(hits).toHaveCount(3);
      await expect(page.getByTestId('timeline').getByText(/→ NOT_LEADER_OR_FOLLOWER \(rule used up\)$/)).toHaveCount(1);
      const offsets = await kafka.admin();
      await offsets.connect();
      try {
        expect(await offsets.fetchTopicOffsets('fault-orders')).toMatchObject([{ partition: 0, high: '5' }]);
      } finally {
        await offsets.disconnect();
      }
      await shotThemes('request-fault-used-up');
    });

    await test.step('a delay rule armed and removed before any request: Remove disarms it', async () => {
      await page.getByTestId('fault-kind').selectOption('delay');
      await page.getByTestId('fault-delay').fill('2500');
      await page.getByTestId('fault-api').selectOption('Fetch');
      await page.getByTestId('fault-topic').selectOption('');
      await page.getByTestId('fault-client').fill('nobody-has-this-id');
      await page.getByTestId('fault-arm').click();
      await expect(panel.getByTestId('request-fault-text')).toHaveText(/^#\d+ delay Fetch 2500 ms ×3 \(client nobody-has-this-id\)$/);
      await panel.getByTestId('request-fault-remove').click();
      await expect(panel.getByTestId('request-faults-none')).toBeVisible();
      await expect(page.getByTestId('timeline').getByText(/request fault \d+ removed$/)).toHaveCount(1);
    });
  } finally {
    await producer.disconnect();
  }
});
