/**
 * The producers → topics → consumer groups picture, from what the brokers see. Producers are
 * client.ids whose connections sent Produce (API key 0); topics are those produced to, fetched
 * by a group's clients, or with committed offsets; groups come from the coordinators.
 *
 * Edges are exact where the connection registry says what each connection touched
 * (ConnectionView.produced / fetched / groupIds, embedded cluster): producer → topic for every
 * topic a client.id's connections produced to; topic → group for every topic fetched by a client
 * (client.id at its host — a consumer's coordinator and fetch connections are usually different
 * connections to different brokers) that named the group, plus the group's assignment and
 * committed offsets. Where a cluster does not report per-connection topics (remote clusters, no
 * `produced` field), a producer is linked to every topic being written to now and the edge is
 * marked inferred (drawn dashed).
 */
import type { ClusterView, ConnectionView } from '../../../shared/cluster-view';

export interface FlowNode { id: string; label: string; detail: string }
export interface FlowEdge { from: string; to: string; inferred: boolean }
export interface DataFlow { producers: FlowNode[]; topics: FlowNode[]; groups: FlowNode[]; edges: FlowEdge[] }

const PRODUCE = 0;

/** A client as the broker can tell them apart: client.id at the client's host (address without port). */
function clientKey(c: ConnectionView): string {
  return `${c.clientId ?? ''}\u0000${hostOf(c)}`;
}

/**
 * A producer as the brokers see it (issue 14's cluster map): a client.id whose connections sent
 * Produce, with the hosts it connected from and what it wrote. `written` is null when the cluster
 * does not report per-connection topics (remote clusters): then nobody can say which topics.
 */
export interface ProducerSeen {
  clientId: string;
  /** Client hosts (address without port), in the order first seen. */
  hosts: string[];
  connections: number;
  requests: number;
  /** Topic → partitions produced to (sorted); null: not reported by this cluster. */
  written: Map<string, number[]> | null;
}

/** Producers from the connection registry: connections that sent at least one Produce request (API key 0), grouped by client.id. */
export function producersSeen(view: ClusterView): ProducerSeen[] {
  const byId = new Map<string, ProducerSeen>();
  for (const c of view.connections) {
    const produce = c.apis.find((a) => a.apiKey === PRODUCE);
    if (!produce || produce.requests === 0) continue;
    const clientId = c.clientId ?? '(no client.id)';
    let entry = byId.get(clientId);
    if (!entry) byId.set(clientId, (entry = { clientId, hosts: [], connections: 0, requests: 0, written: null }));
    const host = hostOf(c);
    if (!entry.hosts.includes(host)) entry.hosts.push(host);
    entry.connections++;
    entry.requests += produce.requests;
    if (c.produced) {
      const written = (entry.written ??= new Map());
      for (const p of c.produced) written.set(p.topic, [...new Set([...(written.get(p.topic) ?? []), ...p.partitions])].sort((a, b) => a - b));
    }
  }
  return [...byId.values()];
}

/** The client's host as the registry has it: its address without the port. */
export function hostOf(c: ConnectionView): string {
  return c.clientAddress.replace(/:\d+$/, '');
}

export function buildDataFlow(view: ClusterView): DataFlow {
  const producerClients = new Map(producersSeen(view).map((p) => [p.clientId, { connections: p.connections, requests: p.requests, topics: p.written ? new Set(p.written.keys()) : null }]));
  const fetchedByClient = new Map<string, Set<string>>();
  const groupsByClient = new Map<string, Set<string>>();
  for (const c of view.connections) {
    const key = clientKey(c);
    if (c.fetched) for (const f of c.fetched) addTo(fetchedByClient, key, f.topic);
    if (c.groupIds) for (const g of c.groupIds) addTo(groupsByClient, key, g);
  }

  const groupTopics = new Map<string, Set<string>>();
  for (const g of view.groups) {
    groupTopics.set(g.groupId, new Set<string>([...g.offsets.map((o) => o.topic), ...g.members.flatMap((m) => m.assignment.map((a) => a.topic))]));
  }
  for (const [client, groups] of groupsByClient) {
    const fetched = fetchedByClient.get(client);
    if (!fetched) continue;
    for (const groupId of groups) {
      if (!groupTopics.has(groupId)) continue; // a transactional or unknown id, not a consumer group
      for (const topic of fetched) groupTopics.get(groupId)!.add(topic);
    }
  }

  const internal = new Set(view.topics.filter((t) => t.internal).map((t) => t.name));
  const consumed = new Set([...groupTopics.values()].flatMap((s) => [...s]));
  const producedTo = new Set([...producerClients.values()].flatMap((e) => [...(e.topics ?? [])]));
  const writtenNow = view.topics.filter((t) => !t.internal && t.produceRatePerSec > 0).map((t) => t.name);
  const topics = view.topics.filter((t) => !t.internal && (t.produceRatePerSec > 0 || consumed.has(t.name) || producedTo.has(t.name)));
  const shown = new Set(topics.map((t) => t.name));

  const edges: FlowEdge[] = [];
  for (const [producer, entry] of producerClients) {
    if (entry.topics) for (const topic of entry.topics) { if (shown.has(topic)) edges.push({ from: `p:${producer}`, to: `t:${topic}`, inferred: false }); }
    else for (const topic of writtenNow) edges.push({ from: `p:${producer}`, to: `t:${topic}`, inferred: true });
  }
  for (const [groupId, set] of groupTopics) for (const topic of set) if (shown.has(topic) && !internal.has(topic)) edges.push({ from: `t:${topic}`, to: `g:${groupId}`, inferred: false });
  return {
    producers: [...producerClients].map(([id, e]) => ({ id: `p:${id}`, label: id, detail: `${e.connections} connection(s), ${e.requests} Produce requests` })),
    topics: topics.map((t) => ({ id: `t:${t.name}`, label: t.name, detail: `${t.produceRatePerSec.toFixed(1)} rec/s in` })),
    groups: view.groups.map((g) => ({ id: `g:${g.groupId}`, label: g.groupId, detail: `${g.state}, ${g.members.length} member(s), lag ${g.totalLag}` })),
    edges,
  };
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}
