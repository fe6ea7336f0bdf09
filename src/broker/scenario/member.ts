/**
 * A simulated consumer-group member, the Java KafkaConsumer's poll loop in virtual time.
 * Membership (JoinGroup / SyncGroup / Heartbeat, round-robin assignment, rejoin on
 * REBALANCE_IN_PROGRESS) is the coordinators' TestConsumer (cluster/groups/test-consumer.ts);
 * this class adds what the application sees:
 * - after each new assignment: positions from OffsetFetch (requireStable, retried while
 *   UNSTABLE_OFFSET_COMMIT, KIP-447), else auto.offset.reset; OFFSET_OUT_OF_RANGE resets the same way
 *   ("none" leaves the partition stuck, as the Java client raises to the application);
 * - Fetch from each partition's leader up to max.poll.records, read_committed dropping aborted
 *   transactions (Java's CompletedFetch with the FetchResponse's abortedTransactions);
 * - the commit order of the strategy: "auto" commits the position of earlier polls every
 *   auto.commit.interval.ms at the start of poll (ConsumerCoordinator.maybeAutoCommitOffsetsAsync);
 *   "before-processing" commitSync then process (at-most-once); "after-processing" process then
 *   commitSync (at-least-once); "transactional" process, produce each result to the output topic,
 *   sendOffsetsToTransaction and commitTransaction, or abort and rewind to the committed offsets.
 * A crash stops everything at once: records of the batch whose processing had not finished by
 * then were not processed (processingMsPerRecord each, in order).
 */
import type { FlowClientRef } from '../cluster/flow/flow-recorder';
import type { ScenarioConsumerGroup, ScenarioMember } from '../../shared/scenario-format';
import { TEST_CONSUMER_CLIENT_HOST, TestConsumer } from '../cluster/groups/test-consumer';
import { decodeRecordBatch, encodeRecordBatch, readBatchHeader } from '../protocol/records';
import type { EngineContext } from './context';
import { TxnClient } from './txn';

interface Polled { topic: string; partition: number; offset: number; id: string }
type Key = string;
const keyOf = (topic: string, partition: number): Key => `${topic}\u0000${partition}`;
const splitKey = (k: Key) => { const [t, p] = k.split('\u0000') as [string, string]; return { topic: t, partition: Number(p) }; };
const COMMIT_TIMEOUT_MS = 30_000;

/** What a group's members share: processed-id counts (lanes) and rebalance count. */
export class GroupRecorder {
  readonly processed = new Map<string, number>();
  readonly generations = new Set<number>();
  /** Pending seek: applied by each member to its own partitions at its next poll. */
  seekVersion = 0;
  seek: { topic: string; partition?: number; offset: number | 'earliest' | 'latest' } | null = null;
}

export class SimMember {
  state: 'waiting' | 'running' | 'crashed' | 'left' = 'waiting';
  processedCount = 0;
  lastError: string | null = null;
  private consumer: TestConsumer | null = null;
  private token = 0;
  private generation = -1;
  private assignmentKey = '';
  private positions = new Map<Key, number>();
  private processing: { records: Polled[]; startMs: number } | null = null;
  private lastAutoCommit = 0;
  private seekVersion = 0;
  private txn: TxnClient | null = null;
  private readonly outputSequences = new Map<number, number>();

  constructor(private readonly ctx: EngineContext, readonly group: ScenarioConsumerGroup, readonly spec: ScenarioMember, readonly recorder: GroupRecorder) {}

  /** How the flow sample names this member: as its GroupMemberView does (clientId, clientHost of TestConsumer). */
  private get flowClient(): FlowClientRef {
    return { clientId: this.spec.name, host: TEST_CONSUMER_CLIENT_HOST };
  }

  private get processingMs(): number { return this.group.processingMsPerRecord; }
  private noteError(errorName: string): void { this.lastError = errorName; this.ctx.sawError(this.spec.name, errorName); }

