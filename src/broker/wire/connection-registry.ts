/**
 * Who is connected to which simulated broker, for the UI's connections view (ConnectionView in
 * src/shared/cluster-view.ts): client address, client.id (request header), client software name
 * and version (ApiVersions v3+ request, KIP-511), the APIs and versions used with request counts,
 * bytes in and out, and when the connection was accepted (wall-clock ms). The software name is
 * reported or inferred (kafkajs sends no KIP-511 name) by client-software.ts, which says which.
 *
 * Also per broker: bytes in/out per second of client traffic (request and response frames of
 * every API, closed connections included), averaged over the last 5 s of simulated time by
 * RateMeter (1 s buckets), for BrokerView.bytesInPerSec/bytesOutPerSec.
 *
 * And what each connection touched, for the clients view's data-flow picture: the topics and
 * partitions it produced to (Produce) and fetched from (Fetch; v13+ names topics by id, resolved
 * when the view is built), and the consumer group ids it used (FindCoordinator with keyType 0,
 * JoinGroup, OffsetCommit, OffsetFetch). Recorded from the decoded request body in
 * requestReceived: one Set add per topic and per partition, nothing else on the hot path.
 */
import type { ConnectionView } from '../../shared/cluster-view';
import { RateMeter } from '../cluster/view/meters';
import { withClientSoftware } from './client-software';
import { principalToString, type ConnectionSecurity } from '../cluster/security/principal';

interface ApiUsage {
  apiKey: number;
  apiName: string;
  versions: Set<number>;
  requests: number;
}

interface ConnectionRecord {
  /** Issue 16: listener, security protocol, principal (set on accept and on authentication). */
  security?: ConnectionView['security'];
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
  /** topic (or `\u0000<topicId>` until resolved) → partitions. */
  produced: Map<string, Set<number>> | null;
  fetched: Map<string, Set<number>> | null;
  groupIds: Set<string> | null;
}

/** Topic and partition lists of a decoded Produce or Fetch request, and group-naming requests. */
type TrafficBody = {
  topicData?: { name: string; partitionData: { index: number }[] }[];
  topics?: { topic?: string; topicId?: string; partitions?: { partition: number }[] }[] | null;
  groupId?: string;
  key?: string;
  keyType?: number;
  coordinatorKeys?: string[];
};

const PRODUCE = 0;
const FETCH = 1;
const GROUP_APIS = new Set([8, 9, 10, 11]); // OffsetCommit, OffsetFetch, FindCoordinator, JoinGroup
const TOPIC_ID_PREFIX = '\u0000';

export class ConnectionRegistry {
  private readonly records = new Map<string, ConnectionRecord>();
  private readonly brokerIn = new Map<number, RateMeter>();
  private readonly brokerOut = new Map<number, RateMeter>();
  private nextSequence = 1;

  /**
   * @param now simulated ms, the clock the rates are averaged on (default: the wall clock).
   * @param topicName resolves a Fetch v13+ topicId (base64url) at a broker; absent → shown as the id.
   */
  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly topicName: (brokerId: number, topicId: string) => string | undefined = () => undefined,
  ) {}

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
      produced: null,
      fetched: null,
      groupIds: null,
    });
  }

  closed(connectionId: string): void {
    this.records.delete(connectionId);
  }

  /**
   * Counts one request of `apiKey` at `apiVersion`; remembers the header's client.id and, from the
   * decoded `body`, the topics/partitions (Produce, Fetch) and group ids it names.
   */
  requestReceived(connectionId: string, apiKey: number, apiName: string, apiVersion: number, clientId: string | null, body?: object): void {
    const record = this.records.get(connectionId);
    if (!record) return;
    if (body !== undefined && (apiKey <= FETCH || GROUP_APIS.has(apiKey))) noteTraffic(record, apiKey, body as TrafficBody);
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
  /** Issue 16: the connection's listener, security protocol and principal, as the clients view shows them. */
  secured(connectionId: string, security: ConnectionSecurity): void {
    const record = this.records.get(connectionId);
    if (record) record.security = { listenerName: security.listenerName, securityProtocol: security.securityProtocol, principal: principalToString(security.principal), saslMechanism: security.saslMechanism };
  }

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
        ...(r.produced ? { produced: this.topicList(r.brokerId, r.produced) } : {}),
        ...(r.fetched ? { fetched: this.topicList(r.brokerId, r.fetched) } : {}),
        ...(r.groupIds ? { groupIds: [...r.groupIds].sort() } : {}),
        ...(r.security ? { security: r.security } : {}),
      });
    }
    return withClientSoftware(out.sort((a, b) => a.brokerId - b.brokerId));
  }

  private topicList(brokerId: number, topics: Map<string, Set<number>>): { topic: string; partitions: number[] }[] {
    const merged = new Map<string, Set<number>>();
    for (const [key, partitions] of topics) {
      const topicId = key.startsWith(TOPIC_ID_PREFIX) ? key.slice(1) : null;
      const topic = topicId === null ? key : (this.topicName(brokerId, topicId) ?? topicId);
      const into = merged.get(topic) ?? new Set<number>();
      for (const p of partitions) into.add(p);
      merged.set(topic, into);
    }
    return [...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }));
  }
}

function noteTraffic(record: ConnectionRecord, apiKey: number, body: TrafficBody): void {
  if (apiKey === PRODUCE) {
    for (const t of body.topicData ?? []) addPartitions((record.produced ??= new Map()), t.name, t.partitionData, 'index');
  } else if (apiKey === FETCH) {
    for (const t of body.topics ?? []) addPartitions((record.fetched ??= new Map()), t.topic ? t.topic : TOPIC_ID_PREFIX + (t.topicId ?? ''), t.partitions ?? [], 'partition');
  } else if (body.groupId) {
    (record.groupIds ??= new Set()).add(body.groupId);
  } else if (body.keyType === 0 || (body.keyType === undefined && body.key)) {
    // FindCoordinator: keyType 0 is a group (1 a transactional id); v4+ batches coordinatorKeys.
    if (body.key) (record.groupIds ??= new Set()).add(body.key);
    for (const key of body.coordinatorKeys ?? []) (record.groupIds ??= new Set()).add(key);
  }
}

function addPartitions<K extends string>(topics: Map<string, Set<number>>, topic: string, partitions: readonly Record<K, number>[], field: K): void {
  let set = topics.get(topic);
  if (!set) topics.set(topic, (set = new Set()));
  for (const p of partitions) set.add(p[field]);
}

function meter(meters: Map<number, RateMeter>, brokerId: number): RateMeter {
  let m = meters.get(brokerId);
  if (!m) meters.set(brokerId, (m = new RateMeter()));
  return m;
}
