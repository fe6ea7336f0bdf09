/**
 * Issue 6: records produced from the UI and by kafkajs, seen in the message browser with their
 * partition, offset, headers and tombstones; kafkajs reads what the UI produced.
 */
import { Kafka, logLevel } from 'kafkajs';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { MessagesPage, ProducePage } from './pages/workbench-page';
import { createTopic } from './workbench-support';

test('a record produced from the UI appears in the browser at the partition and offset the panel reported, and kafkajs reads it', async ({ page, lab, kafka, shot }) => {
  await createTopic(kafka, 'payments', 3);
  const app = new AppPage(page);
  const produce = new ProducePage(page);
  const messages = new MessagesPage(page);
  await app.open(lab.url);
  await produce.open();
  const where = await produce.produce('payments', { key: 'customer-42', value: '{"amount": 12.5, "currency": "EUR"}', headers: [['trace-id', 'abc-123']] });
  await expect(page.getByTestId('partition-explanation')).toContainText(`→ partition ${where.partition}`);
  await shot('produce-result');

  await messages.open();
  await messages.scan('payments', { partition: where.partition, seek: 'offset', param: String(where.offset) });
  const row = messages.row(where.partition, where.offset);
  await expect(row).toContainText('customer-42');
  await row.click();
  await expect(messages.detail()).toContainText('trace-id');
  await expect(messages.detail()).toContainText('abc-123');
  await expect(messages.detail()).toContainText('"currency": "EUR"');
  await shot('browser-record');

  // kafkajs reads the same record back through a group consumer.
  const consumer = kafka.consumer({ groupId: 'e2e-read-back' });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: 'payments', fromBeginning: true });
    const seen = new Promise<{ partition: number; offset: string; key: string; headers: string }>((resolve) => {
      void consumer.run({ eachMessage: async ({ partition, message }) => resolve({ partition, offset: message.offset, key: String(message.key), headers: String(message.headers?.['trace-id']) }) });
    });
    expect(await seen).toEqual({ partition: where.partition, offset: String(where.offset), key: 'customer-42', headers: 'abc-123' });
  } finally {
    await consumer.disconnect();
  }
});

test('records produced by kafkajs with headers and a null value show with their headers and as a tombstone', async ({ page, lab, kafka, shot }) => {
  await createTopic(kafka, 'customers', 1);
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic: 'customers', acks: -1, messages: [
      { key: 'c-1', value: '{"name":"Ada"}', headers: { source: 'crm', version: '2' } },
      { key: 'c-1', value: null, headers: { reason: 'gdpr-erasure' } },
    ] });
  } finally {
    await producer.disconnect();
  }
  const app = new AppPage(page);
  const messages = new MessagesPage(page);
  await app.open(lab.url);
  await messages.open();
  await messages.scan('customers');
  await expect(messages.row(0, 0)).toContainText('Ada');
  await expect(messages.row(0, 0)).toContainText('2 hdr');
  const tombstone = messages.row(0, 1);
  await expect(tombstone).toContainText('tombstone');
  await expect(tombstone).toHaveClass(/wb-row-tombstone/);
  await tombstone.click();
  await expect(page.getByTestId('record-headers')).toContainText('reason');
  await expect(page.getByTestId('record-headers')).toContainText('gdpr-erasure');
  await expect(messages.detail()).toContainText('tombstone');
  await shot('tombstone-and-headers');
  await messages.row(0, 0).click();
  await expect(page.getByTestId('record-headers')).toContainText('source');
  await expect(page.getByTestId('record-headers')).toContainText('crm');
  await shot('headers');
});

test('a produce refused by the broker shows the Kafka error in plain words', async ({ page, lab, kafka, shot }) => {
  const admin = kafka.admin();
  await admin.connect();
  let follower: number;
  try {
    await admin.createTopics({ topics: [{ topic: 'strict', numPartitions: 1, replicationFactor: 3, configEntries: [{ name: 'min.insync.replicas', value: '3' }] }], waitForLeaders: true });
    const { controller } = await admin.describeCluster();
    const leader = (await admin.fetchTopicMetadata({ topics: ['strict'] })).topics[0]!.partitions[0]!.leader;
    // A follower that is not the controller: the point is the ISR, not a controller election.
    follower = [1, 2, 3].find((b) => b !== leader && b !== controller)!;
  } finally {
    await admin.disconnect();
  }
  const app = new AppPage(page);
  const produce = new ProducePage(page);
  await app.open(lab.url);
  await app.stopBroker(follower);
  await produce.open();
  await page.getByTestId('produce-topic').selectOption('strict');
  await page.getByTestId('produce-key').fill('k');
  await page.getByTestId('produce-value').fill('needs three replicas');
  await page.getByTestId('produce-send').click();
  const error = page.getByTestId('produce-error');
  await expect(error).toHaveAttribute('data-error', 'NOT_ENOUGH_REPLICAS', { timeout: 30_000 });
  await expect(error).toContainText('only 2 of 3 replicas in sync, topic requires 3');
  await shot('not-enough-replicas');
});

