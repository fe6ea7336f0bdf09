/**
 * A simulated producer shaped like the Java KafkaProducer, in virtual time:
 * - RecordAccumulator: records wait linger.ms per partition and leave as one batch; one batch in
 *   flight per partition (max.in.flight.requests.per.connection=1 keeps this model's order simple).
 * - Sender: a retriable error (Kafka's RetriableException family: NOT_LEADER_OR_FOLLOWER,
 *   NOT_ENOUGH_REPLICAS, REQUEST_TIMED_OUT, …) re-sends the SAME batch after retry.backoff.ms,
 *   refreshing metadata, while attempts ≤ retries and delivery.timeout.ms has not passed since the
 *   batch was created; otherwise the batch fails with that error. No answer within
 *   request.timeout.ms counts as REQUEST_TIMED_OUT (NetworkClient disconnects).
 * - Idempotence (KIP-98): a producerId from InitProducerId and per-partition sequence numbers;
 *   the broker drops a retried duplicate (DUPLICATE_SEQUENCE_NUMBER is success). Without it, a
 *   retry of a batch that was written but not answered duplicates it.
 * - acks=0: counted acknowledged when sent; the answer is ignored; a dead leader is noticed only as
 *   a closed connection (metadata refresh), so what was "sent" to it is gone.
 * - transactional.id: TxnClient (txn.ts) around every recordsPerTransaction records; a fenced
 *   producer (PRODUCER_FENCED / INVALID_PRODUCER_EPOCH) is fatal, as in the Java client.
 * Every record's value is "<name>-<sequence>", its id for the accounting (accounting.ts).
 */
import type { FlowClientRef } from '../cluster/flow/flow-recorder';
import { partitionForStringKey } from '../../shared/partitioner';
import type { CommandResult } from '../../shared/cluster-commands';
import type { ScenarioProducer } from '../../shared/scenario-format';
import { encodeRecordBatch } from '../protocol/records';
import type { Random } from '../sim/random';
import type { EngineContext } from './context';
import { TxnClient } from './txn';

const RETRIABLE = new Set(['NOT_LEADER_OR_FOLLOWER', 'LEADER_NOT_AVAILABLE', 'NOT_ENOUGH_REPLICAS', 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'REQUEST_TIMED_OUT',
  'UNKNOWN_TOPIC_OR_PARTITION', 'NETWORK_EXCEPTION', 'CORRUPT_MESSAGE', 'KAFKA_STORAGE_ERROR', 'BROKER_NOT_AVAILABLE', 'FENCED_LEADER_EPOCH', 'UNKNOWN_LEADER_EPOCH',
  'CONCURRENT_TRANSACTIONS', 'COORDINATOR_LOAD_IN_PROGRESS', 'COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR']);