  /** member-join: a fresh process (new memberId; the same group.instance.id when static). */
  start(): void {
    if (this.state === 'running') return;
    this.token++;
    this.state = 'running';
    this.generation = -1;
    this.assignmentKey = '';
    this.positions.clear();
    this.consumer = new TestConsumer(this.ctx.cluster.services, this.ctx.coordinators.groups, {
      groupId: this.group.groupId, clientId: this.spec.name, topics: this.group.topics, groupInstanceId: this.spec.groupInstanceId ?? null,
      sessionTimeoutMs: this.group.sessionTimeoutMs ?? 45_000, heartbeatIntervalMs: this.group.heartbeatIntervalMs ?? 3000,
    });
    this.consumer.start();
    if (this.group.commit === 'transactional') this.txn = new TxnClient(this.ctx, `${this.group.output?.transactionalIdPrefix ?? `${this.group.groupId}-`}${this.spec.name}`, this.spec.name, this.group.transactionTimeoutMs ?? 60_000);
    const token = this.token;
    this.ctx.schedule(0, 'scenario-member-poll', () => this.poll(token));
  }

  /** member-crash: no LeaveGroup; the coordinator notices after session.timeout.ms. */
  crash(): void {
    if (this.state !== 'running') return;
    this.finishProcessingAt(this.ctx.nowMs());
    this.consumer?.crash();
    this.token++;
    this.state = 'crashed';
  }

  /** member-leave: close() sends LeaveGroup at once. */
  leave(): void {
    if (this.state !== 'running') return;
    this.finishProcessingAt(this.ctx.nowMs());
    this.consumer?.leave();
    this.token++;
    this.state = 'left';
  }

  /** Counts the records of the current batch whose processing had completed by `nowMs`. */
  private finishProcessingAt(nowMs: number): void {
    const p = this.processing;
    if (!p) return;
    this.processing = null;
    const done = this.processingMs <= 0 ? p.records.length : Math.min(p.records.length, Math.floor((nowMs - p.startMs) / this.processingMs));
    // A transactional lane counts what its committed output holds (accounting.ts); the member still shows its work.
    if (this.group.commit === 'transactional') this.processedCount += done;
    else for (const r of p.records.slice(0, done)) this.markProcessed(r);
  }

  private markProcessed(r: Polled): void {
    this.processedCount++;
    this.recorder.processed.set(r.id, (this.recorder.processed.get(r.id) ?? 0) + 1);
  }

  private later(token: number, delayMs: number): void {
    this.ctx.schedule(delayMs, 'scenario-member-poll', () => this.poll(token));
  }

  private coordinator(): number {
    return this.ctx.coordinators.groups.findCoordinator(0, this.group.groupId).nodeId;
  }

