import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { TopicPage } from './pages/topic-page';
import { TopicsPage } from './pages/topics-page';

test('reassigning a partition and editing a topic config from the topic view take effect in the cluster', async ({ page, lab, kafka, shot }) => {
  const app = new AppPage(page);
  const topics = new TopicsPage(page);
  const topic = new TopicPage(page);
  await app.open(lab.url);
  await topics.open();
  await topics.createTopic('ledger', 2, 2);
  await topics.openTopic('ledger');

  // Partition 0 starts on two brokers; move it to the third one plus one of the two.
  await topic.selectReplica(0, await topic.number(topic.leader(0)));
  const before = (await page.getByTestId('reassign-input').inputValue()).split(',').map(Number);
  const spare = [1, 2, 3].find((b) => !before.includes(b))!;
  const target = [spare, before[0]!];
  await page.getByTestId('reassign-input').fill(target.join(','));
  await page.getByRole('button', { name: 'Reassign' }).click();
  await expect(topic.replica(0, spare)).toBeVisible();
  await expect(topic.replica(0, before[1]!)).toHaveCount(0, { timeout: 30_000 });
  await shot('after-reassignment');

  const admin = kafka.admin();
  await admin.connect();
  try {
    await expect.poll(async () => (await admin.fetchTopicMetadata({ topics: ['ledger'] })).topics[0]!.partitions.find((p) => p.partitionId === 0)!.replicas.sort()).toEqual([...target].sort());

    const retention = page.getByTestId('config-retention.ms');
    await retention.fill('60000');
    await retention.press('Enter');
    await expect(page.getByTestId('config-editor').locator('tr', { has: retention })).toContainText('dynamic topic config');
    const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: 'ledger', configNames: ['retention.ms'] }] });
    expect(described.resources[0]!.configEntries[0]!.configValue).toBe('60000');
    await shot('config-edited');
  } finally {
    await admin.disconnect();
  }
});
