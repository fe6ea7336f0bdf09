/**
 * Issue 12: the message browser as people expect from kafka-ui and Redpanda Console — a filter
 * (plain text, JMESPath) run on the host, sort and a chronological merge across partitions, the
 * record in full in the detail pane, the produced record highlighted where it landed, and every
 * input checked with a clear inline error (Kafka's words where the broker would answer).
 */
import { expect, test, type Page } from './fixtures';
import { AppPage } from './pages/app-page';
import { TopicsPage } from './pages/topics-page';
import { MessagesPage, ProducePage } from './pages/workbench-page';
import { createTopic } from './workbench-support';

/** Base time of the records below: a fixed instant, so the merge order is known. */
const t0 = Date.UTC(2026, 11, 7, 9, 0, 0);

/** 12 payments over 3 partitions, timestamps interleaved across partitions (partition p, offset o → t0 + (o·3 + (2 − p))·1000). */
async function producePayments(kafka: import('kafkajs').Kafka): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (let partition = 0; partition < 3; partition++) {
      await producer.send({ topic: 'payments', acks: -1, messages: Array.from({ length: 4 }, (_, offset) => {
        const n = partition * 4 + offset;
        return {
          partition, key: `Customer-${n}`, timestamp: String(t0 + (offset * 3 + (2 - partition)) * 1000),
          value: JSON.stringify({ amount: n * 5, currency: n % 3 === 0 ? 'EUR' : 'USD' }),
          headers: { source: n % 4 === 0 ? 'crm' : 'web' },
        };
      }) });
    }
  } finally {
    await producer.disconnect();
  }
}

const rowPlaces = (page: Page) => page.getByTestId('record-row').evaluateAll((rows) => rows.map((r) => `${(r as HTMLElement).dataset.partition}:${(r as HTMLElement).dataset.offset}`));

test('filters by text and by a JMESPath expression on the host, sorts, merges partitions by time, and shows a record in full', async ({ page, lab, kafka, shotThemes }) => {
  await createTopic(kafka, 'payments', 3);
  await producePayments(kafka);
  const app = new AppPage(page);
  const messages = new MessagesPage(page);
  await app.open(lab.url);
  await messages.open();
  await messages.scan('payments');
  await expect(page.getByTestId('record-row')).toHaveCount(12);

  // Chronological merge: by timestamp across partitions (partition 2's records are the earliest of each round).
  await page.getByTestId('browser-sort').selectOption('timestamp');
  expect(await rowPlaces(page)).toEqual(['2:0', '1:0', '0:0', '2:1', '1:1', '0:1', '2:2', '1:2', '0:2', '2:3', '1:3', '0:3']);
  await page.getByTestId('browser-sort-direction').selectOption('desc');
  expect((await rowPlaces(page))[0]).toBe('0:3');
  await page.getByTestId('browser-sort').selectOption('key');
  await page.getByTestId('browser-sort-direction').selectOption('asc');
  // Keys as text: Customer-0, Customer-1, Customer-10, Customer-11, Customer-2, …
  expect((await rowPlaces(page)).slice(0, 4)).toEqual(['0:0', '0:1', '2:2', '2:3']);
  await page.getByTestId('browser-sort').selectOption('size');
  await page.getByTestId('browser-sort-direction').selectOption('desc');
  expect((await rowPlaces(page))[0]).not.toBe('0:0'); // "amount":0 is the smallest value
  await page.getByTestId('browser-sort').selectOption('timestamp');
  await page.getByTestId('browser-sort-direction').selectOption('asc');

  // Plain text, headers only, any case: records 0, 4, 8 carry source=crm.
  await page.getByTestId('filter-text').fill('CRM');
  await page.getByTestId('filter-field-key').uncheck();
  await page.getByTestId('filter-field-value').uncheck();
  await page.getByTestId('browser-scan').click();
  await expect(page.getByTestId('scan-progress')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('filter-matched')).toHaveAttribute('data-matched', '3');
  await expect(page.getByTestId('filter-matched')).toHaveAttribute('data-scanned', '12');
  expect((await rowPlaces(page)).sort()).toEqual(['0:0', '1:0', '2:0']);
  // Match case: "CRM" is not in any header.
  await page.getByTestId('filter-case').check();
  await page.getByTestId('browser-scan').click();
  await expect(page.getByTestId('filter-matched')).toHaveAttribute('data-matched', '0');
  await expect(page.getByTestId('record-row')).toHaveCount(0);
  await page.getByTestId('filter-clear').click();

  // A JMESPath expression over the value parsed as JSON.
  await page.getByTestId('filter-expression').fill("value.currency == 'EUR' && value.amount >= `15`");
  await page.getByTestId('browser-scan').click();
  await expect(page.getByTestId('scan-progress')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('filter-matched')).toHaveAttribute('data-matched', '3');
  // EUR and amount ≥ 15: records 3 (0:3), 6 (1:2) and 9 (2:1), in the chronological merge.
  expect(await rowPlaces(page)).toEqual(['0:3', '1:2', '2:1'].sort((a, b) => order(a) - order(b)));
  await shotThemes('filter');

  // A bad expression: an inline error, Scan disabled, the rows kept.
  await page.getByTestId('filter-expression').fill('value.amount >');
  await expect(page.getByTestId('filter-error')).toContainText('Not a JMESPath expression');
  await expect(page.getByTestId('browser-scan')).toBeDisabled();
  await expect(page.getByTestId('record-row')).toHaveCount(3);
  // An unknown function parses; the host refuses it and names the functions it knows.
  await page.getByTestId('filter-expression').fill('eval(value)');
  await page.getByTestId('browser-scan').click();
  await expect(page.getByTestId('filter-error')).toContainText('Unknown JMESPath function eval()');

  // The detail pane: the record in full.
  await page.getByTestId('filter-clear').click();
  await messages.scan('payments');
  await messages.row(1, 2).click();
  const detail = messages.detail();
  await expect(detail).toHaveAttribute('data-offset', '2');
  await expect(page.getByTestId('detail-value')).toHaveText(JSON.stringify({ amount: 30, currency: 'EUR' }, null, 2));
  await expect(page.getByTestId('detail-key')).toHaveText('Customer-6');
  await expect(detail.getByTestId('record-headers')).toContainText('source');
  await expect(detail.getByTestId('record-headers')).toContainText('web');
  await expect(page.getByTestId('detail-timestamp')).toContainText(`${t0 + (2 * 3 + 1) * 1000} ms since the epoch`);
  await expect(page.getByTestId('detail-timestamp')).toContainText('CreateTime');
  await expect(page.getByTestId('record-facts')).toContainText('leaderEpoch');
  await expect(page.getByTestId('detail-transaction')).toHaveText('no');
  await shotThemes('detail');
});

