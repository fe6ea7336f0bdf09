/**
 * snapshot(): the serialisable ClusterView (src/shared/cluster-view.ts) built from the model.
 * Called at 2–10 Hz by the host (and by its metrics sampler), on the thread that also runs the
 * brokers, so at 10,000 partitions it must not walk every replica: touching 30,000 replica logs
 * scattered in memory costs 20–30 ms in cache misses alone, whatever the comparison does.
 *
 * Per-partition change tracking (issue 20): each partition's cache entry is its replicas'
 * ReplicaViewWatch (../replication/replica.ts). A replica flags it, and queues it once, whenever
 * something the view shows changes — its log (append, roll, flush, truncation, logStartOffset,
 * compaction, a failed log task: ../log/replica-log.ts onViewChange), its highWatermark, or the
 * partition state it holds. A snapshot rebuilds only the queued partitions, those whose controller
 * PartitionState changed (immutable: identity is the stamp), and those not settled at the last
 * build (an open transaction, or a caught-up state held from a snapshot at the same time:
 * ./partition-view.ts); every other partition, and every topic with none of those, is the previous
 * snapshot's object. A change the flags do not cover — a broker stopped, fenced or restarted, a
 * replica added or removed on a broker (Broker.replicasVersion), the first snapshot — rebuilds every
 * partition. A rebuilt partition still reuses its unchanged parts (./partition-view.ts), so the
 * host's diff (src/shared/snapshot-patch.ts) finds unchanged partitions by identity.
 *
 * The views are exactly those a fresh build gives (`reuse: false`; snapshot.test.ts compares them
 * after random operations). Views handed out are shared between snapshots: treat them as read-only.
 * Views without replica detail (`replicaStates: 'none'` or some topics) are the full views with
 * `replicaStates: []`, kept per topic.
 */
import type { BrokerView, ClusterView, ConfigEntryView, PartitionView, TopicView } from '../../../shared/cluster-view';
import type { ClusterCore } from '../core';
import type { ControllerTopic } from '../controller/controller';
import { brokerConfigsView, nextRetentionCheckMs } from './broker-configs-view';
import { tpKey, type PartitionState, type TopicRecord } from '../metadata';
import type { ReplicaViewWatch } from '../replication/replica';
import { controllerView } from './controller-view';
import { buildPartition, newPartitionEntry, type BuildContext, type PartitionEntry } from './partition-view';

const configCache = new WeakMap<TopicRecord, ConfigEntryView[]>();

/** What to include per partition: replica detail (logs, segments) for all topics, none, or some. */
export interface SnapshotOptions {
  replicaStates?: 'all' | 'none' | { topics: string[] };
  /** false: build every object afresh (tests compare that with the reusing build). Default true. */
  reuse?: boolean;
  /**
   * false: check every partition's replicas instead of only the flagged ones (still reusing
   * unchanged views) — what every snapshot did before per-partition change tracking; the bench's
   * same-run baseline. Default true.
   */
  changeTracking?: boolean;
}

interface TopicEntry {
  view: TopicView | null;
  partitions: PartitionEntry[];
  /** A partition of this topic was flagged since the last snapshot. */
  dirty: boolean;
  /** The PartitionStates the leader and replica counts below were taken from. */
  counted: PartitionState[];
  leaderCount: Map<number, number>;
  replicaCount: Map<number, number>;
  /** The last view without replica detail, and the full view it was made from. */
  stripped: { from: TopicView; view: TopicView } | null;
}

/** Per model: the last views handed out, per controller topic object (a re-created topic is a new one). */
interface ViewCache {
  topics: WeakMap<object, TopicEntry>;
  /** The topics sorted by name, for as long as the controller's topic objects stay the same. */
  order: { from: object[]; sorted: object[] } | null;
  /** Partitions flagged by their replicas since the last snapshot (PartitionEntry, each once). */
  queue: ReplicaViewWatch[];
  /** Partitions not settled at the last snapshot: rebuilt at the next. */
  unsettled: PartitionEntry[];
  /** The brokers' ids, offline flags and replicasVersions at the last snapshot; another value rebuilds everything. */
  structure: string;
}

const caches = new WeakMap<ClusterCore, ViewCache>();

function cacheFor(core: ClusterCore): ViewCache {
  let c = caches.get(core);
  if (!c) caches.set(core, (c = { topics: new WeakMap(), order: null, queue: [], unsettled: [], structure: '' }));
  return c;
}

function topicEntryOf(cache: ViewCache, t: ControllerTopic): TopicEntry {
  let entry = cache.topics.get(t);
  if (!entry) cache.topics.set(t, (entry = { view: null, partitions: [], dirty: true, counted: [], leaderCount: new Map(), replicaCount: new Map(), stripped: null }));
  return entry;
}

function partitionEntryOf(cache: ViewCache, topicEntry: TopicEntry, p: PartitionState, pi: number): PartitionEntry {
  let entry = topicEntry.partitions[pi];
  if (!entry || entry.partition !== p.partition) topicEntry.partitions[pi] = entry = newPartitionEntry(p, tpKey(p.topic, p.partition), cache.queue, topicEntry);
  return entry;
}

