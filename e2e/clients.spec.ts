/** Issue 6: the clients view lists the test's kafkajs connections with their client.id. */
import { Kafka, logLevel } from 'kafkajs';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { ClientsPage, ProducePage } from './pages/workbench-page';
import { createTopic } from './workbench-support';

test('the clients view lists the test\'s kafkajs connections with their client.id', async ({ page, lab, shot }) => {
  const kafka = new Kafka({ clientId: 'e2e-clients-checkout', brokers: lab.bootstrap, logLevel: logLevel.NOTHING });
  await createTopic(kafka, 'checkout', 3);
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: 'e2e-clients-group' });
  await producer.connect();
  try {
    await producer.send({ topic: 'checkout', messages: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }, { key: 'c', value: '3' }] });
    const app = new AppPage(page);
    const clients = new ClientsPage(page);
    await app.open(lab.url);
    // One record from the UI too, so the UI's own producer shows next to the test's client.
    const produce = new ProducePage(page);
    await produce.open();
    await produce.produce('checkout', { key: 'ui', value: 'from the panel' });
    // And a consumer started from the Consume tab: a real client, so the brokers list it too.
    await page.getByTestId('tab-consume').click();
    await page.getByTestId('consume-topic').selectOption('checkout');
    await page.getByTestId('consume-mode').selectOption('assigned');
    await page.getByTestId('consume-start').click();
    const uiConsumer = page.getByTestId('ui-consumer').first();
    await expect(uiConsumer).toHaveAttribute('data-state', 'running');
    await expect(uiConsumer.getByTestId('consumed-count')).toHaveText('4');
    const consumerClientId = (await uiConsumer.getAttribute('data-client-id'))!;
    await shot('consume');
    await clients.open();
    await expect(clients.rows(consumerClientId).filter({ hasText: 'Fetch' }).first()).toBeVisible();
    await expect(clients.rows('e2e-clients-checkout').first()).toBeVisible();
    // kafkajs sends ApiVersions v2, which carries no client software name (KIP-511 is v3+).
    await expect(clients.rows('e2e-clients-checkout').first()).toContainText('ApiVersions v2');
    await expect(clients.rows('e2e-clients-checkout').filter({ hasText: 'Produce' }).first()).toBeVisible();
    await expect(clients.rows('kafka-lab-ui-producer').first()).toContainText('UI');
    await expect(page.locator('[data-testid="flow-node"][data-node="p:e2e-clients-checkout"]')).toBeVisible();
    // The data flow draws what the brokers saw: this producer wrote to checkout (a solid edge, not
    // inferred), and a kafkajs group that fetched checkout hangs off it.
    await expect(page.locator('[data-testid="flow-edge"][data-from="p:e2e-clients-checkout"][data-to="t:checkout"]')).toHaveAttribute('data-inferred', 'false');
    await consumer.connect();
    await consumer.subscribe({ topic: 'checkout', fromBeginning: true });
    await consumer.run({ eachMessage: async () => {} });
    await expect(page.locator('[data-testid="flow-edge"][data-from="t:checkout"][data-to="g:e2e-clients-group"]')).toHaveAttribute('data-inferred', 'false', { timeout: 20_000 });
    await shot('clients');
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
});
