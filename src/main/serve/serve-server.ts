/**
 * Serve mode's HTTP + WebSocket server: hands the built renderer to browsers and carries the
 * shared contract (ipc-contract.ts) over a WebSocket at /ws. Plain Node, no Electron.
 *
 * Access (issue 11):
 * - Only the UI's own pages may open /ws: an upgrade whose `Origin` is not `http://<Host>` (the
 *   scheme, host and port this server was reached at) is refused with 403, and so is one without
 *   an Origin. Browsers always send Origin on a WebSocket handshake and scripts cannot forge it, so
 *   a page of another site (the cross-site WebSocket attack, CSWSH) never gets a socket — with or
 *   without the token. Non-browser clients must send the server's own Origin header.
 * - A socket that presents the access token may send commands and read records.
 * - Any other socket is a read-only viewer: it gets the cluster view (snapshots, events, lag,
 *   offsets) and nothing else. It cannot send commands and it cannot read record contents (no
 *   scans, tails, or the consumed records of UI consumers): in a workshop the attendees follow
 *   the presenter's record browser on the projector, and a viewer that anyone on the network can
 *   open should not hand out every key and value. Enforced in createHostedApi, not only in the UI.
 * - A bad request (malformed percent-encoding, a path that cannot be a file) gets a 400; no request
 *   can throw out of the handlers, so no request can stop the cluster the process serves.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { clusterApiMethods, type ClusterApi, type WsClientMessage, type WsServerMessage } from '../../shared/ipc-contract';
import { createHostedApi, type HostedApi, type PushHub } from '../host/hosted-api';
import type { RemoteCommands } from '../../shared/remote-contract';
import type { ClusterHostLike } from '../host/cluster-host-like';
import { uiChannelMaxFrameBytes, type WorkbenchCommands } from '../../shared/workbench-contract';
import type { HostSessionCommands } from '../../shared/host-session-contract';
import type { LabReset } from '../host/hosted-storage-api';

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
  /** Issue 13: new cluster, scenarios, recordings (absent: this host cannot replace its cluster). */
  session?: HostSessionCommands;
  /** Issue 15: "Reset lab" (HostSession.resetLab); absent = refused. */
  labReset?: LabReset;
  /** Issue 17: connection profiles, Test connection, remote views (absent = this host has none). */
  remote?: RemoteCommands;
}

export interface ServeServer {
  port: number;
  /** Requested UI ports found taken before `port` was bound (empty: the requested port was free). */
  portsInUse: number[];
  /** Browsers connected over /ws now. */
  viewerCount(): number;
  close(): Promise<void>;
}

/** Content-Security-Policy for the served UI; recharts and the virtualised lists set inline styles. */
export const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};

/** Room for the invoke frame around a record's bytes (method, ids, the other request fields). */
const frameEnvelopeBytes = 64 * 1024;
/** Largest frame from a viewer without the token. */
export const readOnlyMaxFrameBytes = 1024 * 1024;

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
    // serveStatic answers its own errors; this catch is for a failure while answering one.
    serveStatic(options.rendererDir, req, res).catch(() => res.destroy());
  });
  // Frame limits: a viewer with the token may send any record a broker could take
  // (uiChannelMaxFrameBytes, the broker's socket.request.max.bytes, plus the JSON envelope), so the
  // broker's own answer (MESSAGE_TOO_LARGE against max.message.bytes) is what the UI shows; a
  // read-only viewer sends no records and stays at 1 MiB.
  const wss = new WebSocketServer({ noServer: true, maxPayload: uiChannelMaxFrameBytes + frameEnvelopeBytes });
  const readOnlyWss = new WebSocketServer({ noServer: true, maxPayload: readOnlyMaxFrameBytes });
  http.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      const target = requestTarget(req.url);
      if (!target || target.path !== '/ws') return refuseUpgrade(socket, 400, 'Bad Request');
      if (!hostAllowed(req.headers.host, options.host)) return refuseUpgrade(socket, 421, 'Misdirected Request');
      if (!originAllowed(req.headers.origin, req.headers.host)) return refuseUpgrade(socket, 403, 'Forbidden');
      const authorized = tokenMatches(target.query.get('token'), options.token);
      (authorized ? wss : readOnlyWss).handleUpgrade(req, socket, head, (ws) => {
        const api = createHostedApi(options.cluster, options.hub, 'serve', !authorized, options.workbench, options.session, options.labReset ?? null, options.remote);
        attachSocket(ws, api, options.hub);
      });
    } catch {
      refuseUpgrade(socket, 400, 'Bad Request');
    }
  });
  const portsInUse: number[] = [];
  const port = await listen(http, options.host, options.port, options.portFallback ?? false, portsInUse);
  return {
    port,
    portsInUse,
    viewerCount: () => wss.clients.size,
    close: async () => {
      for (const server of [wss, readOnlyWss]) {
        for (const client of server.clients) client.terminate();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      // close() waits for open keep-alive connections (a browser holds some): end them now, so a
      // Ctrl-C does not wait for the browser to let go.
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
    },
  };
}

