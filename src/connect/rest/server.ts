/**
 * Kafka Connect's REST API on node:http (RootResource, ConnectorsResource, ConnectorPluginsResource):
 *
 *   GET    /                                         {"version","commit","kafka_cluster_id"}
 *   GET    /connectors[?expand=status|info]          ["name",…] or {"name":{"status":…,"info":…}}
 *   POST   /connectors  {"name","config":{…}}        201 ConnectorInfo; 409 if it exists; 400 invalid
 *   GET    /connectors/{name}                        ConnectorInfo {"name","config","tasks","type"}
 *   GET    /connectors/{name}/config                 the config map
 *   PUT    /connectors/{name}/config  {…}            201 (created) or 200 (updated) ConnectorInfo
 *   GET    /connectors/{name}/status                 {"name","connector":{state,worker_id[,trace]},"tasks":[…],"type"}
 *   GET    /connectors/{name}/tasks                  [{"id":{"connector","task"},"config":{…}}]
 *   PUT    /connectors/{name}/pause | /resume        202, no body
 *   POST   /connectors/{name}/restart[?includeTasks=&onlyFailed=]   204, or 202 + status (KIP-745)
 *   DELETE /connectors/{name}                        204
 *   GET    /connector-plugins                        [{"class","type","version"}]
 *   PUT    /connector-plugins/{class}/config/validate {…}   ConfigInfos
 *
 * Errors: `{"error_code":<status>,"message":…}`; 404 for an unknown connector or path, 405 for a
 * method a path does not take, 500 for a body that is not JSON (Jackson's parse error reaches
 * ConnectExceptionMapper, which answers 500 for exceptions that are not REST ones).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Herder } from '../herder';
import { PLUGINS } from '../plugins/registry';
import { ConnectRestError } from './errors';

/** The Kafka version this worker's API follows (ConnectorPluginsResource / RootResource "version"). */
export const CONNECT_VERSION = '3.9.0';
const MAX_BODY_BYTES = 1 << 20;

/** `herder()` throws (503) while the worker is still reading its internal topics. */
export type RestContext = { herder: () => Herder; clusterId: () => string };

export function createRestServer(ctx: RestContext): Server {
  return createServer((req, res) => {
    // A client that goes away mid-request must not end the process (unhandled 'error' events).
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    handle(ctx, req, res).catch((err: unknown) => {
      const status = err instanceof ConnectRestError ? err.status : 500;
      send(res, status, { error_code: status, message: (err as Error).message });
    });
  });
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ConnectRestError(413, `Request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new ConnectRestError(400, 'Request body is empty: JSON expected');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ConnectRestError(500, `Unexpected character in the JSON body: ${(e as Error).message}`);
  }
}

/** A JSON object of scalars as Connect's Map<String,String> (Jackson turns 1 and true into "1", "true"). */
function configMap(raw: unknown, what: string): Record<string, string> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConnectRestError(400, `${what} must be a JSON object of string values`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === null || typeof v === 'object') throw new ConnectRestError(400, `${what}: the value of "${k}" must be a string`);
    out[k] = String(v);
  }
  return out;
}

function methodNotAllowed(): never {
  throw new ConnectRestError(405, 'HTTP 405 Method Not Allowed');
}

async function handle(ctx: RestContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://connect');
  const parts = url.pathname.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  const method = req.method ?? 'GET';
  if (parts.length === 0) {
    if (method !== 'GET') methodNotAllowed();
    return send(res, 200, { version: CONNECT_VERSION, commit: 'kafka-lab', kafka_cluster_id: ctx.clusterId() });
  }
  const herder = ctx.herder();
  if (parts[0] === 'connector-plugins') {
    if (parts.length === 1) {
      if (method !== 'GET') methodNotAllowed();
      return send(res, 200, PLUGINS.map((p) => ({ class: p.className, type: p.type, version: p.version })));
    }
    if (parts.length === 4 && parts[2] === 'config' && parts[3] === 'validate') {
      if (method !== 'PUT') methodNotAllowed();
      const props = configMap(await readJson(req), 'The connector config');
      const className = parts[1]!;
      if (props['connector.class'] !== undefined && props['connector.class'] !== className) {
        throw new ConnectRestError(400, `Included connector type ${props['connector.class']} does not match request type ${className}`);
      }
      return send(res, 200, herder.validate(className, { ...props, 'connector.class': className }));
    }
    throw new ConnectRestError(404, 'HTTP 404 Not Found');
  }
  if (parts[0] !== 'connectors') throw new ConnectRestError(404, 'HTTP 404 Not Found');
  if (parts.length === 1) {
    if (method === 'GET') {
      const expand = url.searchParams.getAll('expand');
      const names = herder.listConnectors();
      if (expand.length === 0) return send(res, 200, names);
      const out: Record<string, Record<string, unknown>> = {};
      for (const name of names) {
        out[name] = {};
        if (expand.includes('status')) out[name].status = herder.status(name);
        if (expand.includes('info')) out[name].info = herder.info(name);
      }
      return send(res, 200, out);
    }
    if (method !== 'POST') methodNotAllowed();
    const body = await readJson(req);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ConnectRestError(400, 'Request body must be a JSON object {"name":…,"config":{…}}');
    const { name, config } = body as { name?: unknown; config?: unknown };
    if (typeof name !== 'string') throw new ConnectRestError(400, 'Connector name must be a string: {"name":…,"config":{…}}');
    const { info } = await herder.putConfig(name.trim(), configMap(config ?? null, 'config'), false);
    return send(res, 201, info);
  }
  const name = parts[1]!;
  const sub = parts.slice(2).join('/');
  switch (sub) {
    case '':
      if (method === 'GET') return send(res, 200, herder.info(name));
      if (method === 'DELETE') {
        await herder.delete(name);
        return send(res, 204);
      }
      return methodNotAllowed();
    case 'config':
      if (method === 'GET') return send(res, 200, herder.info(name).config);
      if (method === 'PUT') {
        const { created, info } = await herder.putConfig(name, configMap(await readJson(req), 'The connector config'), true);
        return send(res, created ? 201 : 200, info);
      }
      return methodNotAllowed();
    case 'status':
      if (method !== 'GET') methodNotAllowed();
      return send(res, 200, herder.status(name));
    case 'tasks':
      if (method !== 'GET') methodNotAllowed();
      return send(res, 200, herder.taskConfigs(name));
    case 'pause':
    case 'resume':
      if (method !== 'PUT') methodNotAllowed();
      await (sub === 'pause' ? herder.pause(name) : herder.resume(name));
      return send(res, 202);
    case 'restart': {
      if (method !== 'POST') methodNotAllowed();
      const includeTasks = url.searchParams.get('includeTasks') === 'true';
      const onlyFailed = url.searchParams.get('onlyFailed') === 'true';
      await herder.restart(name, includeTasks, onlyFailed);
      // Without either flag Kafka answers 204 (the old behaviour); with one, 202 and the status.
      return includeTasks || onlyFailed ? send(res, 202, herder.status(name)) : send(res, 204);
    }
    default:
      throw new ConnectRestError(404, 'HTTP 404 Not Found');
  }
}
