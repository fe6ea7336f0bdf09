/**
 * Issue 15, the Storage view: records produced by kafkajs (an idempotent producer, then a
 * transaction) are found in a replica's segment with the right offsets and producer fields, the
 * transaction's data and commit marker labelled; "Reset lab" asks first, says what it deletes, and
 * leaves an empty cluster of the same shape.
 */
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { produceLedgerBatches } from './storage-support';
import { TopicPage } from './pages/topic-page';
import { TopicsPage } from './pages/topics-page';

test('a replica\'s segment shows the batches kafkajs produced; Reset lab empties the lab after a confirmation', async ({ page, lab, kafka, shotThemes }) => {
  const app = new AppPage(page);
  const topics = new TopicsPage(page);
  const topic = new TopicPage(page);
  await app.open(lab.url);

  await produceLedgerBatches(kafka);
  const txProducer = kafka.producer({ transactionalId: 'ledger-tx', idempotent: true, maxInFlightRequests: 1 });
  await txProducer.connect();
  const tx = await txProducer.transaction();
  await tx.send({ topic: 'ledger', messages: [{ key: 'tx', value: 'in a transaction' }] });
  await tx.commit();
  await txProducer.disconnect();

  // From the topic's partition panel: Storage beside the leader's replica.
  await topics.open();
  await topics.openTopic('ledger');
  await expect.poll(() => topic.number(topic.highWatermark(0))).toBe(8);
  const leader = await topic.number(topic.leader(0));
  await topic.selectReplica(0, leader);
  await page.getByTestId(`storage-ledger-0-${leader}`).click();
  await expect(page.getByTestId('storage-in-memory')).toContainText('keeps its logs in memory');
  const segments = page.getByTestId('replica-storage');
  await expect(segments).toContainText(`ledger-0 on broker ${leader}`);
  await expect(segments).toContainText('logEndOffset 8');
  await expect(page.getByTestId('segment-0')).toContainText('active');
  await expect(page.getByTestId('segment-0')).toContainText('0 – 7');

  await page.getByTestId('inspect-segment-0').click();
  const batches = page.getByTestId('batches');
  await expect(batches.locator('tbody tr')).toHaveCount(5);
  const cells = async (baseOffset: number) => (await page.getByTestId(`batch-${baseOffset}`).locator('td').allInnerTexts()).map((t) => t.trim());
  // Columns: position, baseOffset, lastOffset, count, size, CRC, compression, timestamp, producerId, producerEpoch, baseSequence, kind, leader epoch.
  const first = await cells(0);
  expect(first.slice(0, 4)).toEqual(['0', '0', '1', '2']);
  expect(first[5]).toContain('valid');
  const producerId = Number(first[8]);
  expect(producerId).toBeGreaterThanOrEqual(0);
  expect(first.slice(9, 12)).toEqual(['0', '0', 'idempotent']);
  for (const [baseOffset, lastOffset, sequence] of [[2, 3, 2], [4, 5, 4]] as const) {
    const row = await cells(baseOffset);
    expect([row[1], row[2], row[8], row[10]]).toEqual([String(baseOffset), String(lastOffset), String(producerId), String(sequence)]);
  }
  const txData = await cells(6);
  expect(txData[11]).toBe('transactional');
  expect(Number(txData[8])).not.toBe(producerId);
  const marker = await cells(7);
  expect(marker[11]).toContain('control');
  expect(marker[11]).toContain('transactional');
  expect(marker[10]).toBe('-1');
  await expect(page.getByTestId('batch-7')).toHaveAttribute('data-crc-valid', 'true');
  await shotThemes('segment-inspector');

  // Reset lab: a confirmation that says what goes, then an empty cluster of the same shape.
  await page.getByTestId('reset-lab').click();
  const confirm = page.getByTestId('reset-lab-confirm');
  await expect(confirm).toContainText('logs held in memory');
  await expect(confirm).toContainText('cannot be undone');
  await expect(page.getByTestId('storage-topic-ledger')).toBeVisible();
  await shotThemes('reset-confirmation');
  await page.getByTestId('reset-lab-confirm-button').click();
  await expect(page.getByTestId('reset-lab-outcome')).toContainText('Lab reset');
  await expect(page.getByTestId('storage-topic-ledger')).toHaveCount(0);
  await expect(page.getByTestId('replica-storage-error')).toContainText('UNKNOWN_TOPIC_OR_PARTITION');
  await expect(page.getByTestId('storage-brokers').locator('tbody tr')).toHaveCount(3);
});
