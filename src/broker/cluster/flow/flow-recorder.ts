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
 * Memory bound: a ring of `capacity` hops (default 2,048, about 200 B each), per-window quota
 * counters cleared at every window (at most one per distinct (partition, kind, destination) seen
 * in that window), the last 4 kept produce offsets per partition written to, and at most 10,000
 * interned client names.
 */
import type { FlowEndpoint, FlowHopView, FlowView } from '../../../shared/flow-view';
import type { StoredBatch } from '../log/stored-batch';

/** A client as the brokers see it: clientId and host (the wire's connection registry, or 'scenario'). */
export interface FlowClientRef {
  clientId: string;
  host: string;
}

export interface FlowRecorderOptions {
  /** Simulated ms per sampling window (default 1000). */
  windowMs?: number;
  /** Hops kept per (kind, partition, destination) per window (default 2). */
  perKey?: number;
  /** Hops kept per window in all (default 240). */
  perWindow?: number;
  /** Hops kept in memory (default 2048). */
  capacity?: number;
}

/**
 * Simulated ms of flow a view carries by default (the host scales it with speed): the renderer
 * replays 0.7 s behind now and keeps an arrived hop glowing 0.9 s, and pushes come at 2 Hz or more.
 */
export const DEFAULT_FLOW_VIEW_WINDOW_MS = 2000;
/** Hops a view carries at most (the newest): about 100 KB of JSON per push. */
export const MAX_FLOW_VIEW_HOPS = 400;
const KIND_PRODUCE = 0;
const KIND_RESPONSE = 1;
const KIND_REPLICATE = 2;
const KIND_FETCH = 3;
/** Client destinations are numbered from here (broker and controller ids stay below it). */
const CLIENT_BASE = 100_000;
/** Interned clients kept at most (cleared at a window change beyond it). */
const MAX_CLIENT_NUMBERS = 10_000;
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
  /** Per topic, per (partition, kind, destination) as one number: hops kept this window. */
  private readonly quota = new Map<string, Map<number, number>>();
  /** Destinations as small numbers (brokers by id, clients interned after them). */
  private readonly clientIds = new Map<string, number>();
  /** Per topic, per partition: lastOffsets of recently kept produces (oldest first). */
  private readonly kept = new Map<string, Map<number, number[]>>();
  /** Hops not kept, per window start (ms), for the view's `dropped` (bounded: pruned with the windows). */
  private readonly droppedByWindow = new Map<number, number>();
  /** Totals since creation (bench, tests). */
  recorded = 0;
  dropped = 0;

  constructor(opts: FlowRecorderOptions = {}) {
    this.windowMs = opts.windowMs ?? 1000;
    this.perKey = opts.perKey ?? 2;
    this.perWindow = opts.perWindow ?? 240;
    this.capacity = opts.capacity ?? 2048;
    this.ring = new Array<FlowHopView | undefined>(this.capacity);
  }

  /** A produce reached `brokerId` (appended, or rejected with `error`). Returns whether it was kept (its response is then recorded too). */
  produce(nowMs: number, client: FlowClientRef, brokerId: number, topic: string, partition: number, acks: -1 | 0 | 1, records: number, bytes: number, offsets: [number, number] | null, error?: string): boolean {
    if (!this.admit(nowMs, KIND_PRODUCE, topic, partition, brokerId, error !== undefined, false)) return false;
    const from: FlowEndpoint = { kind: 'client', clientId: client.clientId, host: client.host };
    this.push({ kind: 'produce', topic, partition, from, to: { kind: 'broker', brokerId }, startMs: nowMs, endMs: nowMs, records, bytes, offsets, acks, ...(error ? { error } : {}) });
    if (offsets && !error) {
      let byPartition = this.kept.get(topic);
      if (!byPartition) this.kept.set(topic, (byPartition = new Map()));
      let list = byPartition.get(partition);
      if (!list) byPartition.set(partition, (list = []));
      list.push(offsets[1]);
      if (list.length > REMEMBERED_PRODUCES) list.shift();
    }
    return true;
  }

  /** The answer to a kept produce leaves the leader (acks=1: after the append; acks=all: once the highWatermark passed it). */
  produceResponse(nowMs: number, client: FlowClientRef, brokerId: number, topic: string, partition: number, offsets: [number, number] | null, error?: string): void {
    this.admit(nowMs, KIND_RESPONSE, topic, partition, 0, true, true);
    this.push({ kind: 'produce-response', topic, partition, from: { kind: 'broker', brokerId }, to: { kind: 'client', clientId: client.clientId, host: client.host }, startMs: nowMs, endMs: nowMs, records: 0, bytes: 0, offsets, ...(error && error !== 'NONE' ? { error } : {}) });
  }

  /** A follower fetch answer with `batches` (at least one) left the leader at `startMs` and reached the follower at `endMs`. */
  replicate(startMs: number, endMs: number, leaderId: number, followerId: number, topic: string, partition: number, batches: readonly StoredBatch[]): void {
    const offsets: [number, number] = [batches[0]!.baseOffset, batches[batches.length - 1]!.lastOffset];
    if (!this.admit(endMs, KIND_REPLICATE, topic, partition, followerId, false, this.carriesKept(topic, partition, offsets))) return;
    let records = 0;
    let bytes = 0;
    for (const b of batches) {
      records += b.recordCount;
      bytes += b.sizeBytes;
    }
    this.push({ kind: 'replicate', topic, partition, from: { kind: 'broker', brokerId: leaderId }, to: { kind: 'broker', brokerId: followerId }, startMs, endMs, records, bytes, offsets });
  }

  /** A consumer fetch answered with records (offsets below the highWatermark / lastStableOffset), or an error. */
  fetch(nowMs: number, client: FlowClientRef, brokerId: number, topic: string, partition: number, records: number, bytes: number, offsets: [number, number] | null, error?: string): void {
    const forced = offsets !== null && this.carriesKept(topic, partition, offsets);
    if (!this.admit(nowMs, KIND_FETCH, topic, partition, this.clientNumber(client), error !== undefined, forced)) return;
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

  /** A client as a destination number, above any broker id; the table is cleared with the windows. */
  private clientNumber(client: FlowClientRef): number {
    const key = `${client.clientId}\u0000${client.host}`;
    let n = this.clientIds.get(key);
    if (n === undefined) this.clientIds.set(key, (n = CLIENT_BASE + this.clientIds.size));
    return n;
  }

  private carriesKept(topic: string, partition: number, offsets: [number, number]): boolean {
    const list = this.kept.get(topic)?.get(partition);
    if (!list) return false;
    for (const last of list) if (last >= offsets[0] && last <= offsets[1]) return true;
    return false;
  }

  /** The sampling rule; `forced` hops (answers to kept produces, their replication) skip the per-key quota. */
  private admit(nowMs: number, kind: number, topic: string, partition: number, to: number, bypassKey: boolean, forced: boolean): boolean {
    const window = Math.floor(nowMs / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.keptInWindow = 0;
      this.quota.clear();
      if (this.clientIds.size > MAX_CLIENT_NUMBERS) this.clientIds.clear();
      for (const start of this.droppedByWindow.keys()) if (start < (window - 8) * this.windowMs) this.droppedByWindow.delete(start);
    }
    let ok: boolean;
    if (forced && kind === KIND_RESPONSE) ok = true;
    else if (this.keptInWindow >= this.perWindow) ok = false;
    else if (forced || bypassKey) ok = true;
    else {
      let byTopic = this.quota.get(topic);
      if (!byTopic) this.quota.set(topic, (byTopic = new Map()));
      // (partition, kind, destination) as one exact integer: destinations stay below 2^20.
      const key = (partition * 4 + kind) * 1_048_576 + to;
      const n = byTopic.get(key) ?? 0;
      ok = n < this.perKey;
      if (ok) byTopic.set(key, n + 1);
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
