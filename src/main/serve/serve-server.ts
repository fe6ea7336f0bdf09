/**
 * Serve mode's HTTP + WebSocket server: hands the built renderer to browsers and carries the
 * shared contract (ipc-contract.ts) over a WebSocket at /ws. Plain Node, no Electron.
 *
 * Access: a socket that presents the access token may send commands; any other socket gets
 * snapshots and events only, and the server refuses its commands (see createHostedApi).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { clusterApiMethods, type ClusterApi, type WsClientMessage, type WsServerMessage } from '../../shared/ipc-contract';
import { createHostedApi, type PushHub } from '../host/hosted-api';
import type { ClusterHostLike } from '../host/cluster-host-like';
import type { WorkbenchCommands } from '../../shared/workbench-contract';

export interface ServeServerOptions {
  host: string;
  port: number;
  /** Tries the next ports when `port` is taken (never for port 0). */
  portFallback?: boolean;
  token: string;
  rendererDir: string;
  cluster: ClusterHostLike;
  hub: PushHub;
  /** Producing, consuming and browsing (issue 6); its mutating methods need the token too. */
  workbench: WorkbenchCommands;
}

export interface ServeServer {
  port: number;
  close(): Promise<void>;
}

/** Content-Security-Policy for the served UI; recharts and the virtualised lists set inline styles. */
export const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};

/** Above this many buffered bytes a slow socket skips snapshots; the next one carries the latest state anyway. */
const maxBufferedBytes = 4 * 1024 * 1024;

/** Compares tokens in constant time (hashing first so lengths may differ). */
export function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * On a loopback bind, only loopback Host headers are served: a web page whose own domain
 * resolves to 127.0.0.1 (DNS rebinding) cannot read the cluster through the user's browser.
 */
export function hostAllowed(hostHeader: string | undefined, boundHost: string): boolean {
  if (!loopbackHosts.has(boundHost)) return true;
  if (!hostHeader) return false;
  const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0]!;
  return loopbackHosts.has(name);
}

/** Starts the server; resolves once it listens. */
export async function startServeServer(options: ServeServerOptions): Promise<ServeServer> {
  const http = createServer((req, res) => {
    if (!hostAllowed(req.headers.host, options.host)) return void res.writeHead(421, { 'Content-Type': 'text/plain' }).end('misdirected request');
    void serveStatic(options.rendererDir, req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws' || !hostAllowed(req.headers.host, options.host)) return socket.destroy();
    const authorized = tokenMatches(url.searchParams.get('token'), options.token);
    wss.handleUpgrade(req, socket, head, (ws) => attachSocket(ws, createHostedApi(options.cluster, options.hub, 'serve', !authorized, options.workbench), options.hub));
  });
  const port = await listen(http, options.host, options.port, options.portFallback ?? false);
  return {
    port,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

async function listen(http: Server, host: string, port: number, fallback: boolean): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(port + attempt, host, () => { http.off('error', reject); resolve(); });
      });
      const address = http.address();
      return typeof address === 'object' && address ? address.port : port + attempt;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' || !fallback || port === 0 || attempt >= 20) throw error;
    }
  }
}

const snapshotJson = new WeakMap<object, string>();

/** One JSON encoding per pushed payload, shared by every socket. */
function encodePush(message: Extract<WsServerMessage, { kind: 'push' }>): string {
  const payload = message.payload as object;
  let json = snapshotJson.get(payload);
  if (json === undefined) {
    json = JSON.stringify(message);
    snapshotJson.set(payload, json);
  }
  return json;
}

function attachSocket(ws: WebSocket, api: ClusterApi, hub: PushHub): void {
  const unsubscribe = hub.subscribe((channel, payload) => {
    if (ws.readyState !== ws.OPEN) return;
    if (channel === 'snapshot' && ws.bufferedAmount > maxBufferedBytes) return;
    ws.send(encodePush({ kind: 'push', channel, payload } as Extract<WsServerMessage, { kind: 'push' }>));
  });
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  ws.on('message', async (data) => {
    let message: WsClientMessage;
    try {
      message = JSON.parse(String(data)) as WsClientMessage;
    } catch {
      return ws.close(1003, 'frames are JSON');
    }
    const reply = (m: WsServerMessage) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m));
    if (message?.kind !== 'invoke' || typeof message.id !== 'number') return;
    if (!(clusterApiMethods as readonly string[]).includes(message.method)) {
      return reply({ kind: 'result', id: message.id, ok: false, error: `unknown method ${String(message.method)}` });
    }
    try {
      const args = Array.isArray(message.args) ? message.args : [];
      const value = await (api[message.method] as (...a: unknown[]) => Promise<unknown>)(...args);
      reply({ kind: 'result', id: message.id, ok: true, value });
    } catch (error) {
      reply({ kind: 'result', id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  const relative = normalize(pathname === '/' ? 'index.html' : pathname.slice(1));
  const file = join(root, relative);
  // The join must stay inside the renderer folder: no ../ escapes to the rest of the disk.
  if (relative.startsWith('..') || !(file === root || file.startsWith(root.endsWith(sep) ? root : root + sep))) {
    res.writeHead(404).end();
    return;
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream', 'Cache-Control': relative === 'index.html' ? 'no-cache' : 'max-age=3600' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
}
