import WebSocket from 'ws';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { TopicsPage } from './pages/topics-page';
import { MessagesPage } from './pages/workbench-page';

/** Sends one invoke over a raw socket, from the UI's own origin as its page does, and returns the result frame. */
async function rawInvoke(url: string, method: string, ...args: unknown[]): Promise<Record<string, unknown>> {
  const ws = new WebSocket(url, { origin: `http://${new URL(url).host}` });
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  try {
    return await new Promise((resolve) => {
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>;
        if (message.kind === 'result' && message.id === 1) resolve(message);
      });
      ws.send(JSON.stringify({ kind: 'invoke', id: 1, method, args }));
    });
  } finally {
    ws.close();
  }
}

test('without the token the view is read-only and the server refuses commands', async ({ page, lab, kafka, shot }) => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'watched', numPartitions: 2, replicationFactor: 3 }], waitForLeaders: true });
  await admin.disconnect();

  const app = new AppPage(page);
  await app.open(lab.readOnlyUrl);
  await expect(app.readOnlyBadge()).toBeVisible();
  await expect(app.brokerCards()).toHaveCount(3);
  await expect(page.getByRole('button', { name: /^(Stop|Isolate|Start|Heal|Controlled stop|Pause|Resume)$/ })).toHaveCount(0);
  await shot('overview');
  const topics = new TopicsPage(page);
  await topics.open();
  await expect(topics.row('watched')).toBeVisible();
  await expect(page.getByTestId('open-create-topic')).toHaveCount(0);
  await topics.openTopic('watched');
  await page.getByTestId('replica-0-1').click();
  await expect(page.getByTestId('partition-panel')).toBeVisible();
  // No command in the panel (stop, elect, reassign); only each replica's Storage, which only reads (issue 15).
  await expect(page.getByTestId('partition-panel').getByRole('button').filter({ hasNotText: /^Storage$/ })).toHaveCount(0);
  await expect(page.getByTestId('partition-panel').getByRole('button', { name: /^Storage of watched-0 on broker \d$/ })).toHaveCount(3);
  await shot('topic');
  // Record contents need the token: the message browser says so instead of offering a scan.
  await new MessagesPage(page).open();
  await expect(page.getByTestId('browser-read-only')).toContainText('need the access token');
  await expect(page.getByTestId('browser-scan')).toHaveCount(0);
  await shot('messages');

  const origin = new URL(lab.readOnlyUrl);
  const socketUrl = `ws://${origin.host}/ws`;
  const refused = await rawInvoke(socketUrl, 'execute', { type: 'stop-broker', brokerId: 1 });
  expect(refused).toMatchObject({ ok: true, value: { ok: false, errorName: 'CLUSTER_AUTHORIZATION_FAILED' } });
  const scan = await rawInvoke(socketUrl, 'startScan', { topic: 'watched', partitions: null, seek: { kind: 'oldest' }, limit: 10, isolationLevel: 'read_uncommitted' });
  expect(scan).toMatchObject({ ok: false, error: expect.stringContaining('CLUSTER_AUTHORIZATION_FAILED') });
  const wrongToken = await rawInvoke(`${socketUrl}?token=guess`, 'execute', { type: 'delete-topic', topic: 'watched' });
  expect(wrongToken).toMatchObject({ value: { ok: false, errorName: 'CLUSTER_AUTHORIZATION_FAILED' } });
  await expect(app.brokerState(1)).toHaveCount(0); // still on the topic view
  await app.showOverview();
  await expect(app.brokerState(1)).toHaveText('running');
  const withToken = await rawInvoke(`${socketUrl}?token=${new URL(lab.url).searchParams.get('token')}`, 'getHostInfo');
  expect(withToken).toMatchObject({ value: { readOnly: false } });
});
