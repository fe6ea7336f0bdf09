/**
 * Snapshot patches: what changed between two ClusterView snapshots, at partition granularity.
 *
 * A 10,000-partition cluster is megabytes of JSON per snapshot; sending it whole at 2–10 Hz
 * would spend the renderer's frame budget on JSON.parse alone. The host pushes one full snapshot
 * per viewer, then patches; the viewer applies them with structural sharing, so unchanged topics
 * and partitions keep their object identity and memoised views skip them.
 */
import type { ClusterView, ConfigEntryView, PartitionView, ReplicaView, SegmentView, TopicView } from './cluster-view';
import type { FlowHopView, FlowView } from './flow-view';

/** A snapshot with the host's sequence number, so patches can name the one they apply to. */
export interface VersionedSnapshot {
  version: number;
  view: ClusterView;
}

/** A topic without its partitions and configs (those travel only when they changed). */
export type TopicHeader = Omit<TopicView, 'partitions' | 'configs'>;

export type TopicPatch =
  /** A new topic, or one whose partition count or topicId changed: sent whole. */
  | { name: string; topic: TopicView }
  /**
   * Same partitions, something changed: the header (always), the configs only when they changed,
   * and the changed partitions (whole).
   */
  | { name: string; header: TopicHeader; configs?: ConfigEntryView[]; partitions: PartitionView[] };

export type ClusterRest = Omit<ClusterView, 'topics'>;

/**
 * Patches are applied in place: `applySnapshotPatch` may reuse the base's objects inside the
 * patch's partitions, so a patch is applied once (as it comes off the wire) and not kept.
 */
export interface SnapshotPatch {
  baseVersion: number;
  version: number;
  /**
   * Everything but the topics (brokers, controller, groups, connections, time): only the fields
   * that changed, each whole; a field absent here is the base's.
   */
  rest: Partial<ClusterRest>;
  /** Optional top-level fields the base has and the new snapshot has not. */
  restRemoved?: (keyof ClusterRest)[];
  /** Every topic name, in snapshot order; topics absent here were deleted. */
  topicNames: string[];
  changed: TopicPatch[];
  /**
   * The records in motion as a change of the base's (`rest.flow` is then absent): the flow view is
   * a run of consecutive hop ids and hops never change once recorded, so the new view is the
   * base's hops from `firstId` on, then `append`. Saves sending ~400 hops (100 kB) every push.
   */
  flowDelta?: FlowDelta;
}

export interface FlowDelta {
  /** Id of the new view's first hop; null when it has none. */
  firstId: number | null;
  /** Hops newer than the base's newest, oldest first. */
  append: FlowHopView[];
  windowStartMs: number;
  dropped: number;
}

/** Deep equality of plain JSON data (what ClusterView is made of). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(b).length) return false;
  for (const k of ak) if (!jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

function numbersEqual(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function segmentsEqual(a: readonly SegmentView[], b: readonly SegmentView[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  // Newest first: a growing log changes its active (last) segment.
  for (let i = a.length - 1; i >= 0; i--) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && (x.baseOffset !== y.baseOffset || x.endOffset !== y.endOffset || x.sizeBytes !== y.sizeBytes)) return false;
  }
  return true;
}

/**
 * Fields of a replica that may move with the clock rather than with the cluster's state. The
 * embedded model reports `lastCaughtUpTimeMs` as the start of a caught-up replica's current run
 * (src/broker/cluster/view/snapshot.ts), which changes only with the replica's state; a source
 * reporting Kafka's raw "last caught-up time" (now, for every replica that keeps up) would make
 * every partition differ on every tick. A change there alone does not make a partition changed:
 * viewers holding a patched view see it as of the partition's last other change (a full snapshot
 * has it exact). No view reads it; a view that needs it calls getSnapshot().
 *
 * The embedded model also hands out the previous snapshot's objects for what did not change, so
 * the diff below finds those by identity (`old === topic`, `partitionEqual`'s `a === b`) and
 * compares field by field only the partitions the model rebuilt.
 */
export const volatileReplicaFields = ['lastCaughtUpTimeMs'] as const;

function replicaEqual(a: ReplicaView, b: ReplicaView): boolean {
  return a === b || (a.brokerId === b.brokerId && a.logEndOffset === b.logEndOffset && a.highWatermark === b.highWatermark && a.flushedOffset === b.flushedOffset
    && a.logStartOffset === b.logStartOffset && a.sizeBytes === b.sizeBytes && a.offline === b.offline && segmentsEqual(a.segments, b.segments));
}

