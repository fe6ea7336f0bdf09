/**
 * Issue 14, records in motion: a kafkajs producer (acks=-1) and a kafkajs consumer group against
 * one serve-mode lab. The map's overlay draws their produce batches, the followers' replication,
 * the acks and the consumer fetches (counted per kind on the overlay, data-testid motion-counts);
 * pausing the simulation freezes every packet where it is; killing a partition leader shows the
 * controller's session countdown (broker.session.timeout.ms), then the new leader with its
 * leaderEpoch and the ISR shrink. Screenshots at 1280 and 1920 px in the three themes.
 */
import { Kafka, logLevel } from 'kafkajs';
import { expect, test, type Page } from './fixtures';

const TOPIC = 'orders';

async function overlay(page: Page): Promise<{ produce: number; replicate: number; response: number; fetch: number; sample: string; simTime: string; frame: number }> {
  return page.getByTestId('motion-counts').evaluate((el: HTMLElement) => ({
    produce: Number(el.dataset.produce), replicate: Number(el.dataset.replicate), response: Number(el.dataset.response), fetch: Number(el.dataset.fetch),
    sample: el.dataset.sample ?? '', simTime: el.dataset.simTime ?? '', frame: Number(el.dataset.frame),
  }));
}

/** The overlay's state once `frames` more animation frames have been drawn. */
async function afterFrames(page: Page, frames: number) {
  const start = (await overlay(page)).frame;
  await expect.poll(async () => (await overlay(page)).frame).toBeGreaterThanOrEqual(start + frames);
  return overlay(page);
}