async function listen(http: Server, host: string, port: number, fallback: boolean, taken: number[]): Promise<number> {
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
      if (code === 'EADDRINUSE') taken.push(port + attempt);
      if (code !== 'EADDRINUSE' || !fallback || port === 0 || attempt >= 20) throw error;
    }
  }
}

/**
 * The path (percent-decoded) and query of a request target, or null when it is not a path
 * ("//host", "*", a bad percent-encoding, a NUL byte). Never throws: request data is hostile.
 */
export function requestTarget(url: string | undefined): { path: string; query: URLSearchParams } | null {
  if (!url || !url.startsWith('/') || url.startsWith('//')) return null;
  const queryAt = url.indexOf('?');
  const rawPath = (queryAt < 0 ? url : url.slice(0, queryAt)).split('#')[0]!;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null; // URIError: malformed percent-encoding such as "/%"
  }
  if (path.includes('\0')) return null;
  return { path, query: new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1)) };
}

/**
 * True when a WebSocket handshake comes from this server's own page: its Origin is exactly
 * http://<Host header>. A missing Origin is refused: every browser sends one on a WebSocket
 * handshake (RFC 6455 §4.1, item 8 and §10.2), so only a non-browser client omits it.
 */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (!origin || !hostHeader) return false;
  try {
    const page = new URL(origin);
    const self = new URL(`http://${hostHeader}`);
    return page.protocol === 'http:' && page.origin === self.origin;
  } catch {
    return false;
  }
}

/** Answers a refused handshake with a plain HTTP status, then closes the socket. */
function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
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

function attachSocket(ws: WebSocket, api: HostedApi, hub: PushHub): void {
  const unsubscribe = hub.subscribe((channel, payload) => {
    if (ws.readyState !== ws.OPEN) return;
    if (channel === 'snapshot' && ws.bufferedAmount > maxBufferedBytes) return;
    ws.send(encodePush({ kind: 'push', channel, payload } as Extract<WsServerMessage, { kind: 'push' }>));
  });
  // The viewer is gone: its scans and tails stop now, not when the idle reaper finds them.
  const detach = () => { unsubscribe(); void api.dispose(); };
  ws.on('close', detach);
  ws.on('error', detach);
  ws.on('message', (data) => {
    handleMessage(ws, api, data).catch(() => ws.terminate());
  });
}

/** One invoke frame; a bad frame closes its socket, a failing method answers an error. */
async function handleMessage(ws: WebSocket, api: ClusterApi, data: unknown): Promise<void> {
  let message: WsClientMessage;
  try {
    message = JSON.parse(String(data)) as WsClientMessage;
  } catch {
    return ws.close(1003, 'frames are JSON');
  }
  const reply = (m: WsServerMessage) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m));
  if (message?.kind !== 'invoke' || typeof message.id !== 'number') return;
  if (!(clusterApiMethods as readonly string[]).includes(message.method)) {
    reply({ kind: 'result', id: message.id, ok: false, error: `unknown method ${String(message.method)}` });
    return;
  }
  try {
    const args = Array.isArray(message.args) ? message.args : [];
    const value = await (api[message.method] as (...a: unknown[]) => Promise<unknown>)(...args);
    reply({ kind: 'result', id: message.id, ok: true, value });
  } catch (error) {
    reply({ kind: 'result', id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const target = requestTarget(req.url);
  if (!target) {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad request');
    return;
  }
  const pathname = target.path;
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
