/**
 * The node:net side of the cluster: one TCP listener per simulated broker, each on its own port
 * of 127.0.0.1 by default (or of `WireServerOptions.host`, e.g. 0.0.0.0 for a workshop room).
 * Clients route requests by the broker endpoints Metadata advertises, so every broker needs a
 * real, distinct address (KAFKA-PROTOCOL-NOTES "Framing and negotiation"); by default we bind and
 * advertise 127.0.0.1, never `localhost` (librdkafka may resolve that to ::1). What is advertised
 * is the cluster host's business (ClusterHostOptions.advertisedHost).
 *
 * Issue 16: a broker opens every listener of Kafka's `listeners` config, each on its own port
 * with its own security protocol, TLS and SASL settings (SocketServer: one Acceptor per
 * EndPoint); a connection carries the name of the listener it came in on, which Metadata uses to
 * answer with that listener's endpoints. Connection limits stay broker-wide across listeners (the
 * per-listener `listener.name.<l>.max.connections` of KIP-402 is not served).
 *
 * Stopping a broker closes its listeners and drops its connections, so its ports refuse
 * connections exactly as a crashed Kafka broker's would; starting it listens on the same ports.
 */
import type { Server, Socket } from 'node:net';
import { Connection } from './connection';
import { PLAINTEXT_LISTENER, usesSasl, type ListenerConfig } from './listener-config';
import { SaslAuthenticator, type SaslDeps } from './sasl/authenticator';
import { createListenerServer, initialSecurity } from './listener-sockets';
import type { BrokerServices } from './broker-services';
import { BrokerConnectionCounts, CoalescedLog, KAFKA_DEFAULT_LIMITS, normalizeAddress, type ConnectionLimits } from './connection-quotas';
import { routeRequest } from './request-router';

export const LISTENER_HOST = '127.0.0.1';

export interface WireServerOptions {
  /** socket.request.max.bytes: largest request frame accepted (Kafka default 104857600). */
  maxFrameBytes: number;
  /** Address every broker listener binds (default LISTENER_HOST, 127.0.0.1). */
  host?: string;
  /** Called when a connection closes, with why (protocol error, client gone, broker stopped). */
  onConnectionClosed?: (connectionId: string, brokerId: number, reason: string) => void;
  /**
   * The broker's connection limits, read at every accept and idle sweep so dynamic config changes
   * apply (the host reads the model's broker configs: connection-quotas.ts readConnectionLimits).
   * Default: Kafka's (no connection limit, connections.max.idle.ms 10 minutes).
   */
  limits?: (brokerId: number) => ConnectionLimits;
  /**
   * Issue 16: the client listener every broker opens: its name, security protocol, TLS material,
   * ssl.client.auth and SASL mechanisms. Default: Kafka's PLAINTEXT listener. Ignored when
   * `listeners` is given.
   */
  listener?: ListenerConfig;
  /** Issue 16: every listener a broker opens, in `listeners` order (names distinct); the first is the default of listen() and port(). */
  listeners?: ListenerConfig[];
  /** Issue 16: credentials and session limits for SASL listeners (required when the listener uses SASL). */
  sasl?: SaslDeps;
  /**
   * Issue 15: called before responses are written to a socket. Disk storage hands it the writes
   * it holds until the model's run returns (disk-segment.ts writeAllPending), so no client is
   * answered for a record the page cache does not hold yet: as Kafka's FileChannel.write comes
   * before its answer, a process crash never loses an acknowledged write.
   */
  beforeResponseWrite?: () => void;
}

/** A broker's open listeners and what they share: its connections and connection counts (broker-wide, as Kafka's ConnectionQuotas). */
interface BrokerListener {
  /** Listener name → its server and bound port. */
  servers: Map<string, { server: Server; port: number }>;
  connections: Set<Connection>;
  counts: BrokerConnectionCounts;
  /** Accepted while max.connections was reached: held unread until a slot frees (KIP-402). */
  waiting: Socket[];
}

/** Most real ms between idle sweeps (they also pick up dynamic limit changes and flush coalesced log lines). */
const MAX_SWEEP_INTERVAL_MS = 1000;
const MIN_SWEEP_INTERVAL_MS = 10;
const ignoreError = (): void => {};

