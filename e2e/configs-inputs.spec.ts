/**
 * Issue 12: broker configs editable with their sources, the retention hint, internal topics
 * labelled and counted apart, and inputs checked inline in Kafka's words (create-topic form,
 * load generator), each with the reason a disabled button gives.
 */
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { TopicsPage } from './pages/topics-page';

test('broker configs: a dynamic config is edited with its source shown, a static one is read-only, a bad value is refused inline', async ({ page, lab, kafka, shotThemes }) => {
  const app = new AppPage(page);
  await app.open(lab.url);
  await page.getByTestId('tab-broker-configs').click();
  await expect(page.getByTestId('broker-configs')).toBeVisible();
  await page.getByTestId('broker-config-scope').selectOption('1');
  await expect(page.getByTestId('broker-config-scope-hint')).toContainText('broker 1 only');

  // A static config: read-only, its source the start-up config, and the reason in the row.
  await page.getByTestId('broker-config-filter').fill('num.partitions');
  await expect(page.getByTestId('config-value-num.partitions')).toHaveText('3');
  await expect(page.getByTestId('config-num.partitions')).toHaveCount(0);
  await expect(page.getByTestId('config-source-num.partitions')).toContainText('STATIC_BROKER_CONFIG');
  await expect(page.getByTestId('config-row-num.partitions')).toContainText('static: set at start (--config name=value)');
  await expect(page.getByTestId('config-row-num.partitions').locator('.config-static')).toHaveAttribute('title', /Cannot update these configs dynamically/);

  // A dynamic config: a bad value is refused in Kafka's words, a good one is applied on broker 1 only.
  await page.getByTestId('broker-config-filter').fill('log.retention.ms');
  await expect(page.getByTestId('config-source-log.retention.ms')).toContainText('DEFAULT_CONFIG');
  await page.getByTestId('config-log.retention.ms').fill('soon');
  await page.getByTestId('config-save-log.retention.ms').click();
  await expect(page.getByTestId('config-error-log.retention.ms')).toContainText('INVALID_CONFIG: Invalid value soon for configuration log.retention.ms');
  await page.getByTestId('config-log.retention.ms').fill('3600000');
  await page.getByTestId('config-save-log.retention.ms').click();
  await expect(page.getByTestId('config-source-log.retention.ms')).toContainText('DYNAMIC_BROKER_CONFIG');
  await expect(page.getByTestId('config-error-log.retention.ms')).toHaveCount(0);
  await page.getByTestId('broker-config-filter').fill('log.retention');
  await shotThemes('broker-configs');

  // The cluster agrees, over the wire: broker 1 has the dynamic value, broker 2 does not.
  const admin = kafka.admin();
  await admin.connect();
  try {
    const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 4, name: '1', configNames: ['log.retention.ms'] }, { type: 4, name: '2', configNames: ['log.retention.ms'] }] });
    const value = (name: string) => described.resources.find((r) => r.resourceName === name)!.configEntries[0]!;
    expect(value('1')).toMatchObject({ configValue: '3600000', configSource: 2 });
    expect(value('2').configValue).not.toBe('3600000');
  } finally {
    await admin.disconnect();
  }
});

