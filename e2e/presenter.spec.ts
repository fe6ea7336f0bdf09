/**
 * Issue 14: the presenter view. One lab for the whole story (a lab start is the expensive part),
 * at 4× simulated speed so the scenario's failover comes within seconds: load the built-in
 * leader-failover-acks-all scenario, open the presenter view with P, the caption shows the step's
 * narration, the predict question appears and Reveal shows the answer, the table names Kafka's
 * metrics with Was / Now / Δ, and after the scenario stops the leader's broker
 * UnderReplicatedPartitions' Δ is positive. The projector theme's type is at least 1.5× the light
 * theme's (computed font sizes of representative elements), and nothing is cut off at 1280, 1920
 * and 3840 px wide. Screenshots of the presenter view in the three themes at the three widths.
 */
import { expect, test as base, startLab, stopLab, type Lab, type Page } from './fixtures';

const test = base.extend<{ fastLab: Lab }>({
  // eslint-disable-next-line no-empty-pattern
  fastLab: async ({}, use) => {
    const lab = await startLab(['--speed', '4']);
    await use(lab);
    await stopLab(lab);
  },
});

const widths = [1280, 1920, 3840] as const;

async function shootAtWidths(page: Page, shotThemes: (name: string) => Promise<void>, name: string, at: readonly number[] = widths): Promise<void> {
  for (const width of at) {
    await page.setViewportSize({ width, height: width === 3840 ? 2160 : width === 1920 ? 1080 : 800 });
    await shotThemes(`${width}-${name}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** Elements (by selector) whose content is wider than their box: text cut off or scrolled sideways. */
async function overflowing(page: Page, selectors: string[]): Promise<string[]> {
  return page.evaluate((sels) => {
    const out: string[] = [];
    for (const sel of sels) {
      document.querySelectorAll<HTMLElement>(sel).forEach((el, i) => {
        if (el.offsetParent === null && getComputedStyle(el).position !== 'fixed') return;
        if (el.scrollWidth > el.clientWidth + 1) out.push(`${sel}[${i}] ${el.scrollWidth} > ${el.clientWidth}: ${(el.textContent ?? '').slice(0, 60)}`);
      });
    }
    return out;
  }, selectors);
}

/** Computed font size (px) of the first element matching each selector, once every one is drawn. */
async function fontSizes(page: Page, selectors: Record<string, string>): Promise<Record<string, number>> {
  for (const sel of Object.values(selectors)) await expect(page.locator(sel).first()).toBeVisible();
  return page.evaluate((sels) => {
    const out: Record<string, number> = {};
    for (const [name, sel] of Object.entries(sels)) {
      const el = document.querySelector(sel);
      out[name] = el ? parseFloat(getComputedStyle(el).fontSize) : NaN;
    }
    return out;
  }, selectors);
}

const PRESENTER_REGIONS = ['.presenter-view', '.presenter-bar', '.presenter-captions', '.presenter-side', '.presenter-metrics', '.presenter-metrics th', '.presenter-metrics td', '.presenter-side-head', '.presenter-predict', '.presenter-answer'];
const APP_REGIONS = ['.topbar', '.session-bar', '.tabs', '.narration', '.timeline', '.content'];

const METRICS = ['UnderReplicatedPartitions', 'OfflinePartitionsCount', 'ActiveControllerCount', 'UnderMinIsrPartitionCount', 'IsrShrinksPerSec', 'IsrExpandsPerSec', 'LeaderElectionRateAndTimeMs', 'UncleanLeaderElectionsPerSec', 'FailedProduceRequestsPerSec', 'BytesInPerSec', 'records-lag-max'];

test('presenter view', async ({ page, fastLab, shotThemes, shot }) => {
  await page.goto(fastLab.url);
  await expect(page.getByTestId('cluster-screen')).toBeVisible();

  await test.step('load leader-failover-acks-all and open the presenter view with P', async () => {
    await page.getByTestId('open-scenarios').click();
    await page.getByTestId('load-scenario-leader-failover-acks-all').click();
    await expect(page.getByTestId('narration')).toBeVisible();
    const button = page.getByTestId('open-presenter');
    await expect(button).toHaveAttribute('title', /full screen.*Key P; Esc leaves/);
    await page.keyboard.press('p');
    await expect(page.getByTestId('presenter-view')).toBeVisible();
    await expect(page).toHaveURL(/#presenter$/);
    await expect(page.getByTestId('presenter-scenario-title')).toHaveText('Leader failover under acks=all: nothing acknowledged is lost');
    // The caption is the running step's narration, the same text the narration panel shows.
    await expect.poll(async () => {
      const [caption, narration] = await Promise.all([page.getByTestId('presenter-caption').textContent(), page.getByTestId('narration-text').textContent()]);
      return caption !== null && caption.length > 20 && caption === narration;
    }).toBe(true);
    await expect(page.getByTestId('presenter-map').getByTestId('cluster-map')).toBeVisible();
  });

  await test.step("the table names Kafka's metrics with Was / Now / Δ", async () => {
    const table = page.getByTestId('presenter-metrics');
    await expect(table.locator('thead th')).toHaveText(['Kafka metric', 'Was', 'Now', 'Δ']);
    await expect(table.locator('tbody th')).toHaveText(METRICS);
    await expect(page.getByTestId('was-header')).toHaveAttribute('title', /Was: Kafka's metrics at the latest of/);
    await expect(page.getByTestId('metric-ActiveControllerCount').getByTestId('metric-now')).toHaveText('1');
    await expect(page.getByTestId('metric-UnderReplicatedPartitions').getByTestId('metric-delta')).toHaveText('0');
    await expect(page.getByTestId('metric-IsrShrinksPerSec')).toHaveAttribute('title', /kafka\.server:type=ReplicaManager,name=IsrShrinksPerSec[\s\S]*broker 1: 0/);
  });

  await test.step('the predict question appears; Reveal shows the answer and its explanation', async () => {
    await expect(page.getByTestId('presenter-predict')).toBeVisible({ timeout: 30_000 });
    // Held at the step until the reveal: its narration is the caption.
    await expect(page.getByTestId('presenter-step-title')).toHaveText('The leader crashes');
    await expect(page.getByTestId('presenter-caption')).toHaveText("Broker 2 stops without a controlled shutdown. It stops heartbeating to the controller; the producer's requests to it fail and are retried.");
    await expect(page.getByTestId('presenter-question')).toHaveText('Predict: How many records that the producer saw acknowledged are lost?');
    await expect(page.getByTestId('presenter-predict').locator('li')).toHaveText(['A. None', 'B. The ones of the last second', 'C. Everything not yet read by the consumer']);
    await shootAtWidths(page, shotThemes, 'predict');
    await page.getByTestId('presenter-reveal').click();
    await expect(page.getByTestId('presenter-answer')).toContainText('Answer: None — An acknowledged acks=all record is on every ISR member.');
    await expect(page.getByTestId('presenter-predict')).toHaveCount(0);
  });

  await test.step("the scenario stops broker 2: UnderReplicatedPartitions' Δ turns positive (red) against the baseline before the step", async () => {
    await expect(page.getByTestId('presenter-baseline')).toHaveText(/^Was = just before (step 2 \(The leader crashes\) began|broker 2 stopped)$/, { timeout: 15_000 });
    // One reading of the whole table (the scenario runs on at 4×: its next acting step moves the baseline again).
    const table = async () => page.getByTestId('presenter-metrics').evaluate((el) => Object.fromEntries([...el.querySelectorAll('tbody tr')].map((tr) => [
      tr.getAttribute('data-testid')!.replace('metric-', ''),
      { was: tr.querySelector('[data-testid="metric-was"]')!.textContent, delta: tr.querySelector('[data-testid="metric-delta"]')!.textContent, signal: tr.getAttribute('data-signal') },
    ])));
    let reading: Awaited<ReturnType<typeof table>> = {};
    await expect.poll(async () => {
      reading = await table();
      return /^\+\d+$/.test(reading.UnderReplicatedPartitions?.delta ?? '');
    }, { timeout: 30_000 }).toBe(true);
    expect(reading.UnderReplicatedPartitions).toMatchObject({ was: '0', signal: 'bad' });
    expect(reading.LeaderElectionRateAndTimeMs!.delta).toMatch(/^\+\d+$/);
    expect(reading.IsrShrinksPerSec!.delta).toMatch(/^\+\d+$/);
    expect(reading.IsrShrinksPerSec!.signal).toBe('bad');
    expect(reading.UncleanLeaderElectionsPerSec!.delta).toBe('0');
    await expect(page.getByTestId('metric-ActiveControllerCount').getByTestId('metric-now')).toHaveText('1');
    await shootAtWidths(page, shotThemes, 'failover', [1280, 1920]);
  });

  await test.step('nothing cut off in the presenter view at 1280, 1920 and 3840 px, in the projector theme', async () => {
    await page.getByTestId('theme-select').selectOption('projector');
    for (const width of widths) {
      await page.setViewportSize({ width, height: width === 3840 ? 2160 : width === 1920 ? 1080 : 800 });
      expect(await overflowing(page, PRESENTER_REGIONS), `at ${width} px`).toEqual([]);
    }
  });

  await test.step('"Set baseline now" makes Now the baseline: the Δ goes back to 0', async () => {
    // After the scenario's last acting step (4) has begun: a later one would move the baseline again.
    await expect(page.getByTestId('presenter-step-title')).toHaveText('The old leader returns as a follower', { timeout: 60_000 });
    await expect(page.getByTestId('presenter-baseline')).toHaveText('Was = just before step 4 (The old leader returns as a follower) began');
    await page.getByTestId('set-baseline').click();
    await expect(page.getByTestId('presenter-baseline')).toHaveText('Was = when you set it');
    const urp = page.getByTestId('metric-UnderReplicatedPartitions');
    expect(await urp.getByTestId('metric-was').textContent()).toBe(await urp.getByTestId('metric-now').textContent());
  });

  await test.step('Esc leaves the presenter view', async () => {
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('presenter-view')).toHaveCount(0);
    await expect(page).not.toHaveURL(/#presenter/);
  });

  await test.step('the projector theme is at least 1.5× the light theme: body, table cells, tabs, buttons, chips, timeline, map labels, narration', async () => {
    await page.setViewportSize({ width: 1920, height: 1400 });
    const selectors = {
      body: 'body',
      tab: '[data-testid="tab-overview"]',
      button: '[data-testid="open-presenter"]',
      timeline: '[data-testid="timeline-line"]',
      mapLabel: '.map-broker-name',
      mapReplica: '.map-replica',
      narration: '[data-testid="narration-text"]',
      metricLabel: '.metric-label',
    };
    const tableSelectors = { tableCell: '.data-row.clickable > div', chip: '.chips .chip' };
    await page.getByTestId('theme-select').selectOption('light');
    const light = await fontSizes(page, selectors);
    await page.getByTestId('tab-topics').click();
    Object.assign(light, await fontSizes(page, tableSelectors));
    await page.getByTestId('theme-select').selectOption('projector');
    const projector = await fontSizes(page, tableSelectors);
    await page.getByTestId('tab-overview').click();
    Object.assign(projector, await fontSizes(page, selectors));
    test.info().annotations.push({ type: 'font sizes, light → projector (px)', description: Object.keys(light).map((n) => `${n} ${light[n]} → ${projector[n]}`).join(', ') });
    for (const name of Object.keys(light)) {
      expect(light[name], `${name} in light`).toBeGreaterThan(0);
      expect(projector[name]! / light[name]!, `${name}: projector ${projector[name]} px vs light ${light[name]} px`).toBeGreaterThanOrEqual(1.5);
    }
    // The presenter view uses the projector scale or larger, in any theme.
    await page.getByTestId('theme-select').selectOption('light');
    await page.keyboard.press('p');
    const presenter = await fontSizes(page, { caption: '[data-testid="presenter-caption"]', cell: '.presenter-metrics td', name: '.presenter-metrics .metric-name' });
    for (const [name, size] of Object.entries(presenter)) expect(size, `presenter ${name}`).toBeGreaterThanOrEqual(projector.body! * 0.9);
    await page.keyboard.press('Escape');
  });

  await test.step('nothing cut off in the app frame in the projector theme at 1280, 1920 and 3840 px', async () => {
    await page.getByTestId('theme-select').selectOption('projector');
    for (const width of widths) {
      await page.setViewportSize({ width, height: width === 3840 ? 2160 : width === 1920 ? 1080 : 800 });
      expect(await overflowing(page, APP_REGIONS), `at ${width} px`).toEqual([]);
      if (width === 1280) await shot('1280-app-projector');
    }
  });
});
