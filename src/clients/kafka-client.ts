/**
 * RemoteKafkaClient: requests to a remote cluster over the project's own codec, with a small pool
 * of connections per broker.
 *
 * The brokers come from Metadata (host, port as advertised; TLS checks the certificate against
 * that host). `request('any', …)` goes to the least loaded broker with an open connection, or
 * through the bootstrap servers before the first Metadata (Kafka's NetworkClient.leastLoadedNode).
 * A broker gets up to `maxConnectionsPerBroker` connections (default 2): a new one only when every
 * open one has requests in flight. Closed connections (a timeout, the broker went away) leave the
 * pool and the next request opens a new one.
 */
import type { MetadataResponse } from '../broker/protocol';
import type { ConnectionSettings } from '../shared/connection-profile';
import { KafkaClientError } from './errors';
import type { KafkaConnection, RequestOptions } from './kafka-connection';
import { openConnection } from './open-connection';
import { parseBootstrapServers, type BrokerAddress } from './socket-setup';

export interface RemoteKafkaClientOptions {
  clientId?: string;
  maxConnectionsPerBroker?: number;
}

const METADATA = 3;

export class RemoteKafkaClient {
  readonly clientId: string;
  private readonly maxConnections: number;
  private readonly bootstrap: BrokerAddress[];
  /** nodeId → address, from the last Metadata. */
  private readonly brokerAddresses = new Map<number, BrokerAddress>();
  /** Pool key (node id, or "bootstrap:<i>") → connections opening or open. */
  private readonly pools = new Map<string, Promise<KafkaConnection>[]>();
  private readonly open = new Map<Promise<KafkaConnection>, KafkaConnection>();
  private closed = false;

  constructor(readonly settings: ConnectionSettings, options: RemoteKafkaClientOptions = {}) {
    this.clientId = options.clientId ?? 'kafka-lab-remote';
    this.maxConnections = Math.max(1, options.maxConnectionsPerBroker ?? 2);
    this.bootstrap = parseBootstrapServers(settings.bootstrapServers);
  }

  /** Brokers as the last Metadata named them (empty before the first). */
  brokers(): ReadonlyMap<number, BrokerAddress> {
    return this.brokerAddresses;
  }

  /** Open connections per pool key, for tests and the status line. */
  connectionCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, list] of this.pools) out[key] = list.filter((p) => this.open.get(p)?.closed === false).length;
    return out;
  }

  /**
   * Metadata for `topics` (null: all topics), v12 or the highest the broker serves; refreshes the
   * broker table. allowAutoTopicCreation is false: looking must not create topics.
   */
  async metadata(topics: string[] | null = null): Promise<MetadataResponse> {
    const { body } = await this.request<MetadataResponse>('any', METADATA, {
      topics: topics === null ? null : topics.map((name) => ({ topicId: '', name })),
      allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false,
    });
    this.brokerAddresses.clear();
    for (const b of body.brokers) this.brokerAddresses.set(b.nodeId, { host: b.host, port: b.port });
    return body;
  }

  /** Sends one request to broker `target` (a node id from Metadata) or to 'any' broker. */
  async request<T = any>(target: number | 'any', apiKey: number, body: object, opts: RequestOptions = {}): Promise<{ version: number; body: T }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    if (this.closed) throw new KafkaClientError('request', 'the client is closed', 'CLOSED');
    const connection = await this.connectionTo(target);
    return connection.send<T>(apiKey, body, opts);
  }

  /** The API version the broker behind `target` would get for `apiKey` (opens a connection). */
  async versionFor(target: number | 'any', apiKey: number, maxVersion?: number): Promise<number> {
    return (await this.connectionTo(target)).versionFor(apiKey, maxVersion);
  }

  close(): void {
    this.closed = true;
    for (const list of this.pools.values()) for (const p of list) p.then((c) => c.close(), () => {});
    this.pools.clear();
  }

  private async connectionTo(target: number | 'any'): Promise<KafkaConnection> {
    if (target !== 'any') {
      const address = this.brokerAddresses.get(target);
      if (address === undefined) {
        await this.metadata();
        if (!this.brokerAddresses.has(target)) throw new KafkaClientError('request', `broker ${target} is not in the cluster's metadata`, 'BROKER_NOT_AVAILABLE');
      }
      return this.fromPool(String(target), this.brokerAddresses.get(target)!);
    }
    // Least loaded: an open connection with the fewest requests in flight, else bootstrap in turn.
    let best: KafkaConnection | null = null;
    for (const c of this.open.values()) if (!c.closed && (best === null || c.inFlightCount < best.inFlightCount)) best = c;
    if (best !== null) return best;
    const nodes = [...this.brokerAddresses.entries()].map(([id, a]) => [String(id), a] as const);
    const candidates = nodes.length > 0 ? nodes : this.bootstrap.map((a, i) => [`bootstrap:${i}`, a] as const);
    let lastError: Error | null = null;
    for (const [key, address] of candidates) {
      try {
        return await this.fromPool(key, address);
      } catch (e) {
        lastError = e as Error;
      }
    }
    throw lastError ?? new KafkaClientError('request', 'no broker to connect to');
  }

  private async fromPool(key: string, address: BrokerAddress): Promise<KafkaConnection> {
    const list = (this.pools.get(key) ?? []).filter((p) => this.open.get(p)?.closed !== true);
    this.pools.set(key, list);
    const ready = list.map((p) => this.open.get(p)).filter((c): c is KafkaConnection => c !== undefined);
    const idle = ready.find((c) => c.inFlightCount === 0);
    if (idle) return idle;
    if (list.length >= this.maxConnections) {
      if (ready.length > 0) return ready.reduce((a, b) => (b.inFlightCount < a.inFlightCount ? b : a));
      return list[0]!; // all still opening: share the first
    }
    const opening = openConnection(address, this.settings, this.clientId);
    list.push(opening);
    opening.then((c) => {
      if (this.closed) c.close();
      this.open.set(opening, c);
      c.onClose(() => {
        this.open.delete(opening);
        const current = this.pools.get(key);
        if (current) this.pools.set(key, current.filter((p) => p !== opening));
      });
    }, () => {
      const current = this.pools.get(key);
      if (current) this.pools.set(key, current.filter((p) => p !== opening));
    });
    return opening;
  }
}
