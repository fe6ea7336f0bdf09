/**
 * Snapshot patches: what changed between two ClusterView snapshots, at partition granularity.
 *
 * A 10,000-partition cluster is megabytes of JSON per snapshot; sending it whole at 2–10 Hz
 * would spend the renderer's frame budget on JSON.parse alone. The host pushes one full snapshot
 * per viewer, then patches; the viewer applies them with structural sharing, so unchanged topics
 * and partitions keep their object identity and memoised views skip them.
 */
import type { ClusterView, PartitionView, TopicView } from './cluster-view';

/** A snapshot with the host's sequence number, so patches can name the one they apply to. */
export interface VersionedSnapshot {
  version: number;
  view: ClusterView;
}

export type TopicHeader = Omit<TopicView, 'partitions'>;

export type TopicPatch =
  /** A new topic, or one whose partition count changed: sent whole. */
  | { name: string; topic: TopicView }
  /** Same partitions, some changed: the header (always) and the changed partitions. */
  | { name: string; header: TopicHeader; partitions: PartitionView[] };

export interface SnapshotPatch {
  baseVersion: number;
  version: number;
  /** Everything but the topics, whole (brokers, controller, groups, connections, time). */
  rest: Omit<ClusterView, 'topics'>;
  /** Every topic name, in snapshot order; topics absent here were deleted. */
  topicNames: string[];
  changed: TopicPatch[];
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

function header(topic: TopicView): TopicHeader {
  const { partitions: _partitions, ...rest } = topic;
  return rest;
}

/** The patch that turns `previous` (version `baseVersion`) into `next` (version `version`). */
export function diffSnapshot(previous: ClusterView, next: ClusterView, baseVersion: number, version: number): SnapshotPatch {
  const { topics: _topics, ...rest } = next;
  const before = new Map(previous.topics.map((t) => [t.name, t]));
  const changed: TopicPatch[] = [];
  for (const topic of next.topics) {
    const old = before.get(topic.name);
    if (old === topic) continue;
    if (!old || old.topicId !== topic.topicId || old.partitions.length !== topic.partitions.length) {
      changed.push({ name: topic.name, topic });
      continue;
    }
    const partitions = topic.partitions.filter((p, i) => !jsonEqual(p, old.partitions[i]));
    const sameHeader = jsonEqual(header(old), header(topic));
    if (partitions.length > 0 || !sameHeader) changed.push({ name: topic.name, header: header(topic), partitions });
  }
  return { baseVersion, version, rest, topicNames: next.topics.map((t) => t.name), changed };
}

/**
 * Applies a patch to the snapshot it was made against. Unchanged topics and partitions are the
 * base's own objects. Throws when the patch does not fit the base (the caller resynchronises).
 */
export function applySnapshotPatch(base: ClusterView, patch: SnapshotPatch): ClusterView {
  const before = new Map(base.topics.map((t) => [t.name, t]));
  const changes = new Map(patch.changed.map((c) => [c.name, c]));
  const topics = patch.topicNames.map((name): TopicView => {
    const change = changes.get(name);
    const old = before.get(name);
    if (!change) {
      if (!old) throw new Error(`patch ${patch.version} keeps topic ${name}, which the base does not have`);
      return old;
    }
    if ('topic' in change) return change.topic;
    if (!old) throw new Error(`patch ${patch.version} updates topic ${name}, which the base does not have`);
    let partitions = old.partitions;
    if (change.partitions.length > 0) {
      partitions = old.partitions.slice();
      for (const p of change.partitions) {
        if (p.partition < 0 || p.partition >= partitions.length) throw new Error(`patch ${patch.version}: ${name}-${p.partition} out of range`);
        partitions[p.partition] = p;
      }
    }
    return { ...change.header, partitions };
  });
  return { ...patch.rest, topics };
}