/** Position of a record in the chronological merge of producePayments. */
function order(place: string): number {
  const [partition, offset] = place.split(':').map(Number) as [number, number];
  return offset * 3 + (2 - partition);
}

test('a record produced from the Produce panel is highlighted in the partition grid and the browser, and the link opens it', async ({ page, lab, kafka, shotThemes }) => {
  await createTopic(kafka, 'orders', 3);
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'orders', acks: -1, messages: ['a', 'b', 'c'].map((key) => ({ key, value: `{"n":"${key}"}` })) }).finally(() => producer.disconnect());
  const app = new AppPage(page);
  const produce = new ProducePage(page);
  const messages = new MessagesPage(page);
  await app.open(lab.url);
  await produce.open();
  const where = await produce.produce('orders', { key: 'customer-42', value: '{"amount": 99}' });

  // The link beside the result opens the browser at that partition and offset, the row highlighted and selected.
  await page.getByTestId('produce-result').getByTestId('show-in-browser').click();
  await expect(page.getByTestId('message-browser')).toBeVisible();
  await expect(page.getByTestId('scan-progress')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('browser-partition')).toHaveValue(String(where.partition));
  await expect(page.getByTestId('browser-seek-param')).toHaveValue(String(where.offset));
  const row = messages.row(where.partition, where.offset);
  await expect(row).toHaveAttribute('data-produced', 'true');
  await expect(row).toHaveClass(/selected/);
  await expect(messages.detail()).toHaveAttribute('data-offset', String(where.offset));
  await expect(page.getByTestId('detail-key')).toHaveText('customer-42');

  // The partition grid marks the partition it landed in, and its link opens the browser too.
  const topics = new TopicsPage(page);
  await topics.open();
  await topics.openTopic('orders');
  const cell = page.getByTestId(`produced-cell-${where.partition}`);
  await expect(cell).toBeVisible();
  await expect(cell).toHaveAttribute('title', `Your last record from the Produce panel landed here, at offset ${where.offset}`);
  for (const other of [0, 1, 2].filter((p) => p !== where.partition)) await expect(page.getByTestId(`produced-cell-${other}`)).toHaveCount(0);
  await shotThemes('grid-highlight');
  await cell.getByTestId('show-in-browser').click();
  await expect(messages.row(where.partition, where.offset)).toHaveAttribute('data-produced', 'true');
  await expect(messages.detail()).toHaveAttribute('data-offset', String(where.offset));
});