const FATAL = new Set(['PRODUCER_FENCED', 'INVALID_PRODUCER_EPOCH', 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED', 'INVALID_TXN_STATE']);

/** tombstone: a null value for its key (producer-tombstone), outside the accounting. */
interface PendingRecord { id: string; key: string | null; partition: number; tombstone?: boolean }
interface Batch { partition: number; records: PendingRecord[]; baseSequence: number; attempts: number; createdAt: number; lastError: string }

export type ProducerState = 'waiting' | 'running' | 'stopped' | 'crashed';

export class SimProducer {
  state: ProducerState = 'waiting';
  sent = 0;
  /** Acknowledged ids with their partition (transactional: once their transaction committed). */
  readonly acknowledged: { id: string; partition: number }[] = [];
  readonly failed = new Map<string, number>();
  transactionsCommitted = 0;
  transactionsAborted = 0;
  readonly acks: 0 | 1 | 'all';
  readonly idempotent: boolean;

  private next = 0;
  private carry = 0;
  private keyTurn = 0;
  private token = 0;
  private readonly queues = new Map<number, PendingRecord[]>();
  private readonly inFlight = new Map<number, Batch>();
  private readonly sequences = new Map<number, number>();
  private readonly leaders = new Map<number, number>();
  private producerId = -1;
  private producerEpoch = -1;
  private initializing = false;
  private readonly txn: TxnClient | null;
  private txnRecords: PendingRecord[] = [];
  private txnState: 'none' | 'open' | 'ending' = 'none';

  /** How the flow sample names this producer (src/broker/cluster/flow/flow-recorder.ts): its scenario name, host 'scenario'. */
  private readonly flowClient: FlowClientRef;

  constructor(private readonly ctx: EngineContext, readonly spec: ScenarioProducer, private readonly random: Random) {
    this.flowClient = { clientId: spec.name, host: 'scenario' };
    this.acks = spec.acks ?? 'all';
    this.idempotent = spec.transactionalId !== undefined || (spec.enableIdempotence ?? this.acks === 'all');
    this.txn = spec.transactionalId !== undefined ? new TxnClient(ctx, spec.transactionalId, spec.name) : null;
  }

  private get lingerMs(): number { return this.spec.lingerMs ?? 5; }
  /** Whole ms (the model's clock); the carry in tick() keeps the rate exact. */
  private get intervalMs(): number { return Math.max(this.lingerMs, 1, Math.round(1000 / this.spec.ratePerSec)); }

  /** producer-start: a fresh instance (new producerId, or an epoch bump for its transactional.id). */
  start(): void {
    this.token++;
    this.state = 'running';
    this.producerId = -1;
    this.producerEpoch = -1;
    this.sequences.clear();
    this.inFlight.clear();
    this.txnState = 'none';
    this.txnRecords = [];
    const token = this.token;
    this.ctx.schedule(0, 'scenario-producer-tick', () => this.tick(token));
  }

  /** producer-stop: no new records; queued and in-flight ones still complete. */
  stop(): void {
    if (this.state === 'running') this.state = 'stopped';
  }

  /** producer-crash: frozen with its producerId/epoch and queue; answers arriving meanwhile are lost. */
  crash(): void {
    if (this.state !== 'running' && this.state !== 'stopped') return;
    this.token++;
    this.state = 'crashed';
    for (const b of this.inFlight.values()) this.queues.set(b.partition, [...b.records, ...(this.queues.get(b.partition) ?? [])]);
    this.inFlight.clear();
  }

  /** producer-resume: the zombie wakes with its OLD producerId/epoch and carries on. */
  resume(): void {
    if (this.state !== 'crashed') return;
    this.token++;
    this.state = 'running';
    const token = this.token;
    this.ctx.schedule(0, 'scenario-producer-tick', () => this.tick(token));
  }

  /** producer-tombstone: one record with this key and a null value, sent like any other record. */
  tombstone(key: string): CommandResult {
    if (this.state !== 'running' && this.state !== 'stopped') return { ok: false, errorName: 'INVALID_REQUEST', message: `producer ${this.spec.name} is ${this.state}` };
    const partitions = this.ctx.partitionCount(this.spec.topic);
    if (partitions === 0) return { ok: false, errorName: 'UNKNOWN_TOPIC_OR_PARTITION', message: `topic ${this.spec.topic} has no partitions` };
    const partition = partitionForStringKey(key, partitions);
    const queue = this.queues.get(partition) ?? [];
    queue.push({ id: `${this.spec.name}-tombstone-${key}`, key, partition, tombstone: true });
    this.queues.set(partition, queue);
    if (this.state === 'stopped') this.drain(this.token);
    return { ok: true };
  }

  private tick(token: number): void {
    if (token !== this.token) return;
    const now = this.ctx.nowMs();
    if (this.state === 'running' && this.spec.stopAtMs !== undefined && now >= this.spec.stopAtMs) this.state = 'stopped';
    if (this.state === 'running' && this.idempotent && this.producerId < 0) return this.initProducer(token);
    if (this.state === 'running' && (!this.txn || this.txnState !== 'ending')) {
      this.carry += (this.spec.ratePerSec * this.intervalMs) / 1000;
      while (this.carry >= 1 && (this.spec.maxRecords === undefined || this.next < this.spec.maxRecords) && (!this.txn || this.txnRecords.length < (this.spec.recordsPerTransaction ?? 10))) {
        this.carry -= 1;
        this.enqueue();
      }
    }
    this.drain(token);
    if (this.txn) this.maybeEndTransaction(token);
    if (this.state === 'running' || this.queues.size > 0 || this.inFlight.size > 0) this.ctx.schedule(this.intervalMs, 'scenario-producer-tick', () => this.tick(token));
  }

  private initProducer(token: number): void {
    if (this.initializing) return;
    this.initializing = true;
    const retry = () => this.ctx.schedule(this.spec.retryBackoffMs ?? 100, 'scenario-producer-tick', () => { this.initializing = false; this.tick(token); });
    const done = (errorName: string, producerId: number, producerEpoch: number) => {
      if (token !== this.token) return;
      if (errorName !== 'NONE') { this.ctx.sawError(this.spec.name, errorName); return retry(); }
      this.producerId = producerId;
      this.producerEpoch = producerEpoch;
      this.initializing = false;
      this.tick(token);
    };
    if (this.txn) return this.txn.init((e) => done(e, this.txn!.ref.producerId, this.txn!.ref.producerEpoch));
    const running = this.runningBrokers();
    if (running.length === 0) return retry();
    const r = this.ctx.cluster.initProducerId(this.random.pick(running), null, -1, -1);
    done(r.errorName, r.producerId, r.producerEpoch);
  }

  private enqueue(): void {
    const id = `${this.spec.name}-${this.next++}`;
    const key = this.nextKey();
    const partitions = this.ctx.partitionCount(this.spec.topic);
    if (partitions === 0) return;
    const partition = key === null ? this.keyTurn++ % partitions : partitionForStringKey(key, partitions);
    const record = { id, key, partition };
    this.sent++;
    const queue = this.queues.get(partition) ?? [];
    queue.push(record);
    this.queues.set(partition, queue);
    if (this.txn) this.txnRecords.push(record);
  }

  private nextKey(): string | null {
    const keys = this.spec.keys ?? { distribution: 'none' };
    switch (keys.distribution) {
      case 'none': return null;
      case 'round-robin': return `k${this.keyTurn++ % keys.count}`;
      case 'uniform': return `k${this.random.int(0, keys.count - 1)}`;
      case 'hot': return this.random.chance(keys.hotShare) ? 'k0' : `k${this.random.int(0, keys.count - 1)}`;
    }
  }

  private runningBrokers(): number[] {
    return [...this.ctx.cluster.core.brokers.keys()].filter((id) => this.ctx.cluster.isBrokerRunning(id)).sort((a, b) => a - b);
  }

  private refreshMetadata(): void {
    const running = this.runningBrokers();
    if (running.length === 0) return;
    const md = this.ctx.cluster.metadata(this.random.pick(running), [this.spec.topic], false);
    for (const p of md.topics[0]?.partitions ?? []) this.leaders.set(p.partition, p.leaderId);
  }

  private drain(token: number): void {
    for (const [partition, queue] of [...this.queues].sort((a, b) => a[0] - b[0])) {
      if (this.inFlight.has(partition) || queue.length === 0) continue;
      this.queues.delete(partition);
      const baseSequence = this.idempotent ? this.sequences.get(partition) ?? 0 : -1;
      if (this.idempotent) this.sequences.set(partition, baseSequence + queue.length);
      const batch: Batch = { partition, records: queue, baseSequence, attempts: 0, createdAt: this.ctx.nowMs(), lastError: 'REQUEST_TIMED_OUT' };
      if (!this.txn) {
        this.send(batch, token);
        continue;
      }
      // AddPartitionsToTxn before a partition's first send in a transaction (TransactionManager.maybeAddPartition).
      this.txnState = 'open';
      this.inFlight.set(partition, batch);
      this.txn.addPartitions(this.spec.topic, [partition], (e) => {
        if (token !== this.token) return;
        this.inFlight.delete(partition);
        if (e === 'NONE') return this.send(batch, token);
        if (FATAL.has(e)) return this.fatal(e);
        this.retryOrFail(batch, e, token, false);
      });
    }
  }

  private send(batch: Batch, token: number): void {
    if (token !== this.token) return;
    const { partition } = batch;
    if (!this.leaders.has(partition)) this.refreshMetadata();
    const leader = this.leaders.get(partition) ?? -1;
    const now = this.ctx.cluster.now();
    const bytes = this.spec.valueBytes;
    const records = batch.records.map((r) => ({ key: r.key === null ? null : Buffer.from(r.key), value: r.tombstone ? null : Buffer.from(bytes && bytes > r.id.length ? r.id.padEnd(bytes, '.') : r.id), timestamp: now }));
    const encoded = encodeRecordBatch(this.idempotent
      ? { producerId: this.producerId, producerEpoch: this.producerEpoch, baseSequence: batch.baseSequence, isTransactional: this.txn !== null, records }
      : { records });
    if (this.acks === 0 && leader < 0) {
      // No leader known yet: the batch waits in the accumulator (the Java producer waits for metadata).
      this.queues.set(partition, [...batch.records, ...(this.queues.get(partition) ?? [])]);
      this.leaders.delete(partition);
      return;
    }
    if (this.acks === 0) {
      // Fire and forget: written to the socket of the leader the producer knows; a dead one only shows as a closed connection.
      for (const r of batch.records) if (!r.tombstone) this.acknowledged.push({ id: r.id, partition });
      if (leader >= 0 && this.ctx.cluster.isBrokerRunning(leader)) {
        this.ctx.cluster.produce(leader, { acks: 0, timeoutMs: this.spec.requestTimeoutMs ?? 30_000, topics: [{ topic: this.spec.topic, partitions: [{ partition, records: encoded }] }] }, () => undefined, this.flowClient);
      } else {
        this.leaders.delete(partition);
      }
      return;
    }
    if (leader < 0 || !this.ctx.cluster.isBrokerRunning(leader)) {
      this.leaders.delete(partition);
      return this.retryOrFail(batch, leader < 0 ? 'LEADER_NOT_AVAILABLE' : 'NETWORK_EXCEPTION', token, false);
    }
    this.inFlight.set(partition, batch);
    batch.attempts++;
    const attempt = batch.attempts;
    let answered = false;
    const timeoutMs = this.spec.requestTimeoutMs ?? 30_000;
    this.ctx.schedule(timeoutMs, 'scenario-producer-request-timeout', () => {
      if (answered || token !== this.token || this.inFlight.get(partition) !== batch || batch.attempts !== attempt) return;
      answered = true;
      this.leaders.delete(partition);
      this.retryOrFail(batch, 'REQUEST_TIMED_OUT', token, true);
    });
    const txnId = this.spec.transactionalId;
    this.ctx.cluster.produce(leader, { acks: this.acks === 'all' ? -1 : 1, timeoutMs, ...(txnId ? { transactionalId: txnId } : {}), topics: [{ topic: this.spec.topic, partitions: [{ partition, records: encoded }] }] }, (r) => this.ctx.guard('produce answer', () => {
      if (answered || token !== this.token) return;
      answered = true;
      const res = r.topics[0]!.partitions[0]!;
      if (res.errorName === 'NONE' || res.errorName === 'DUPLICATE_SEQUENCE_NUMBER') {
        this.inFlight.delete(partition);
        if (!this.txn) for (const rec of batch.records) if (!rec.tombstone) this.acknowledged.push({ id: rec.id, partition });
        return this.drain(token);
      }
      this.ctx.sawError(this.spec.name, res.errorName);
      if (res.currentLeader && res.currentLeader.leaderId >= 0) this.leaders.set(partition, res.currentLeader.leaderId);
      else this.leaders.delete(partition);
      this.retryOrFail(batch, res.errorName, token, true);
    }), this.flowClient);
  }

  private retryOrFail(batch: Batch, errorName: string, token: number, attempted: boolean): void {
    batch.lastError = errorName;
    const expired = this.ctx.nowMs() - batch.createdAt >= (this.spec.deliveryTimeoutMs ?? 120_000);
    const retriesLeft = !attempted || batch.attempts <= (this.spec.retries ?? 2_147_483_647);
    if (!FATAL.has(errorName) && RETRIABLE.has(errorName) && retriesLeft && !expired) {
      this.inFlight.set(batch.partition, batch);
      this.ctx.schedule(this.spec.retryBackoffMs ?? 100, 'scenario-producer-retry', () => {
        if (this.inFlight.get(batch.partition) !== batch) return;
        this.inFlight.delete(batch.partition);
        this.send(batch, token);
      });
      return;
    }
    this.inFlight.delete(batch.partition);
    this.failed.set(errorName, (this.failed.get(errorName) ?? 0) + batch.records.length);
    if (FATAL.has(errorName)) {
      // ProducerFencedException and friends are fatal: the instance can only be closed.
      this.state = 'stopped';
      this.queues.clear();
      this.txnState = 'none';
      return;
    }
    // KIP-360: an idempotent producer takes a new producerId after a failed batch, so later sequences start over.
    if (this.idempotent && !this.txn) { this.producerId = -1; this.sequences.clear(); }
    this.drain(token);
  }

  private maybeEndTransaction(token: number): void {
    const txn = this.txn!;
    const target = this.spec.recordsPerTransaction ?? 10;
    if (this.txnState !== 'open') return;
    const full = this.txnRecords.length >= target || this.state !== 'running';
    if (!full || this.queues.size > 0 || this.inFlight.size > 0) return;
    const commit = !this.random.chance(this.spec.abortRatio ?? 0);
    const records = this.txnRecords;
    this.txnState = 'ending';
    txn.end(commit, (e) => {
      if (token !== this.token) return;
      this.txnRecords = [];
      this.txnState = 'none';
      if (e !== 'NONE') return FATAL.has(e) ? this.fatal(e) : void (this.transactionsAborted++);
      if (commit) { this.transactionsCommitted++; for (const r of records) this.acknowledged.push({ id: r.id, partition: r.partition }); } else this.transactionsAborted++;
    });
  }

  private fatal(errorName: string): void {
    this.ctx.sawError(this.spec.name, errorName);
    this.state = 'stopped';
    this.queues.clear();
    this.inFlight.clear();
  }
}
