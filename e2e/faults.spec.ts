/**
 * Faults that teach the ISR and election lessons (issue 12): a cut link drops a follower from the
 * ISR after replica.lag.time.max.ms and the panel says so; unclean election — by enabling
 * unclean.leader.election.enable on an offline partition, and on demand — elects a leader and
 * reports the records lost as a half-open range; leader imbalance shows in health and its button
 * fixes it. Short replica.lag.time.max.ms, broker.session.timeout.ms and
 * unclean.leader.election.interval.ms (serve --config) keep each quick; every wait is on what the UI shows.
 */
import { Kafka, logLevel } from 'kafkajs';
import { expect, startLab, stopLab, test as base, type Lab, type Page } from './fixtures';
import { AppPage } from './pages/app-page';
import { TopicPage } from './pages/topic-page';
import { TopicsPage } from './pages/topics-page';

const LAG_MS = 3000;
const test = base.extend<{ lab: Lab }>({
  // eslint-disable-next-line no-empty-pattern
  lab: async ({}, use) => {
    const lab = await startLab([
      '--config', `replica.lag.time.max.ms=${LAG_MS}`,
      '--config', 'broker.session.timeout.ms=4000',
      '--config', 'broker.heartbeat.interval.ms=500',
      '--config', 'unclean.leader.election.interval.ms=3000',
    ]);
    await use(lab);
    await stopLab(lab);
  },
});

/** Brokers of a 3-broker lab: the active controller and the two others (the partition's leader and follower in these tests). */
async function roles(kafka: Kafka): Promise<{ controller: number; leader: number; follower: number }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { controller, brokers } = await admin.describeCluster();
    const others = brokers.map((b) => b.nodeId).filter((id) => id !== controller).sort((a, b) => a - b);
    return { controller: controller!, leader: others[0]!, follower: others[1]! };
  } finally {
    await admin.disconnect();
  }
}

async function createTopic(kafka: Kafka, topic: string, replicas: number[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, replicaAssignment: [{ partition: 0, replicas }], configEntries: [{ name: 'min.insync.replicas', value: '1' }] }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

async function produce(kafka: Kafka, topic: string, values: string[]): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: values.map((value) => ({ value })) });
  } finally {
    await producer.disconnect();
  }
}

async function openPartition(page: Page, lab: Lab, topic: string, brokerId: number): Promise<TopicPage> {
  const app = new AppPage(page);
  const topics = new TopicsPage(page);
  const topicPage = new TopicPage(page);
  await app.open(lab.url);
  await topics.open();
  await topics.openTopic(topic);
  await topicPage.selectReplica(0, brokerId);
  await expect(page.getByTestId('partition-panel')).toBeVisible();
  return topicPage;
}

/**
 * Cuts the link from the partition panel, writes `values` (acks=all: answered once the follower
 * has left the ISR, as the leader has records it lacks) and waits until the follower is out.
 */
async function cutAndWaitForShrink(page: Page, kafka: Kafka, topic: string, topicPage: TopicPage, leader: number, follower: number, values: string[]): Promise<void> {
  const faults = page.getByTestId('link-faults');
  if (await page.getByTestId('link-follower').isVisible()) await page.getByTestId('link-follower').selectOption(String(follower));
  await expect(faults.locator('h3')).toContainText(`leader broker ${leader}`);
  await expect(page.getByTestId('link-cut')).toHaveAttribute('title', new RegExp(`once the leader has a record it lacks, it leaves the ISR when it has not caught up to the leader's logEndOffset for replica.lag.time.max.ms \\(${LAG_MS} ms\\)`));
  await page.getByTestId('link-cut').click();
  await expect(page.getByTestId('link-state')).toHaveText('cut');
  await expect(page.getByTestId('link-effects')).toContainText('While no new record arrives it has everything the leader has and stays in the ISR.');
  const written = produce(kafka, topic, values);
  await expect.poll(() => topicPage.isrList(0), { timeout: 30_000 }).not.toContain(follower);
  await written;
}

function client(lab: Lab): Kafka {
  return new Kafka({ clientId: 'kafka-lab-e2e-faults', brokers: lab.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 1000 } });
}

