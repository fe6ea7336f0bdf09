/**
 * Who is connected to which simulated broker, for the UI's connections view (ConnectionView in
 * src/shared/cluster-view.ts): client address, client.id (request header), client software name
 * and version (ApiVersions v3+ request, KIP-511), the APIs and versions used with request counts,
 * bytes in and out, and when the connection was accepted (wall-clock ms).
 *
 * Also per broker: bytes in/out per second of client traffic (request and response frames of
 * every API, closed connections included), averaged over the last 5 s of simulated time by
 * RateMeter (1 s buckets), for BrokerView.bytesInPerSec/bytesOutPerSec.
 */
import type { ConnectionView } from '../../shared/cluster-view';
import { RateMeter } from '../cluster/view/meters';

interface ApiUsage {
  apiKey: number;
  apiName: string;
  versions: Set<number>;
  requests: number;
}

interface ConnectionRecord {
  connectionId: string;
  brokerId: number;
  clientAddress: string;
  clientId: string | null;
  clientSoftwareName: string | null;
  clientSoftwareVersion: string | null;
  apis: Map<number, ApiUsage>;
  bytesIn: number;
  bytesOut: number;
  connectedAtMs: number;
}

export class ConnectionRegistry {
  private readonly records = new Map<string, ConnectionRecord>();
  private readonly brokerIn = new Map<number, RateMeter>();
  private readonly brokerOut = new Map<number, RateMeter>();
  private nextSequence = 1;

  /** @param now simulated ms, the clock the rates are averaged on (default: the wall clock). */
  constructor(private readonly now: () => number = () => Date.now()) {}

  /** A fresh connection id: `b<brokerId>-<sequence>`, unique for the host's lifetime. */
  nextConnectionId(brokerId: number): string {
    return `b${brokerId}-${this.nextSequence++}`;
  }

  opened(connectionId: string, brokerId: number, clientAddress: string, connectedAtMs: number): void {
    this.records.set(connectionId, {
      connectionId,
      brokerId,
      clientAddress,
      clientId: null,
      clientSoftwareName: null,
      clientSoftwareVersion: null,
      apis: new Map(),
      bytesIn: 0,
      bytesOut: 0,
      connectedAtMs,
    });
  }

  closed(connectionId: string): void {
    this.records.delete(connectionId);
  }

  /** Counts one request of `apiKey` at `apiVersion`; remembers the header's client.id. */
  requestReceived(connectionId: string, apiKey: number, apiName: string, apiVersion: number, clientId: string | null): void {
    const record = this.records.get(connectionId);
    if (!record) return;
    if (clientId !== null) record.clientId = clientId;
    let usage = record.apis.get(apiKey);
    if (!usage) {
      usage = { apiKey, apiName, versions: new Set(), requests: 0 };
      record.apis.set(apiKey, usage);
    }
    usage.versions.add(apiVersion);
    usage.requests++;
  }

  /** KIP-511: ApiVersions v3+ carries clientSoftwareName/clientSoftwareVersion. */
  clientSoftware(connectionId: string, name: string | null, version: string | null): void {
    const record = this.records.get(connectionId);
    if (!record) return;
    record.clientSoftwareName = name;
    record.clientSoftwareVersion = version;
  }

  bytes(connectionId: string, bytesIn: number, bytesOut: number): void {
    const record = this.records.get(connectionId);
    if (!record) return;
    record.bytesIn += bytesIn;
    record.bytesOut += bytesOut;
    const nowMs = this.now();
    if (bytesIn > 0) meter(this.brokerIn, record.brokerId).add(bytesIn, nowMs);
    if (bytesOut > 0) meter(this.brokerOut, record.brokerId).add(bytesOut, nowMs);
  }

  /** Client bytes per second a broker received (requests) and sent (responses), last 5 s. */
  brokerRates(brokerId: number): { bytesInPerSec: number; bytesOutPerSec: number } {
    const nowMs = this.now();
    return { bytesInPerSec: this.brokerIn.get(brokerId)?.rate(nowMs) ?? 0, bytesOutPerSec: this.brokerOut.get(brokerId)?.rate(nowMs) ?? 0 };
  }

  get size(): number {
    return this.records.size;
  }

  /** Plain-JSON views, ordered by broker then connection order. */
  views(): ConnectionView[] {
    const out: ConnectionView[] = [];
    for (const r of this.records.values()) {
      out.push({
        connectionId: r.connectionId,
        brokerId: r.brokerId,
        clientAddress: r.clientAddress,
        clientId: r.clientId,
        clientSoftwareName: r.clientSoftwareName,
        clientSoftwareVersion: r.clientSoftwareVersion,
        apis: [...r.apis.values()]
          .sort((a, b) => a.apiKey - b.apiKey)
          .map((u) => ({ apiKey: u.apiKey, apiName: u.apiName, versions: [...u.versions].sort((a, b) => a - b), requests: u.requests })),
        bytesIn: r.bytesIn,
        bytesOut: r.bytesOut,
        connectedAtMs: r.connectedAtMs,
      });
    }
    return out.sort((a, b) => a.brokerId - b.brokerId);
  }
}

function meter(meters: Map<number, RateMeter>, brokerId: number): RateMeter {
  let m = meters.get(brokerId);
  if (!m) meters.set(brokerId, (m = new RateMeter()));
  return m;
}
