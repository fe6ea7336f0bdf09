/**
 * Issue 14: the cluster map is the first screen. One lab for the whole story (a lab start is the
 * expensive part): the first start shows "Start here"; one click creates the demo topic with a
 * producer and a consumer group, and the map draws them; a replica opens the topic detail at its
 * partition; stopping a leader's broker from the map greys its column and the map shows the new
 * leaders with a higher leaderEpoch and a smaller ISR. Screenshots at 1280 and 1920 px wide in the
 * light, dark and projector themes.
 */
import { expect, test, type Page } from './fixtures';

const widths = [1280, 1920] as const;

async function shootAtWidths(page: Page, shotThemes: (name: string) => Promise<void>, name: string): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 1000 });
    await shotThemes(`${width}-${name}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

interface BandFacts { leader: number; epoch: number; isr: number[] }

async function band(page: Page, partition: number): Promise<BandFacts> {
  const el = page.getByTestId(`map-band-demo-${partition}`);
  const [leader, epoch, isr] = await Promise.all([el.getAttribute('data-leader'), el.getAttribute('data-leader-epoch'), el.getAttribute('data-isr')]);
  return { leader: Number(leader), epoch: Number(epoch), isr: (isr ?? '').split(',').filter(Boolean).map(Number) };
}

test('the cluster map: start here, the demo traffic drawn, a replica opens its partition, a stopped leader fails over on the map', async ({ page, lab, shotThemes }) => {
  await page.goto(lab.url);

  await test.step('first start: "Start here" on an empty cluster, brokers drawn as columns', async () => {
    await expect(page.getByTestId('start-here')).toBeVisible();
    await expect(page.getByTestId('start-demo')).toBeEnabled();
    for (const id of [1, 2, 3]) await expect(page.getByTestId(`map-broker-state-${id}`)).toHaveText('running');
    await expect(page.locator('.map-badge-active')).toHaveCount(1);
    // The overview's cards stay on the same screen, below the map.
    await expect(page.getByTestId('broker-grid')).toBeVisible();
    await shootAtWidths(page, shotThemes, 'start-here');
  });

  await test.step('one click: demo topic, producer, leaders, followers and a consumer group with lag', async () => {
    await page.getByTestId('start-demo').click();
    await expect(page.getByTestId('cluster-map').locator('[data-testid^="map-band-demo-"]')).toHaveCount(6);
    await expect(page.getByTestId('start-here')).toHaveCount(0, { timeout: 30_000 });
    // Six leaders (filled, with their epoch) and twelve in-sync followers, on three brokers.
    await expect(page.locator('[data-testid^="map-replica-demo-"][data-role="leader"]')).toHaveCount(6);
    await expect(page.locator('[data-testid^="map-replica-demo-"][data-role="in-sync"]')).toHaveCount(12);
    const producer = page.locator('[data-testid^="map-producer-kafka-lab-ui-load-"]');
    await expect(producer).toHaveCount(1, { timeout: 30_000 });
    await expect(producer).toHaveAttribute('data-targets', /demo-\d/);
    await expect(page.locator('.map-edge-produce').first()).toBeAttached();
    const group = page.getByTestId('map-group-demo-group');
    await expect(group).toBeVisible({ timeout: 60_000 });
    await expect(group.locator('[data-testid^="map-member-"]')).toHaveCount(1, { timeout: 60_000 });
    await expect(group.locator('[data-testid^="map-member-"]')).toHaveAttribute('data-partitions', 'demo-0,1,2,3,4,5', { timeout: 60_000 });
    await expect(page.getByTestId('map-group-lag-demo-group')).toHaveText(/^lag \d+/);
    await expect(page.locator('.map-edge-consume')).toHaveCount(6);
    // The highWatermark grows as the producer writes.
    await expect.poll(async () => Number(await page.getByTestId('map-band-demo-0').getAttribute('data-high-watermark')), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(page.getByTestId('start-here')).toHaveCount(0);
    await shootAtWidths(page, shotThemes, 'demo-traffic');
    // The map names its concepts: the ISR "?" opens the ISR explainer beside the map, Esc closes it.
    await page.getByTestId('map-concepts').getByRole('button', { name: 'What is ISR?' }).click();
    await expect(page.getByTestId('explainer-drawer').getByTestId('explainer-title')).toHaveText('ISR');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('explainer-drawer')).toHaveCount(0);
  });

  await test.step('a follower replica opens the topic detail at its partition', async () => {
    const facts = await band(page, 2);
    const follower = facts.isr.find((b) => b !== facts.leader)!;
    await page.getByTestId(`map-replica-demo-2-${follower}`).locator('.chip-replica').click();
    await expect(page.getByTestId('tab-topic')).toHaveText('Topic: demo');
    await expect(page.getByTestId('partition-panel')).toContainText('demo-2');
    await page.getByTestId('tab-overview').click();
  });

  await test.step('stop a leader\'s broker from the map: its column greys, new leaders with higher epochs, smaller ISR', async () => {
    const before = await Promise.all([0, 1, 2, 3, 4, 5].map((p) => band(page, p)));
    const victim = before[0]!.leader;
    const led = before.map((b, p) => ({ ...b, p })).filter((b) => b.leader === victim);
    await page.getByTestId(`map-broker-${victim}`).click();
    await page.getByTestId(`map-stop-broker-${victim}`).click();
    await expect(page.getByTestId(`map-column-${victim}`)).toHaveAttribute('data-state', 'stopped');
    await expect(page.getByTestId(`map-broker-state-${victim}`)).toHaveText('stopped');
    for (const b of led) {
      await expect.poll(async () => {
        const now = await band(page, b.p);
        return now.leader !== victim && now.leader >= 0 && now.epoch > b.epoch && now.isr.length < b.isr.length && !now.isr.includes(victim);
      }, { message: `demo-${b.p}: a new leader with a higher leaderEpoch and a smaller ISR`, timeout: 30_000 }).toBe(true);
    }
    await expect(page.locator(`[data-testid^="map-replica-demo-"][data-testid$="-${victim}"]`).first()).toHaveAttribute('data-role', 'offline');
    await page.keyboard.press('Escape');
    await shootAtWidths(page, shotThemes, 'leader-stopped');
  });
});
