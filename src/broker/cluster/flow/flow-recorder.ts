/**
 * FlowRecorder: the bounded, deterministic sample of records in motion behind the cluster map's
 * animation (issue 14, src/shared/flow-view.ts). Observation only: the model calls it after it has
 * decided what happens (an append, an answer, a fetch), it never feeds anything back, it is not an
 * input and not in the trace, so a run replays identically with or without it.
 *
 * What a hop means, in Kafka's terms:
 * - produce: a batch reaching the partition leader (ReplicaManager.appendRecords), stamped at the
 *   append (or the rejection, with its error name: NOT_ENOUGH_REPLICAS, NOT_LEADER_OR_FOLLOWER …).
 * - produce-response: the answer leaving the leader when Kafka sends it — acks=1 right after the
 *   leader's append, acks=all once the highWatermark passed the batch (DelayedProduce), so the gap
 *   between a produce and its response is the followers' replication. acks=0 has no response.
 * - replicate: a follower fetch answer carrying records, from the simulated time the leader sent it
 *   to the time the follower received it (the link latency and any retransmission included).
 * - fetch: records a consumer fetched from the leader: at most up to the highWatermark (or the
 *   lastStableOffset for read_committed), as ReplicaManager.fetchMessages reads for a client.
 * Clients are outside the simulated network: their hops start and end at the same simulated time.
 *
 * Sampling rule (never random): per window of `windowMs` simulated ms, at most `perKey` hops per
 * (kind, topic, partition, destination) and at most `perWindow` hops in all; a produce-response
 * always follows a kept produce, and a replicate or fetch carrying the last offset of a kept
 * produce is kept too, so a sampled acks=all write shows its replication and its answer. Errors
 * skip the per-key quota (they are what a learner looks for) but not the window's.
 *
 * Memory bound: a ring of `capacity` hops (default 2,048, about 200 B each) and per-window quota
 * counters cleared at every window (at most one per hop kept or refused in that window).
 */
import type { FlowEndpoint, FlowHopKind, FlowHopView, FlowView } from '../../../shared/flow-view';

/** A client as the brokers see it: clientId and host (the wire's connection registry, or 'scenario'). */
export interface FlowClientRef {
  clientId: string;
  host: string;
}

export interface FlowRecorderOptions {
  /** Simulated ms per sampling window (default 1000). */
  windowMs?: number;
  /** Hops kept per (kind, partition, destination) per window (default 3). */
  perKey?: number;
  /** Hops kept per window in all (default 400). */
  perWindow?: number;
  /** Hops kept in memory (default 2048). */
  capacity?: number;
}

/** Simulated ms of flow a view carries by default: enough for a snapshot every second at 2× speed. */
export const DEFAULT_FLOW_VIEW_WINDOW_MS = 3000;
/** Hops a view carries at most (the newest). */
export const MAX_FLOW_VIEW_HOPS = 600;
/** Offsets of kept produces remembered per partition, so their replication and answer are kept too. */
const REMEMBERED_PRODUCES = 4;

export class FlowRecorder {
  readonly windowMs: number;
  readonly perKey: number;
  readonly perWindow: number;
  readonly capacity: number;
  private readonly ring: (FlowHopView | undefined)[];
  private next = 0;
  private size = 0;
  private nextId = 1;
  private window = -1;
  private keptInWindow = 0;
  private readonly quota = new Map<string, number>();
  /** Per partition key: lastOffsets of recently kept produces (oldest first). */
  private readonly kept = new Map<string, number[]>();
  /** Hops not kept, per window start (ms), for the view's `dropped` (bounded: pruned with the windows). */
  private readonly droppedByWindow = new Map<number, number>();
  /** Totals since creation (bench, tests). */
  recorded = 0;
  dropped = 0;

  constructor(opts: FlowRecorderOptions = {}) {
    this.windowMs = opts.windowMs ?? 1000;
    this.perKey = opts.perKey ?? 3;
    this.perWindow = opts.perWindow ?? 400;
    this.capacity = opts.capacity ?? 2048;
    this.ring = new Array<FlowHopView | undefined>(this.capacity);
  }

  /** A produce reached `brokerId` (appended, or rejected with `error`). Returns whether it was kept (its response is then recorded too). */
  produce(nowMs: number, client: FlowClientRef, brokerId: number, topic: string, partition: number, acks: -1 | 0 | 1, records: number, bytes: number, offsets: [number, number] | null, error?: string): boolean {
    const from: FlowEndpoint = { kind: 'client', clientId: client.clientId, host: client.host };
    if (!this.admit(nowMs, 'produce', topic, partition, `b${brokerId}`, error !== undefined, false)) return false;
    this.push({ kind: 'produce', topic, partition, from, to: { kind: 'broker', brokerId }, startMs: nowMs, endMs: nowMs, records, bytes, offsets, acks, ...(error ? { error } : {}) });
    if (offsets && !error) {
      const key = `${topic}\u0000${partition}`;
      const list = this.kept.get(key) ?? [];
      list.push(offsets[1]);
      if (list.length > REMEMBERED_PRODUCES) list.shift();
      this.kept.set(key, list);
    }
    return true;
  }

