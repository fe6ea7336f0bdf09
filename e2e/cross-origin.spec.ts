/**
 * Issue 11, findings 1 and 3, as a browser meets them: a page of another origin (a tiny HTTP
 * server on another 127.0.0.1 port, standing in for any web site the user opens) tries the UI's
 * WebSocket with and without the token, then the `<img src="…/%">` that used to stop serve mode.
 * It can neither open the socket nor read records nor send commands; `GET /%` is a 400, and the
 * cluster still serves: the UI stays live and a Kafka client still produces and consumes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { TopicsPage } from './pages/topics-page';

const secretValue = 'card-4111-1111-1111-1111';

/**
 * The foreign page: opens ws://<ui>/ws without and with the token and, if a socket opened, asks
 * it for a scan, a poll and a stop-broker; it writes what happened into #log and window.done.
 */
function foreignPage(uiHost: string, token: string): string {
  return `<!doctype html><title>Some other site</title>
<h1>Some other site</h1><pre id="log"></pre>
<script>
const log = (line) => { document.getElementById('log').textContent += line + '\\n'; };
function attempt(label, url) {
  return new Promise((resolve) => {
    let ws;
    try { ws = new WebSocket(url); } catch (e) { log(label + ' threw ' + e); return resolve(); }
    ws.onopen = () => {
      log(label + ' OPEN');
      ws.send(JSON.stringify({ kind: 'invoke', id: 1, method: 'startScan', args: [{ topic: 'secrets', partitions: null, seek: { kind: 'oldest' }, limit: 100, isolationLevel: 'read_uncommitted' }] }));
      ws.send(JSON.stringify({ kind: 'invoke', id: 2, method: 'pollScan', args: ['browser-1', 0] }));
      ws.send(JSON.stringify({ kind: 'invoke', id: 3, method: 'execute', args: [{ type: 'stop-broker', brokerId: 1 }] }));
      setTimeout(() => ws.close(), 1500);
    };
    ws.onmessage = (m) => log(label + ' MESSAGE ' + String(m.data).slice(0, 300));
    ws.onerror = () => log(label + ' error');
    ws.onclose = (e) => { log(label + ' closed ' + e.code); resolve(); };
  });
}
(async () => {
  await attempt('without token', 'ws://${uiHost}/ws');
  await attempt('with token', 'ws://${uiHost}/ws?token=${token}');
  // Then the one-GET attack on the server itself: an image whose URL is a bad percent-encoding.
  await new Promise((resolve) => {
    const img = document.createElement('img');
    img.onload = img.onerror = () => { log('img /% answered'); resolve(); };
    img.src = 'http://${uiHost}/%';
    document.body.append(img);
  });
  window.done = true;
  log('done');
})();
</script>`;
}

test('a page of another origin can neither read records nor send commands over /ws, and GET /% is a 400 while the cluster serves on', async ({ page, lab, kafka, shot }) => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'secrets', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'secrets', acks: -1, messages: [{ key: 'card', value: secretValue }] });

  const ui = new URL(lab.url);
  const token = ui.searchParams.get('token')!;
  const foreign: Server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(foreignPage(ui.host, token)));
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  try {
    const foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`;
    expect(new URL(foreignUrl).origin).not.toBe(ui.origin);
    await page.goto(foreignUrl);
    await page.waitForFunction(() => (window as unknown as { done?: boolean }).done === true, undefined, { timeout: 30_000 });
    const log = await page.locator('#log').textContent();
    await shot('foreign-page');
    // Both handshakes were refused: no socket opened, nothing came back, nothing was sent.
    expect(log).toContain('without token closed');
    expect(log).toContain('with token closed');
    expect(log).not.toContain('OPEN');
    expect(log).not.toContain('MESSAGE');
    expect(log).not.toContain(secretValue);
  } finally {
    await new Promise<void>((resolve) => foreign.close(() => resolve()));
  }

  // The request the <img> made, asked directly: 400, and the server is still there.
  const bad = await page.request.get(`${ui.origin}/%`);
  expect(bad.status()).toBe(400);
  expect((await page.request.get(`${ui.origin}/%E0%A4%A`)).status()).toBe(400);
  expect(lab.process.exitCode).toBeNull();

  // The UI is live: broker 1 was not stopped, and a topic created now appears without a reload.
  const app = new AppPage(page);
  await app.open(lab.url);
  await expect(app.brokerCards()).toHaveCount(3);
  await expect(app.brokerState(1)).toHaveText('running');
  await admin.createTopics({ topics: [{ topic: 'after-the-attack', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
  const topics = new TopicsPage(page);
  await topics.open();
  await expect(topics.row('after-the-attack')).toBeVisible();
  await expect(topics.row('secrets')).toBeVisible();
  await shot('ui-after');

  // And a Kafka client still produces and consumes.
  const sent = await producer.send({ topic: 'after-the-attack', acks: -1, messages: [{ key: 'k', value: 'still serving' }] });
  expect(sent[0]!.errorCode).toBe(0);
  const consumer = kafka.consumer({ groupId: 'e2e-cross-origin' });
  await consumer.connect();
  await consumer.subscribe({ topic: 'after-the-attack', fromBeginning: true });
  const got = new Promise<string>((resolve) => void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) }));
  expect(await got).toBe('still serving');
  await consumer.disconnect();
  await producer.disconnect();
  await admin.disconnect();
});