export class WireServer {
  private readonly listeners = new Map<number, BrokerListener>();
  /** Ports brokers listened on, per `brokerId|listenerName`, kept across stop so start reuses the same port. */
  private readonly ports = new Map<string, number>();
  /** The listener each accepted socket came in on (also while it waits for a slot). */
  private readonly socketListeners = new WeakMap<Socket, ListenerConfig>();
  private readonly reports: CoalescedLog;
  private sweepTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly services: BrokerServices, private readonly options: WireServerOptions) {
    this.reports = new CoalescedLog((level, message) => services.log(level, message), () => Date.now());
  }

  /** The broker's port on `listenerName` (default: the first listener), also while stopped; null if it never listened there. */
  port(brokerId: number, listenerName = this.listenerConfig.name): number | null {
    return this.ports.get(`${brokerId}|${listenerName}`) ?? null;
  }

  isListening(brokerId: number): boolean {
    return this.listeners.has(brokerId);
  }

  /**
   * Opens broker `brokerId`'s listener `listenerName` (default: the first) on `port` (0 = an
   * ephemeral port, or the port it had before if it listened already). Resolves with the bound
   * port. Call it for one listener of a broker at a time.
   * @throws the listen error (EADDRINUSE, EACCES) — nothing of this listener is left open then.
   */
  async listen(brokerId: number, port = 0, listenerName = this.listenerConfig.name): Promise<number> {
    const config = this.listenerConfigs.find((l) => l.name === listenerName);
    if (!config) throw new Error(`broker ${brokerId} has no listener named ${listenerName}`);
    const existing = this.listeners.get(brokerId);
    const open = existing?.servers.get(config.name);
    if (open) return open.port;
    const key = `${brokerId}|${config.name}`;
    const wanted = port !== 0 ? port : (this.ports.get(key) ?? 0);
    const listener: BrokerListener = existing ?? { servers: new Map(), connections: new Set(), counts: new BrokerConnectionCounts(), waiting: [] };
    const server = createListenerServer(config, (socket) => this.accept(brokerId, socket, listener, config),
      (err) => this.reports.note('tls-handshake', 'info', `${config.name}: TLS handshake failed: ${err.message}`, (n) => `${config.name}: ${n} more TLS handshakes failed`));
    const bound = await new Promise<number>((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      server.once('error', onError);
      server.listen({ host: config.bindHost ?? this.options.host ?? LISTENER_HOST, port: wanted, exclusive: true }, () => {
        server.off('error', onError);
        const address = server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : wanted);
      });
    });
    server.on('error', (err) => this.services.log('warn', `broker ${brokerId} listener ${config.name} error: ${err.message}`));
    listener.servers.set(config.name, { server, port: bound });
    this.listeners.set(brokerId, listener);
    this.ports.set(key, bound);
    this.scheduleSweep(0);
    return bound;
  }

  /** The first listener's config (PLAINTEXT unless the host configured security). */
  get listenerConfig(): ListenerConfig {
    return this.listenerConfigs[0]!;
  }

  /** Every listener a broker opens, in `listeners` order. */
  get listenerConfigs(): readonly ListenerConfig[] {
    return this.options.listeners?.length ? this.options.listeners : [this.options.listener ?? PLAINTEXT_LISTENER];
  }

  /** Closes every listener of broker `brokerId` and drops its client connections. */
  async stop(brokerId: number, reason = 'broker stopped'): Promise<void> {
    const listener = this.listeners.get(brokerId);
    if (!listener) return;
    this.listeners.delete(brokerId);
    for (const socket of listener.waiting.splice(0)) socket.destroy();
    for (const connection of [...listener.connections]) connection.close(reason);
    await Promise.all([...listener.servers.values()].map(({ server }) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }

  async close(): Promise<void> {
    await Promise.all([...this.listeners.keys()].map((id) => this.stop(id, 'cluster host closed')));
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    this.sweepTimer = null;
    this.reports.flush(true);
  }

  /** Open connections per broker, for tests and status lines. */
  connectionCount(brokerId?: number): number {
    let n = 0;
    for (const [id, listener] of this.listeners) if (brokerId === undefined || id === brokerId) n += listener.connections.size;
    return n;
  }

  /** Connections accepted but waiting for a slot under max.connections, per broker (tests, status lines). */
  waitingCount(brokerId: number): number {
    return this.listeners.get(brokerId)?.waiting.length ?? 0;
  }

  private limits(brokerId: number): ConnectionLimits {
    return this.options.limits?.(brokerId) ?? KAFKA_DEFAULT_LIMITS;
  }

  /** Kafka's Acceptor.accept: wait for a broker-wide slot, then the per-IP check. Never throws. */
  private accept(brokerId: number, socket: Socket, listener: BrokerListener, config: ListenerConfig): void {
    // A reset while the socket waits or is being refused must not become an 'error' nobody handles.
    socket.on('error', ignoreError);
    this.socketListeners.set(socket, config);
    try {
      const ip = normalizeAddress(socket.remoteAddress ?? '');
      if (ip === '' || socket.destroyed) {
        socket.destroy();
        return;
      }
      // Earlier arrivals first (a raised limit may have freed slots since the last sweep).
      if (listener.waiting.length > 0) this.admitWaiting(brokerId, listener);
      const limits = this.limits(brokerId);
      if (listener.connections.size >= limits.maxConnections || listener.waiting.length > 0) {
        this.hold(brokerId, socket, listener, limits);
        return;
      }
      this.admit(brokerId, socket, ip, listener, limits);
    } catch (err) {
      socket.destroy();
      this.services.log('warn', `broker ${brokerId}: error while accepting a connection, closed it: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }

  /** max.connections reached: the Acceptor blocks in waitForConnectionSlot; the kernel backlog holds new connections. */
  private hold(brokerId: number, socket: Socket, listener: BrokerListener, limits: ConnectionLimits): void {
    if (listener.waiting.length >= limits.listenBacklogSize) {
      socket.destroy();
      this.reports.note(`${brokerId}|backlog`, 'warn',
        `broker ${brokerId}: closed a new connection from ${socket.remoteAddress}: max.connections=${limits.maxConnections} reached and socket.listen.backlog.size=${limits.listenBacklogSize} connections already wait`,
        (n) => `broker ${brokerId}: closed ${n} more new connections while max.connections=${limits.maxConnections} was reached and the backlog was full`);
      return;
    }
    socket.pause();
    listener.waiting.push(socket);
    socket.once('close', () => {
      const at = listener.waiting.indexOf(socket);
      if (at >= 0) listener.waiting.splice(at, 1);
    });
    this.reports.note(`${brokerId}|blocked`, 'warn',
      `broker ${brokerId}: max.connections=${limits.maxConnections} reached; new connections wait until one closes (KIP-402)`,
      (n) => `broker ${brokerId}: ${n} more connections had to wait for a slot under max.connections=${limits.maxConnections}`);
  }

  private admit(brokerId: number, socket: Socket, ip: string, listener: BrokerListener, limits: ConnectionLimits): void {
    if (listener.counts.check(ip, limits) === 'per-ip') {
      const max = limits.maxConnectionsPerIpOverrides.get(ip) ?? limits.maxConnectionsPerIp;
      socket.destroy();
      // Kafka's Acceptor logs TooManyConnectionsException at info: "Rejected connection from ...".
      this.reports.note(`${brokerId}|ip|${ip}`, 'warn',
        `broker ${brokerId}: rejected connection from ${ip}, address already has the configured maximum of ${max} connections (max.connections.per.ip)`,
        (n) => `broker ${brokerId}: rejected ${n} more connections from ${ip} (max.connections.per.ip ${max})`);
      return;
    }
    listener.counts.inc(ip);
    this.openConnection(brokerId, socket, ip, listener, this.socketListeners.get(socket) ?? this.listenerConfig);
    socket.resume();
  }

  /** Admits held connections while there are free slots (ConnectionQuotas.dec wakes the Acceptor). */
  private admitWaiting(brokerId: number, listener: BrokerListener): void {
    if (this.listeners.get(brokerId) !== listener || listener.waiting.length === 0) return;
    const limits = this.limits(brokerId);
    while (listener.waiting.length > 0 && listener.connections.size < limits.maxConnections) {
      const socket = listener.waiting.shift()!;
      if (socket.destroyed) continue;
      this.admit(brokerId, socket, normalizeAddress(socket.remoteAddress ?? ''), listener, limits);
    }
  }

  private openConnection(brokerId: number, socket: Socket, ip: string, listener: BrokerListener, config: ListenerConfig): void {
    const { services } = this;
    const { connections } = listener;
    const connectionId = services.connections.nextConnectionId(brokerId);
    const connection = new Connection(
      connectionId,
      brokerId,
      socket,
      {
        route: (frame, conn, split) => routeRequest(frame, conn, services, split),
        beforeWrite: this.options.beforeResponseWrite,
        onBytes: (conn, bytesIn, bytesOut) => services.connections.bytes(conn.connectionId, bytesIn, bytesOut),
        onClosed: (conn, reason) => {
          connections.delete(conn);
          listener.counts.dec(ip);
          // Runs inside socket events: nothing here may throw out of the connection.
          try {
            services.connections.closed(conn.connectionId);
            services.connectionClosed(conn.connectionId);
            this.options.onConnectionClosed?.(conn.connectionId, brokerId, reason);
            this.admitWaiting(brokerId, listener);
          } catch (err) {
            services.log('warn', `connection ${conn.connectionId}: error while closing: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
          }
        },
      },
      { maxFrameBytes: this.options.maxFrameBytes },
    );
    connections.add(connection);
    services.connections.opened(connectionId, brokerId, connection.remoteAddress, Date.now());
    this.secure(connection, socket, config);
  }

  /**
   * Sets the connection's listener, security protocol and principal (Kafka's
   * DefaultKafkaPrincipalBuilder: the client certificate's DN on SSL with a verified client
   * certificate, else ANONYMOUS until SASL authenticates), and its SASL authenticator.
   */
  private secure(connection: Connection, socket: Socket, config: ListenerConfig): void {
    const security = initialSecurity(config, socket);
    connection.security = security;
    this.services.connections.secured(connection.connectionId, security);
    if (!usesSasl(config.securityProtocol)) return;
    const deps = this.options.sasl;
    if (!deps) throw new Error(`listener ${config.name} uses SASL but the wire server has no credentials`);
    // connections.max.reauth.ms is per listener (listener.name.<l>.connections.max.reauth.ms).
    const listenerDeps: SaslDeps = config.connectionsMaxReauthMs === undefined ? deps : { ...deps, reauthMs: () => config.connectionsMaxReauthMs! };
    connection.authenticator = new SaslAuthenticator(config, listenerDeps, (authenticated, mechanism) => {
      connection.security = { ...connection.security, principal: authenticated, saslMechanism: mechanism };
      this.services.connections.secured(connection.connectionId, connection.security);
    }, () => connection.security.principal);
  }

  /**
   * The Processor's housekeeping, per broker: closes connections idle past connections.max.idle.ms
   * (Selector.maybeCloseOldestConnection), closes the least recently active connections over a
   * lowered max.connections (Processor.closeExcessConnections), admits waiting connections a raised
   * limit lets in, and writes the coalesced log lines.
   */
  private sweep(): void {
    this.sweepTimer = null;
    const now = Date.now();
    let nextDueMs = now + MAX_SWEEP_INTERVAL_MS;
    for (const [brokerId, listener] of this.listeners) {
      try {
        const limits = this.limits(brokerId);
        if (limits.connectionsMaxIdleMs >= 0) {
          for (const connection of [...listener.connections]) {
            if (connection.inFlightRequests > 0) continue;
            const idleMs = now - connection.lastActiveMs;
            if (idleMs > limits.connectionsMaxIdleMs) {
              connection.close(`idle for ${idleMs} ms (connections.max.idle.ms ${limits.connectionsMaxIdleMs})`);
              this.reports.note(`${brokerId}|idle`, 'info',
                `broker ${brokerId}: closed idle connection ${connection.connectionId} from ${connection.remoteAddress} (no traffic for ${idleMs} ms, connections.max.idle.ms ${limits.connectionsMaxIdleMs})`,
                (n) => `broker ${brokerId}: closed ${n} more idle connections (connections.max.idle.ms ${limits.connectionsMaxIdleMs})`);
            } else {
              nextDueMs = Math.min(nextDueMs, connection.lastActiveMs + limits.connectionsMaxIdleMs + 1);
            }
          }
        }
        const excess = listener.connections.size - limits.maxConnections;
        if (excess > 0) {
          const leastRecent = [...listener.connections].sort((a, b) => a.lastActiveMs - b.lastActiveMs).slice(0, excess);
          for (const connection of leastRecent) connection.close(`max.connections lowered to ${limits.maxConnections}`);
          this.services.log('warn', `broker ${brokerId}: closed ${excess} least recently active connections over max.connections ${limits.maxConnections}`);
        }
        this.admitWaiting(brokerId, listener);
      } catch (err) {
        this.services.log('warn', `broker ${brokerId}: connection housekeeping failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }
    if (this.reports.flush()) nextDueMs = Math.min(nextDueMs, now + MAX_SWEEP_INTERVAL_MS);
    if (this.listeners.size > 0) this.scheduleSweep(nextDueMs - now);
  }

  private scheduleSweep(delayMs: number): void {
    if (this.sweepTimer) {
      if (delayMs > 0) return;
      clearTimeout(this.sweepTimer);
    }
    this.sweepTimer = setTimeout(() => this.sweep(), Math.min(MAX_SWEEP_INTERVAL_MS, Math.max(MIN_SWEEP_INTERVAL_MS, delayMs)));
    // Housekeeping alone must not keep a process (or a test runner) alive.
    this.sweepTimer.unref();
  }
}
