/**
 * The producers → topics → consumer groups picture, from what the broker sees: connections that
 * sent Produce (API key 0) are producers, topics with traffic or committed offsets are topics, and
 * groups come with their assignment and offsets. Group → topic edges are exact (assignment,
 * committed offsets). Producer → topic edges are inferred: the connection registry counts
 * requests per API, not per topic, so a producer is linked to every topic being written to now.
 */
import type { ClusterView } from '../../../shared/cluster-view';

export interface FlowNode { id: string; label: string; detail: string }
export interface FlowEdge { from: string; to: string; inferred: boolean }
export interface DataFlow { producers: FlowNode[]; topics: FlowNode[]; groups: FlowNode[]; edges: FlowEdge[] }

const PRODUCE = 0;

export function buildDataFlow(view: ClusterView): DataFlow {
  const producerClients = new Map<string, { connections: number; requests: number }>();
  for (const c of view.connections) {
    const produce = c.apis.find((a) => a.apiKey === PRODUCE);
    if (!produce || produce.requests === 0) continue;
    const id = c.clientId ?? '(no client.id)';
    const entry = producerClients.get(id) ?? { connections: 0, requests: 0 };
    entry.connections++;
    entry.requests += produce.requests;
    producerClients.set(id, entry);
  }
  const groupTopics = new Map<string, Set<string>>();
  for (const g of view.groups) {
    const set = new Set<string>([...g.offsets.map((o) => o.topic), ...g.members.flatMap((m) => m.assignment.map((a) => a.topic))]);
    groupTopics.set(g.groupId, set);
  }
  const consumed = new Set([...groupTopics.values()].flatMap((s) => [...s]));
  const written = view.topics.filter((t) => !t.internal && t.produceRatePerSec > 0).map((t) => t.name);
  const topics = view.topics.filter((t) => !t.internal && (t.produceRatePerSec > 0 || consumed.has(t.name)));
  const edges: FlowEdge[] = [];
  for (const producer of producerClients.keys()) for (const topic of written) edges.push({ from: `p:${producer}`, to: `t:${topic}`, inferred: true });
  for (const [groupId, set] of groupTopics) for (const topic of set) if (topics.some((t) => t.name === topic)) edges.push({ from: `t:${topic}`, to: `g:${groupId}`, inferred: false });
  return {
    producers: [...producerClients].map(([id, e]) => ({ id: `p:${id}`, label: id, detail: `${e.connections} connection(s), ${e.requests} Produce requests` })),
    topics: topics.map((t) => ({ id: `t:${t.name}`, label: t.name, detail: `${t.produceRatePerSec.toFixed(1)} rec/s in` })),
    groups: view.groups.map((g) => ({ id: `g:${g.groupId}`, label: g.groupId, detail: `${g.state}, ${g.members.length} member(s), lag ${g.totalLag}` })),
    edges,
  };
}
