/**
 * Issue 6: a 3-member consumer group started from the test appears with its assignment, its lag
 * falls to zero, and stopping one member shows the rebalance and the new assignment; an offset
 * reset from the UI is refused for the active group and applied once it is empty.
 * Needs the group coordinator over the wire (issue 4): skipped until JoinGroup is served.
 */
import type { Consumer } from 'kafkajs';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { GroupsPage } from './pages/workbench-page';
import { createTopic } from './workbench-support';

async function produce(kafka: import('kafkajs').Kafka, topic: string, count: number): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
  } finally {
    await producer.disconnect();
  }
}

test('a 3-member group appears with its assignment, its lag falls to zero, and a member stopping shows the rebalance', async ({ page, lab, kafka, shot }) => {
  await createTopic(kafka, 'orders', 6);
  await produce(kafka, 'orders', 120);
  const consumers: Consumer[] = [];
  try {
    for (let i = 1; i <= 3; i++) {
      const { Kafka, logLevel } = await import('kafkajs');
      const member = new Kafka({ clientId: `e2e-member-${i}`, brokers: lab.bootstrap, logLevel: logLevel.NOTHING }).consumer({ groupId: 'billing', sessionTimeout: 10_000, heartbeatInterval: 500 });
      await member.connect();
      await member.subscribe({ topic: 'orders', fromBeginning: true });
      await member.run({ eachMessage: async () => {} });
      consumers.push(member);
    }
    const app = new AppPage(page);
    const groups = new GroupsPage(page);
    await app.open(lab.url);
    await groups.open();
    await expect(groups.row('billing')).toHaveAttribute('data-state', 'Stable', { timeout: 30_000 });
    await groups.openGroup('billing');
    await expect(groups.members()).toHaveCount(3);
    await expect.poll(() => groups.assignedPartitions()).toEqual([0, 1, 2, 3, 4, 5]);
    await expect.poll(async () => (await groups.lags()).reduce((a, b) => a + b, 0), { timeout: 30_000 }).toBe(0);
    await expect(groups.row('billing').getByTestId('group-total-lag')).toHaveText('0');
    const generation = Number((await page.getByTestId('detail-generation').textContent())!.match(/generationId (\d+)/)![1]);
    await shot('group-stable-3-members');

    await consumers.pop()!.disconnect();
    await expect(groups.members()).toHaveCount(2, { timeout: 30_000 });
    await expect(groups.row('billing')).toHaveAttribute('data-state', 'Stable', { timeout: 30_000 });
    await expect.poll(() => groups.assignedPartitions()).toEqual([0, 1, 2, 3, 4, 5]);
    await expect(page.getByTestId('detail-generation')).not.toContainText(`generationId ${generation} `);
    await expect(page.locator(`[data-testid="rebalance-entry"][data-generation="${generation + 1}"], [data-testid="rebalance-entry"][data-generation="${generation + 2}"]`).first()).toBeVisible();
    await shot('group-after-rebalance');
  } finally {
    for (const c of consumers) await c.disconnect();
  }
});

test('an offset reset from the UI is refused for the active group and applied once it is empty', async ({ page, lab, kafka, shot }) => {
  await createTopic(kafka, 'ledger', 2);
  await produce(kafka, 'ledger', 40);
  const consumer = kafka.consumer({ groupId: 'auditors', sessionTimeout: 10_000, heartbeatInterval: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic: 'ledger', fromBeginning: true });
  await consumer.run({ eachMessage: async () => {} });
  const app = new AppPage(page);
  const groups = new GroupsPage(page);
  await app.open(lab.url);
  await groups.open();
  await expect(groups.row('auditors')).toHaveAttribute('data-state', 'Stable', { timeout: 30_000 });
  await groups.openGroup('auditors');
  await expect.poll(async () => (await groups.lags()).reduce((a, b) => a + b, 0), { timeout: 30_000 }).toBe(0);
  await page.getByTestId('reset-kind').selectOption('earliest');
  await page.getByTestId('reset-preview').click();
  await expect(page.getByTestId('reset-new-offset')).toHaveText(['0', '0']);
  await page.getByTestId('reset-apply').click();
  await expect(page.getByTestId('reset-error')).toContainText('NON_EMPTY_GROUP');
  await expect(page.getByTestId('reset-error')).toContainText('only while a group is Empty');
  await page.getByTestId('offset-reset').scrollIntoViewIfNeeded();
  await shot('reset-refused');

  await consumer.disconnect();
  await expect(groups.row('auditors')).toHaveAttribute('data-state', 'Empty', { timeout: 30_000 });
  await page.getByTestId('reset-apply').click();
  await expect(page.getByTestId('reset-applied')).toBeVisible();
  await expect.poll(async () => (await groups.lags()).reduce((a, b) => a + b, 0), { timeout: 15_000 }).toBe(40);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchOffsets({ groupId: 'auditors', topics: ['ledger'] });
    expect(offsets[0]!.partitions.map((p) => p.offset).sort()).toEqual(['0', '0']);
  } finally {
    await admin.disconnect();
  }
  await page.getByTestId('offset-reset').scrollIntoViewIfNeeded();
  await shot('reset-applied');
});
