/**
 * Time travel (issue 13): produce, stop the broker that leads the partition, wait for the new
 * leader, step the scrubber back to just before the fault and see the earlier leader and ISR in
 * the topic detail (with the banner and the live controls disabled), then back to live.
 */
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { TopicPage } from './pages/topic-page';
import { TopicsPage } from './pages/topics-page';

test('scrubbing back to before a leader stopped shows the earlier leader and ISR; back to live shows the current ones', async ({ page, lab, kafka, shotThemes }) => {
  const app = new AppPage(page);
  const topics = new TopicsPage(page);
  const topic = new TopicPage(page);
  await app.open(lab.url);
  await topics.open();
  await topics.createTopic('ledger', 1, 3);
  await topics.openTopic('ledger');
  await expect.poll(() => topic.isrList(0)).toHaveLength(3);

  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  for (let i = 0; i < 5; i++) await producer.send({ topic: 'ledger', acks: -1, messages: Array.from({ length: 4 }, (_, j) => ({ key: `k${j}`, value: `record ${i}-${j}` })) });
  await producer.disconnect();
  await expect.poll(() => topic.number(topic.highWatermark(0))).toBe(20);
  const oldLeader = await topic.number(topic.leader(0));
  const oldEpoch = await topic.number(topic.epoch(0));
  await expect(page.getByTestId('time-travel-live')).toBeVisible();

  // The fault: a controlled stop of the leader; the controller moves leadership at once.
  await topic.selectReplica(0, oldLeader);
  await page.getByTestId(`panel-stop-${oldLeader}`).click();
  await expect.poll(() => topic.number(topic.leader(0))).not.toBe(oldLeader);
  await expect.poll(() => topic.isrList(0)).not.toContain(oldLeader);
  const newLeader = await topic.number(topic.leader(0));
  const newIsr = await topic.isrList(0);
  expect(newIsr).toHaveLength(2);
  await expect(page.locator('[data-testid="time-travel-mark"][data-kind="fault"]').first()).toBeAttached();

  // Step back through the marks until the scrubber stands just before the broker stopped.
  const stepBack = page.getByTestId('step-back-event');
  const landed = page.getByTestId('time-travel-landed');
  for (let i = 0; i < 12; i++) {
    await stepBack.click();
    await expect(landed).toBeVisible();
    if (((await landed.textContent()) ?? '').includes(`broker ${oldLeader} stopped`)) break;
  }
  await expect(landed).toHaveText(`broker ${oldLeader} stopped`);
  await expect(page.getByTestId('time-travel-loading')).toHaveCount(0);
  const banner = page.getByTestId('time-travel-banner');
  await expect(banner).toContainText('Viewing the cluster at');
  await expect(banner).toContainText('(simulated; the live cluster keeps running)');

  // Every number in the topic detail is the earlier one: leader, epoch, full ISR, highWatermark, the old leader's replica online.
  await expect.poll(() => topic.number(topic.leader(0))).toBe(oldLeader);
  expect(await topic.number(topic.epoch(0))).toBe(oldEpoch);
  expect(await topic.isrList(0)).toHaveLength(3);
  expect(await topic.number(topic.highWatermark(0))).toBe(20);
  await expect(topic.replica(0, oldLeader)).not.toHaveAttribute('data-role', 'offline');
  // The timeline ends at that moment.
  await expect(page.getByTestId('timeline-past-note')).toBeVisible();
  await expect(page.getByTestId('timeline')).not.toContainText(`leader ${oldLeader} → ${newLeader}`);

  // Controls that act on the live cluster are disabled, and say why.
  await topic.selectReplica(0, oldLeader);
  const stop = page.getByTestId(`panel-stop-${oldLeader}`);
  await expect(stop).toBeDisabled();
  await expect(stop).toHaveAttribute('title', /Viewing the past: this acts on the live cluster/);
  await shotThemes('past-before-fault');
  // The cluster overview shows the same moment: the stopped broker still running, its Stop disabled.
  await page.getByTestId('tab-overview').click();
  await expect(page.getByTestId(`broker-card-${oldLeader}`)).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId(`stop-broker-${oldLeader}`)).toBeDisabled();
  await shotThemes('past-overview');
  await page.getByTestId('tab-topic').click();

  // One mark further back, then forward again: the step buttons visit the marks in both directions.
  await stepBack.click();
  await expect(landed).not.toHaveText(`broker ${oldLeader} stopped`);
  await page.getByTestId('step-forward-event').click();
  await expect(landed).toHaveText(`broker ${oldLeader} stopped`);
  await expect(page.getByTestId('time-travel-loading')).toHaveCount(0);
  await expect.poll(() => topic.number(topic.leader(0))).toBe(oldLeader);

  // Back to live (the banner's button): the current leader and ISR again, controls enabled.
  await page.getByTestId('back-to-live').click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('time-travel-live')).toBeVisible();
  await expect.poll(() => topic.number(topic.leader(0))).toBe(newLeader);
  expect(await topic.isrList(0)).toEqual(newIsr);
  await expect(page.getByTestId(`panel-start-${oldLeader}`)).toBeEnabled();
  await shotThemes('live-after-fault');

  // Keyboard: the slider moves back with the arrow keys; Escape returns to live.
  const slider = page.getByTestId('time-travel-slider');
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('time-travel-loading')).toHaveCount(0);
  // The session's first moment: the topic was created later.
  await expect(page.getByTestId('topic-missing')).toContainText('Topic ledger did not exist at the moment shown');
  await page.keyboard.press('Escape');
  await expect(banner).toHaveCount(0);
  await expect.poll(() => topic.number(topic.leader(0))).toBe(newLeader);
});
