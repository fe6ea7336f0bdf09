/**
 * The clients around the cluster map, from what the brokers see: producers (the connection
 * registry's Produce connections, clients/data-flow.ts, plus a running scenario's simulated
 * producers, which use no socket) on the left with what they write, consumer groups (the group
 * coordinators' view: members with clientId, clientHost and assignment, committed offsets and
 * lag) on the right; and where each node sits beside the bands it is linked to.
 */
import type { ClusterView, GroupView } from '../../../shared/cluster-view';
import { producersSeen } from '../clients/data-flow';
import type { MapLayout } from './map-layout';

/** Host of a scenario's simulated clients (FlowEndpoint's convention). */
export const SCENARIO_HOST = 'scenario';

export interface MapTarget { topic: string; /** null: the whole topic (the connection does not say which partitions). */ partition: number | null }

export interface MapProducer {
  clientId: string;
  hosts: string[];
  /** A scenario's producer, simulated inside the model (no connection). */
  simulated: boolean;
  /** The registry does not say what it wrote: linked to every topic written now, drawn dashed. */
  inferred: boolean;
  targets: MapTarget[];
  /** One line for the tooltip. */
  detail: string;
}

export interface MapMemberPartition { topic: string; partition: number; lag: number | null }
export interface MapMember { memberId: string; clientId: string; /** clientHost without Kafka's leading "/". */ host: string; partitions: MapMemberPartition[] }
export interface MapGroup { groupId: string; state: GroupView['state']; totalLag: number; members: MapMember[]; /** Partitions with committed offsets but no member (an empty group's lag). */ unassigned: MapMemberPartition[] }

