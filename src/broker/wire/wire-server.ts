/**
 * The node:net side of the cluster: one TCP listener per simulated broker, each on its own port
 * of 127.0.0.1 by default (or of `WireServerOptions.host`, e.g. 0.0.0.0 for a workshop room).
 * Clients route requests by the broker endpoints Metadata advertises, so every broker needs a
 * real, distinct address (KAFKA-PROTOCOL-NOTES "Framing and negotiation"); by default we bind and
 * advertise 127.0.0.1, never `localhost` (librdkafka may resolve that to ::1). What is advertised
 * is the cluster host's business (ClusterHostOptions.advertisedHost).
 *
 * Stopping a broker closes its listener and drops its connections, so its port refuses
 * connections exactly as a crashed Kafka broker's would; starting it listens on the same port.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { Connection } from './connection';
import type { BrokerServices } from './broker-services';
import { routeRequest } from './request-router';

export const LISTENER_HOST = '127.0.0.1';

export interface WireServerOptions {
  /** socket.request.max.bytes: largest request frame accepted (Kafka default 104857600). */
  maxFrameBytes: number;
  /** Address every broker listener binds (default LISTENER_HOST, 127.0.0.1). */
  host?: string;
  /** Called when a connection closes, with why (protocol error, client gone, broker stopped). */
  onConnectionClosed?: (connectionId: string, brokerId: number, reason: string) => void;
}

interface BrokerListener {
  server: Server;
  port: number;
  connections: Set<Connection>;
}

export class WireServer {
  private readonly listeners = new Map<number, BrokerListener>();
  /** Ports brokers listened on, kept across stop so start reuses the same port. */
  private readonly ports = new Map<number, number>();

  constructor(private readonly services: BrokerServices, private readonly options: WireServerOptions) {}

  /** The broker's port (also while stopped), or null if it never listened. */
  port(brokerId: number): number | null {
    return this.ports.get(brokerId) ?? null;
  }

  isListening(brokerId: number): boolean {
    return this.listeners.has(brokerId);
  }

  /**
   * Opens broker `brokerId`'s listener on `port` (0 = an ephemeral port, or the port it had
   * before if it listened already). Resolves with the bound port.
   * @throws the listen error (EADDRINUSE, EACCES) — nothing is left open then.
   */
  async listen(brokerId: number, port = 0): Promise<number> {
    if (this.listeners.has(brokerId)) return this.listeners.get(brokerId)!.port;
    const wanted = port !== 0 ? port : (this.ports.get(brokerId) ?? 0);
    const connections = new Set<Connection>();
    const server = createServer({ noDelay: true }, (socket) => this.accept(brokerId, socket, connections));
    const bound = await new Promise<number>((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      server.once('error', onError);
      server.listen({ host: this.options.host ?? LISTENER_HOST, port: wanted, exclusive: true }, () => {
        server.off('error', onError);
        const address = server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : wanted);
      });
    });
    server.on('error', (err) => this.services.log('warn', `broker ${brokerId} listener error: ${err.message}`));
    this.listeners.set(brokerId, { server, port: bound, connections });
    this.ports.set(brokerId, bound);
    return bound;
  }

  /** Closes broker `brokerId`'s listener and drops its client connections. */
  async stop(brokerId: number, reason = 'broker stopped'): Promise<void> {
    const listener = this.listeners.get(brokerId);
    if (!listener) return;
    this.listeners.delete(brokerId);
    for (const connection of [...listener.connections]) connection.close(reason);
    await new Promise<void>((resolve) => listener.server.close(() => resolve()));
  }

  async close(): Promise<void> {
    await Promise.all([...this.listeners.keys()].map((id) => this.stop(id, 'cluster host closed')));
  }

  /** Open connections per broker, for tests and status lines. */
  connectionCount(brokerId?: number): number {
    let n = 0;
    for (const [id, listener] of this.listeners) if (brokerId === undefined || id === brokerId) n += listener.connections.size;
    return n;
  }

  private accept(brokerId: number, socket: Socket, connections: Set<Connection>): void {
    const { services } = this;
    const connectionId = services.connections.nextConnectionId(brokerId);
    const connection = new Connection(
      connectionId,
      brokerId,
      socket,
      {
        route: (frame, conn, split) => routeRequest(frame, conn, services, split),
        onBytes: (conn, bytesIn, bytesOut) => services.connections.bytes(conn.connectionId, bytesIn, bytesOut),
        onClosed: (conn, reason) => {
          connections.delete(conn);
          services.connections.closed(conn.connectionId);
          services.connectionClosed(conn.connectionId);
          this.options.onConnectionClosed?.(conn.connectionId, brokerId, reason);
        },
      },
      { maxFrameBytes: this.options.maxFrameBytes },
    );
    connections.add(connection);
    services.connections.opened(connectionId, brokerId, connection.remoteAddress, Date.now());
  }
}