/**
 * Whether a partition changed for a viewer: every field of PartitionView and ReplicaView but the
 * volatile ones, compared field by field (one partition at a time, 10,000 of them per tick, so no
 * generic deep equality and no allocation). snapshot-patch.test.ts fails when a field is added
 * to the views without being added here.
 */
export function partitionEqual(a: PartitionView, b: PartitionView): boolean {
  if (a === b) return true;
  if (a.partition !== b.partition || a.highWatermark !== b.highWatermark || a.logEndOffset !== b.logEndOffset || a.logStartOffset !== b.logStartOffset
    || a.lastStableOffset !== b.lastStableOffset || a.leader !== b.leader || a.leaderEpoch !== b.leaderEpoch || a.preferredLeader !== b.preferredLeader) return false;
  if (!numbersEqual(a.replicas, b.replicas) || !numbersEqual(a.inSyncReplicas, b.inSyncReplicas) || !numbersEqual(a.offlineReplicas, b.offlineReplicas)) return false;
  if (a.logFailures !== b.logFailures) {
    const fa = a.logFailures ?? [];
    const fb = b.logFailures ?? [];
    if (fa.length !== fb.length) return false;
    for (let i = 0; i < fa.length; i++) {
      if (fa[i]!.brokerId !== fb[i]!.brokerId || fa[i]!.task !== fb[i]!.task || fa[i]!.reason !== fb[i]!.reason || fa[i]!.timeMs !== fb[i]!.timeMs) return false;
    }
  }
  if (a.reassignment !== b.reassignment) {
    if (!a.reassignment || !b.reassignment) return false;
    if (!numbersEqual(a.reassignment.addingReplicas, b.reassignment.addingReplicas) || !numbersEqual(a.reassignment.removingReplicas, b.reassignment.removingReplicas)) return false;
  }
  const ra = a.replicaStates;
  const rb = b.replicaStates;
  if (ra === rb) return true;
  if (ra.length !== rb.length) return false;
  for (let i = 0; i < ra.length; i++) if (!replicaEqual(ra[i]!, rb[i]!)) return false;
  return true;
}

function header(topic: TopicView): TopicHeader {
  return { name: topic.name, topicId: topic.topicId, internal: topic.internal, replicationFactor: topic.replicationFactor, produceRatePerSec: topic.produceRatePerSec, sizeBytes: topic.sizeBytes };
}

function headerEqual(a: TopicView, b: TopicView): boolean {
  return a.internal === b.internal && a.replicationFactor === b.replicationFactor && a.produceRatePerSec === b.produceRatePerSec && a.sizeBytes === b.sizeBytes;
}

const restKeys = ['clusterId', 'seed', 'simTimeMs', 'sim', 'controller', 'brokers', 'groups', 'transactions', 'connections', 'requestFaults', 'links', 'leaderChecks', 'brokerConfigs', 'metrics', 'flow', 'listenerSecurity', 'security'] as const satisfies readonly (keyof ClusterRest)[];
// Fails to compile when ClusterView gains a field that restKeys does not list.
const _everyRestKeyListed: Exclude<keyof ClusterRest, (typeof restKeys)[number]> extends never ? true : never = true;
void _everyRestKeyListed;

/**
 * The patch that turns `previous` (version `baseVersion`) into `next` (version `version`).
 * Costs one field-by-field comparison per partition whose object is not shared with `previous`.
 */
