/**
 * snapshot(): the serialisable ClusterView (src/shared/cluster-view.ts) built from the model.
 * Called at 2–10 Hz by the host, so it does one pass over partitions and caches each topic's config
 * entries per TopicRecord (records are immutable; a config change makes a new one).
 *
 * Reuse: a snapshot hands out the previous snapshot's PartitionView, ReplicaView, SegmentView and
 * TopicView objects when nothing in them changed, so the host's diff (src/shared/snapshot-patch.ts)
 * finds unchanged partitions by identity and the builder allocates only for what moved. "Changed"
 * is decided from the model's own change stamps where it has them — PartitionState and TopicRecord
 * are immutable (every leader, epoch, ISR, replica-set or reassignment change, every config change
 * makes a new object), so object identity is the stamp — and by comparing the few numbers that
 * mutate in place (log start/end offsets, highWatermark, last stable offset, segment list and
 * sizes, the broker's offline state, the produce rate). No mutation point in log/, replication/ or
 * producers/ has to remember to bump anything, so a reused snapshot is exactly the one a fresh build
 * would give (snapshot.test.ts checks that after random operations). Views handed out are shared
 * between snapshots: treat them as read-only.
 */
import type { BrokerView, ClusterView, ConfigEntryView, LogTaskFailureView, PartitionView, ReplicaView, SegmentView, TopicView } from '../../../shared/cluster-view';
import type { ClusterCore } from '../core';
import { brokerConfigsView, nextRetentionCheckMs } from './broker-configs-view';
import { tpKey, type PartitionState, type TopicRecord } from '../metadata';
import type { Replica } from '../replication/replica';
import { controllerView } from './controller-view';

const configCache = new WeakMap<TopicRecord, ConfigEntryView[]>();

/** What to include per partition: replica detail (logs, segments) for all topics, none, or some. */
export interface SnapshotOptions {
  replicaStates?: 'all' | 'none' | { topics: string[] };
  /** false: build every object afresh (tests compare that with the reusing build). Default true. */
  reuse?: boolean;
}

/** One replica slot of a partition: the model object and the last view built from it. */
interface ReplicaSlot {
  replica: Replica;
  view: ReplicaView | null;
  /** Whether it counted as caught up at the last snapshot (at `at`), and since when. */
  at: number;
  caughtUp: boolean;
  since: number;
}

/** Per partition (by index in its topic): the key, the last view and what it was built from. */
interface PartitionEntry {
  partition: number;
  key: string;
  state: PartitionState | null;
  withReplicas: boolean;
  view: PartitionView | null;
  slots: (ReplicaSlot | undefined)[];
}

interface TopicEntry {
  view: TopicView | null;
  partitions: PartitionEntry[];
}

/** Per model: the last views handed out, per controller topic object (a re-created topic is a new one). */
interface ViewCache {
  topics: WeakMap<object, TopicEntry>;
  /** The topics sorted by name, for as long as the controller's topic objects stay the same. */
  order: { from: object[]; sorted: object[] } | null;
}

const caches = new WeakMap<ClusterCore, ViewCache>();

function cacheFor(core: ClusterCore): ViewCache {
  let c = caches.get(core);
  if (!c) caches.set(core, (c = { topics: new WeakMap(), order: null }));
  return c;
}

