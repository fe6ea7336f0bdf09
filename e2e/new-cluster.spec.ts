/**
 * Issue 13: "New cluster…" replaces the running cluster from the UI. A bad field is refused inline
 * in Kafka's words and the running cluster stays; a new cluster with 3 dedicated controllers
 * shows them in the quorum panel, keeps each broker's port (the user's bootstrap still works)
 * and starts with an empty cluster.
 */
import { Kafka, logLevel } from 'kafkajs';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';

test('new cluster with 3 dedicated controllers replaces the running one on the same ports', async ({ page, lab, kafka, shotThemes }) => {
  const app = new AppPage(page);
  await app.open(lab.url);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic: 'before-reset', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  await expect(page.getByTestId('quorum-shape')).toHaveText('3 brokers, combined mode (process.roles=broker,controller)');
  const bootstrapBefore = await app.bootstrap().textContent();

  await page.getByTestId('new-cluster').click();
  const form = page.getByTestId('new-cluster-form');
  await expect(form).toBeVisible();
  // Bad input: inline errors in the host's words, nothing sent.
  await page.getByTestId('new-cluster-brokers').fill('0');
  await expect(page.getByTestId('new-cluster-error-brokers')).toHaveText('brokers must be a whole number from 1 to 32, got 0');
  await page.getByTestId('new-cluster-brokers').fill('3');
  await page.getByTestId('new-cluster-controllers').selectOption('3');
  await page.getByTestId('new-cluster-racks').fill('3');
  await page.getByTestId('new-cluster-seed').fill('4242');
  // A broker config only the host can check: refused on its field, the running cluster stays.
  await page.getByTestId('new-cluster-brokerConfig').fill('min.insync.replicas=two');
  await page.getByTestId('new-cluster-submit').click();
  await expect(page.getByTestId('new-cluster-error-brokerConfig')).toContainText('brokerConfig.min.insync.replicas:');
  await expect(page.getByTestId('new-cluster-refusal')).toContainText('the running cluster is unchanged');
  await expect(page.getByTestId('quorum-shape')).toHaveText('3 brokers, combined mode (process.roles=broker,controller)');
  await shotThemes('form-refused');

  await page.getByTestId('new-cluster-brokerConfig').fill('min.insync.replicas=2');
  await page.getByTestId('new-cluster-submit').click();
  await expect(page.getByTestId('session-message')).toContainText('New cluster: 3 brokers + 3 dedicated controllers');
  await expect(form).toBeHidden();
  await expect(page.getByTestId('session-origin')).toHaveText('Created by "New cluster…"');
  await expect(page.getByTestId('quorum-shape')).toHaveText('3 brokers + 3 dedicated controllers (process.roles=controller)');
  for (const id of [3000, 3001, 3002]) await expect(page.getByTestId(`controller-node-${id}`)).toContainText(`controller ${id}`);
  await expect(page.getByTestId('sim-stamp')).toContainText('seed 4242');
  await expect(app.bootstrap()).toHaveText(bootstrapBefore!);

  // The user's bootstrap reaches the new cluster: empty of the old topic, with the new racks and configs.
  const fresh = new Kafka({ clientId: 'e2e-new-cluster', brokers: lab.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 1000 } });
  const admin2 = fresh.admin();
  await admin2.connect();
  try {
    expect(await admin2.listTopics()).not.toContain('before-reset');
    const cluster = await admin2.describeCluster();
    expect(cluster.brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
    const configs = await admin2.describeConfigs({ includeSynonyms: false, resources: [{ type: 4, name: '1', configNames: ['min.insync.replicas', 'broker.rack'] }] });
    const entries = Object.fromEntries(configs.resources[0]!.configEntries.map((e) => [e.configName, e.configValue]));
    expect(entries['min.insync.replicas']).toBe('2');
  } finally {
    await admin2.disconnect();
  }
  await shotThemes('replaced');
});