/**
 * The topic's leader and replica counts per broker, recounted only when one of its PartitionStates
 * changed. Returns whether none did.
 */
function countTopic(entry: TopicEntry, states: readonly PartitionState[]): boolean {
  let same = entry.counted.length === states.length;
  for (let pi = 0; same && pi < states.length; pi++) if (entry.counted[pi] !== states[pi]) same = false;
  if (same) return true;
  entry.leaderCount.clear();
  entry.replicaCount.clear();
  for (const p of states) {
    if (p.leader >= 0) entry.leaderCount.set(p.leader, (entry.leaderCount.get(p.leader) ?? 0) + 1);
    for (const id of p.replicas) entry.replicaCount.set(id, (entry.replicaCount.get(id) ?? 0) + 1);
  }
  entry.counted = states.slice();
  return false;
}

function addCounts(into: Map<number, number>, from: Map<number, number>): void {
  for (const [id, n] of from) into.set(id, (into.get(id) ?? 0) + n);
}

/**
 * The topic without replica detail: the full view's fields with `replicaStates: []` in every
 * partition. Kept per topic entry: partitions whose full view did not change keep their stripped one.
 */
function strippedTopic(entry: TopicEntry, full: TopicView): TopicView {
  const last = entry.stripped;
  if (last && last.from === full) return last.view;
  const partitions = full.partitions.map((p, pi) => (last && last.from.partitions[pi] === p ? last.view.partitions[pi]! : p.replicaStates.length === 0 ? p : { ...p, replicaStates: [] }));
  const view = { ...full, partitions };
  entry.stripped = { from: full, view };
  return view;
}

