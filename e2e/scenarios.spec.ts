/**
 * Issue 13: scenarios and recordings in the app. Load a built-in scenario from the picker, play
 * it with the narration on screen, stop at its predict question (simulated time does not pass
 * the pause point) and reveal, restart it; an invalid scenario file shows the field path of each
 * error and the running cluster stays; export a session and open it again as a recording.
 */
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';

/** Seconds in the narration clock ("t=2.0 s of 20.0 s · seed 1"). */
async function scenarioSeconds(page: import('@playwright/test').Page): Promise<number> {
  const text = (await page.getByTestId('narration-clock').textContent()) ?? '';
  const match = /^t=([\d.]+) s/.exec(text);
  if (!match) throw new Error(`no scenario time in "${text}"`);
  return Number(match[1]);
}

test('load a scenario, stop at its predict question, reveal, restart, export and open it', async ({ page, lab, shotThemes }, testInfo) => {
  const app = new AppPage(page);
  await app.open(lab.url);
  await page.getByTestId('open-scenarios').click();
  const picker = page.getByTestId('scenario-picker');
  await expect(picker.getByTestId('scenario-hello-kafka')).toBeVisible();
  await shotThemes('picker');
  await picker.getByTestId('load-scenario-hello-kafka').click();

  const narration = page.getByTestId('narration');
  await expect(narration).toBeVisible();
  await expect(page.getByTestId('session-origin')).toContainText('Scenario:');
  await expect(page.getByTestId('narration-bootstrap')).toContainText(`kcat -b ${lab.bootstrap[0]} -L`);
  // The player stops at the predict step and waits for the presenter.
  await expect(narration).toHaveAttribute('data-state', 'waiting-for-reveal', { timeout: 30_000 });
  const question = page.getByTestId('predict-question');
  await expect(question).toContainText('Predict:');
  const heldAt = Number(/held at t=([\d.]+) s/.exec((await page.getByTestId('predict-hold').textContent()) ?? '')![1]);
  expect(await scenarioSeconds(page)).toBe(heldAt);
  // Several pushes later, simulated time still has not passed the pause point.
  const simTime = await page.getByTestId('sim-time').textContent();
  await expect.poll(async () => (await page.getByTestId('narration-happened').count()) > 0).toBe(true);
  await page.waitForFunction(() => document.querySelector('[data-testid="narration"]')?.getAttribute('data-state') === 'waiting-for-reveal');
  expect(await scenarioSeconds(page)).toBe(heldAt);
  expect(await page.getByTestId('sim-time').textContent()).toBe(simTime);
  await shotThemes('predict');

  await page.getByTestId('reveal-answer').click();
  await expect(page.getByTestId('predict-answer')).toBeVisible();
  await expect(narration).not.toHaveAttribute('data-state', 'waiting-for-reveal');
  await expect.poll(() => scenarioSeconds(page)).toBeGreaterThan(heldAt);
  await shotThemes('revealed');

  await page.getByTestId('restart-scenario').click();
  await expect.poll(() => scenarioSeconds(page)).toBeLessThanOrEqual(heldAt);
  await expect(narration).toHaveAttribute('data-state', 'waiting-for-reveal', { timeout: 30_000 });
  expect(await scenarioSeconds(page)).toBe(heldAt);

  // The recording carries the scenario: opened again, the narration comes back, at the same question.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-session').click()]);
  const saved = join(testInfo.outputDir, download.suggestedFilename());
  await download.saveAs(saved);
  await page.getByTestId('open-session-file').setInputFiles(saved);
  await expect(page.getByTestId('session-origin')).toHaveText(`Replayed recording: ${download.suggestedFilename()} — paused at its end`);
  await expect(page.getByTestId('narration-title')).toBeVisible();
  await expect(narration).toHaveAttribute('data-state', 'waiting-for-reveal');
  expect(await scenarioSeconds(page)).toBe(heldAt);
});

test('an invalid scenario file shows the field path of each error and keeps the running cluster', async ({ page, lab, shotThemes }) => {
  const app = new AppPage(page);
  await app.open(lab.url);
  const broken = { formatVersion: 1, name: 'broken', title: 'Broken', summary: 'x', durationMs: 1000, cluster: { brokers: 0, controllers: 0 }, topics: [], steps: [] };
  await page.getByTestId('open-scenarios').click();
  await page.getByTestId('open-scenario-file-input').setInputFiles({ name: 'broken-scenario.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  const refusal = page.getByTestId('scenario-refusal');
  await expect(refusal).toContainText('broken-scenario.json was not loaded; the running cluster is unchanged');
  await expect(refusal.getByTestId('scenario-error').first()).toContainText('cluster.brokers:');
  await expect(page.getByTestId('narration')).toHaveCount(0);
  await expect(app.brokerCards()).toHaveCount(3);
  await shotThemes('invalid-file');
});

test('export a session, then open it as a recording, paused at its end', async ({ page, lab, kafka, shotThemes }, testInfo) => {
  const app = new AppPage(page);
  await app.open(lab.url);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic: 'recorded', numPartitions: 2, replicationFactor: 3 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  await app.stopBroker(3);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-session').click()]);
  const saved = join(testInfo.outputDir, download.suggestedFilename());
  await download.saveAs(saved);

  await page.getByTestId('open-session-file').setInputFiles(saved);
  await expect(page.getByTestId('session-message')).toContainText(`Replayed ${download.suggestedFilename()}`);
  await expect(page.getByTestId('session-origin')).toHaveText(`Replayed recording: ${download.suggestedFilename()} — paused at its end`);
  await expect(page.getByTestId('sim-stamp')).toContainText('PAUSED');
  await expect(app.brokerState(3)).toHaveText('stopped');
  await page.getByTestId('tab-topics').click();
  await expect(page.getByText('recorded', { exact: true })).toBeVisible();
  await app.showOverview();
  await shotThemes('replayed');

  // The recording's history came with it: step back through its events to before broker 3 stopped.
  await expect(async () => {
    await page.getByTestId('step-back-event').click();
    await expect(app.brokerState(3)).toHaveText('running', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId('time-travel-banner')).toContainText('Viewing the cluster at');
  await shotThemes('replayed-scrubbed-back');
  await page.getByTestId('back-to-live').click();
  await expect(app.brokerState(3)).toHaveText('stopped');

  // A file that is not a recording is refused with the reason; the replay stays.
  await page.getByTestId('open-session-file').setInputFiles({ name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await expect(page.getByTestId('session-message')).toContainText('junk.json was not opened, the running cluster is unchanged: INVALID_REQUEST: junk.json is not a Kafka Lab recording: seed: missing or not a number');
  await expect(page.getByTestId('session-origin')).toContainText('Replayed recording');
});
