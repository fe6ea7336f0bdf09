import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WsServerMessage } from '../../shared/ipc-contract';
import { FakeClusterHost } from '../host/fake-cluster-host';
import { PushHub } from '../host/hosted-api';
import { hostAllowed, originAllowed, requestTarget, startServeServer, tokenMatches, type ServeServer } from './serve-server';
import { unavailableWorkbench } from '../host/unavailable-workbench';
import type { WorkbenchCommands } from '../../shared/workbench-contract';
import { recordingWorkbench } from './serve-test-workbench';

let rendererDir: string;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'kafka-lab-renderer-'));
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Kafka Lab</title>');
  await writeFile(join(rendererDir, 'assets/app.js'), 'console.log(1)');
});

async function serve(workbench: WorkbenchCommands = unavailableWorkbench('not in this test')): Promise<{ server: ServeServer; host: FakeClusterHost; base: string }> {
  const host = new FakeClusterHost({ tickMs: 0 });
  const hub = new PushHub(host, 50);
  const server = await startServeServer({ host: '127.0.0.1', port: 0, token: 'secret-token', rendererDir, cluster: host, hub, workbench });
  cleanups.push(async () => { hub.close(); await server.close(); await host.close(); });
  return { server, host, base: `127.0.0.1:${server.port}` };
}

/** Opens a socket, as the UI's own page does (Origin = the server's origin), and collects its messages. */
async function connect(url: string, origin = `http://${new URL(url).host}`) {
  const ws = new WebSocket(url, { origin });
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

/** A request with the path exactly as given (fetch would normalise it); resolves with the status. */
function rawRequest(base: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  const [hostname, port] = base.split(':');
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port: Number(port), path, headers: { host: base, ...headers } });
    req.on('response', (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    // A 101 answer: the handshake was accepted.
    req.on('upgrade', (_res, socket) => { socket.destroy(); resolve(101); });
    req.on('error', reject);
    // A server that threw on the request never answers: fail in seconds, not at the test timeout.
    req.setTimeout(5000, () => req.destroy(new Error(`no answer to ${path}`)));
    req.end();
  });
}

