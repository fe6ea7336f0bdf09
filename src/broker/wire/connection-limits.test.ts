/**
 * Connection limits over real sockets (Kafka's ConnectionQuotas and idle expiry, connection-quotas.ts):
 * max.connections.per.ip refuses the connection over the limit, max.connections holds new
 * connections until a slot frees, connections.max.idle.ms closes silent connections only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeServices } from './testing/fake-cluster';
import { RawClient } from './testing/raw-client';
import { WireServer } from './wire-server';
import { KAFKA_DEFAULT_LIMITS, parseOverrides, type ConnectionLimits } from './connection-quotas';

const API_VERSIONS = 18;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup(initial: Partial<ConnectionLimits>) {
  const limits: ConnectionLimits = { ...KAFKA_DEFAULT_LIMITS, ...initial };
  const { services, cluster, logs } = fakeServices();
  const server = new WireServer(services, { maxFrameBytes: 1 << 20, limits: () => limits });
  const port = await server.listen(1, 0);
  cluster.setBrokerEndpoint(1, '127.0.0.1', port);
  cleanups.push(() => server.close());
  const client = async () => {
    const c = await RawClient.connect(port);
    cleanups.push(() => c.close());
    return c;
  };
  return { server, limits, logs, client };
}

/** Sends ApiVersions and waits for its answer: true when the connection is served. */
async function answers(c: RawClient, correlationId: number, timeoutMs = 5000): Promise<boolean> {
  const before = c.frames.length;
  c.request(API_VERSIONS, 0, correlationId, {});
  await c.waitFrames(before + 1, timeoutMs);
  return c.frames.length > before && c.decode(before, API_VERSIONS, 0).correlationId === correlationId;
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return condition();
}

describe('max.connections.per.ip', () => {
  it('closes the N+1th connection from 127.0.0.1 at once while the first N keep working', async () => {
    const { client, server, logs } = await setup({ maxConnectionsPerIp: 2 });
    const a = await client();
    const b = await client();
    expect(await answers(a, 1)).toBe(true);
    const c = await client();
    expect(await c.waitClosed()).toBe(true);
    expect(c.frames).toHaveLength(0);
    expect(await answers(a, 2)).toBe(true);
    expect(await answers(b, 3)).toBe(true);
    expect(server.connectionCount(1)).toBe(2);
    expect(logs.some((l) => l.includes('rejected connection from 127.0.0.1, address already has the configured maximum of 2 connections'))).toBe(true);

    // A closed connection frees its place for the address.
    a.close();
    await until(() => server.connectionCount(1) === 1);
    const d = await client();
    expect(await answers(d, 4)).toBe(true);
  });

  it('coalesces the log of a connection flood into a few lines', async () => {
    const { client, server, logs } = await setup({ maxConnectionsPerIp: 1 });
    const kept = await client();
    const flood = await Promise.all(Array.from({ length: 30 }, () => client()));
    for (const c of flood) expect(await c.waitClosed()).toBe(true);
    expect(await answers(kept, 1)).toBe(true);
    await server.close();
    const lines = logs.filter((l) => l.includes('from 127.0.0.1') && l.includes('max'));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(lines.join('\n')).toMatch(/rejected \d+ more connections from 127\.0\.0\.1/);
  });

  it('honours max.connections.per.ip.overrides for the address', async () => {
    const overrides = parseOverrides('127.0.0.1:3, bad-entry', () => {});
    const { client, server } = await setup({ maxConnectionsPerIp: 1, maxConnectionsPerIpOverrides: overrides });
    const clients = [await client(), await client(), await client()];
    for (const [i, c] of clients.entries()) expect(await answers(c, i)).toBe(true);
    const fourth = await client();
    expect(await fourth.waitClosed()).toBe(true);
    expect(server.connectionCount(1)).toBe(3);
  });
});

describe('max.connections', () => {
  it('holds connections beyond the limit unanswered and serves them when a slot frees (KIP-402)', async () => {
    const { client, server, logs } = await setup({ maxConnections: 2 });
    const a = await client();
    const b = await client();
    const c = await client();
    await until(() => server.waitingCount(1) === 1);
    expect(server.waitingCount(1)).toBe(1);
    // Held: its request is not read until a slot frees.
    c.request(API_VERSIONS, 0, 30, {});
    await c.waitFrames(1, 300);
    expect(c.frames).toHaveLength(0);
    expect(c.closed).toBe(false);
    expect(await answers(a, 1)).toBe(true);
    expect(logs.some((l) => l.includes('max.connections=2 reached'))).toBe(true);

    b.close();
    await c.waitFrames(1);
    expect(c.decode(0, API_VERSIONS, 0).correlationId).toBe(30);
    expect(server.connectionCount(1)).toBe(2);
    expect(server.waitingCount(1)).toBe(0);
  });

  it('closes new connections once the backlog of waiting ones is full', async () => {
    const { client, server } = await setup({ maxConnections: 1, listenBacklogSize: 1 });
    const a = await client();
    const waiting = await client();
    await until(() => server.waitingCount(1) === 1);
    const refused = await client();
    expect(await refused.waitClosed()).toBe(true);
    expect(waiting.closed).toBe(false);
    expect(await answers(a, 1)).toBe(true);
  });

  it('closes the least recently active connections when the limit is lowered, and admits waiting ones when it is raised', async () => {
    const { client, server, limits } = await setup({ maxConnections: 3 });
    const quiet = await client();
    const busy1 = await client();
    const busy2 = await client();
    await new Promise((r) => setTimeout(r, 20));
    expect(await answers(busy1, 1)).toBe(true);
    expect(await answers(busy2, 2)).toBe(true);
    limits.maxConnections = 2;
    expect(await quiet.waitClosed()).toBe(true);
    expect(busy1.closed || busy2.closed).toBe(false);

    const held = await client();
    await until(() => server.waitingCount(1) === 1);
    limits.maxConnections = 3;
    expect(await answers(held, 3)).toBe(true);
  });
});

describe('connections.max.idle.ms', () => {
  it('closes a connection without traffic and keeps one that keeps talking', async () => {
    // Large next to the talking cadence (IDLE_MS / 10), so a stall of the shared test machine does not make the talker look idle.
    const IDLE_MS = 1000;
    const { client, logs } = await setup({ connectionsMaxIdleMs: IDLE_MS });
    const idle = await client();
    const talking = await client();
    // Before the idle connection's last traffic, so its closure is at least IDLE_MS after this.
    const started = Date.now();
    expect(await answers(idle, 1)).toBe(true);
    let n = 0;
    while (!idle.closed && Date.now() - started < 10_000) {
      expect(await answers(talking, 100 + n++)).toBe(true);
      await new Promise((r) => setTimeout(r, IDLE_MS / 10));
    }
    expect(idle.closed).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(IDLE_MS);
    // Keep talking for several more idle periods: never closed.
    const until2 = Date.now() + 2 * IDLE_MS;
    while (Date.now() < until2) {
      expect(await answers(talking, 100 + n++)).toBe(true);
      await new Promise((r) => setTimeout(r, IDLE_MS / 10));
    }
    expect(talking.closed).toBe(false);
    expect(logs.some((l) => l.includes('closed idle connection') && l.includes(`connections.max.idle.ms ${IDLE_MS}`))).toBe(true);
  });

  it('never closes idle connections with -1', async () => {
    const { client, server } = await setup({ connectionsMaxIdleMs: -1 });
    const c = await client();
    await new Promise((r) => setTimeout(r, 1200));
    expect(c.closed).toBe(false);
    expect(server.connectionCount(1)).toBe(1);
  });
});
