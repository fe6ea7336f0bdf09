/**
 * Sends one request at a time to a broker of a ClusterHost over a RawClient and returns the
 * decoded response body; for tests that sweep every version of an API.
 */
import type { ClusterHost } from '../../host/cluster-host';
import { RawClient } from './raw-client';

export class Caller {
  private readonly clients = new Map<number, RawClient>();
  private correlationId = 0;

  constructor(private readonly host: ClusterHost) {}

  private port(brokerId: number): number {
    return this.host.snapshot().brokers.find((b) => b.brokerId === brokerId)!.port;
  }

  /** Sends `body` as apiKey v`apiVersion` to broker `brokerId`; resolves with the response body. */
  async call<T = Record<string, unknown>>(brokerId: number, apiKey: number, apiVersion: number, body: object, timeoutMs = 10_000): Promise<T> {
    let client = this.clients.get(brokerId);
    if (!client || client.closed) {
      client = await RawClient.connect(this.port(brokerId));
      this.clients.set(brokerId, client);
    }
    const correlationId = ++this.correlationId;
    const index = client.frames.length;
    client.request(apiKey, apiVersion, correlationId, body, 'version-sweep');
    await client.waitFrames(index + 1, timeoutMs);
    if (client.frames.length <= index) throw new Error(`no response to API ${apiKey} v${apiVersion} (connection ${client.closed ? 'closed' : 'open'})`);
    const decoded = client.decode<T>(index, apiKey, apiVersion);
    if (decoded.correlationId !== correlationId) throw new Error(`correlation id ${decoded.correlationId}, expected ${correlationId}`);
    return decoded.body;
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