/** A WebSocket handshake with the given headers; resolves with the HTTP status the server answered. */
function upgradeStatus(base: string, path: string, headers: Record<string, string>): Promise<number> {
  return rawRequest(base, path, { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers });
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

  it('answers a malformed URL with 400 and keeps serving (issue 11, finding 1)', async () => {
    const { base } = await serve();
    expect((await fetch(`http://${base}/%`)).status).toBe(400);
    for (const path of ['/%', '/assets/%E0%A4%A', '//%', '/%00', '*', '/a%zz?x=%']) expect(await rawRequest(base, path)).toBe(400);
    expect((await fetch(`http://${base}/`)).status).toBe(200);
    expect((await fetch(`http://${base}/assets/app.js`)).status).toBe(200);
    const { invoke } = await connect(`ws://${base}/ws?token=secret-token`);
    expect(await invoke('getHostInfo')).toMatchObject({ ok: true });
  });

  it('refuses a WebSocket upgrade with a bad URL, a foreign Origin or no Origin, and still serves (finding 3)', async () => {
    const { base } = await serve();
    expect(await upgradeStatus(base, '//%', { origin: `http://${base}` })).toBe(400);
    expect(await upgradeStatus(base, '/ws', { origin: 'http://evil.example:1', host: 'evil.example:1' })).toBe(421);
    expect(await upgradeStatus(base, '/ws?token=secret-token', { origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(base, '/ws?token=secret-token', { origin: 'http://127.0.0.1:1' })).toBe(403);
    expect(await upgradeStatus(base, '/ws?token=secret-token', { origin: `https://${base}` })).toBe(403);
    expect(await upgradeStatus(base, '/ws?token=secret-token', { origin: 'null' })).toBe(403);
    expect(await upgradeStatus(base, '/ws?token=secret-token', {})).toBe(403);
    expect(await upgradeStatus(base, '/ws', { origin: `http://${base}` })).toBe(101);
    // A ws client (as a script in a foreign page would) is refused too, with the token or without.
    await expect(connect(`ws://${base}/ws?token=secret-token`, 'http://evil.example')).rejects.toThrow(/403/);
    await expect(connect(`ws://${base}/ws`, 'http://evil.example')).rejects.toThrow(/403/);
    const { invoke } = await connect(`ws://${base}/ws?token=secret-token`);
    expect(await invoke('getHostInfo')).toMatchObject({ ok: true, value: { readOnly: false } });
  });

  it("accepts only the page's own origin", () => {
    expect(originAllowed('http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true);
    expect(originAllowed('http://localhost:8080', 'LOCALHOST:8080')).toBe(true);
    expect(originAllowed('http://[::1]:8080', '[::1]:8080')).toBe(true);
    expect(originAllowed('http://127.0.0.1:8081', '127.0.0.1:8080')).toBe(false);
    expect(originAllowed('http://localhost:8080', '127.0.0.1:8080')).toBe(false);
    expect(originAllowed(undefined, '127.0.0.1:8080')).toBe(false);
    expect(originAllowed('http://127.0.0.1:8080', undefined)).toBe(false);
    expect(originAllowed('not a url', '127.0.0.1:8080')).toBe(false);
    expect(requestTarget('/%')).toBeNull();
    expect(requestTarget('/ws?token=a%20b')).toMatchObject({ path: '/ws' });
    expect(requestTarget('/ws?token=a%20b')!.query.get('token')).toBe('a b');
  });

  it('gives a read-only socket no record contents: no scans, tails or consumed records (finding 3)', async () => {
    const workbench = recordingWorkbench();
    const { base } = await serve(workbench);
    const presenter = await connect(`ws://${base}/ws?token=secret-token`);
    const viewer = await connect(`ws://${base}/ws`);
    const scan = { topic: 'payments', partitions: null, seek: { kind: 'oldest' }, limit: 10, isolationLevel: 'read_uncommitted' };
    const refused = { ok: false, error: expect.stringContaining('CLUSTER_AUTHORIZATION_FAILED') };
    expect(await viewer.invoke('startScan', scan)).toMatchObject(refused);
    expect(await viewer.invoke('startTail', { topic: 'payments', partitions: null, capacity: 100, isolationLevel: 'read_uncommitted' })).toMatchObject(refused);
    expect(workbench.started).toEqual([]);
    // Not even the presenter's session, whose id is easy to guess.
    const started = await presenter.invoke('startScan', scan);
    const sessionId = (started as { value: { sessionId: string } }).value.sessionId;
    expect(await viewer.invoke('pollScan', sessionId, 0)).toMatchObject(refused);
    expect(await viewer.invoke('stopScan', sessionId)).toMatchObject(refused);
    expect(await presenter.invoke('pollScan', sessionId, 0)).toMatchObject({ ok: true, value: { records: [{ offset: 0 }] } });
    const status = await viewer.invoke('getWorkbenchStatus');
    expect(status).toMatchObject({ ok: true, value: { consumers: [{ consumed: 1, recent: [] }] } });
    expect(JSON.stringify(viewer.messages)).not.toContain(Buffer.from('4111-1111').toString('base64'));
  });

  it("gives each viewer its own scan slots and stops a viewer's scans when its socket closes (finding 4)", async () => {
    const workbench = recordingWorkbench();
    const { base } = await serve(workbench);
    const presenter = await connect(`ws://${base}/ws?token=secret-token`);
    const other = await connect(`ws://${base}/ws?token=secret-token`);
    const scan = { topic: 'payments', partitions: null, seek: { kind: 'oldest' }, limit: 10, isolationLevel: 'read_uncommitted' };
    const mine = ((await presenter.invoke('startScan', scan)) as { value: { sessionId: string } }).value.sessionId;
    const theirs: string[] = [];
    for (let i = 0; i < 20; i++) theirs.push(((await other.invoke('startScan', scan)) as { value: { sessionId: string } }).value.sessionId);
    // The other viewer's scans evicted only its own older scans, never the presenter's.
    expect(workbench.stopped).not.toContain(mine);
    expect(await presenter.invoke('pollScan', mine, 0)).toMatchObject({ ok: true, value: { sessionId: mine } });
    expect(await other.invoke('pollScan', mine, 0)).toMatchObject({ ok: true, value: null });
    expect(await other.invoke('stopScan', mine)).toMatchObject({ ok: true, value: false });
    expect(await presenter.invoke('pollScan', theirs[0]!, 0)).toMatchObject({ ok: true, value: null });
    const stillOpen = theirs.filter((id) => !workbench.stopped.includes(id));
    expect(stillOpen.length).toBeGreaterThan(0);
    other.ws.close();
    while (!stillOpen.every((id) => workbench.stopped.includes(id))) await new Promise((r) => setTimeout(r, 10));
    expect(workbench.stopped).not.toContain(mine);
  });

  it('carries a 2 MiB record from a token holder to the workbench; a read-only socket stays at 1 MiB (issue 12)', async () => {
    const seen: number[] = [];
    const workbench: WorkbenchCommands = {
      ...unavailableWorkbench('not in this test'),
      async produceRecord(request) {
        seen.push(request.value?.length ?? 0);
        return { ok: false, errorName: 'MESSAGE_TOO_LARGE', message: 'too large', explanation: 'max.message.bytes=1048588', retriable: false, elapsedMs: 1 };
      },
    };
    const { base } = await serve(workbench);
    const value = 'x'.repeat(2 * 1024 * 1024);
    const request = { topic: 't', partition: 0, key: null, value, headers: [], acks: -1, compression: 'none', delivery: 'plain' };
    const presenter = await connect(`ws://${base}/ws?token=secret-token`);
    expect(await presenter.invoke('produceRecord', request)).toMatchObject({ ok: true, value: { errorName: 'MESSAGE_TOO_LARGE' } });
    expect(seen).toEqual([value.length]);
    // Without the token the frame is over the limit: ws closes the socket with 1009 (message too big).
    const viewer = await connect(`ws://${base}/ws?token=wrong`);
    const closed = new Promise<number>((resolve) => viewer.ws.once('close', (code) => resolve(code)));
    viewer.ws.send(JSON.stringify({ kind: 'invoke', id: 1, method: 'produceRecord', args: [request] }));
    expect(await closed).toBe(1009);
    expect(seen).toHaveLength(1);
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
