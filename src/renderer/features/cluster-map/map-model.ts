/**
 * What the cluster map shows of a snapshot: which topics, whether one band per partition or one
 * aggregate row per topic, and the aggregate cells (per topic per broker: leaders, in-sync
 * followers, out-of-sync followers, offline replicas, and a heat from the produce rate).
 * Pure functions of ClusterView; the classification follows topic-detail/replica-state.ts
 * (offline: the replica's broker is not running or the partition lists it in offlineReplicas,
 * Kafka's MetadataResponse offline_replicas; out of sync: not in inSyncReplicas, which the leader
 * shrinks after replica.lag.time.max.ms, Kafka's Partition.maybeShrinkIsr).
 */
import type { BrokerView, ClusterView, PartitionView, TopicView } from '../../../shared/cluster-view';
import { partitionsChangedSince } from '../../../shared/snapshot-patch';
import { MAP_AGGREGATE_THRESHOLD, type MapLayoutInput } from './map-layout';

export interface MapOptions {
  /** Show internal topics (__consumer_offsets, __transaction_state) too. */
  showInternal: boolean;
  /** One topic zoomed into (its partitions as bands, whatever the count); null: all topics. */
  zoomTopic: string | null;
}

export interface MapContent {
  topics: TopicView[];
  mode: 'partitions' | 'aggregate';
  /** Partitions of the topics shown. */
  partitionCount: number;
  /** User (non-internal) topics in the cluster: none means a first start. */
  userTopicCount: number;
  /** The zoomed topic no longer exists (deleted): the map shows every topic again. */
  zoomLost: boolean;
}

export function mapContent(view: ClusterView, options: MapOptions): MapContent {
  const visible = view.topics.filter((t) => options.showInternal || !t.internal);
  const userTopicCount = view.topics.filter((t) => !t.internal).length;
  const zoomed = options.zoomTopic === null ? undefined : view.topics.find((t) => t.name === options.zoomTopic);
  // Code-unit order, as kafka-topics lists them (and far cheaper than localeCompare on every snapshot).
  const topics = zoomed ? [zoomed] : [...visible].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const partitionCount = topics.reduce((sum, t) => sum + t.partitions.length, 0);
  const mode = zoomed || partitionCount <= MAP_AGGREGATE_THRESHOLD ? 'partitions' : 'aggregate';
  return { topics, mode, partitionCount, userTopicCount, zoomLost: options.zoomTopic !== null && !zoomed };
}

/** The structural input of layoutMap for a snapshot's content. */
export function layoutInput(view: ClusterView, content: MapContent, unit: number, availableWidth?: number): MapLayoutInput {
  const dedicated = view.controller.processRoles === 'dedicated';
  return {
    brokers: view.brokers.map((b) => ({ brokerId: b.brokerId, rack: b.rack })),
    controllerNodeIds: dedicated ? (view.controller.nodes ?? []).map((n) => n.nodeId) : [],
    topics: content.topics.map((t) => ({ name: t.name, partitions: t.partitions.length })),
    mode: content.mode,
    unit,
    availableWidth,
  };
}

export interface AggregateCell {
  brokerId: number;
  leaders: number;
  /** In-sync followers. */
  followers: number;
  outOfSync: number;
  offline: number;
  /**
   * Records/s this broker appends as leader for the topic, estimated as the topic's
   * produceRatePerSec × (its leaders here / its partitions): the view has no per-partition rate.
   */
  produceRatePerSec: number;
}

/** What one partition adds to its topic's cells: [brokerId, kind] per replica (0 leader, 1 in-sync follower, 2 out of sync, 3 offline). */
type Contribution = [number, 0 | 1 | 2 | 3][];

interface CacheEntry { brokersKey: string; partitions: readonly PartitionView[]; contributions: Contribution[]; cells: Map<number, AggregateCell>; produceRatePerSec: number }

const cache = new WeakMap<TopicView, CacheEntry>();
/** The entry of the topic's previous object, by name: a changed topic is a new object whose unchanged partitions keep theirs. */
const byName = new Map<string, CacheEntry>();

/** A key of what the cells depend on besides the topic: which brokers are stopped. */
export function brokersStateKey(brokers: readonly BrokerView[]): string {
  return brokers.map((b) => `${b.brokerId}${b.state[0]}`).join(',');
}

function kindOf(p: PartitionView, brokerId: number, stopped: ReadonlySet<number>): 0 | 1 | 2 | 3 {
  return stopped.has(brokerId) || p.offlineReplicas.includes(brokerId) ? 3 : brokerId === p.leader ? 0 : p.inSyncReplicas.includes(brokerId) ? 1 : 2;
}

function contribution(p: PartitionView, stopped: ReadonlySet<number>): Contribution {
  return p.replicas.map((brokerId) => [brokerId, kindOf(p, brokerId, stopped)]);
}

