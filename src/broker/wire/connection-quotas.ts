/**
 * Connection limits of one broker listener, as Kafka's ConnectionQuotas and Processor enforce them
 * (core/src/main/scala/kafka/network/SocketServer.scala, apache/kafka 1eb7644):
 *
 * - max.connections (broker-wide): ConnectionQuotas.inc first waits for a slot
 *   (waitForConnectionSlot, KIP-402): the Acceptor thread blocks, so new connections queue in the
 *   kernel's listen backlog (socket.listen.backlog.size) until one closes. Node accepts eagerly,
 *   so a connection accepted while the broker is full is held unread, up to the backlog size, and
 *   admitted when a slot frees; beyond the backlog it is closed (where the kernel would drop it).
 *   Lowering max.connections dynamically closes the least recently active connections over the
 *   limit (Processor.closeExcessConnections with Selector.lowestPriorityChannel).
 * - max.connections.per.ip (+ overrides): checked after the slot; a connection from an address
 *   already at its maximum is closed at once (TooManyConnectionsException, logged by the Acceptor
 *   as "Rejected connection from <ip>, address already has the configured maximum of <n>
 *   connections.").
 * - connections.max.idle.ms: the Selector's IdleExpiryManager closes a connection with no
 *   completed receive or send for that long. A connection whose request is still waiting for its
 *   answer (a long-poll Fetch while the simulation is paused) is not idle here: it is the broker
 *   that is silent, not the client.
 *
 * Limits are read per broker at each use, so dynamic changes (IncrementalAlterConfigs) apply.
 */
import type { KafkaCluster } from '../cluster/api';
import { RESOURCE_BROKER } from '../cluster/api';
import type { LogLevel } from './broker-services';

export interface ConnectionLimits {
  maxConnections: number;
  maxConnectionsPerIp: number;
  /** IP address → its own maximum (max.connections.per.ip.overrides). */
  maxConnectionsPerIpOverrides: ReadonlyMap<string, number>;
  /** < 0: never close idle connections. */
  connectionsMaxIdleMs: number;
  listenBacklogSize: number;
}

/** Kafka's defaults (SocketServerConfigs): no connection limit, 10 minutes idle, backlog 50. */
export const KAFKA_DEFAULT_LIMITS: ConnectionLimits = {
  maxConnections: 2147483647,
  maxConnectionsPerIp: 2147483647,
  maxConnectionsPerIpOverrides: new Map(),
  connectionsMaxIdleMs: 600_000,
  listenBacklogSize: 50,
};

const CONFIG_NAMES = ['max.connections', 'max.connections.per.ip', 'max.connections.per.ip.overrides', 'connections.max.idle.ms', 'socket.listen.backlog.size'];

/**
 * The broker's effective limits from the model's broker configs (dynamic per-broker, dynamic
 * cluster default, static, default — as DescribeConfigs reports them). A config the model cannot
 * answer keeps Kafka's default: a limit lookup must never fail an accept.
 */
export function readConnectionLimits(cluster: Pick<KafkaCluster, 'describeConfigs'>, brokerId: number, warn: (message: string) => void): ConnectionLimits {
  let values: Map<string, string | null>;
  try {
    const [result] = cluster.describeConfigs(brokerId, [{ resourceType: RESOURCE_BROKER, resourceName: String(brokerId), configNames: CONFIG_NAMES }]);
    values = new Map((result?.configs ?? []).map((c) => [c.name, c.value]));
  } catch {
    return KAFKA_DEFAULT_LIMITS;
  }
  const num = (name: string, fallback: number): number => {
    const n = Number(values.get(name) ?? NaN);
    return Number.isFinite(n) ? n : fallback;
  };
  return {
    maxConnections: num('max.connections', KAFKA_DEFAULT_LIMITS.maxConnections),
    maxConnectionsPerIp: num('max.connections.per.ip', KAFKA_DEFAULT_LIMITS.maxConnectionsPerIp),
    maxConnectionsPerIpOverrides: parseOverrides(values.get('max.connections.per.ip.overrides') ?? '', warn),
    connectionsMaxIdleMs: num('connections.max.idle.ms', KAFKA_DEFAULT_LIMITS.connectionsMaxIdleMs),
    listenBacklogSize: num('socket.listen.backlog.size', KAFKA_DEFAULT_LIMITS.listenBacklogSize),
  };
}

const warnedOverrides = new Set<string>();

/** "host:count,host:count" (Kafka's format). Entries that do not parse are skipped with one warning each. */
export function parseOverrides(raw: string, warn: (message: string) => void): Map<string, number> {
  const out = new Map<string, number>();
  for (const entry of raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0)) {
    const at = entry.lastIndexOf(':');
    const host = at > 0 ? normalizeAddress(entry.slice(0, at).trim()) : '';
    const count = at > 0 ? entry.slice(at + 1).trim() : '';
    if (host === '' || !/^\d+$/.test(count)) {
      if (!warnedOverrides.has(entry)) {
        warnedOverrides.add(entry);
        warn(`max.connections.per.ip.overrides: ignoring "${entry}" (expected <ip>:<count>)`);
      }
      continue;
    }
    out.set(host, Number(count));
    if (host === '127.0.0.1' && entry.startsWith('localhost')) out.set('::1', Number(count));
  }
  return out;
}

/** The client address as quotas count it: IPv4-mapped IPv6 as plain IPv4, localhost as 127.0.0.1. */
export function normalizeAddress(address: string): string {
  if (address === 'localhost') return '127.0.0.1';
  const bracketless = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  return bracketless.startsWith('::ffff:') && bracketless.includes('.') ? bracketless.slice(7) : bracketless;
}

/** Connections per client address of one broker listener (ConnectionQuotas.counts; the total is the listener's connection set). */
export class BrokerConnectionCounts {
  private readonly perIp = new Map<string, number>();

  of(ip: string): number {
    return this.perIp.get(ip) ?? 0;
  }

  /** Whether a connection from `ip` may be admitted now; 'per-ip' names the limit it hit. */
  check(ip: string, limits: ConnectionLimits): 'ok' | 'per-ip' {
    const max = limits.maxConnectionsPerIpOverrides.get(ip) ?? limits.maxConnectionsPerIp;
    return this.of(ip) >= max ? 'per-ip' : 'ok';
  }

  inc(ip: string): void {
    this.perIp.set(ip, this.of(ip) + 1);
  }

  dec(ip: string): void {
    const n = this.of(ip) - 1;
    if (n <= 0) this.perIp.delete(ip);
    else this.perIp.set(ip, n);
  }
}

/**
 * Log lines for refusals and closures without one line per connection of a flood: the first of a
 * kind is logged at once, the rest of the next `windowMs` are counted and logged as one line.
 */
export class CoalescedLog {
  private readonly windows = new Map<string, { until: number; more: number; level: LogLevel; summary: (n: number) => string }>();

  constructor(private readonly log: (level: LogLevel, message: string) => void, private readonly now: () => number, private readonly windowMs = 1000) {}

  note(key: string, level: LogLevel, first: string, summary: (n: number) => string): void {
    const open = this.windows.get(key);
    if (open) {
      open.more++;
      return;
    }
    this.windows.set(key, { until: this.now() + this.windowMs, more: 0, level, summary });
    this.log(level, first);
  }

  /** Logs the counts of windows that ended; returns whether windows are still open. */
  flush(force = false): boolean {
    const now = this.now();
    for (const [key, w] of this.windows) {
      if (!force && now < w.until) continue;
      this.windows.delete(key);
      if (w.more > 0) this.log(w.level, w.summary(w.more));
    }
    return this.windows.size > 0;
  }
}