test('a follower whose link is cut leaves the ISR after replica.lag.time.max.ms, and the panel says so', async ({ page, lab, shotThemes }) => {
  const kafka = client(lab);
  const { controller, leader, follower } = await roles(kafka);
  await createTopic(kafka, 'fault-cut', [leader, follower, controller]);
  const topicPage = await openPartition(page, lab, 'fault-cut', leader);
  await expect(page.getByTestId('link-effects')).toContainText(`Healthy link. Broker ${follower} stays in the ISR while it catches up to the leader's logEndOffset at least once every replica.lag.time.max.ms (${LAG_MS} ms)`);

  // A slow but keeping-up follower: the panel predicts it stays in, and explains the acks=all and highWatermark cost.
  await page.getByTestId('link-follower').selectOption(String(follower));
  await page.getByTestId('link-latency').fill('-5');
  await expect(page.getByTestId('link-error')).toHaveText('Latency must be a whole number of milliseconds from 0 to 60000, got "-5".');
  await expect(page.getByTestId('link-apply')).toBeDisabled();
  await page.getByTestId('link-latency').fill('200');
  await page.getByTestId('link-apply').click();
  await expect(page.getByTestId('link-state')).toHaveText('200 ms one way');
  await expect(page.getByTestId(`link-${follower}`)).toHaveText('200 ms one way');
  await expect(page.getByTestId('link-effects')).toContainText('at least 400 ms there and back: acks=all writes wait about that much longer, and the highWatermark trails');
  await expect(page.getByTestId('link-effects')).toContainText('about 800 ms), within replica.lag.time.max.ms (3000 ms): it stays in the ISR.');
  await produce(kafka, 'fault-cut', ['a', 'b']);
  expect(await topicPage.isrList(0)).toContain(follower);
  await page.getByTestId('link-faults').scrollIntoViewIfNeeded();
  await shotThemes('slow-link');

  await cutAndWaitForShrink(page, kafka, 'fault-cut', topicPage, leader, follower, ['c']);
  await expect(topicPage.replica(0, follower)).toHaveAttribute('data-role', 'out-of-sync');
  await expect(page.getByTestId('link-effects')).toContainText(`Broker ${follower} has left the ISR: it did not catch up to the leader's logEndOffset within replica.lag.time.max.ms (${LAG_MS} ms).`);
  await expect(page.getByTestId('timeline')).toContainText(`fault-cut-0: ISR shrank, removed [${follower}]`);
  await page.getByTestId('link-faults').scrollIntoViewIfNeeded();
  await shotThemes('cut-follower-left-isr');

  await page.getByTestId('link-restore').click();
  await expect(page.getByTestId('link-state')).toHaveText('normal');
  await expect(page.getByTestId('timeline')).toContainText(`link ${leader} ↔ ${follower} restored`);
  await expect.poll(() => topicPage.isrList(0), { timeout: 30_000 }).toContain(follower);
});

/**
 * fault-unclean-0 on [leader, follower] (the controller is the third broker, so the quorum stays up):
 * three records on both, the link cut, three more written — acknowledged on the leader alone once
 * the follower has left the ISR — then the leader killed — offline, with the out-of-sync follower alive.
 */
async function offlineWithStaleFollower(page: Page, lab: Lab, topic: string): Promise<{ topicPage: TopicPage; leader: number; follower: number }> {
  const kafka = client(lab);
  const { leader, follower } = await roles(kafka);
  await createTopic(kafka, topic, [leader, follower]);
  await produce(kafka, topic, ['a', 'b', 'c']);
  const topicPage = await openPartition(page, lab, topic, leader);
  await expect.poll(() => topicPage.number(topicPage.highWatermark(0))).toBe(3);
  await cutAndWaitForShrink(page, kafka, topic, topicPage, leader, follower, ['d', 'e', 'f']);
  await expect.poll(() => topicPage.number(topicPage.highWatermark(0))).toBe(6);
  await page.getByTestId(`panel-kill-${leader}`).click();
  await expect(page.getByTestId('offline-note')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('offline-note')).toContainText(`unclean.leader.election.enable is false for ${topic}`);
  await expect(page.getByTestId('elect-unclean')).toBeEnabled();
  await expect(page.getByTestId('elect-unclean')).toHaveText(`Elect unclean leader (broker ${follower})`);
  await expect(page.getByTestId('elect-unclean')).toHaveAttribute('title', /Records beyond its logEndOffset are lost for good, acknowledged ones included — here offsets \[3, 6\): 3 records held by a replica that is down/);
  return { topicPage, leader, follower };
}

