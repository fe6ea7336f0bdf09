/**
 * Issue 15, a lab on disk in serve mode: the Storage view shows the lab's directory, the
 * replica's segment files (Kafka's names) and index entries; Reset lab empties the lab on disk.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { expect, startLab, stopLab, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { produceLedgerBatches } from './storage-support';
import { TopicPage } from './pages/topic-page';
import { TopicsPage } from './pages/topics-page';

test('a lab on disk: segment files in the Storage view, Reset lab empties the lab directory', async ({ page, shotThemes }) => {
  const root = mkdtempSync(join(tmpdir(), 'kafka-lab-e2e-disk-'));
  const lab = await startLab(['--data-dir', root, '--lab', 'e2e']);
  try {
    const app = new AppPage(page);
    const topics = new TopicsPage(page);
    const topic = new TopicPage(page);
    await app.open(lab.url);
    const kafka = new Kafka({ clientId: 'kafka-lab-e2e', brokers: lab.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 1000 } });
    await produceLedgerBatches(kafka);

    await topics.open();
    await topics.openTopic('ledger');
    await expect.poll(() => topic.number(topic.highWatermark(0))).toBe(6);
    const leader = await topic.number(topic.leader(0));
    await topic.selectReplica(0, leader);
    await page.getByTestId(`storage-ledger-0-${leader}`).click();
    await expect(page.getByTestId('storage-in-memory')).toHaveCount(0);
    await expect(page.getByTestId('replica-storage')).toContainText('00000000000000000000.log');
    await page.getByTestId('inspect-segment-0').click();
    await expect(page.getByTestId('batches').locator('tbody tr')).toHaveCount(3);
    await shotThemes('disk-segments');
    expect(readdirSync(join(root, 'e2e', `broker-${leader}`, 'ledger-0'))).toContain('00000000000000000000.log');

    await page.getByTestId('reset-lab').click();
    await expect(page.getByTestId('reset-lab-confirm')).toContainText('cannot be undone');
    await shotThemes('disk-reset-confirmation');
    await page.getByTestId('reset-lab-confirm-button').click();
    await expect(page.getByTestId('reset-lab-outcome')).toContainText('Lab reset');
    await expect.poll(() => readdirSync(join(root, 'e2e', `broker-${leader}`)).filter((n) => n.startsWith('ledger-'))).toEqual([]);
  } finally {
    await stopLab(lab);
    rmSync(root, { recursive: true, force: true });
  }
});