  private poll(token: number): void {
    if (token !== this.token || this.state !== 'running' || !this.consumer) return;
    const c = this.consumer;
    const assignment = c.assignment.flatMap((a) => a.partitions.map((p) => keyOf(a.topic, p))).sort();
    const key = `${c.generationId}/${assignment.join(',')}`;
    if (key !== this.assignmentKey || this.generation !== c.generationId) {
      this.assignmentKey = key;
      this.generation = c.generationId;
      if (c.generationId >= 0) this.recorder.generations.add(c.generationId);
      this.positions.clear();
      if (assignment.length > 0 && !this.fetchCommitted(assignment)) { this.assignmentKey = ''; return this.later(token, 100); }
    }
    if (assignment.length === 0 || this.positions.size === 0) return this.later(token, 100);
    this.applySeek();
    if (this.group.commit === 'auto' && this.ctx.nowMs() - this.lastAutoCommit >= (this.group.autoCommitIntervalMs ?? 5000)) {
      this.lastAutoCommit = this.ctx.nowMs();
      this.commit(new Map(this.positions), () => undefined);
    }
    if (this.txn && this.txn.ref.producerId < 0) {
      return this.txn.init((e) => { if (e === 'NONE') this.outputSequences.clear(); this.later(token, e === 'NONE' ? 0 : 200); });
    }
    const { records, advance } = this.fetch();
    for (const [k, offset] of advance) if (records.every((r) => keyOf(r.topic, r.partition) !== k)) this.positions.set(k, Math.max(this.positions.get(k) ?? 0, offset));
    if (records.length === 0) {
      // Only control markers or aborted data moved the position: the poll loop's commit still records it (no lag of 1 behind a marker).
      if ((this.group.commit === 'before-processing' || this.group.commit === 'after-processing') && this.movedSinceCommit()) return this.commit(new Map(this.positions), () => this.later(token, 50));
      return this.later(token, 50);
    }
    const before = new Map(this.positions);
    for (const r of records) this.positions.set(keyOf(r.topic, r.partition), r.offset + 1);
    // Control batches and aborted data after the last record returned are skipped too (the application never sees them).
    for (const [k, offset] of advance) this.positions.set(k, Math.max(this.positions.get(k) ?? 0, offset));
    const after = new Map(this.positions);
    const next = () => this.later(token, 0);
    switch (this.group.commit) {
      case 'auto': return this.process(token, records, next);
      case 'before-processing': return this.commit(after, () => this.process(token, records, next));
      case 'after-processing': return this.process(token, records, () => this.commit(after, next));
      case 'transactional': return this.process(token, records, () => this.transact(token, records, after, before));
    }
  }