/** Whether `p` contributes exactly `c` (most changed partitions changed offsets only); allocates nothing. */
function contributesAlike(c: Contribution, p: PartitionView, stopped: ReadonlySet<number>): boolean {
  if (c.length !== p.replicas.length) return false;
  for (let i = 0; i < c.length; i++) {
    const brokerId = p.replicas[i]!;
    if (c[i]![0] !== brokerId || c[i]![1] !== kindOf(p, brokerId, stopped)) return false;
  }
  return true;
}

const kinds = ['leaders', 'followers', 'outOfSync', 'offline'] as const;

function add(cells: Map<number, AggregateCell>, c: Contribution, sign: 1 | -1): void {
  for (const [brokerId, kind] of c) {
    let cell = cells.get(brokerId);
    if (!cell) cells.set(brokerId, (cell = { brokerId, leaders: 0, followers: 0, outOfSync: 0, offline: 0, produceRatePerSec: 0 }));
    cell[kinds[kind]] += sign;
  }
}

/** The stopped brokers' ids, one set per brokers' state key. */
let stoppedOf: { key: string; stopped: ReadonlySet<number> } | null = null;

function stoppedBrokers(brokers: readonly BrokerView[], brokersKey: string): ReadonlySet<number> {
  if (stoppedOf?.key !== brokersKey) stoppedOf = { key: brokersKey, stopped: new Set(brokers.filter((b) => b.state === 'stopped').map((b) => b.brokerId)) };
  return stoppedOf.stopped;
}

/**
 * The topic's cells, one per broker holding a replica of it. Incremental: snapshot patches keep
 * an unchanged topic's object and, in a changed topic, its unchanged partitions' objects, so a
 * 10,000-partition map recounts only the partitions that changed; when none of those changed its
 * contribution (offsets moved, leaders and ISR did not) and the topic's produce rate is the same,
 * the previous cells are handed out as they are (nothing is allocated).
 */
export function aggregateTopic(topic: TopicView, brokers: readonly BrokerView[], brokersKey = brokersStateKey(brokers)): Map<number, AggregateCell> {
  const hit = cache.get(topic);
  if (hit && hit.brokersKey === brokersKey) return hit.cells;
  const stopped = stoppedBrokers(brokers, brokersKey);
  const previous = byName.get(topic.name);
  let entry: CacheEntry;
  if (previous && previous.brokersKey === brokersKey && previous.partitions.length === topic.partitions.length) {
    let contributions = previous.contributions;
    let cells = previous.cells;
    const parts = topic.partitions;
    // The partitions the patch replaced when known (src/shared/snapshot-patch.ts), else every one.
    const changed = partitionsChangedSince(topic, previous.partitions);
    const n = changed ? changed.length : parts.length;
    for (let k = 0; k < n; k++) {
      const i = changed ? changed[k]! : k;
      const p = parts[i]!;
      if (p === previous.partitions[i] || contributesAlike(contributions[i]!, p, stopped)) continue;
      if (contributions === previous.contributions) {
        contributions = previous.contributions.slice();
        cells = copyCells(previous.cells);
      }
      add(cells, contributions[i]!, -1);
      contributions[i] = contribution(p, stopped);
      add(cells, contributions[i]!, 1);
    }
    if (cells !== previous.cells) {
      for (const [id, c] of cells) if (c.leaders + c.followers + c.outOfSync + c.offline === 0) cells.delete(id);
    } else if (previous.produceRatePerSec !== topic.produceRatePerSec) cells = copyCells(previous.cells);
    entry = { brokersKey, partitions: topic.partitions, contributions, cells, produceRatePerSec: topic.produceRatePerSec };
  } else {
    const cells = new Map<number, AggregateCell>();
    const contributions = topic.partitions.map((p) => contribution(p, stopped));
    for (const c of contributions) add(cells, c, 1);
    entry = { brokersKey, partitions: topic.partitions, contributions, cells, produceRatePerSec: topic.produceRatePerSec };
  }
  if (entry.cells !== previous?.cells) {
    const partitions = Math.max(1, topic.partitions.length);
    for (const c of entry.cells.values()) c.produceRatePerSec = (topic.produceRatePerSec * c.leaders) / partitions;
  }
  cache.set(topic, entry);
  byName.set(topic.name, entry);
  return entry.cells;
}

/** Cells copied (the previous ones are shared with earlier snapshots and are never changed). */
function copyCells(cells: Map<number, AggregateCell>): Map<number, AggregateCell> {
  const copy = new Map<number, AggregateCell>();
  for (const [id, c] of cells) copy.set(id, { ...c });
  return copy;
}

/**
 * The top of the heat scale for a busiest cell of `maxRate` records/s: the next power of two, so
 * the scale (and every cell drawn against it) changes only when the busiest cell doubles or halves,
 * not with every snapshot's rate noise.
 */
export function heatScale(maxRate: number): number {
  return maxRate <= 0 ? 0 : 2 ** Math.ceil(Math.log2(maxRate));
}

/** Heat 0..1 for a cell: its estimated produce rate against the scale's top (heatScale). */
export function heatOf(rate: number, maxRate: number): number {
  // Ten steps: a cell restyles only when its heat moves a step.
  return maxRate > 0 ? Math.round(Math.min(1, rate / maxRate) * 10) / 10 : 0;
}
