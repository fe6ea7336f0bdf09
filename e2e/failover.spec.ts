import type { Kafka } from 'kafkajs';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { TopicPage } from './pages/topic-page';
import { TopicsPage } from './pages/topics-page';

/** Produces acks=all in a loop until stopped; counts acknowledged batches and errors. */
function keepProducing(kafka: Kafka, topic: string) {
  const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1000 } });
  const stats = { acked: 0, errors: [] as string[] };
  let running = true;
  const loop = (async () => {
    // Connecting can fail while the cluster is busy; keep trying rather than end the loop.
    for (;;) {
      try {
        await producer.connect();
        break;
      } catch (error) {
        stats.errors.push(`connect: ${error instanceof Error ? error.message : String(error)}`);
        if (!running) return;
      }
    }
    let n = 0;
    while (running) {
      try {
        await producer.send({ topic, acks: -1, messages: [{ key: `k${n % 7}`, value: `record ${n++}` }] });
        stats.acked++;
      } catch (error) {
        stats.errors.push(error instanceof Error ? error.message : String(error));
      }
    }
    await producer.disconnect();
  })();
  return { stats, stop: async () => { running = false; await loop; } };
}

test('stopping the leader elects a new leader with a higher epoch and shrinks the ISR while kafkajs keeps producing; restarting expands it', async ({ page, lab, kafka, shot }) => {
  const app = new AppPage(page);
  const topics = new TopicsPage(page);
  const topic = new TopicPage(page);
  await app.open(lab.url);
  await topics.open();
  await topics.createTopic('payments', 1, 3);
  await topics.openTopic('payments');
  await expect.poll(() => topic.isrList(0)).toHaveLength(3);

  const producing = keepProducing(kafka, 'payments');
  try {
    await expect.poll(() => producing.stats.acked).toBeGreaterThan(20);
    const oldLeader = await topic.number(topic.leader(0));
    const oldEpoch = await topic.number(topic.epoch(0));
    await shot('before-stop');

    await topic.selectReplica(0, oldLeader);
    await page.getByTestId(`panel-stop-${oldLeader}`).click();
    await expect.poll(() => topic.number(topic.leader(0))).not.toBe(oldLeader);
    await expect.poll(() => topic.number(topic.epoch(0))).toBeGreaterThan(oldEpoch);
    await expect.poll(() => topic.isrList(0)).not.toContain(oldLeader);
    expect(await topic.isrList(0)).toHaveLength(2);
    await expect(topic.replica(0, oldLeader)).toHaveAttribute('data-role', 'offline');
    await expect(page.getByTestId('timeline')).toContainText('payments-0: leader');

    const ackedAfterStop = producing.stats.acked;
    await expect.poll(() => producing.stats.acked, { timeout: 30_000 }).toBeGreaterThan(ackedAfterStop + 20);
    await shot('after-stop');
    // The stopped broker was the preferred leader: the election is not offered, and the panel says why.
    const panelHeading = (await page.getByTestId('partition-panel').locator('h2').textContent()) ?? '';
    if (Number(/preferred leader (\d+)/.exec(panelHeading)?.[1]) === oldLeader) {
      await expect(page.getByTestId('elect-preferred')).toBeDisabled();
      await expect(page.getByTestId('elect-preferred-reason')).toContainText(`Broker ${oldLeader} is stopped: Kafka would answer PREFERRED_LEADER_NOT_AVAILABLE`);
      await shot('preferred-election-unavailable');
    }

    await page.getByTestId(`panel-start-${oldLeader}`).click();
    await expect.poll(() => topic.isrList(0), { timeout: 60_000 }).toContain(oldLeader);
    expect(await topic.isrList(0)).toHaveLength(3);
    await expect(page.getByTestId('timeline')).toContainText('ISR expanded');
    const ackedAfterStart = producing.stats.acked;
    await expect.poll(() => producing.stats.acked).toBeGreaterThan(ackedAfterStart + 5);
    await shot('after-restart');

    // The restarted broker is the preferred leader again only after a preferred-leader election.
    expect(await topic.number(topic.leader(0))).not.toBe(oldLeader);
    const epochBeforeElection = await topic.number(topic.epoch(0));
    await page.getByTestId('elect-preferred').click();
    await expect.poll(() => topic.number(topic.leader(0))).toBe(oldLeader);
    expect(await topic.number(topic.epoch(0))).toBeGreaterThan(epochBeforeElection);
    await expect(page.getByTestId('timeline')).toContainText('(preferred)');
    await shot('after-preferred-election');
    await app.showOverview();
    await shot('overview-after-restart');
  } finally {
    await producing.stop();
  }
});

test('killing the leader (no controlled shutdown) moves leadership only after the controller stops hearing from it', async ({ page, lab, kafka, shot }) => {
  const app = new AppPage(page);
  const topics = new TopicsPage(page);
  const topic = new TopicPage(page);
  await app.open(lab.url);
  await topics.open();
  await topics.createTopic('audit', 1, 3);
  await topics.openTopic('audit');
  await expect.poll(() => topic.isrList(0)).toHaveLength(3);
  const producing = keepProducing(kafka, 'audit');
  try {
    await expect.poll(() => producing.stats.acked, { message: `kafkajs acks; errors: ${producing.stats.errors.slice(-3).join(' | ')}` }).toBeGreaterThan(10);
    const oldLeader = await topic.number(topic.leader(0));
    const oldEpoch = await topic.number(topic.epoch(0));
    await topic.selectReplica(0, oldLeader);
    await page.getByTestId(`panel-kill-${oldLeader}`).click();
    await expect(topic.replica(0, oldLeader)).toHaveAttribute('data-role', 'offline');
    await expect(page.getByTestId('leader-down-note')).toBeVisible();
    await shot('killed-before-fencing');
    // broker.session.timeout.ms (9 s of simulated time) passes before the controller fences it.
    await expect.poll(() => topic.number(topic.leader(0)), { timeout: 30_000 }).not.toBe(oldLeader);
    expect(await topic.number(topic.epoch(0))).toBeGreaterThan(oldEpoch);
    await expect(page.getByTestId('timeline')).toContainText(`broker ${oldLeader} stopped (killed)`);
    await expect(page.getByTestId('leader-down-note')).toHaveCount(0);
    const acked = producing.stats.acked;
    await expect.poll(() => producing.stats.acked, { timeout: 30_000, message: `kafkajs acks after the failover; errors: ${producing.stats.errors.slice(-3).join(' | ')}` }).toBeGreaterThan(acked + 10);
    await shot('killed-after-fencing');
  } finally {
    await producing.stop();
  }
});