export function snapshot(core: ClusterCore, clusterId: string, seed: number, options: SnapshotOptions = {}): ClusterView {
  const now = core.now();
  const ctrl = core.controller;
  const cache = cacheFor(core);
  const reuse = options.reuse !== false;
  const offlineIds = new Set<number>();
  let structure = '';
  for (const b of core.brokers.values()) {
    const offline = !b.running || (ctrl.registrations.get(b.brokerId)?.fenced ?? true);
    if (offline) offlineIds.add(b.brokerId);
    structure += `${b.brokerId}:${offline ? 0 : 1}:${b.replicasVersion};`;
  }
  const detail = options.replicaStates ?? 'all';
  const ctx: BuildContext = { core, now, offlineIds, reuse, replicas: [], replicaStates: [], leaderSize: 0, unsettled: false };
  const leaderCount = new Map<number, number>();
  const replicaCount = new Map<number, number>();
  const topics: TopicView[] = [];
  // Everything flagged since the last snapshot, and everything unsettled at it, is rebuilt.
  const rebuildAll = structure !== cache.structure || options.changeTracking === false;
  if (reuse) {
    for (const w of cache.queue) (w as PartitionEntry).owner.dirty = true;
    for (const e of cache.unsettled) e.dirty = e.owner.dirty = true;
    cache.queue.length = 0;
    cache.unsettled.length = 0;
    cache.structure = structure;
  }
  for (const t of sortedTopics(cache, ctrl.topics)) {
    let configs = configCache.get(t.record);
    if (!configs) configCache.set(t.record, (configs = core.configs.describeTopic(t.record.configs, null)));
    const topicEntry = topicEntryOf(cache, t);
    const statesSame = countTopic(topicEntry, t.partitions);
    addCounts(leaderCount, topicEntry.leaderCount);
    addCounts(replicaCount, topicEntry.replicaCount);
    const withReplicas = detail === 'all' || (detail !== 'none' && detail.topics.includes(t.record.name));
    // The tracked build always has replica detail; a view without it is stripped from the full one.
    const strip = reuse && !withReplicas;
    const produceRatePerSec = core.meters.recordsPerSec(t.record.name, now);
    const replicationFactor = t.partitions[0]?.replicas.length ?? 0;
    const oldTopic = reuse ? topicEntry.view : null;
    const n = t.partitions.length;
    let partitions: PartitionView[] | null = oldTopic !== null && oldTopic.partitions.length === n ? null : new Array<PartitionView>(n);
    let sizeBytes = 0;
    if (reuse && !rebuildAll && !topicEntry.dirty && statesSame && partitions === null) sizeBytes = oldTopic!.sizeBytes;
    else {
      for (let pi = 0; pi < n; pi++) {
        const p = t.partitions[pi]!;
        const entry = partitionEntryOf(cache, topicEntry, p, pi);
        let view: PartitionView;
        if (reuse && !rebuildAll && !entry.dirty && entry.state === p && entry.view !== null) view = entry.view;
        else {
          view = buildPartition(ctx, entry, p, reuse || withReplicas);
          if (reuse && !entry.settled) cache.unsettled.push(entry);
        }
        sizeBytes += reuse ? entry.leaderSize : ctx.leaderSize;
        if (partitions === null && oldTopic!.partitions[pi] !== view) partitions = oldTopic!.partitions.slice();
        if (partitions !== null) partitions[pi] = view;
      }
    }
    if (topicEntry.partitions.length > t.partitions.length) topicEntry.partitions.length = t.partitions.length;
    if (reuse) topicEntry.dirty = false;
    const allSame = partitions === null;
    if (oldTopic && allSame && oldTopic.configs === configs && oldTopic.name === t.record.name && oldTopic.topicId === t.record.topicId.text
      && oldTopic.internal === t.record.internal && oldTopic.replicationFactor === replicationFactor && oldTopic.produceRatePerSec === produceRatePerSec
      && oldTopic.sizeBytes === sizeBytes) {
      topics.push(strip ? strippedTopic(topicEntry, oldTopic) : oldTopic);
      continue;
    }
    const topic: TopicView = {
      name: t.record.name,
      topicId: t.record.topicId.text,
      internal: t.record.internal,
      replicationFactor,
      partitions: partitions ?? oldTopic!.partitions,
      configs,
      produceRatePerSec,
      sizeBytes,
    };
    if (reuse) topicEntry.view = topic;
    topics.push(strip ? strippedTopic(topicEntry, topic) : topic);
  }
  const brokers: BrokerView[] = [...core.brokers.values()].map((b) => ({
    brokerId: b.brokerId,
    rack: b.rack,
    host: b.host,
    port: b.port,
    state: !b.running ? 'stopped' : core.network.isIsolated(b.brokerId) ? 'isolated' : ctrl.registrations.get(b.brokerId)?.fenced ? 'fenced' : 'running',
    isActiveController: ctrl.activeControllerId === b.brokerId,
    leaderCount: leaderCount.get(b.brokerId) ?? 0,
    replicaCount: replicaCount.get(b.brokerId) ?? 0,
    bytesInPerSec: core.meters.bytesInPerSec(b.brokerId, now),
    bytesOutPerSec: core.meters.bytesOutPerSec(b.brokerId, now),
    nextRetentionCheckMs: nextRetentionCheckMs(core, b.brokerId),
    ...sessionTimes(core, b.brokerId),
  }));
  return {
    clusterId,
    seed,
    simTimeMs: now,
    sim: null,
    controller: controllerView(core),
    brokers,
    topics,
    groups: [],
    connections: [],
    requestFaults: core.requestFaults.view(),
    links: core.network.changedLinks().map(({ brokerA, brokerB, state }) => ({ brokerA, brokerB, latencyMs: state.latencyMs, lossRate: state.lossRate, cut: state.cut })),
    leaderChecks: {
      autoLeaderRebalanceEnable: core.configs.bool('auto.leader.rebalance.enable'),
      leaderImbalancePerBrokerPercentage: core.num('leader.imbalance.per.broker.percentage'),
      nextLeaderImbalanceCheckMs: ctrl.activeControllerId === null ? null : ctrl.leaderChecks.nextLeaderImbalanceCheckMs,
      nextUncleanLeaderElectionCheckMs: ctrl.activeControllerId === null ? null : ctrl.leaderChecks.nextUncleanLeaderElectionCheckMs,
      replicaLagTimeMaxMs: core.num('replica.lag.time.max.ms'),
      brokerSessionTimeoutMs: core.num('broker.session.timeout.ms'),
      uncleanLeaderElectionIntervalMs: core.num('unclean.leader.election.interval.ms'),
    },
    brokerConfigs: brokerConfigsView(core),
  };
}


/** The controller's topics sorted by name; re-sorted only when the set of topic objects changed. */
function sortedTopics<T extends { record: TopicRecord }>(cache: ViewCache, topics: Map<string, T>): T[] {
  const order = cache.order;
  if (order && order.from.length === topics.size) {
    let i = 0;
    let same = true;
    for (const t of topics.values()) if (order.from[i++] !== t) { same = false; break; }
    if (same) return order.sorted as T[];
  }
  const from = [...topics.values()];
  const sorted = from.slice().sort((a, b) => a.record.name.localeCompare(b.record.name));
  cache.order = { from, sorted };
  return sorted;
}

/** The controller's view of a broker's session (BrokerView.lastHeartbeatMs / sessionExpiresAtMs). */
function sessionTimes(core: ClusterCore, brokerId: number): { lastHeartbeatMs: number | null; sessionExpiresAtMs: number | null } {
  const ctrl = core.controller;
  const reg = ctrl.registrations.get(brokerId);
  if (!reg || ctrl.activeControllerId === null) return { lastHeartbeatMs: null, sessionExpiresAtMs: null };
  const expires = reg.fenced || reg.shuttingDown ? null : reg.lastHeartbeatMs + core.num('broker.session.timeout.ms');
  return { lastHeartbeatMs: reg.lastHeartbeatMs, sessionExpiresAtMs: expires };
}