test('the live tail follows a load generator started from the UI, capped and counting what it dropped', async ({ page, lab, kafka, shot }) => {
  await createTopic(kafka, 'clicks', 3);
  const app = new AppPage(page);
  const produce = new ProducePage(page);
  const messages = new MessagesPage(page);
  await app.open(lab.url);
  await messages.open();
  await page.getByTestId('browser-topic').selectOption('clicks');
  await page.getByTestId('browser-tail').click();
  await expect(page.getByTestId('scan-progress')).toHaveAttribute('data-state', 'running');
  // The produce tab unmounts the browser (ending its tail); start the generator, then tail again.
  await produce.open();
  await page.getByTestId('load-topic').selectOption('clicks');
  await page.getByTestId('load-rate').fill('3000');
  await page.getByTestId('load-keys').selectOption('zipf');
  await page.getByTestId('load-start').click();
  await expect(page.getByTestId('load-list')).toContainText('kafka-lab-ui-load-');
  await messages.open();
  await page.getByTestId('browser-topic').selectOption('clicks');
  await page.getByTestId('browser-tail').click();
  await expect(page.getByTestId('tail-dropped')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('record-row').first()).toBeVisible();
  await shot('live-tail');
  await page.getByTestId('browser-stop').click();
  await expect(page.getByTestId('scan-progress')).toHaveAttribute('data-state', 'stopped');
  await produce.open();
  await page.getByTestId('load-list').getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('load-list')).toHaveCount(0);
});

test('a scan of a topic with a leaderless partition reads the other partitions and says why the one failed', async ({ page, lab, kafka, shot }) => {
  await createTopic(kafka, 'single-copy', 3, 1);
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'single-copy', messages: [0, 1, 2].map((partition) => ({ partition, key: `k${partition}`, value: `on partition ${partition}` })) });
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  const leader = (await admin.fetchTopicMetadata({ topics: ['single-copy'] })).topics[0]!.partitions.find((p) => p.partitionId === 1)!.leader;
  await admin.disconnect();

  const app = new AppPage(page);
  const messages = new MessagesPage(page);
  await app.open(lab.url);
  await app.stopBroker(leader);
  // Brokers learn from the controller's metadata log that the partition went offline a moment
  // after the stop; a scan started before that would be sent to the stopped broker's address
  // (NETWORK_EXCEPTION, also true in Kafka). Wait until every running broker reports no leader.
  await expect.poll(() => partitionOneLeaders(lab.bootstrap, leader), { timeout: 30_000 }).toEqual([-1, -1]);
  await messages.open();
  await messages.scan('single-copy');
  await expect(messages.row(0, 0)).toBeVisible();
  await expect(messages.row(2, 0)).toBeVisible();
  await expect(messages.row(1, 0)).toHaveCount(0);
  const failed = page.getByTestId('failed-partition');
  await expect(failed).toHaveAttribute('data-partition', '1');
  await expect(failed).toContainText('LEADER_NOT_AVAILABLE');
  await expect(failed).toContainText('single-copy-1 has no leader');
  await shot('leaderless-partition');
});

/** Partition 1's leader of topic single-copy as each running broker's own Metadata answers it. */
async function partitionOneLeaders(bootstrap: string[], stoppedBrokerId: number): Promise<number[]> {
  const leaders: number[] = [];
  for (const [index, address] of bootstrap.entries()) {
    if (index + 1 === stoppedBrokerId) continue;
    const kafka = new Kafka({ clientId: 'e2e-metadata-probe', brokers: [address], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const admin = kafka.admin();
    try {
      await admin.connect();
      const topic = (await admin.fetchTopicMetadata({ topics: ['single-copy'] })).topics[0]!;
      leaders.push(topic.partitions.find((p) => p.partitionId === 1)!.leader);
    } catch (error) {
      // kafkajs refuses a Metadata answer with a leaderless partition: that is the answer we wait for.
      let cause: unknown = error;
      while (cause && (cause as { type?: string }).type !== 'LEADER_NOT_AVAILABLE') cause = (cause as { cause?: unknown }).cause;
      leaders.push(cause ? -1 : -2);
    } finally {
      await admin.disconnect();
    }
  }
  return leaders;
}