async function shootAtWidths(page: Page, shotThemes: (name: string) => Promise<void>, name: string, widths = [1280, 1920]): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 1000 });
    await shotThemes(`${width}-${name}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('records in motion and failover on the map', async ({ page, lab, shotThemes }) => {
  // Three lab-wide steps with 18 screenshots; a loaded machine (2 cores shared) needs more than the default.
  test.setTimeout(240_000);
  const kafka = (clientId: string) => new Kafka({ clientId, brokers: lab.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1000 } });
  const admin = kafka('motion-admin').admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 3 }] });
  await admin.disconnect();
  const producer = kafka('motion-producer').producer({ allowAutoTopicCreation: false });
  const consumer = kafka('motion-consumer').consumer({ groupId: 'orders-readers', maxWaitTimeInMs: 500 });
  let running = true;
  let sent = 0;
  await producer.connect();
  const producing = (async () => {
    while (running) {
      try {
        await producer.send({ topic: TOPIC, acks: -1, messages: [{ key: `k${sent % 5}`, value: `order ${sent}` }] });
        sent++;
      } catch {
        // Failover: kafkajs retries; the loop goes on.
      }
    }
  })();
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  await consumer.run({ eachMessage: async () => {} });

  try {
    await page.goto(lab.url);
    await expect(page.getByTestId(`map-band-${TOPIC}-0`)).toBeAttached({ timeout: 30_000 });
    await expect(page.getByTestId('motion-toggle')).toHaveAttribute('title', /moving at its speed \(frozen on pause/);

    await test.step('packets of every kind are drawn: produce, replication, acks=all responses, consumer fetches', async () => {
      const seen = { produce: 0, replicate: 0, response: 0, fetch: 0 };
      await expect.poll(async () => {
        const o = await overlay(page);
        for (const k of ['produce', 'replicate', 'response', 'fetch'] as const) seen[k] = Math.max(seen[k], o[k]);
        return Object.values(seen).every((n) => n > 0);
      }, { message: 'every kind of packet drawn at some frame', timeout: 30_000 }).toBe(true);
      // The legend shows the same counts to the user.
      await expect(page.getByTestId('motion-counts')).toContainText('produce');
      await shootAtWidths(page, shotThemes, 'traffic');
    });

    await test.step('running: packets move from frame to frame; paused: they stand still', async () => {
      const a = await afterFrames(page, 1);
      const b = await afterFrames(page, 10);
      expect(Number(b.simTime)).toBeGreaterThan(Number(a.simTime));
      // Pause while packets are on screen (retry if the moment happened to be empty).
      let frozen = '';
      for (let attempt = 0; attempt < 10 && !frozen; attempt++) {
        await page.getByTestId('sim-pause').click();
        await expect(page.getByTestId('sim-resume')).toBeVisible();
        const first = await afterFrames(page, 5);
        if (first.sample) frozen = first.sample;
        else {
          await page.getByTestId('sim-resume').click();
          await expect(page.getByTestId('sim-pause')).toBeVisible();
          await afterFrames(page, 20);
        }
      }
      expect(frozen, 'packets on screen when paused').not.toBe('');
      const later = await afterFrames(page, 12);
      expect(later.sample).toBe(frozen);
      const evenLater = await afterFrames(page, 12);
      expect(evenLater.sample).toBe(frozen);
      expect(evenLater.simTime).toBe(later.simTime);
      await page.getByTestId('sim-resume').click();
      await expect(page.getByTestId('sim-pause')).toBeVisible();
      await expect.poll(async () => (await afterFrames(page, 5)).sample, { timeout: 10_000 }).not.toBe(frozen);
    });

    await test.step('kill a partition leader: the session countdown, then the new leader lights up with its epoch and the ISR shrinks', async () => {
      // A partition led by a broker that is not the active controller: the controller notices its death.
      const controller = await page.evaluate(() => (window as unknown as { __kafkaLabStore: { getState(): { snapshot: { controller: { activeControllerId: number } } } } }).__kafkaLabStore.getState().snapshot.controller.activeControllerId);
      let partition = 0;
      for (let p = 0; p < 3; p++) if (Number(await page.getByTestId(`map-band-${TOPIC}-${p}`).getAttribute('data-leader')) !== controller) partition = p;
      const band = page.getByTestId(`map-band-${TOPIC}-${partition}`);
      const victim = Number(await band.getAttribute('data-leader'));
      expect(victim).not.toBe(controller);
      const epochBefore = Number(await band.getAttribute('data-leader-epoch'));
      await page.getByTestId(`map-broker-${victim}`).click();
      await page.getByTestId(`map-kill-broker-${victim}`).click();
      const countdown = page.getByTestId('motion-effect-countdown');
      await expect(countdown).toHaveText(new RegExp(`^controller fences broker ${victim} in \\d+\\.\\d s \\(broker\\.session\\.timeout\\.ms\\)$`), { timeout: 10_000 });
      const first = Number(/in (\d+\.\d) s/.exec((await countdown.textContent()) ?? '')![1]);
      await expect.poll(async () => Number(/in (\d+\.\d) s/.exec((await countdown.textContent()) ?? '')?.[1] ?? -1), { message: 'the countdown runs down' }).toBeLessThan(first);
      await page.keyboard.press('Escape');
      // Paused, the countdown stands still too (it runs on simulated time).
      await page.getByTestId('sim-pause').click();
      await expect(page.getByTestId('sim-resume')).toBeVisible();
      const held = await countdown.textContent();
      await afterFrames(page, 12);
      await expect(countdown).toHaveText(held!);
      await shootAtWidths(page, shotThemes, 'countdown', [1280]);
      await page.getByTestId('sim-resume').click();
      const newLeader = page.getByTestId('motion-effect-new-leader').first();
      await expect(newLeader).toHaveText(/^leader · epoch \d+$/, { timeout: 30_000 });
      // Freeze the moment for the screenshots (effects run at simulated speed and fade).
      await page.getByTestId('sim-pause').click();
      await expect(page.getByTestId('sim-resume')).toBeVisible();
      await expect(countdown).toHaveCount(0);
      await expect.poll(async () => Number(await band.getAttribute('data-leader-epoch'))).toBeGreaterThan(epochBefore);
      const epochs = (await page.getByTestId('motion-effect-new-leader').allTextContents()).map((t) => Number(/epoch (\d+)/.exec(t)![1]));
      expect(Math.max(...epochs)).toBeGreaterThan(epochBefore);
      await expect(page.getByTestId('motion-effect-isr-shrunk').first()).toHaveText('out of ISR');
      await shootAtWidths(page, shotThemes, 'failover');
      await page.getByTestId('sim-resume').click();
    });
  } finally {
    running = false;
    // Disconnecting rejects a send still waiting (a paused or failing cluster), which ends the loop.
    await consumer.disconnect().catch(() => {});
    await producer.disconnect().catch(() => {});
    await producing;
  }
});