async function expectLostRecords(page: Page, topicPage: TopicPage, topic: string, follower: number): Promise<void> {
  await expect.poll(() => topicPage.number(topicPage.leader(0)), { timeout: 30_000 }).toBe(follower);
  await expect(page.getByTestId('lost-records')).toContainText('Records LOST: offsets [3, 6): 3 records — unclean leader election');
  await expect(page.getByTestId('timeline')).toContainText(`${topic}-0: records LOST, offsets [3, 6): 3 records (unclean leader election`);
  await expect(page.getByTestId('timeline')).toContainText('UNCLEAN');
  await expect(page.getByTestId('elect-unclean')).toBeDisabled();
}

test('enabling unclean.leader.election.enable on an offline partition elects a leader at the controller\'s next check and reports the records lost', async ({ page, lab, shotThemes }) => {
  const { topicPage, follower } = await offlineWithStaleFollower(page, lab, 'fault-unclean');
  await page.getByTestId('partition-panel').scrollIntoViewIfNeeded();
  await shotThemes('offline-before-unclean');
  const input = page.getByTestId('config-unclean.leader.election.enable');
  await input.fill('true');
  await input.locator('xpath=..').getByRole('button', { name: 'Save' }).click();
  await expectLostRecords(page, topicPage, 'fault-unclean', follower);
  await page.getByTestId('partition-panel').scrollIntoViewIfNeeded();
  await shotThemes('after-unclean-config');
});

test('"Elect unclean leader" elects the out-of-sync replica on demand and reports the records lost', async ({ page, lab, shotThemes }) => {
  const { topicPage, follower } = await offlineWithStaleFollower(page, lab, 'fault-elect');
  await page.getByTestId('elect-unclean').click();
  await expectLostRecords(page, topicPage, 'fault-elect', follower);
  await page.getByTestId('partition-panel').scrollIntoViewIfNeeded();
  await shotThemes('after-elect-unclean');
});

test('leader imbalance shows in health with counts, and "Elect preferred leaders" fixes it', async ({ page, lab, shotThemes }) => {
  const kafka = client(lab);
  const { leader } = await roles(kafka);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'fault-balance', numPartitions: 6, replicationFactor: 3 }], waitForLeaders: true });
  await admin.disconnect();
  const app = new AppPage(page);
  await app.open(lab.url);
  await expect(page.getByTestId('health-leader-imbalance')).toHaveCount(0);
  // A broker restart (not the controller's) moves its leaderships away; they stay away until a preferred election.
  await app.stopBroker(leader);
  await app.startBroker(leader);
  await expect(page.getByTestId('health-under-replicated')).toHaveCount(0, { timeout: 30_000 });
  const reason = page.getByTestId('health-leader-imbalance');
  await expect(reason).toContainText(new RegExp(`broker ${leader} leads 0 of the \\d+ partitions it is preferred for \\(over leader\\.imbalance\\.per\\.broker\\.percentage = 10%\\)`));
  await expect(reason).toContainText(/Next automatic preferred election \(auto\.leader\.rebalance\.enable, every leader\.imbalance\.check\.interval\.seconds\): in \d/);
  await expect(reason.locator('.health-count')).not.toHaveText('0');
  await shotThemes('leader-imbalance');
  await page.getByTestId('health-leader-imbalance-action').click();
  await expect(reason).toHaveCount(0);
  await expect(page.getByTestId(`broker-leaders-${leader}`)).not.toHaveText('0');
  await shotThemes('leader-imbalance-fixed');
});
