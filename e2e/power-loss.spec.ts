/**
 * Issue 15, power loss: the partition panel shows each replica's flushed offset beside its
 * logEndOffset with the explainer of why Kafka relies on replication; "Power loss" is offered where
 * "Kill" is, its tooltip says what it drops, and pressing it on the only replica of an RF=1 topic
 * drops the unflushed records — the timeline says how many and which offsets. Every wait is on what
 * the UI shows.
 */
import { Kafka } from 'kafkajs';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { TopicPage } from './pages/topic-page';
import { TopicsPage } from './pages/topics-page';

async function nonControllerBroker(kafka: Kafka): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { controller, brokers } = await admin.describeCluster();
    return brokers.map((b) => b.nodeId).filter((id) => id !== controller).sort((a, b) => a - b)[0]!;
  } finally {
    await admin.disconnect();
  }
}

test('Power loss drops the records above the flushed offset, which the partition panel shows beside logEndOffset', async ({ page, lab, kafka, shot }) => {
  const brokerId = await nonControllerBroker(kafka);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'solo', replicaAssignment: [{ partition: 0, replicas: [brokerId] }] }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  await producer.send({ topic: 'solo', acks: 1, messages: Array.from({ length: 20 }, (_, i) => ({ value: `r${i}` })) });
  await producer.disconnect();

  await new AppPage(page).open(lab.url);
  const topics = new TopicsPage(page);
  await topics.open();
  await topics.openTopic('solo');
  await new TopicPage(page).selectReplica(0, brokerId);
  const panel = page.getByTestId('partition-panel');
  await expect(panel).toBeVisible();

  // Kafka's defaults never fsync on their own: all 20 records are above the flushed offset 0.
  const flushed = page.getByTestId(`flushed-${brokerId}`);
  await expect(flushed).toHaveText('0 / 20 (20 unflushed)');
  await expect(flushed).toHaveAttribute('title', /20 record offsets above the flushed offset 0: in the OS page cache only/);
  await expect(page.getByTestId('flushed-explanation')).toContainText('Kafka relies on replication with acks=all instead');

  // Offered beside Kill, with a tooltip that says exactly what it drops.
  await expect(page.getByTestId(`panel-kill-${brokerId}`)).toBeVisible();
  const powerLoss = page.getByTestId(`panel-power-loss-${brokerId}`);
  await expect(powerLoss).toHaveText('Power loss');
  await expect(powerLoss).toHaveAttribute('title', /crashes as with Kill, and the OS page cache goes with it\. Each of its replicas loses every record above its flushed offset/);
  await shot('before');

  await powerLoss.click();
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText(`power loss on broker ${brokerId}: solo-0 lost 20 records (offsets 0–19) above its flushed offset 0`);
  await expect(timeline).toContainText('solo-0: records LOST, offsets [0, 20): 20 records (power loss');
  await expect(timeline).toContainText(`broker ${brokerId} stopped (power loss`);
  await shot('after-power-loss');

  // Back up, the broker recovers what was flushed: nothing.
  await page.getByTestId(`panel-start-${brokerId}`).click();
  await expect(flushed).toHaveText('0 / 0');
  await shot('restarted');
  // The Storage view names the same offset, with the same explanation.
  await page.getByTestId(`storage-solo-0-${brokerId}`).click();
  await expect(page.getByTestId('replica-flushed-offset')).toHaveText('flushed offset (recovery point) 0');
  await expect(page.getByTestId('replica-flushed-offset')).toHaveAttribute('title', /survives a process crash \(Kill\) but not a power loss/);

  // The other brokers' cards and the map offer it too.
  await page.goto(lab.url);
  const other = [1, 2, 3].find((id) => id !== brokerId)!;
  await expect(page.getByTestId(`power-loss-broker-${other}`)).toHaveAttribute('title', /loses every record above its flushed offset/);
});