function numbersEqual(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The view's lastCaughtUpTimeMs. Kafka's "last caught-up time" moves with the clock for a replica
 * that keeps up (the leader is always caught up; a follower is stamped on every fetch that reaches
 * the leader's end), so every snapshot of a healthy cluster would change every replica. The view
 * reports instead, per replica, the start of its current caught-up run as seen at snapshot times:
 * a replica counts as caught up when it leads, or when its logEndOffset equals the leader's; while
 * caught up since the previous snapshot it keeps the value it had; on becoming caught up it takes
 * the model's last caught-up time (the leader: now). A replica that lags reports the model's value
 * unchanged — the last time it was caught up, Kafka's meaning — which stays still while it lags, so
 * `simTimeMs − lastCaughtUpTimeMs` is how long it has been behind. Kept per replica slot, shared by
 * reusing and fresh builds (both give the same value; a second snapshot at the same time changes
 * nothing).
 */
function caughtUpTime(slot: ReplicaSlot, r: Replica, caughtUp: boolean, now: number): number {
  const modelTime = r.isLeader ? now : r.lastCaughtUpTimeMs;
  if (slot.at === now) return slot.caughtUp ? slot.since : modelTime;
  slot.since = caughtUp && slot.caughtUp ? slot.since : modelTime;
  slot.at = now;
  slot.caughtUp = caughtUp;
  return caughtUp ? slot.since : modelTime;
}

function buildSegments(r: Replica, old: SegmentView[] | undefined): SegmentView[] {
  const log = r.log;
  const n = log.segments.length;
  let same = old !== undefined && old.length === n;
  const segments: SegmentView[] = new Array(n);
  for (let si = 0; si < n; si++) {
    const seg = log.segments[si]!;
    const end = log.segmentEndOffset(si);
    const o = old?.[si];
    if (o && o.baseOffset === seg.baseOffset && o.endOffset === end && o.sizeBytes === seg.sizeBytes) segments[si] = o;
    else {
      same = false;
      segments[si] = { baseOffset: seg.baseOffset, endOffset: end, sizeBytes: seg.sizeBytes };
    }
  }
  return same ? old! : segments;
}

function replicaView(old: ReplicaView | null, r: Replica, offline: boolean, size: number, lastCaughtUpTimeMs: number): ReplicaView {
  const log = r.log;
  if (old && old.brokerId === r.brokerId && old.logStartOffset === log.logStartOffset && old.logEndOffset === log.logEndOffset && old.highWatermark === r.highWatermark && old.flushedOffset === log.recoveryPoint
    && old.sizeBytes === size && old.offline === offline && old.lastCaughtUpTimeMs === lastCaughtUpTimeMs) {
    const segments = buildSegments(r, old.segments);
    return segments === old.segments ? old : { ...old, segments };
  }
  return {
    brokerId: r.brokerId,
    logStartOffset: log.logStartOffset,
    logEndOffset: log.logEndOffset,
    highWatermark: r.highWatermark,
    flushedOffset: log.recoveryPoint,
    sizeBytes: size,
    segments: buildSegments(r, old?.segments),
    lastCaughtUpTimeMs,
    offline,
  };
}

export function snapshot(core: ClusterCore, clusterId: string, seed: number, options: SnapshotOptions = {}): ClusterView {
  const now = core.now();
  const ctrl = core.controller;
  const cache = cacheFor(core);
  const reuse = options.reuse !== false;
  const leaderCount = new Map<number, number>();
  const replicaCount = new Map<number, number>();
  const offlineIds = new Set<number>();
  for (const b of core.brokers.values()) if (!b.running || (ctrl.registrations.get(b.brokerId)?.fenced ?? true)) offlineIds.add(b.brokerId);
  const detail = options.replicaStates ?? 'all';
  const topics: TopicView[] = [];
  const replicas: (Replica | undefined)[] = [];
  const replicaStates: ReplicaView[] = [];
  for (const t of sortedTopics(cache, ctrl.topics)) {
    let configs = configCache.get(t.record);
    if (!configs) configCache.set(t.record, (configs = core.configs.describeTopic(t.record.configs, null)));
    const withReplicas = detail === 'all' || (detail !== 'none' && detail.topics.includes(t.record.name));
    let sizeBytes = 0;
    let topicEntry = cache.topics.get(t);
    if (!topicEntry) cache.topics.set(t, (topicEntry = { view: null, partitions: [] }));
    const oldTopic = reuse ? topicEntry.view : null;
    let allSame = oldTopic !== null && oldTopic.partitions.length === t.partitions.length;
    const partitions: PartitionView[] = new Array(t.partitions.length);
    for (let pi = 0; pi < t.partitions.length; pi++) {
      const p = t.partitions[pi]!;
      let entry = topicEntry.partitions[pi];
      if (!entry || entry.partition !== p.partition) topicEntry.partitions[pi] = entry = { partition: p.partition, key: tpKey(p.topic, p.partition), state: null, withReplicas, view: null, slots: [] };
      const key = entry.key;
      if (p.leader >= 0) leaderCount.set(p.leader, (leaderCount.get(p.leader) ?? 0) + 1);
      let leader: Replica | undefined;
      let first: Replica | undefined;
      let offlineMask = 0;
      for (let ri = 0; ri < p.replicas.length; ri++) {
        const id = p.replicas[ri]!;
        replicaCount.set(id, (replicaCount.get(id) ?? 0) + 1);
        if (offlineIds.has(id)) offlineMask |= 1 << ri;
        const r = core.broker(id)?.replicas.get(key);
        replicas[ri] = r;
        if (!r) continue;
        if (ri === 0) first = r;
        if (id === p.leader) leader = r;
      }
      const ref = leader ?? first;
      const hw = ref?.highWatermark ?? 0;
      const fuo = ref && ref.producers.producers.size > 0 ? ref.producers.firstUnstableOffset(hw) : null;
      const logStartOffset = ref?.log.logStartOffset ?? 0;
      const logEndOffset = ref?.log.logEndOffset ?? 0;
      const lastStableOffset = fuo === null ? hw : Math.min(hw, fuo);
      const logFailures = logFailuresOf(p.replicas, replicas);
      // Replica views (and the leader's size for the topic).
      replicaStates.length = 0;
      const slots = entry.slots;
      if (slots.length > p.replicas.length) slots.length = p.replicas.length;
      for (let ri = 0; ri < p.replicas.length; ri++) {
        const r = replicas[ri];
        if (!r) {
          slots[ri] = undefined;
          continue;
        }
        const size = r.log.sizeBytes();
        if (p.replicas[ri] === p.leader) sizeBytes += size;
        if (!withReplicas) continue;
        let slot = slots[ri];
        if (!slot || slot.replica !== r) slots[ri] = slot = { replica: r, view: null, at: -1, caughtUp: false, since: 0 };
        const caughtUp = r.isLeader || (leader !== undefined && r.log.logEndOffset === leader.log.logEndOffset);
        const view = replicaView(reuse ? slot.view : null, r, (offlineMask & (1 << ri)) !== 0, size, caughtUpTime(slot, r, caughtUp, now));
        if (reuse) slot.view = view;
        replicaStates.push(view);
      }
      // Reuse the partition when its metadata (the immutable PartitionState: leader, epoch, ISR,
      // replicas, reassignment) and every number and replica view are the same.
      const old = reuse ? entry.view : null;
      let view: PartitionView;
      if (old && entry.state === p && entry.withReplicas === withReplicas && old.highWatermark === hw && old.logStartOffset === logStartOffset
        && old.logEndOffset === logEndOffset && old.lastStableOffset === lastStableOffset && offlineMatches(old.offlineReplicas, p.replicas, offlineMask)
        && sameViews(old.replicaStates, replicaStates) && sameFailures(old.logFailures, logFailures)) {
        view = old;
      } else {
        const offlineReplicas: number[] = [];
        for (let ri = 0; ri < p.replicas.length; ri++) if (offlineMask & (1 << ri)) offlineReplicas.push(p.replicas[ri]!);
        view = {
          partition: p.partition,
          leader: p.leader,
          leaderEpoch: p.leaderEpoch,
          replicas: old && numbersEqual(old.replicas, p.replicas) ? old.replicas : p.replicas.slice(),
          inSyncReplicas: old && numbersEqual(old.inSyncReplicas, p.isr) ? old.inSyncReplicas : p.isr.slice(),
          offlineReplicas: old && numbersEqual(old.offlineReplicas, offlineReplicas) ? old.offlineReplicas : offlineReplicas,
          preferredLeader: p.replicas[0]!,
          highWatermark: hw,
          logStartOffset,
          logEndOffset,
          lastStableOffset,
          reassignment: p.addingReplicas.length || p.removingReplicas.length ? { addingReplicas: p.addingReplicas.slice(), removingReplicas: p.removingReplicas.slice() } : null,
          replicaStates: replicaStates.slice(),
        };
        if (logFailures) view.logFailures = logFailures;
        if (reuse) {
          entry.state = p;
          entry.withReplicas = withReplicas;
          entry.view = view;
        }
      }
      partitions[pi] = view;
      if (allSame && oldTopic!.partitions[pi] !== view) allSame = false;
    }
    if (topicEntry.partitions.length > t.partitions.length) topicEntry.partitions.length = t.partitions.length;
    const produceRatePerSec = core.meters.recordsPerSec(t.record.name, now);
    const replicationFactor = t.partitions[0]?.replicas.length ?? 0;
    if (oldTopic && allSame && oldTopic.configs === configs && oldTopic.name === t.record.name && oldTopic.topicId === t.record.topicId.text
      && oldTopic.internal === t.record.internal && oldTopic.replicationFactor === replicationFactor && oldTopic.produceRatePerSec === produceRatePerSec
      && oldTopic.sizeBytes === sizeBytes) {
      topics.push(oldTopic);
      continue;
    }
    const topic: TopicView = {
      name: t.record.name,
      topicId: t.record.topicId.text,
      internal: t.record.internal,
      replicationFactor,
      partitions: allSame ? oldTopic!.partitions : partitions,
      configs,
      produceRatePerSec,
      sizeBytes,
    };
    if (reuse) topicEntry.view = topic;
    topics.push(topic);
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

function offlineMatches(offline: readonly number[], replicas: readonly number[], mask: number): boolean {
  let n = 0;
  for (let ri = 0; ri < replicas.length; ri++) {
    if (!(mask & (1 << ri))) continue;
    if (offline[n] !== replicas[ri]) return false;
    n++;
  }
  return n === offline.length;
}

function sameViews(a: readonly ReplicaView[], b: readonly ReplicaView[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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

/** The failed background log tasks of a partition's replicas (log-task-failure.ts), or undefined when none (the common case allocates nothing). */
function logFailuresOf(ids: readonly number[], replicas: readonly (Replica | undefined)[]): LogTaskFailureView[] | undefined {
  let out: LogTaskFailureView[] | undefined;
  for (let ri = 0; ri < ids.length; ri++) {
    const r = replicas[ri];
    if (!r || r.log.failures.size === 0) continue;
    for (const [task, f] of r.log.failures) (out ??= []).push({ brokerId: ids[ri]!, task, reason: f.reason, timeMs: f.timeMs });
  }
  return out;
}

function sameFailures(a: LogTaskFailureView[] | undefined, b: LogTaskFailureView[] | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((f, i) => f.brokerId === b[i]!.brokerId && f.task === b[i]!.task && f.reason === b[i]!.reason && f.timeMs === b[i]!.timeMs);
}

/** The controller's view of a broker's session (BrokerView.lastHeartbeatMs / sessionExpiresAtMs). */
function sessionTimes(core: ClusterCore, brokerId: number): { lastHeartbeatMs: number | null; sessionExpiresAtMs: number | null } {
  const ctrl = core.controller;
  const reg = ctrl.registrations.get(brokerId);
  if (!reg || ctrl.activeControllerId === null) return { lastHeartbeatMs: null, sessionExpiresAtMs: null };
  const expires = reg.fenced || reg.shuttingDown ? null : reg.lastHeartbeatMs + core.num('broker.session.timeout.ms');
  return { lastHeartbeatMs: reg.lastHeartbeatMs, sessionExpiresAtMs: expires };
}
