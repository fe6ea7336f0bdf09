import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { TopicsPage } from './pages/topics-page';

/**
 * Issue 14, explainers: the "?" on the topic page's ISR column opens the ISR explainer beside the
 * page (its configs with Kafka's defaults, the scenario that shows it), links lead to other
 * concepts, the scenario loads from it after "replace the running cluster?", the Concepts index
 * lists every concept, and a read-only viewer reads explainers but cannot load scenarios.
 * One lab for the whole file.
 */
test('the ISR column\'s "?" opens the ISR explainer; links, loading its scenario, the Concepts index, read-only', async ({ page, lab, kafka, shotThemes }) => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
  await admin.disconnect();

  const app = new AppPage(page);
  const topics = new TopicsPage(page);
  await page.setViewportSize({ width: 1280, height: 860 });
  await app.open(lab.url);
  await topics.open();
  await topics.openTopic('orders');

  const question = page.getByTestId('isr-column-header').getByRole('button', { name: 'What is ISR?' });
  await expect(question).toHaveAttribute('title', /What is ISR\?/);
  await question.click();
  const drawer = page.getByTestId('explainer-drawer');
  await expect(drawer.getByTestId('explainer-title')).toHaveText('ISR');
  await expect(drawer.getByTestId('explainer-config-replica.lag.time.max.ms')).toContainText('replica.lag.time.max.ms');
  await expect(drawer.getByTestId('explainer-default-replica.lag.time.max.ms')).toContainText('30000');
  await expect(drawer.getByTestId('explainer-default-min.insync.replicas')).toHaveText('1');
  await expect(drawer.getByTestId('explainer-scenario-replication-and-isr')).toContainText('Replication and the ISR');
  await expect(drawer.getByTestId('load-scenario-from-explainer-replication-and-isr')).toBeEnabled();

  // The drawer sits beside the page, never over the "?" it was opened from.
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: width === 1280 ? 860 : 1080 });
    await expect(question).toBeInViewport();
    const questionBox = (await question.boundingBox())!;
    const drawerBox = (await drawer.boundingBox())!;
    expect(questionBox.x + questionBox.width).toBeLessThanOrEqual(drawerBox.x);
    await shotThemes(`isr-explainer-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 860 });

  // Keyboard: Esc closes and gives focus back to the "?"; Enter opens again.
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  await expect(question).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(drawer.getByTestId('explainer-title')).toHaveText('ISR');

  // A link to another concept, and back.
  await drawer.getByTestId('explainer-link-high-watermark').click();
  await expect(drawer.getByTestId('explainer-title')).toHaveText('High watermark');
  await expect(drawer.getByTestId('explainer-high-watermark')).toContainText('logEndOffset');
  await drawer.getByTestId('explainer-back').click();
  await expect(drawer.getByTestId('explainer-title')).toHaveText('ISR');

  // Loading the scenario asks first, then replaces the cluster as Scenarios… does.
  await drawer.getByTestId('load-scenario-from-explainer-replication-and-isr').click();
  await expect(drawer.getByTestId('confirm-load-scenario-replication-and-isr')).toBeVisible();
  await drawer.getByTestId('confirm-load-scenario-replication-and-isr').click();
  await expect(drawer.getByTestId('explainer-scenario-loaded')).toBeVisible({ timeout: 30_000 });
  // The host answers once the new cluster runs; its first snapshot follows (slower on a loaded machine).
  await expect(page.getByTestId('session-origin')).toContainText('Scenario: Replication and the ISR', { timeout: 60_000 });
  await drawer.getByTestId('explainer-close').click();
  await expect(drawer).toHaveCount(0);

  // The Concepts index lists every concept.
  await page.getByTestId('open-concepts').click();
  await expect(drawer.getByTestId('explainer-title')).toHaveText('Concepts');
  await expect(drawer.locator('[data-testid^="concept-entry-"]')).toHaveCount(18);
  for (const title of ['Producer', 'Consumer', 'Topic', 'Partition', 'Offset', 'Broker', 'Consumer group', 'Record key', 'Replication', 'ISR', 'High watermark',
    'Leader election and epochs', 'Delivery semantics', 'Idempotence', 'Transactions', 'Retention', 'Compaction', 'KRaft']) {
    await expect(drawer.getByRole('button', { name: title, exact: true })).toBeVisible();
  }
  await shotThemes('concepts-index-1280');

  // A read-only viewer reads the explainers; "Load scenario" is disabled with the read-only reason.
  const viewer = await page.context().newPage();
  try {
    await new AppPage(viewer).open(lab.readOnlyUrl);
    await viewer.getByTestId('open-concepts').click();
    await viewer.getByTestId('explainer-drawer').getByRole('button', { name: 'ISR', exact: true }).click();
    const load = viewer.getByTestId('load-scenario-from-explainer-replication-and-isr');
    await expect(load).toBeDisabled();
    await expect(load).toHaveAttribute('title', 'You can watch this cluster but not change it. Commands need the access token.');
  } finally {
    await viewer.close();
  }
});