  /** Positions from the committed offsets; false to retry (UNSTABLE_OFFSET_COMMIT, coordinator moving). */
  private fetchCommitted(assignment: Key[]): boolean {
    const byTopic = new Map<string, number[]>();
    for (const k of assignment) { const { topic, partition } = splitKey(k); byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]); }
    const r = this.ctx.coordinators.groups.offsetFetch(this.coordinator(), [{ groupId: this.group.groupId, topics: [...byTopic].map(([name, partitionIndexes]) => ({ name, partitionIndexes })) }], true)[0]!;
    if (r.errorName !== 'NONE') { this.noteError(r.errorName); return false; }
    for (const t of r.topics) for (const p of t.partitions) {
      if (p.errorName !== 'NONE') { this.noteError(p.errorName); this.positions.clear(); return false; }
      const k = keyOf(t.name, p.partitionIndex);
      if (p.committedOffset >= 0) this.positions.set(k, p.committedOffset);
      else this.reset(k);
    }
    return true;
  }

  /** auto.offset.reset for one partition; "none" leaves it without a position. */
  private reset(k: Key): void {
    const { topic, partition } = splitKey(k);
    const leader = this.ctx.leaderOf(topic, partition);
    const offsets = leader >= 0 ? this.ctx.cluster.services.replicaOffsets(leader, topic, partition) : null;
    const policy = this.group.autoOffsetReset ?? 'latest';
    if (policy === 'none' || !offsets) { this.positions.delete(k); return; }
    this.positions.set(k, policy === 'earliest' ? offsets.logStartOffset : offsets.highWatermark);
  }

  private applySeek(): void {
    const s = this.recorder.seek;
    if (!s || this.seekVersion === this.recorder.seekVersion) return;
    this.seekVersion = this.recorder.seekVersion;
    for (const k of [...this.positions.keys()]) {
      const { topic, partition } = splitKey(k);
      if (topic !== s.topic || (s.partition !== undefined && s.partition !== partition)) continue;
      if (typeof s.offset === 'number') this.positions.set(k, s.offset);
      else {
        const leader = this.ctx.leaderOf(topic, partition);
        const o = leader >= 0 ? this.ctx.cluster.services.replicaOffsets(leader, topic, partition) : null;
        if (o) this.positions.set(k, s.offset === 'earliest' ? o.logStartOffset : o.highWatermark);
      }
    }
  }

  /**
   * One poll's records, and per partition how far the position may move once they are consumed:
   * past control batches and aborted transactions that follow them, when every record of the
   * fetched batches was returned (not cut by max.poll.records).
   */
  private fetch(): { records: Polled[]; advance: Map<Key, number> } {
    const max = this.group.maxPollRecords ?? 500;
    const readCommitted = this.group.commit === 'transactional' || this.group.isolationLevel === 'read_committed';
    const out: Polled[] = [];
    const advance = new Map<Key, number>();
    for (const [k, position] of [...this.positions].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (out.length >= max) break;
      const { topic, partition } = splitKey(k);
      const leader = this.ctx.leaderOf(topic, partition);
      if (leader < 0 || !this.ctx.cluster.isBrokerRunning(leader)) continue;
      const r = this.ctx.cluster.fetch(leader, { isolationLevel: readCommitted ? 1 : 0, maxBytes: 1 << 20, partitions: [{ topic, partition, fetchOffset: position, currentLeaderEpoch: -1, partitionMaxBytes: 1 << 20 }] }, this.flowClient).partitions[0];
      if (!r) continue;
      if (r.errorName === 'OFFSET_OUT_OF_RANGE') { this.noteError(r.errorName); this.reset(k); continue; }
      if (r.errorName !== 'NONE') { this.noteError(r.errorName); continue; }
      const aborted = [...r.abortedTransactions].sort((a, b) => a.firstOffset - b.firstOffset);
      const abortedPids = new Set<number>();
      const limit = readCommitted ? r.lastStableOffset : r.highWatermark;
      let complete = true;
      let end = position;
      for (const buffer of r.records) {
        const h = readBatchHeader(buffer);
        const batchEnd = h.baseOffset + h.lastOffsetDelta + 1;
        if (batchEnd > limit) break;
        while (readCommitted && aborted.length > 0 && aborted[0]!.firstOffset <= batchEnd - 1) abortedPids.add(aborted.shift()!.producerId);
        if (h.isControl) { abortedPids.delete(h.producerId); end = batchEnd; continue; }
        if (readCommitted && h.isTransactional && abortedPids.has(h.producerId)) { end = batchEnd; continue; }
        for (const rec of decodeRecordBatch(buffer).records) {
          if (rec.offset < position) continue;
          if (out.length >= max) { complete = false; break; }
          out.push({ topic, partition, offset: rec.offset, id: (rec.value?.toString() ?? '').replace(/\.+$/, '') });
        }
        if (!complete) break;
        end = batchEnd;
      }
      if (complete && end > position) advance.set(k, end);
    }
    return { records: out, advance };
  }

  private process(token: number, records: Polled[], then: () => void): void {
    this.processing = { records, startMs: this.ctx.nowMs() };
    this.ctx.schedule(records.length * this.processingMs, 'scenario-member-processed', () => {
      if (token !== this.token) return;
      this.finishProcessingAt(Infinity);
      then();
    });
  }

  private lastCommitted = new Map<Key, number>();

  private movedSinceCommit(): boolean {
    for (const [k, offset] of this.positions) if (this.lastCommitted.get(k) !== offset) return true;
    return false;
  }

  /** commitSync of positions; `then` after the answer (or COMMIT_TIMEOUT_MS without one). */
  private commit(positions: Map<Key, number>, then: () => void): void {
    this.lastCommitted = new Map(positions);
    const token = this.token;
    const c = this.consumer!;
    let done = false;
    const finish = () => { if (!done && token === this.token) { done = true; then(); } };
    const byTopic = new Map<string, { partitionIndex: number; committedOffset: number; committedLeaderEpoch: number; commitTimestamp: number; committedMetadata: null }[]>();
    for (const [k, offset] of positions) { const { topic, partition } = splitKey(k); byTopic.set(topic, [...(byTopic.get(topic) ?? []), { partitionIndex: partition, committedOffset: offset, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: null }]); }
    this.ctx.coordinators.groups.offsetCommit(this.coordinator(), {
      groupId: this.group.groupId, generationId: c.generationId, memberId: c.memberId, groupInstanceId: this.spec.groupInstanceId ?? null, retentionTimeMs: -1,
      topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })),
    }, (r) => this.ctx.guard('produce answer', () => {
      for (const t of r.topics) for (const p of t.partitions) if (p.errorName !== 'NONE') this.noteError(p.errorName);
      finish();
    }));
    this.ctx.schedule(COMMIT_TIMEOUT_MS, 'scenario-member-commit-timeout', finish);
  }

  /** Read-process-write: outputs, sendOffsetsToTransaction, commitTransaction — or abort and rewind. */
  private transact(token: number, records: Polled[], after: Map<Key, number>, before: Map<Key, number>): void {
    const txn = this.txn!;
    const out = this.group.output!.topic;
    const outPartitions = Math.max(1, this.ctx.partitionCount(out));
    const byPartition = new Map<number, Polled[]>();
    for (const r of records) { const p = r.partition % outPartitions; byPartition.set(p, [...(byPartition.get(p) ?? []), r]); }
    const fail = (errorName: string) => {
      if (token !== this.token) return;
      this.noteError(errorName);
      // Abort, then rewind to the committed offsets (the records are processed again); a fenced producer starts over.
      const rewind = () => { this.positions = new Map(before); this.assignmentKey = ''; this.later(token, 100); };
      if (errorName === 'PRODUCER_FENCED' || errorName === 'INVALID_PRODUCER_EPOCH') { txn.ref.producerId = -1; return rewind(); }
      txn.end(false, () => { txn.ref.producerId = -1; rewind(); });
    };
    const partitions = [...byPartition.keys()].sort((a, b) => a - b);
    txn.addPartitions(out, partitions, (e) => {
      if (e !== 'NONE') return fail(e);
      let pending = partitions.length;
      let failed = false;
      for (const p of partitions) {
        const leader = this.ctx.leaderOf(out, p);
        if (leader < 0 || !this.ctx.cluster.isBrokerRunning(leader)) { failed = true; fail('NOT_LEADER_OR_FOLLOWER'); break; }
        const items = byPartition.get(p)!;
        const baseSequence = this.outputSequences.get(p) ?? 0;
        this.outputSequences.set(p, baseSequence + items.length);
        const batch = encodeBatch(txn, baseSequence, items.map((r) => r.id), this.ctx.cluster.now());
        this.ctx.cluster.produce(leader, { acks: -1, timeoutMs: 30_000, transactionalId: txn.ref.transactionalId, topics: [{ topic: out, partitions: [{ partition: p, records: batch }] }] }, (r) => this.ctx.guard('produce answer', () => {
          const error = r.topics[0]!.partitions[0]!.errorName;
          if (failed || token !== this.token) return;
          if (error !== 'NONE') { failed = true; return fail(error); }
          if (--pending > 0) return;
          const group = { groupId: this.group.groupId, generationId: this.consumer!.generationId, memberId: this.consumer!.memberId, groupInstanceId: this.spec.groupInstanceId ?? null };
          txn.sendOffsets(group, [...after].map(([k, offset]) => ({ ...splitKey(k), offset })), (o) => {
            if (o !== 'NONE') return fail(o);
            txn.end(true, (c) => (c === 'NONE' ? this.later(token, 0) : fail(c)));
          });
        }), this.flowClient);
      }
    });
  }
}

function encodeBatch(txn: TxnClient, baseSequence: number, ids: string[], now: number): Buffer {
  return encodeRecordBatch({ producerId: txn.ref.producerId, producerEpoch: txn.ref.producerEpoch, baseSequence, isTransactional: true, records: ids.map((id) => ({ key: null, value: Buffer.from(id), timestamp: now })) });
}
