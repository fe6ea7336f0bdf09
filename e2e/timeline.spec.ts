/**
 * The timeline carries a failover story across a page refresh (issue 12): after a broker kill,
 * the reloaded page shows the kill, the elections and the ISR changes of the user's topic on the
 * first screen of the timeline, the __consumer_offsets moves folded into one expandable line each,
 * and the throughput chart reaching back before the refresh (the host's metric history).
 */
import type { Kafka } from 'kafkajs';
import { expect, test, type Page } from './fixtures';
import { AppPage } from './pages/app-page';
import { TopicsPage } from './pages/topics-page';
import { partitionsOrNull } from './workbench-support';

/** Produces acks=all in a loop until stopped, so the chart has a rate and the failover has clients. */
function keepProducing(kafka: Kafka, topic: string) {
  const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1000 } });
  const stats = { acked: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        await producer.connect();
        break;
      } catch {
        // The cluster may be busy; try again.
      }
    }
    let n = 0;
    while (running) {
      try {
        await producer.send({ topic, acks: -1, messages: Array.from({ length: 5 }, () => ({ key: `k${n % 7}`, value: `record ${n++}` })) });
        stats.acked++;
      } catch {
        // Leaderless for a moment during the failover: kafkajs retries, the loop goes on.
      }
    }
    await producer.disconnect().catch(() => {});
  })();
  return { stats, stop: async () => { running = false; await loop; } };
}

/** True when the element lies wholly inside the timeline's scroll area as it is now (no scrolling). */
async function onFirstScreen(page: Page, text: string): Promise<boolean> {
  return page.evaluate((needle) => {
    const body = document.querySelector('[data-testid="timeline"] .timeline-body');
    if (!body || body.scrollTop !== 0) return false;
    const area = body.getBoundingClientRect();
    const lines = [...body.querySelectorAll('[data-testid="timeline-line"], [data-testid="timeline-fold"]')];
    return lines.some((line) => {
      const box = line.getBoundingClientRect();
      return (line.textContent ?? '').includes(needle) && box.top >= area.top - 1 && box.bottom <= area.bottom + 1;
    });
  }, text);
}

test('after a broker kill, a refresh still shows the kill, the elections and the ISR changes on the first screen, internal moves folded, charts backfilled', async ({ page, lab, kafka, shotThemes }) => {
  test.setTimeout(180_000);
  const app = new AppPage(page);
  const topics = new TopicsPage(page);
  await app.open(lab.url);
  await topics.open();
  await topics.createTopic('orders', 3, 3);

  // A consumer group that commits creates __consumer_offsets (50 partitions over the 3 brokers);
  // it leaves before the kill, so the story is the partitions', not a rebalance.
  const consumer = kafka.consumer({ groupId: 'story', sessionTimeout: 10_000 });
  const producing = keepProducing(kafka, 'orders');
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: 'orders', fromBeginning: true });
    let consumed = 0;
    await consumer.run({ autoCommitInterval: 200, eachMessage: async () => { consumed++; } });
    await expect.poll(() => consumed, { timeout: 60_000 }).toBeGreaterThan(20);
    const admin = kafka.admin();
    await admin.connect();
    await expect.poll(async () => (await admin.listTopics()).includes('__consumer_offsets')).toBe(true);
    await expect.poll(async () => (await admin.fetchOffsets({ groupId: 'story', topics: ['orders'] }))[0]!.partitions.some((p) => Number(p.offset) > 0)).toBe(true);
    await consumer.disconnect();
    const metadata = await admin.fetchTopicMetadata({ topics: ['orders'] });
    const victim = metadata.topics[0]!.partitions.find((p) => p.partitionId === 0)!.leader;

    // Traffic for long enough that the chart has history to lose.
    await expect.poll(() => producing.stats.acked, { timeout: 60_000 }).toBeGreaterThan(30);
    await app.showOverview();
    await page.getByTestId(`kill-broker-${victim}`).click();
    // The failover, as a Kafka client sees it (not through the timeline, so that on the old code this
    // test fails where the issue says: after the refresh).
    await expect.poll(async () => (await partitionsOrNull(admin, 'orders'))?.every((p) => p.leader !== victim && !p.isr.includes(victim)) ?? false, { timeout: 60_000 }).toBe(true);
    await admin.disconnect();
    const acked = producing.stats.acked;
    await expect.poll(() => producing.stats.acked, { timeout: 60_000 }).toBeGreaterThan(acked + 10);

    await page.reload();
    await expect(page.getByTestId('broker-grid')).toBeVisible();
    await expect(page.getByTestId('timeline-line').first()).toBeVisible();
    const story = [
      `broker ${victim} stopped (killed)`,
      `broker ${victim} fenced by the controller: no heartbeat within broker.session.timeout.ms`,
      `orders-0: leader ${victim} →`,
      `removed [${victim}]`,
      '__consumer_offsets partitions: leader moved to',
      '__consumer_offsets partitions: ISR shrank',
    ];
    for (const text of story) await expect.poll(() => onFirstScreen(page, text), { message: `"${text}" on the timeline's first screen` }).toBe(true);
    // Each of the user's partitions that had the victim in its ISR says so on its own line.
    for (const partition of [0, 1, 2]) await expect.poll(() => onFirstScreen(page, `orders-${partition}: ISR shrank, removed [${victim}]`)).toBe(true);
    await expect(page.getByTestId('timeline-fold').first()).toBeVisible();
    // No __consumer_offsets partition is listed on its own until a fold is opened.
    expect(await page.getByTestId('timeline-line').filter({ hasText: '__consumer_offsets-' }).filter({ hasText: /leader|ISR/ }).count()).toBe(0);

    // A late joiner (a read-only viewer opening now) gets the same story.
    const viewer = await page.context().newPage();
    await viewer.goto(lab.readOnlyUrl);
    await expect(viewer.getByTestId('read-only-badge')).toBeVisible();
    for (const text of [`broker ${victim} stopped (killed)`, `orders-0: leader ${victim} →`, '__consumer_offsets partitions: leader moved to']) {
      await expect.poll(() => onFirstScreen(viewer, text), { message: `"${text}" on the late joiner's first screen` }).toBe(true);
    }
    await viewer.close();

    // The chart of orders reaches back before the refresh.
    await topics.open();
    await topics.openTopic('orders');
    const chart = page.getByTestId('throughput-chart-body');
    await expect.poll(async () => Number(await chart.getAttribute('data-span-sec')), { message: 'throughput chart reaches back before the refresh' }).toBeGreaterThan(15);
    await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThan(10);

    await shotThemes('folded');
    const fold = page.getByTestId('timeline-fold').filter({ hasText: 'leader moved to' }).first();
    const count = Number(await fold.getAttribute('data-count'));
    expect(count).toBeGreaterThan(1);
    await fold.click();
    await expect(fold).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByTestId('timeline-member').filter({ hasText: /__consumer_offsets-\d+: leader/ }).first()).toBeVisible();
    await shotThemes('expanded');
  } finally {
    await producing.stop();
    await consumer.disconnect().catch(() => {});
  }
});
