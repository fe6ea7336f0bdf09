/**
 * One partition's PartitionView (src/shared/cluster-view.ts), built from the controller's
 * PartitionState and the replicas' logs, reusing the previous view's objects for whatever did not
 * change (see ./snapshot.ts for when a partition is rebuilt at all).
 */
import type { LogTaskFailureView, PartitionView, ReplicaView, SegmentView } from '../../../shared/cluster-view';
import type { ClusterCore } from '../core';
import type { PartitionState } from '../metadata';
import type { Replica, ReplicaViewWatch } from '../replication/replica';

/** One replica slot of a partition: the model object and the last view built from it. */
export interface ReplicaSlot {
  replica: Replica;
  view: ReplicaView | null;
  /** Whether it counted as caught up at the last snapshot (at `at`), and since when. */
  at: number;
  caughtUp: boolean;
  since: number;
}

/**
 * Per partition (by index in its topic): the key, the last view and what it was built from. It is
 * also the partition's ReplicaViewWatch: its replicas set `dirty` (and queue it) when they change.
 */
export interface PartitionEntry extends ReplicaViewWatch {
  partition: number;
  key: string;
  /** The PartitionState the view was built from (immutable: identity is its change stamp). */
  state: PartitionState | null;
  view: PartitionView | null;
  slots: (ReplicaSlot | undefined)[];
  /** The leader's log size in bytes at the last build (the topic's sizeBytes sums them). */
  leaderSize: number;
  /**
   * False when the view holds something that may move without a change the replicas report: an
   * open transaction (lastStableOffset follows the producer state), or a replica's caught-up state
   * held from an earlier snapshot at the same simulated time. Such a partition is rebuilt at the
   * next snapshot.
   */
  settled: boolean;
  /** The topic's flag: set with this one when the snapshot collects the queue. */
  owner: { dirty: boolean };
}

export function newPartitionEntry(p: PartitionState, key: string, queue: ReplicaViewWatch[], owner: { dirty: boolean }): PartitionEntry {
  return { partition: p.partition, key, state: null, view: null, slots: [], leaderSize: 0, settled: false, dirty: true, queue, owner };
}

/** What every partition of one snapshot shares. */
export interface BuildContext {
  core: ClusterCore;
  now: number;
  offlineIds: ReadonlySet<number>;
  /** false: build every object afresh and record nothing in the entries but the caught-up slots. */
  reuse: boolean;
  /** Scratch arrays, reused across partitions. */
  replicas: (Replica | undefined)[];
  replicaStates: ReplicaView[];
  /** Out: the leader's log size in bytes of the partition built last. */
  leaderSize: number;
  /** Out: the partition built last holds a replica's caught-up state as of an earlier snapshot at the same time. */
  unsettled: boolean;
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
function caughtUpTime(ctx: BuildContext, slot: ReplicaSlot, r: Replica, caughtUp: boolean, now: number): number {
  const modelTime = r.isLeader ? now : r.lastCaughtUpTimeMs;
  if (slot.at === now) {
    // Held as the earlier snapshot at this time saw it: the next time it is taken anew.
    if (slot.caughtUp !== caughtUp) ctx.unsettled = true;
    return slot.caughtUp ? slot.since : modelTime;
  }
  slot.since = caughtUp && slot.caughtUp ? slot.since : modelTime;
  slot.at = now;
  slot.caughtUp = caughtUp;
  return caughtUp ? slot.since : modelTime;
}

/** Whether the views `old` (as many as the log's segments) still describe the log's segments; allocates nothing. */
function segmentsMatch(old: readonly SegmentView[], r: Replica): boolean {
  const segments = r.log.segments;
  for (let si = segments.length - 1; si >= 0; si--) {
    const seg = segments[si]!;
    const o = old[si]!;
    const end = si + 1 < segments.length ? segments[si + 1]!.baseOffset : r.log.logEndOffset;
    if (o.baseOffset !== seg.baseOffset || o.endOffset !== end || o.sizeBytes !== seg.sizeBytes) return false;
  }
  return true;
}

function buildSegments(r: Replica, old: SegmentView[] | undefined): SegmentView[] {
  const log = r.log;
  const n = log.segments.length;
  if (old !== undefined && old.length === n && segmentsMatch(old, r)) return old;
  const segments: SegmentView[] = new Array(n);
  for (let si = 0; si < n; si++) {
    const seg = log.segments[si]!;
    const end = log.segmentEndOffset(si);
    const o = old?.[si];
    segments[si] = o && o.baseOffset === seg.baseOffset && o.endOffset === end && o.sizeBytes === seg.sizeBytes ? o : { baseOffset: seg.baseOffset, endOffset: end, sizeBytes: seg.sizeBytes };
  }
  return segments;
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

/**
 * Builds partition `p`'s view into `entry` (with `withReplicas`: replica detail, else none). With
 * ctx.reuse it hands out the entry's previous view when the metadata (the immutable PartitionState:
 * leader, epoch, ISR, replicas, reassignment) and every number and replica view are the same,
 * records the new view, and hands the entry to the replicas as their watch (clearing its flag).
 */
export function buildPartition(ctx: BuildContext, entry: PartitionEntry, p: PartitionState, withReplicas: boolean): PartitionView {
  const { core, now, offlineIds, reuse, replicas, replicaStates } = ctx;
  const key = entry.key;
  let leader: Replica | undefined;
  let first: Replica | undefined;
  let offlineMask = 0;
  for (let ri = 0; ri < p.replicas.length; ri++) {
    const id = p.replicas[ri]!;
    if (offlineIds.has(id)) offlineMask |= 1 << ri;
    const r = core.broker(id)?.replicas.get(key);
    replicas[ri] = r;
    if (!r) continue;
    if (reuse) r.viewWatch = entry;
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
  ctx.unsettled = false;
  let leaderSize = 0;
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
    if (p.replicas[ri] === p.leader) leaderSize += size;
    if (!withReplicas) continue;
    let slot = slots[ri];
    if (!slot || slot.replica !== r) slots[ri] = slot = { replica: r, view: null, at: -1, caughtUp: false, since: 0 };
    const caughtUp = r.isLeader || (leader !== undefined && r.log.logEndOffset === leader.log.logEndOffset);
    if (reuse) r.viewLagging = !caughtUp;
    const view = replicaView(reuse ? slot.view : null, r, (offlineMask & (1 << ri)) !== 0, size, caughtUpTime(ctx, slot, r, caughtUp, now));
    if (reuse) slot.view = view;
    replicaStates.push(view);
  }
  const old = reuse ? entry.view : null;
  let view: PartitionView;
  if (old && entry.state === p && old.replicaStates.length === replicaStates.length && old.highWatermark === hw && old.logStartOffset === logStartOffset
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
  }
  ctx.leaderSize = leaderSize;
  if (reuse) {
    entry.state = p;
    entry.view = view;
    entry.leaderSize = leaderSize;
    entry.settled = fuo === null && !ctx.unsettled;
    entry.dirty = false;
  }
  return view;
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