test('topics: internal topics labelled and counted apart, auto-creation explained, the retention hint, and the create form checked in Kafka\'s words', async ({ page, lab, kafka, shotThemes }) => {
  const app = new AppPage(page);
  const topics = new TopicsPage(page);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic: 'metrics.cpu', numPartitions: 3, replicationFactor: 3 }] });
    // A FindCoordinator makes the group coordinator create __consumer_offsets.
    await admin.fetchOffsets({ groupId: 'configs-e2e', topics: ['metrics.cpu'] });
  } finally {
    await admin.disconnect();
  }
  await app.open(lab.url);
  await expect(page.getByTestId('metric-topics')).toContainText('(+1 internal)');
  await expect(page.getByTestId('metric-topics').locator('.metric-value')).toHaveText('1');
  await expect(page.getByTestId('metric-partitions')).toContainText('3');
  await expect(page.getByTestId('metric-partitions')).toContainText('internal)');

  await topics.open();
  await expect(page.getByTestId('internal-badge-__consumer_offsets')).toBeVisible();
  await expect(page.getByTestId('internal-badge-metrics.cpu')).toHaveCount(0);
  await expect(page.getByTestId('topics-count')).toContainText('1 topic (+1 internal)');
  await expect(page.getByTestId('delete-topic-__consumer_offsets')).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('auto-create-hint')).toContainText('auto-creates it with 3 partitions (num.partitions = 3) and replication factor 3 (default.replication.factor = 3)');

  // The create form: a colliding name, an exponent, a decimal; Create says why it is disabled.
  await page.getByTestId('open-create-topic').click();
  await page.getByTestId('create-name').fill('metrics_cpu');
  await page.getByTestId('create-partitions').fill('1e3');
  await page.getByTestId('create-replicationFactor').fill('2.5');
  await expect(page.getByTestId('error-name')).toContainText("INVALID_TOPIC_EXCEPTION: Topic 'metrics_cpu' collides with existing topic: metrics.cpu");
  await expect(page.getByTestId('error-partitions')).toContainText('"1e3" is not a whole number');
  await expect(page.getByTestId('error-replicationFactor')).toContainText('"2.5" is not a whole number');
  await expect(page.getByTestId('create-topic-disabled-reason')).toHaveText('Create is disabled: Fix name, partitions, replication factor first.');
  await expect(page.getByTestId('create-topic-submit')).toHaveAttribute('data-disabled', 'true');
  await shotThemes('create-form-errors');
  await page.getByTestId('create-topic-submit').click();
  await expect(page.getByTestId('topic-row-metrics_cpu')).toHaveCount(0);
  await page.getByTestId('create-name').fill('__transaction_state');
  await expect(page.getByTestId('error-name')).toContainText('is an internal topic');
  await page.getByTestId('create-name').fill('orders');
  await page.getByTestId('create-partitions').fill('-1');
  await expect(page.getByTestId('error-partitions')).toHaveText('Partitions must be at least 1, got -1.');
  await page.getByTestId('create-partitions').fill('3');
  await page.getByTestId('create-replicationFactor').fill('3');
  await expect(page.getByTestId('create-topic-disabled-reason')).toHaveCount(0);

  // The retention hint on a topic: when each broker checks next, and the rule with the topic's values.
  await topics.openTopic('metrics.cpu');
  const hint = page.getByTestId('retention-hint');
  await expect(hint.getByTestId('retention-check')).toHaveCount(3);
  await expect(hint.getByTestId('retention-check').first()).toContainText(/broker \d: next retention check in \d+m( \d+s)? \(log\.retention\.check\.interval\.ms = 300000, every 5m\)/);
  await expect(hint).toContainText('whose newest record is older than retention.ms = 604800000 (7d)');
  await expect(hint).toContainText('segment.ms = 604800000 (7d)');
  await hint.scrollIntoViewIfNeeded();
  await shotThemes('retention-hint');
});

test('load generator: records/s and keys are checked inline with their range, and Start says why it is disabled', async ({ page, lab, kafka, shotThemes }) => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic: 'load', numPartitions: 3, replicationFactor: 3 }] });
  } finally {
    await admin.disconnect();
  }
  const app = new AppPage(page);
  await app.open(lab.url);
  await page.getByTestId('tab-produce').click();
  const rate = page.getByTestId('load-rate');
  for (const [typed, message] of [['abc', '"abc" is not a whole number: Records/s takes digits only, 1–50,000.'], ['-5', '"-5" is not a whole number'], ['1e9', '"1e9" is not a whole number'], ['1000000000', 'Records/s must be 1–50,000, got 1,000,000,000.']] as const) {
    await rate.fill(typed);
    await expect(page.getByTestId('load-error-rate')).toContainText(message);
    await expect(page.getByTestId('load-start')).toHaveAttribute('data-disabled', 'true');
    await expect(page.getByTestId('load-start-disabled-reason')).toHaveText('Start is disabled: Fix records/s first.');
  }
  await page.getByTestId('load-key-count').fill('0');
  await expect(page.getByTestId('load-error-keyCount')).toContainText('1–100,000');
  await page.getByTestId('load-generator').scrollIntoViewIfNeeded();
  await shotThemes('load-generator-errors');
  // Clicking the disabled Start sends nothing.
  await page.getByTestId('load-start').click();
  await expect(page.getByTestId('load-list')).toHaveCount(0);
  await rate.fill('50');
  await page.getByTestId('load-key-count').fill('10');
  await expect(page.getByTestId('load-start-disabled-reason')).toHaveCount(0);
  await expect(page.getByTestId('load-start')).toHaveAttribute('data-disabled', 'false');
});