/** Kafka reports clientHost as InetAddress.toString(): "/127.0.0.1". */
export function memberHost(clientHost: string): string {
  return clientHost.replace(/^\//, '');
}

export function mapProducers(view: ClusterView, shown: ReadonlySet<string>): MapProducer[] {
  const writtenNow = view.topics.filter((t) => !t.internal && t.produceRatePerSec > 0).map((t) => t.name);
  const out: MapProducer[] = [];
  for (const p of producersSeen(view)) {
    const targets: MapTarget[] = [];
    if (p.written) {
      for (const [topic, partitions] of p.written) {
        if (!shown.has(topic)) continue;
        if (partitions.length === 0) targets.push({ topic, partition: null });
        else for (const partition of partitions) targets.push({ topic, partition });
      }
    } else for (const topic of writtenNow) if (shown.has(topic)) targets.push({ topic, partition: null });
    if (targets.length === 0 && (p.written?.size ?? 0) > 0) continue; // writes only topics not on the map now
    out.push({ clientId: p.clientId, hosts: p.hosts, simulated: false, inferred: p.written === null, targets, detail: `${p.connections} connection(s) from ${p.hosts.join(', ')}, ${p.requests} Produce requests` });
  }
  for (const s of view.sim?.session?.scenario?.producers ?? []) {
    if (!shown.has(s.topic)) continue;
    out.push({
      clientId: s.name, hosts: [SCENARIO_HOST], simulated: true, inferred: false, targets: [{ topic: s.topic, partition: null }],
      detail: `simulated by the scenario (no socket), ${s.state}; acks=${s.acks}${s.idempotent ? ', idempotent' : ''}${s.transactional ? ', transactional' : ''}; ${s.acknowledged} of ${s.sent} acknowledged`,
    });
  }
  return out;
}

export function mapGroups(view: ClusterView, shown: ReadonlySet<string>): MapGroup[] {
  const out: MapGroup[] = [];
  for (const g of view.groups) {
    const lag = new Map(g.offsets.map((o) => [`${o.topic}\u0000${o.partition}`, o.lag]));
    const assigned = new Set<string>();
    const members: MapMember[] = g.members.map((m) => ({
      memberId: m.memberId, clientId: m.clientId, host: memberHost(m.clientHost),
      partitions: m.assignment.filter((a) => shown.has(a.topic)).flatMap((a) => a.partitions.map((partition) => {
        assigned.add(`${a.topic}\u0000${partition}`);
        return { topic: a.topic, partition, lag: lag.get(`${a.topic}\u0000${partition}`) ?? null };
      })),
    }));
    const unassigned = g.offsets.filter((o) => shown.has(o.topic) && !assigned.has(`${o.topic}\u0000${o.partition}`)).map((o) => ({ topic: o.topic, partition: o.partition, lag: o.lag }));
    if (members.every((m) => m.partitions.length === 0) && unassigned.length === 0) continue; // nothing on the topics shown
    out.push({ groupId: g.groupId, state: g.state, totalLag: g.totalLag, members, unassigned });
  }
  return out;
}

export interface PlacedProducer { producer: MapProducer; top: number; height: number; y: number }
export interface PlacedMember { member: MapMember; top: number; height: number; y: number }
export interface PlacedGroup { group: MapGroup; top: number; height: number; members: PlacedMember[]; hiddenMembers: number }
/** A link drawn between a client node and a band (or a topic row or heading). */
export interface MapEdge { kind: 'produce' | 'consume'; x1: number; y1: number; x2: number; y2: number; dashed: boolean; key: string }

export interface ClientsLayout { producers: PlacedProducer[]; groups: PlacedGroup[]; edges: MapEdge[]; edgesDropped: number; height: number }

/** Members drawn per group at most (the rest counted). */
export const MEMBERS_SHOWN = 8;
/** Links drawn at most (the rest counted); a link per partition per client stops teaching past this. */
export const EDGES_SHOWN = 600;

/** Where a target sits: its band, else its topic's heading or aggregate row. */
export function targetY(layout: MapLayout, topic: string, partition: number | null): number | null {
  if (partition !== null) {
    const band = layout.band(topic, partition);
    if (band) return band.y;
  }
  return layout.heading(topic)?.y ?? layout.row(topic)?.y ?? null;
}

/** Stacks nodes at their wanted centres, pushed down where they would overlap. */
function stack<T>(items: { item: T; want: number; height: number }[], top: number, gap: number): { item: T; top: number; height: number }[] {
  const out: { item: T; top: number; height: number }[] = [];
  let next = top;
  for (const it of [...items].sort((a, b) => a.want - b.want)) {
    const at = Math.max(it.want - it.height / 2, next);
    out.push({ item: it.item, top: at, height: it.height });
    next = at + it.height + gap;
  }
  return out;
}

const mean = (xs: number[], fallback: number) => (xs.length === 0 ? fallback : xs.reduce((a, b) => a + b, 0) / xs.length);

export function layoutClients(layout: MapLayout, producers: readonly MapProducer[], groups: readonly MapGroup[]): ClientsLayout {
  const u = layout.unit;
  const producerHeight = 46 * u;
  const headerHeight = 46 * u;
  const memberHeight = 32 * u;
  const edges: MapEdge[] = [];
  let dropped = 0;
  const edge = (e: MapEdge) => (edges.length < EDGES_SHOWN ? edges.push(e) : dropped++);

  const placedProducers = stack(producers.map((p) => ({
    item: p, height: producerHeight,
    want: mean(p.targets.map((t) => targetY(layout, t.topic, t.partition)).filter((y): y is number => y !== null), layout.bodyTop + producerHeight / 2),
  })), layout.bodyTop, 8 * u).map(({ item, top, height }) => ({ producer: item, top, height, y: top + height / 2 }));
  const labelLeft = layout.labels.left;
  for (const p of placedProducers) {
    const seen = new Set<number>();
    for (const t of p.producer.targets) {
      const y = targetY(layout, t.topic, t.partition);
      if (y === null || seen.has(y)) continue;
      seen.add(y);
      edge({ kind: 'produce', x1: layout.producers.left + layout.producers.width, y1: p.y, x2: labelLeft, y2: y, dashed: p.producer.inferred, key: `p\u0000${p.producer.clientId}\u0000${t.topic}\u0000${t.partition}` });
    }
  }

  const placedGroups = stack(groups.map((g) => {
    const shown = Math.min(g.members.length, MEMBERS_SHOWN);
    const ys = [...g.members.flatMap((m) => m.partitions), ...g.unassigned].map((p) => targetY(layout, p.topic, p.partition)).filter((y): y is number => y !== null);
    const height = headerHeight + shown * memberHeight + (g.members.length > shown ? memberHeight * 0.6 : 0) + 6 * u;
    return { item: g, want: mean(ys, layout.bodyTop + height / 2), height };
  }), layout.bodyTop, 10 * u).map(({ item, top, height }) => {
    const members = item.members.slice(0, MEMBERS_SHOWN).map((member, i) => {
      const mTop = top + headerHeight + i * memberHeight;
      return { member, top: mTop, height: memberHeight, y: mTop + memberHeight / 2 };
    });
    return { group: item, top, height, members, hiddenMembers: item.members.length - members.length };
  });
  for (const g of placedGroups) {
    for (const m of g.members) {
      const seen = new Set<number>();
      for (const p of m.member.partitions) {
        const y = targetY(layout, p.topic, p.partition);
        if (y === null || seen.has(y)) continue;
        seen.add(y);
        edge({ kind: 'consume', x1: layout.brokersRight, y1: y, x2: layout.groups.left, y2: m.y, dashed: false, key: `c\u0000${g.group.groupId}\u0000${m.member.memberId}\u0000${p.topic}\u0000${p.partition}` });
      }
    }
  }
  const bottoms = [...placedProducers.map((p) => p.top + p.height), ...placedGroups.map((g) => g.top + g.height)];
  return { producers: placedProducers, groups: placedGroups, edges, edgesDropped: dropped, height: Math.max(layout.height, ...bottoms.map((b) => b + 12 * u)) };
}