test('bad offsets, limits and timestamps get an inline error and send nothing; an offset past the end is explained as OFFSET_OUT_OF_RANGE', async ({ page, lab, kafka, shotThemes }) => {
  await createTopic(kafka, 'payments', 3);
  await producePayments(kafka);
  const app = new AppPage(page);
  const messages = new MessagesPage(page);
  await app.open(lab.url);
  await messages.open();
  await page.getByTestId('browser-topic').selectOption('payments');
  await page.getByTestId('browser-seek').selectOption('offset');
  const seekParam = page.getByTestId('browser-seek-param');
  const scanButton = page.getByTestId('browser-scan');

  await seekParam.fill('-5');
  await expect(page.getByTestId('seek-param-error')).toHaveText(/Offset must be a whole number ≥ 0 \(Kafka offsets start at 0\); "-5" is not/);
  await expect(scanButton).toBeDisabled();
  await seekParam.fill('1e3');
  await expect(page.getByTestId('seek-param-error')).toContainText('"1e3" is not');
  await seekParam.fill('2');
  await expect(page.getByTestId('seek-param-error')).toHaveCount(0);

  const limit = page.getByTestId('browser-limit');
  for (const [text, message] of [['0', 'Limit must be from 1 to 10,000; 0 is out of range'], ['abc', 'Limit must be a whole number from 1 to 10,000; "abc" is not'], ['20000', '20000 is out of range']]) {
    await limit.fill(text!);
    await expect(page.getByTestId('limit-error')).toContainText(message!);
    await expect(scanButton).toBeDisabled();
  }
  await limit.fill('500');

  await page.getByTestId('browser-seek').selectOption('timestamp');
  await seekParam.fill('yesterday');
  await expect(page.getByTestId('seek-param-error')).toContainText('ISO 8601');
  await expect(scanButton).toBeDisabled();
  await seekParam.fill(new Date(t0 + 6000).toISOString());
  await expect(page.getByTestId('timestamp-preview')).toBeVisible();
  await scanButton.click();
  await expect(page.getByTestId('scan-progress')).toHaveAttribute('data-state', 'done');
  // Timestamps ≥ t0 + 6 s: offsets 2 and 3 of every partition (t0 + 6 s … t0 + 11 s).
  expect((await rowPlaces(page)).length).toBe(6);

  // Past the highWatermark: nothing to read, and why, in Kafka's words.
  await page.getByTestId('browser-seek').selectOption('offset');
  await seekParam.fill('500');
  await scanButton.click();
  await expect(page.getByTestId('scan-progress')).toHaveAttribute('data-state', 'done');
  const notes = page.getByTestId('seek-notes');
  await expect(notes).toContainText('partitions 0, 1, 2: offset 500 is past the highWatermark 4; a Fetch past the log end gets OFFSET_OUT_OF_RANGE');
  await expect(notes).toContainText('readable offsets are [0, 4)');
  await expect(page.getByTestId('record-row')).toHaveCount(0);
  await seekParam.fill('-5');
  await shotThemes('input-errors');
});

test('10,000 records stay a virtualised list', async ({ page, lab, kafka }) => {
  await createTopic(kafka, 'bulk', 1, 1);
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (let batch = 0; batch < 10; batch++) {
      await producer.send({ topic: 'bulk', acks: 1, messages: Array.from({ length: 1000 }, (_, i) => ({ key: `k-${batch * 1000 + i}`, value: `{"i":${batch * 1000 + i}}` })) });
    }
  } finally {
    await producer.disconnect();
  }
  const app = new AppPage(page);
  const messages = new MessagesPage(page);
  await app.open(lab.url);
  await messages.open();
  await page.getByTestId('browser-limit').fill('10000');
  await messages.scan('bulk');
  await expect(page.getByText('10,000 shown')).toBeVisible();
  expect(await page.getByTestId('record-row').count()).toBeLessThan(100);
  await page.getByTestId('browser-sort').selectOption('timestamp');
  await page.getByTestId('browser-sort-direction').selectOption('desc');
  await expect(page.getByTestId('record-row').first()).toHaveAttribute('data-offset', '9999');
});
