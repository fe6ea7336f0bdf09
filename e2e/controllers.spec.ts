/**
 * Issue 12: dedicated KRaft controllers keep the min.insync.replicas lesson about the brokers.
 * With 3 controllers + 3 brokers, stopping two brokers leaves the quorum up and acks=all fails with
 * NOT_ENOUGH_REPLICAS; in combined mode the same two stops lose the quorum, and the overview says
 * why: "no majority of voters: 1 of 3 reachable".
 */
import { Kafka, logLevel } from 'kafkajs';
import { expect, test } from './fixtures';
import { startLab, stopLab, type Lab } from './fixtures';
import { AppPage } from './pages/app-page';

/** The Kafka error name an error carries, looking through kafkajs's retry wrappers. */
function kafkaErrorType(error: unknown): string {
  for (let e = error as { type?: string; cause?: unknown; originalError?: unknown } | undefined; e; e = (e.originalError ?? e.cause) as typeof e) {
    if (typeof e.type === 'string' && e.type !== 'UNKNOWN') return e.type;
  }
  return `no Kafka error type: ${error instanceof Error ? error.message : String(error)}`;
}

test.describe('dedicated controllers (--controllers 3)', () => {
  let lab: Lab | undefined;
  test.beforeEach(async () => {
    lab = await startLab(['--controllers', '3']);
  });
  test.afterEach(async () => {
    if (lab) await stopLab(lab);
    lab = undefined;
  });

  test('stopping two of three brokers leaves the quorum up, and acks=all fails with NOT_ENOUGH_REPLICAS', async ({ page, shotThemes }) => {
    if (!lab) throw new Error('the lab did not start');
    const app = new AppPage(page);
    await app.open(lab.url);
    await expect(page.getByTestId('quorum-shape')).toHaveText('3 brokers + 3 dedicated controllers (process.roles=controller)');
    for (const id of [3000, 3001, 3002]) await expect(page.getByTestId(`controller-node-${id}`)).toContainText(`controller ${id}`);
    // Controllers are not brokers: three broker cards, no card for a controller.
    await expect(app.brokerCards()).toHaveCount(3);

    const kafka = new Kafka({ clientId: 'e2e-controllers', brokers: lab.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 1000 } });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic: 'payments', numPartitions: 1, replicationFactor: 3, configEntries: [{ name: 'min.insync.replicas', value: '2' }] }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }

    // Stop brokers 2 and 3 from their cards (controlled shutdown: the controller takes them out of the ISR at once).
    await app.stopBroker(2);
    await app.stopBroker(3);
    const health = page.getByTestId('quorum-health');
    await expect(health).toHaveAttribute('data-has-majority', 'true');
    await expect(health).toHaveText('Quorum up: majority of voters: 3 of 3 reachable');
    await expect(page.getByTestId('controller-node-3000')).toContainText('active · running');

    // acks=all with one in-sync replica of the two min.insync.replicas asks for: refused, and kafkajs is told why.
    const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await producer.connect();
    try {
      const error = await producer.send({ topic: 'payments', acks: -1, messages: [{ key: 'k', value: 'acks=all with one in-sync replica' }] }).then(() => null, (e: unknown) => e);
      expect(error, 'the acks=all produce must fail').not.toBeNull();
      expect(kafkaErrorType(error)).toBe('NOT_ENOUGH_REPLICAS');
    } finally {
      await producer.disconnect();
    }
    await expect(page.getByTestId('health-under-min-isr')).toBeVisible();
    await page.getByTestId('metric-strip').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shotThemes('overview-dedicated-two-brokers-stopped');

    // The controller's own controls: stopping the active controller moves it by election to another voter.
    await page.getByTestId('stop-controller-3000').click();
    await expect(page.getByTestId('controller-node-3000')).toHaveAttribute('data-state', 'stopped');
    await expect(health).toHaveText('Quorum up: majority of voters: 2 of 3 reachable (voter 3000 stopped)');
    await expect(page.locator('[data-testid^="controller-node-"]').filter({ hasText: 'active · running' })).toHaveCount(1, { timeout: 15_000 });
    await expect(page.getByTestId('health-controllers-down')).toContainText('controllers down: 3000 (stopped)');
    await page.getByTestId('start-controller-3000').click();
    await expect(page.getByTestId('controller-node-3000')).toHaveAttribute('data-state', 'running');
    await expect(health).toHaveText('Quorum up: majority of voters: 3 of 3 reachable');
  });
});

test('combined mode: stopping two brokers that are voters loses the quorum, and the overview says why', async ({ page, lab, shotThemes }) => {
  const app = new AppPage(page);
  await app.open(lab.url);
  await expect(page.getByTestId('quorum-shape')).toHaveText('3 brokers, combined mode (process.roles=broker,controller)');
  const health = page.getByTestId('quorum-health');
  await expect(health).toHaveText('Quorum up: majority of voters: 3 of 3 reachable');
  await app.stopBroker(2);
  await app.stopBroker(3);
  await expect(health).toHaveAttribute('data-has-majority', 'false');
  await expect(health).toContainText('Quorum lost: no majority of voters: 1 of 3 reachable (voters 2, 3 stopped)');
  await expect(health).toContainText('no leader elections, no topic changes, no ISR changes');
  await expect(page.getByTestId('health-no-controller')).toContainText('no majority of voters: 1 of 3 reachable');
  await expect(page.getByTestId('timeline')).toContainText('KRaft quorum LOST: no majority of voters: 1 of 3 reachable (voters 2, 3 stopped)');
  await page.getByTestId('metric-strip').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shotThemes('overview-combined-quorum-lost');

  // Starting one voter again gives a majority back; a controller is elected and the health says so.
  await page.getByTestId('start-broker-2').click();
  await expect(health).toHaveAttribute('data-has-majority', 'true');
  await expect(health).toContainText('majority of voters: 2 of 3 reachable (voter 3 stopped)');
});