export function diffSnapshot(previous: ClusterView, next: ClusterView, baseVersion: number, version: number): SnapshotPatch {
  const rest: Partial<ClusterRest> = {};
  const restRemoved: (keyof ClusterRest)[] = [];
  let flowDelta: FlowDelta | undefined;
  for (const key of restKeys) {
    if (key === 'flow' && previous.flow && next.flow && previous.flow !== next.flow) {
      const delta = diffFlow(previous.flow, next.flow);
      if (delta) {
        const unchanged = delta.append.length === 0 && delta.firstId === (previous.flow.hops[0]?.id ?? null) && delta.windowStartMs === previous.flow.windowStartMs && delta.dropped === previous.flow.dropped;
        if (!unchanged) flowDelta = delta;
        continue;
      }
    }
    if (jsonEqual(previous[key], next[key])) continue;
    if (next[key] === undefined) restRemoved.push(key);
    else (rest as Record<string, unknown>)[key] = next[key];
  }
  const before = new Map<string, TopicView>();
  for (const t of previous.topics) before.set(t.name, t);
  const changed: TopicPatch[] = [];
  const topicNames: string[] = new Array(next.topics.length);
  for (let ti = 0; ti < next.topics.length; ti++) {
    const topic = next.topics[ti]!;
    topicNames[ti] = topic.name;
    const old = before.get(topic.name);
    if (old === topic) continue;
    if (!old || old.topicId !== topic.topicId || old.partitions.length !== topic.partitions.length) {
      changed.push({ name: topic.name, topic });
      continue;
    }
    const partitions: PartitionView[] = [];
    for (let i = 0; i < topic.partitions.length; i++) {
      const p = topic.partitions[i]!;
      if (!partitionEqual(p, old.partitions[i]!)) partitions.push(p);
    }
    const sameConfigs = old.configs === topic.configs || jsonEqual(old.configs, topic.configs);
    if (partitions.length > 0 || !sameConfigs || !headerEqual(old, topic)) {
      changed.push(sameConfigs ? { name: topic.name, header: header(topic), partitions } : { name: topic.name, header: header(topic), configs: topic.configs, partitions });
    }
  }
  const patch: SnapshotPatch = restRemoved.length > 0 ? { baseVersion, version, rest, restRemoved, topicNames, changed } : { baseVersion, version, rest, topicNames, changed };
  if (flowDelta) patch.flowDelta = flowDelta;
  return patch;
}

/** Whether `hops` hold consecutive ids (what the flow recorder's view always is). */
function consecutive(hops: readonly FlowHopView[]): boolean {
  return hops.length === 0 || hops[hops.length - 1]!.id - hops[0]!.id === hops.length - 1;
}

/** The flow view `next` as a change of `previous`, or null when it is not one (then it travels whole). */
function diffFlow(previous: FlowView, next: FlowView): FlowDelta | null {
  const before = previous.hops;
  const after = next.hops;
  if (!consecutive(before) || !consecutive(after)) return null;
  const firstId = after.length > 0 ? after[0]!.id : null;
  const lastBefore = before.length > 0 ? before[before.length - 1]!.id : null;
  // Hops the base has must be the same ones: the new view starts inside the base's, or after its end.
  if (firstId !== null && lastBefore !== null && firstId <= lastBefore && firstId < before[0]!.id) return null;
  const append = lastBefore === null || firstId === null ? after : after.slice(Math.max(0, lastBefore - firstId + 1));
  return { firstId, append, windowStartMs: next.windowStartMs, dropped: next.dropped };
}

/** The base's flow view changed by `delta` (diffFlow's inverse); throws when the base does not hold the hops the delta keeps. */
function applyFlowDelta(base: FlowView | undefined, delta: FlowDelta): FlowView {
  const before = base?.hops ?? [];
  let kept: FlowHopView[] = [];
  if (delta.firstId !== null && before.length > 0 && delta.firstId <= before[before.length - 1]!.id) {
    const from = delta.firstId - before[0]!.id;
    if (from < 0 || before[from]?.id !== delta.firstId) throw new Error(`flow delta keeps hops from ${delta.firstId}, which the base does not have`);
    kept = before.slice(from);
  }
  return { hops: kept.length === 0 ? delta.append : kept.concat(delta.append), windowStartMs: delta.windowStartMs, dropped: delta.dropped };
}

function shareNumbers(old: number[], next: number[]): number[] {
  return numbersEqual(old, next) ? old : next;
}

function shareSegments(old: SegmentView[], next: SegmentView[]): SegmentView[] {
  if (segmentsEqual(old, next)) return old;
  // A growing log: every segment but the active one is the old object.
  let same = true;
  for (let i = 0; i < next.length; i++) {
    const o = old[i];
    const n = next[i]!;
    if (o && o.baseOffset === n.baseOffset && o.endOffset === n.endOffset && o.sizeBytes === n.sizeBytes) next[i] = o;
    else same = false;
  }
  return same && old.length === next.length ? old : next;
}

