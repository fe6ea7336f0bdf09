import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WsServerMessage } from '../../shared/ipc-contract';
import { FakeClusterHost } from '../host/fake-cluster-host';
import { PushHub } from '../host/hosted-api';
import { hostAllowed, startServeServer, tokenMatches, type ServeServer } from './serve-server';
import { unavailableWorkbench } from '../host/unavailable-workbench';

let rendererDir: string;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'kafka-lab-renderer-'));
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Kafka Lab</title>');
  await writeFile(join(rendererDir, 'assets/app.js'), 'console.log(1)');
});

async function serve(): Promise<{ server: ServeServer; host: FakeClusterHost; base: string }> {
  const host = new FakeClusterHost({ tickMs: 0 });
  const hub = new PushHub(host, 50);
  const server = await startServeServer({ host: '127.0.0.1', port: 0, token: 'secret-token', rendererDir, cluster: host, hub, workbench: unavailableWorkbench('not in this test') });
  cleanups.push(async () => { hub.close(); await server.close(); await host.close(); });
  return { server, host, base: `127.0.0.1:${server.port}` };
}

/** Opens a socket and collects its messages. */
async function connect(url: string) {
  const ws = new WebSocket(url);
  const messages: WsServerMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as WsServerMessage));
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  cleanups.push(async () => ws.close());
  let id = 0;
  const invoke = async (method: string, ...args: unknown[]) => {
    const myId = ++id;
    ws.send(JSON.stringify({ kind: 'invoke', id: myId, method, args }));
    for (;;) {
      const found = messages.find((m) => m.kind === 'result' && m.id === myId);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { ws, messages, invoke };
}

describe('serve server', () => {
  it('serves the renderer with a CSP and refuses paths outside it', async () => {
    const { base } = await serve();
    const index = await fetch(`http://${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`http://${base}/assets/app.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`http://${base}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`http://${base}/`, { method: 'POST' })).status).toBe(405);
  });

  it('gives a socket with the token the commands', async () => {
    const { base, host } = await serve();
    const { invoke } = await connect(`ws://${base}/ws?token=secret-token`);
    expect(await invoke('getHostInfo')).toMatchObject({ ok: true, value: { readOnly: false, mode: 'serve' } });
    expect(await invoke('execute', { type: 'stop-broker', brokerId: 2 })).toMatchObject({ ok: true, value: { ok: true } });
    expect(host.snapshot().brokers[1]!.state).toBe('stopped');
    expect(await invoke('exportSession')).toMatchObject({ ok: true, value: { ok: true, fileName: expect.stringMatching(/^kafka-lab-session-seed\d+-.*\.json$/), json: expect.stringContaining('"inputLog"') } });
  });

  it('gives a socket without the token snapshots and events but refuses its commands', async () => {
    const { base, host } = await serve();
    const { invoke, messages } = await connect(`ws://${base}/ws?token=wrong`);
    expect(await invoke('getHostInfo')).toMatchObject({ value: { readOnly: true } });
    expect(await invoke('execute', { type: 'stop-broker', brokerId: 2 })).toMatchObject({ value: { ok: false, errorName: 'CLUSTER_AUTHORIZATION_FAILED' } });
    expect(host.snapshot().brokers[1]!.state).toBe('running');
    expect(await invoke('exportSession')).toMatchObject({ value: { ok: false, errorName: 'CLUSTER_AUTHORIZATION_FAILED' } });
    expect(await invoke('dropEverything')).toMatchObject({ ok: false, error: 'unknown method dropEverything' });
    expect(await invoke('produceRecord', { topic: 't' })).toMatchObject({ ok: false, error: expect.stringContaining('CLUSTER_AUTHORIZATION_FAILED') });
    while (!messages.some((m) => m.kind === 'push' && m.channel === 'snapshot')) await new Promise((r) => setTimeout(r, 10));
  });

  it('pushes event batches to every socket', async () => {
    const { base, host } = await serve();
    const a = await connect(`ws://${base}/ws`);
    const b = await connect(`ws://${base}/ws?token=secret-token`);
    await host.execute({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 1 });
    const has = (m: WsServerMessage[], channel: string) => m.some((x) => x.kind === 'push' && x.channel === channel);
    while (!has(a.messages, 'events') || !has(b.messages, 'events')) await new Promise((r) => setTimeout(r, 10));
    // One full snapshot per socket, then patches.
    while (!has(a.messages, 'snapshotPatch')) await new Promise((r) => setTimeout(r, 10));
    expect(a.messages.filter((m) => m.kind === 'push' && m.channel === 'snapshot')).toHaveLength(1);
  });

  it('serves a loopback bind only to loopback Host names (no DNS rebinding)', () => {
    expect(hostAllowed('127.0.0.1:8080', '127.0.0.1')).toBe(true);
    expect(hostAllowed('localhost:8080', '127.0.0.1')).toBe(true);
    expect(hostAllowed('[::1]:8080', '::1')).toBe(true);
    expect(hostAllowed('evil.example:8080', '127.0.0.1')).toBe(false);
    expect(hostAllowed(undefined, '127.0.0.1')).toBe(false);
    expect(hostAllowed('10.0.0.5:8080', '0.0.0.0')).toBe(true);
  });

  it('compares tokens without leaking length or prefix', () => {
    expect(tokenMatches('secret-token', 'secret-token')).toBe(true);
    expect(tokenMatches('secret', 'secret-token')).toBe(false);
    expect(tokenMatches(null, 'secret-token')).toBe(false);
  });
});