  /** The answer to a kept produce leaves the leader (acks=1: after the append; acks=all: once the highWatermark passed it). */
  produceResponse(nowMs: number, client: FlowClientRef, brokerId: number, topic: string, partition: number, offsets: [number, number] | null, error?: string): void {
    this.admit(nowMs, 'produce-response', topic, partition, '', true, true);
    this.push({ kind: 'produce-response', topic, partition, from: { kind: 'broker', brokerId }, to: { kind: 'client', clientId: client.clientId, host: client.host }, startMs: nowMs, endMs: nowMs, records: 0, bytes: 0, offsets, ...(error && error !== 'NONE' ? { error } : {}) });
  }

  /** A follower fetch answer with records left the leader at `startMs` and reached the follower at `endMs`. */
  replicate(startMs: number, endMs: number, leaderId: number, followerId: number, topic: string, partition: number, records: number, bytes: number, offsets: [number, number]): void {
    if (!this.admit(endMs, 'replicate', topic, partition, `b${followerId}`, false, this.carriesKept(topic, partition, offsets))) return;
    this.push({ kind: 'replicate', topic, partition, from: { kind: 'broker', brokerId: leaderId }, to: { kind: 'broker', brokerId: followerId }, startMs, endMs, records, bytes, offsets });
  }

  /** A consumer fetch answered with records (offsets below the highWatermark / lastStableOffset), or an error. */
  fetch(nowMs: number, client: FlowClientRef, brokerId: number, topic: string, partition: number, records: number, bytes: number, offsets: [number, number] | null, error?: string): void {
    const forced = offsets !== null && this.carriesKept(topic, partition, offsets);
    if (!this.admit(nowMs, 'fetch', topic, partition, `${client.clientId}\u0000${client.host}`, error !== undefined, forced)) return;
    this.push({ kind: 'fetch', topic, partition, from: { kind: 'broker', brokerId }, to: { kind: 'client', clientId: client.clientId, host: client.host }, startMs: nowMs, endMs: nowMs, records, bytes, offsets, ...(error ? { error } : {}) });
  }

  /** Hops that ended within `windowMs` before `nowMs` (newest MAX_FLOW_VIEW_HOPS), oldest first. */
  view(nowMs: number, windowMs = DEFAULT_FLOW_VIEW_WINDOW_MS): FlowView {
    const windowStartMs = nowMs - windowMs;
    const hops: FlowHopView[] = [];
    for (let i = 1; i <= this.size && hops.length < MAX_FLOW_VIEW_HOPS; i++) {
      const hop = this.ring[(this.next - i + this.capacity) % this.capacity]!;
      if (hop.endMs < windowStartMs) break;
      hops.push(hop);
    }
    hops.reverse();
    let dropped = 0;
    for (const [start, n] of this.droppedByWindow) if (start + this.windowMs > windowStartMs) dropped += n;
    return { hops, windowStartMs, dropped };
  }

  private carriesKept(topic: string, partition: number, offsets: [number, number]): boolean {
    const list = this.kept.get(`${topic}\u0000${partition}`);
    if (!list) return false;
    for (const last of list) if (last >= offsets[0] && last <= offsets[1]) return true;
    return false;
  }

  /** The sampling rule; `forced` hops (answers to kept produces, their replication) skip the per-key quota. */
  private admit(nowMs: number, kind: FlowHopKind, topic: string, partition: number, to: string, bypassKey: boolean, forced: boolean): boolean {
    const window = Math.floor(nowMs / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.keptInWindow = 0;
      this.quota.clear();
      for (const start of this.droppedByWindow.keys()) if (start < (window - 8) * this.windowMs) this.droppedByWindow.delete(start);
    }
    let ok: boolean;
    if (forced && kind === 'produce-response') ok = true;
    else if (this.keptInWindow >= this.perWindow) ok = false;
    else if (forced || bypassKey) ok = true;
    else {
      const key = `${kind}\u0000${topic}\u0000${partition}\u0000${to}`;
      const n = this.quota.get(key) ?? 0;
      ok = n < this.perKey;
      if (ok) this.quota.set(key, n + 1);
    }
    if (ok) {
      this.keptInWindow++;
      return true;
    }
    this.dropped++;
    const start = window * this.windowMs;
    this.droppedByWindow.set(start, (this.droppedByWindow.get(start) ?? 0) + 1);
    return false;
  }

  private push(hop: Omit<FlowHopView, 'id'>): void {
    this.ring[this.next] = { id: this.nextId++, ...hop };
    this.next = (this.next + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
    this.recorded++;
  }
}
