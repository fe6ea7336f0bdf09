import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { TopicPage } from './pages/topic-page';
import { TopicsPage } from './pages/topics-page';

test('a topic created in the UI is seen by kafkajs; kafkajs produces and offsets and throughput update', async ({ page, lab, kafka, shot }) => {
  const app = new AppPage(page);
  const topics = new TopicsPage(page);
  const topic = new TopicPage(page);
  await app.open(lab.url);
  await topics.open();

  // The cluster's refusal is shown inline as well as the form's own checks.
  await topics.submitCreate('orders', 3, 4);
  await expect(page.getByTestId('error-replicationFactor')).toContainText('Only 3 brokers');
  await shot('create-validation');
  await topics.createTopic('orders', 3, 3);
  await shot('topics-table');

  const admin = kafka.admin();
  await admin.connect();
  try {
    const metadata = await admin.fetchTopicMetadata({ topics: ['orders'] });
    expect(metadata.topics[0]!.partitions).toHaveLength(3);
    expect(metadata.topics[0]!.partitions[0]!.replicas).toHaveLength(3);
  } finally {
    await admin.disconnect();
  }

  await topics.openTopic('orders');
  await expect(topic.highWatermark(0)).toHaveText('0');
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (let batch = 0; batch < 10; batch++) {
      await producer.send({ topic: 'orders', acks: -1, messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${batch}-${i}`, value: `order ${batch}-${i}` })) });
    }
    await expect(topic.records()).toHaveText('300');
    await expect.poll(async () => (await topic.number(topic.highWatermark(0))) + (await topic.number(topic.highWatermark(1))) + (await topic.number(topic.highWatermark(2)))).toBe(300);
    // Throughput is sampled from snapshots: keep producing until the chart reads non-zero.
    await expect.poll(async () => {
      await producer.send({ topic: 'orders', acks: -1, messages: Array.from({ length: 20 }, (_, i) => ({ value: `more ${i}` })) });
      return Number((await topic.throughputNow().textContent())?.match(/[\d.]+/)?.[0]);
    }, { timeout: 15_000 }).toBeGreaterThan(0);
    await topic.selectReplica(0, await topic.number(topic.leader(0)));
    await expect(page.getByTestId('partition-panel')).toBeVisible();
    await shot('topic-after-produce');
  } finally {
    await producer.disconnect();
  }
});