/**
 * A changed partition as it arrived, with the parts that did not change (replica lists, closed
 * segments, unchanged replicas) replaced by the base's objects: the freshly parsed duplicates die
 * young instead of replacing long-lived objects, which keeps the renderer's old generation (and its
 * major collections) from churning at 10,000 partitions.
 */
function sharePartition(old: PartitionView, next: PartitionView): PartitionView {
  if (old.partition !== next.partition) return next;
  next.replicas = shareNumbers(old.replicas, next.replicas);
  next.inSyncReplicas = shareNumbers(old.inSyncReplicas, next.inSyncReplicas);
  next.offlineReplicas = shareNumbers(old.offlineReplicas, next.offlineReplicas);
  for (let i = 0; i < next.replicaStates.length; i++) {
    const o = old.replicaStates[i];
    const n = next.replicaStates[i]!;
    if (!o || o.brokerId !== n.brokerId) continue;
    if (replicaEqual(o, n) && o.lastCaughtUpTimeMs === n.lastCaughtUpTimeMs) next.replicaStates[i] = o;
    else n.segments = shareSegments(o.segments, n.segments);
  }
  return next;
}

/** Per topic object made by applySnapshotPatch: its base's partitions and the indices of those the patch replaced. */
const patchedTopics = new WeakMap<TopicView, { base: readonly PartitionView[]; changed: readonly number[] }>();
const noPartitions: readonly number[] = [];

/**
 * The indices of `topic`'s partitions that are not the objects of `base` (an earlier snapshot's
 * partitions of the same topic), when that is known without comparing them: the same array (none),
 * or a topic applySnapshotPatch made from `base` (the ones the patch carried). Null otherwise (a
 * caller then compares every partition). Lets per-topic aggregates recount only what a patch
 * changed, without a pass over the topic's partitions.
 */
export function partitionsChangedSince(topic: TopicView, base: readonly PartitionView[]): readonly number[] | null {
  if (topic.partitions === base) return noPartitions;
  const patched = patchedTopics.get(topic);
  return patched !== undefined && patched.base === base ? patched.changed : null;
}

/**
 * Applies a patch to the snapshot it was made against. Unchanged topics, partitions, configs and
 * top-level fields are the base's own objects. Throws when the patch does not fit the base (the
 * caller resynchronises).
 */
export function applySnapshotPatch(base: ClusterView, patch: SnapshotPatch): ClusterView {
  const changes = new Map<string, TopicPatch>();
  for (const c of patch.changed) changes.set(c.name, c);
  // Topics in the same order as the base's (the common case): no lookup table needed.
  const sameOrder = base.topics.length === patch.topicNames.length && patch.topicNames.every((name, i) => base.topics[i]!.name === name);
  let before: Map<string, TopicView> | null = null;
  const find = (name: string, i: number): TopicView | undefined => {
    if (sameOrder) return base.topics[i];
    before ??= new Map(base.topics.map((t) => [t.name, t]));
    return before.get(name);
  };
  const topics = changes.size === 0 && sameOrder ? base.topics : patch.topicNames.map((name, i): TopicView => {
    const change = changes.get(name);
    const old = find(name, i);
    if (!change) {
      if (!old) throw new Error(`patch ${patch.version} keeps topic ${name}, which the base does not have`);
      return old;
    }
    if ('topic' in change) return change.topic;
    if (!old) throw new Error(`patch ${patch.version} updates topic ${name}, which the base does not have`);
    let partitions = old.partitions;
    const changed: number[] = [];
    if (change.partitions.length > 0) {
      partitions = old.partitions.slice();
      for (const p of change.partitions) {
        if (p.partition < 0 || p.partition >= partitions.length) throw new Error(`patch ${patch.version}: ${name}-${p.partition} out of range`);
        partitions[p.partition] = sharePartition(partitions[p.partition]!, p);
        changed.push(p.partition);
      }
    }
    const topic: TopicView = { ...change.header, partitions, configs: change.configs ?? old.configs };
    patchedTopics.set(topic, { base: old.partitions, changed });
    return topic;
  });
  const removed = patch.restRemoved ?? [];
  if (topics === base.topics && removed.length === 0 && Object.keys(patch.rest).length === 0 && !patch.flowDelta) return base;
  const view: ClusterView = { ...base, ...patch.rest, topics };
  if (patch.flowDelta) view.flow = applyFlowDelta(base.flow, patch.flowDelta);
  for (const key of removed) delete (view as Partial<ClusterView>)[key];
  return view;
}
