/**
 * Produce at a broker (Kafka's ReplicaManager.appendRecords + Partition.appendRecordsToLeader):
 * leader check (NOT_LEADER_OR_FOLLOWER with the current leader, KIP-951), batch validation
 * (CORRUPT_MESSAGE, INVALID_RECORD, MESSAGE_TOO_LARGE), min.insync.replicas for acks=all
 * (NOT_ENOUGH_REPLICAS before the append), idempotent sequence checks, the append itself
 * (baseOffset and partitionLeaderEpoch patched into a copy of the batch; LogAppendTime stamped),
 * and for acks=all the wait for the highWatermark (NOT_ENOUGH_REPLICAS_AFTER_APPEND, REQUEST_TIMED_OUT).
 */
import { patchBaseOffset, patchMaxTimestampLogAppendTime, patchPartitionLeaderEpoch, scanBatches, setMaxTimestamp, validateBatch } from '../../protocol/records/index';
import type { ProducePartitionResult, ProduceRequest, ProduceResult } from '../api';
import type { Broker } from '../brokers/broker';
import type { ScheduledEvent } from '../../sim/event-queue';
import type { ClusterCore } from '../core';
import type { Replica } from '../replication/replica';
import { ownedBatchBytes, storedBatchFromHeader } from '../log/stored-batch';
import { tpKey } from '../metadata';
import { completeDelayedProduces, maybeAdvanceHighWatermark } from '../replication/high-watermark';
import { wakeParkedFetches } from '../replication/leader-fetch';
import { recordAcknowledged } from '../replication/acknowledged';
import { appendToLog } from '../replication/log-ops';
import { currentLeaderOf, endpointsFor } from './leader-info';
import type { FlowClientRef } from '../flow/flow-recorder';

function result(partition: number, errorName: string, errorMessage: string | null, extra: Partial<ProducePartitionResult> = {}): ProducePartitionResult {
  return { partition, errorName, errorMessage, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, recordErrors: [], currentLeader: null, ...extra };
}

export interface AppendOptions {
  acks: -1 | 0 | 1;
  timeoutMs: number;
  /** Coordinators may write control batches (transaction markers). */
  allowControl: boolean;
  /** Who sent it, for the flow sample (flow/flow-recorder.ts); not part of the request. */
  client?: FlowClientRef;
}

/** Appends one partition's records at this broker as leader; `done` is called exactly once. */
export function producePartition(core: ClusterCore, broker: Broker, topic: string, partition: number, records: Buffer | null, opts: AppendOptions, done: (r: ProducePartitionResult) => void): void {
  const flow = opts.client && core.flow ? core.flow : null;
  // A rejected batch still reached the broker: the flow shows it with its error, and its answer.
  const reject = flow ? (r: ProducePartitionResult) => rejected(core, opts, broker.brokerId, topic, partition, r, done) : done;
  const image = broker.topics.get(topic);
  if (!image || !image.partitions[partition]) return reject(result(partition, 'UNKNOWN_TOPIC_OR_PARTITION', 'This server does not host this topic-partition.'));
  const key = tpKey(topic, partition);
  const replica = broker.replicas.get(key);
  if (!broker.caughtUp || !replica || !replica.isLeader) {
    return reject(result(partition, 'NOT_LEADER_OR_FOLLOWER', 'This server is not the leader for that topic-partition.', { currentLeader: currentLeaderOf(broker, topic, partition) }));
  }
  const settings = image.record.settings;
  // ReplicaManager.appendToLocalLog: clients may not write to internal topics; coordinators may.
  if (image.record.internal && !opts.allowControl) return reject(result(partition, 'INVALID_TOPIC_EXCEPTION', `Cannot append to internal topic ${topic}`));
  if (!records || records.length === 0) return reject(result(partition, 'CORRUPT_MESSAGE', 'The produce request holds no record batch.'));
  const scan = scanBatches(records);
  if (scan.corrupt || scan.trailingBytes > 0) return reject(result(partition, 'CORRUPT_MESSAGE', scan.corrupt ?? `${scan.trailingBytes} bytes after the last complete record batch`));
  if (scan.batches.length !== 1) return reject(result(partition, 'INVALID_RECORD', 'Produce requests with version 3 and above must contain exactly one record batch.'));
  // LogValidator: every record is read (a compressed batch decompressed within its budget) and
  // checked before anything is appended; a keyless record is refused whenever cleanup.policy
  // contains compact. record_errors (KIP-467) name each bad record's index in the batch.
  const v = validateBatch(scan.batches[0]!, {
    maxMessageBytes: settings.maxMessageBytes,
    allowControl: opts.allowControl,
    compactedTopic: settings.cleanupCompact,
    topicTimestampType: settings.logAppendTime ? 'LogAppendTime' : 'CreateTime',
    topicPartition: `${topic}-${partition}`,
    checkRecords: core.validateRecordsOnProduce,
  });
  if (!v.ok) return reject(result(partition, v.error, v.message, { recordErrors: v.recordErrors }));
  const header = v.header;
  if (opts.acks === -1 && replica.state.isr.length < settings.minInSyncReplicas) {
    return reject(result(partition, 'NOT_ENOUGH_REPLICAS', `The size of the current ISR [${replica.state.isr.join(', ')}] is insufficient to satisfy the min.isr requirement of ${settings.minInSyncReplicas} for partition ${topic}-${partition}`));
  }
  const now = core.now();
  let baseOffset: number;
  let lastOffset: number;
  if (header.producerId >= 0 && !header.isControl && opts.allowControl) {
    // Coordinator-origin appends (AppendOrigin.COORDINATOR): the producer epoch is checked, sequences are not.
    const entry = replica.producers.producers.get(header.producerId);
    if (entry && header.producerEpoch < entry.producerEpoch) return reject(result(partition, 'INVALID_PRODUCER_EPOCH', `Epoch of producer ${header.producerId} is ${header.producerEpoch}, which is smaller than the last seen epoch ${entry.producerEpoch}`));
  } else if (header.producerId >= 0 && !header.isControl) {
    const check = replica.producers.check(header.producerId, header.producerEpoch, header.baseSequence, header.recordCount);
    if (check.kind === 'error') return reject(result(partition, check.errorName, check.message));
    if (check.kind === 'duplicate') {
      baseOffset = check.baseOffset;
      lastOffset = check.lastOffset;
      const keptDuplicate = flow?.produce(core.now(), opts.client!, broker.brokerId, topic, partition, opts.acks, header.recordCount, records.length, [baseOffset, lastOffset]) ?? false;
      return finish(core, broker, replica, partition, opts, baseOffset, lastOffset, settings.logAppendTime ? check.maxTimestamp : -1, done, keptDuplicate);
    }
  }
  const buf = ownedBatchBytes(records, scan.batches[0]!);
  baseOffset = replica.log.logEndOffset;
  patchBaseOffset(buf, baseOffset);
  patchPartitionLeaderEpoch(buf, replica.leaderEpoch);
  if (settings.logAppendTime) patchMaxTimestampLogAppendTime(buf, now);
  // DefaultRecordBatch.setMaxTimestamp: the header's maxTimestamp becomes the records' largest
  // (a no-op for every well-behaved client), so retention reads what the records say.
  else if (!header.isControl) setMaxTimestamp(buf, 'CreateTime', v.recordsMaxTimestamp);
  const maxTimestamp = settings.logAppendTime ? now : header.isControl ? header.maxTimestamp : v.recordsMaxTimestamp;
  const stored = storedBatchFromHeader(buf, header, baseOffset, replica.leaderEpoch, maxTimestamp, now);
  lastOffset = stored.lastOffset;
  appendToLog(core, broker, replica, stored);
  broker.bytesIn += buf.length;
  core.meters.recordAppend(broker.brokerId, topic, stored.recordCount, buf.length, now);
  if (!opts.allowControl) core.metrics?.onBytesIn(broker.brokerId, buf.length);
  wakeParkedFetches(broker, key);
  core.notifyData(broker.brokerId, topic, partition);
  const kept = flow?.produce(now, opts.client!, broker.brokerId, topic, partition, opts.acks, stored.recordCount, buf.length, [baseOffset, lastOffset]) ?? false;
  maybeAdvanceHighWatermark(core, broker, replica);
  finish(core, broker, replica, partition, opts, baseOffset, lastOffset, settings.logAppendTime ? now : -1, done, kept);
}

/** A batch refused before the append, for the flow: its hop with the error, and (acks 1/all) the answer. */
function rejected(core: ClusterCore, opts: AppendOptions, brokerId: number, topic: string, partition: number, r: ProducePartitionResult, done: (r: ProducePartitionResult) => void): void {
  const now = core.now();
  if (core.flow!.produce(now, opts.client!, brokerId, topic, partition, opts.acks, 0, 0, null, r.errorName) && opts.acks !== 0) {
    core.flow!.produceResponse(now, opts.client!, brokerId, topic, partition, null, r.errorName);
  }
  done(r);
}

function finish(core: ClusterCore, broker: Broker, replica: Replica, partition: number, opts: AppendOptions, baseOffset: number, lastOffset: number, logAppendTimeMs: number, done: (r: ProducePartitionResult) => void, kept = false): void {
  const wait = new DelayedProduce(core, broker, replica, partition, baseOffset, lastOffset, logAppendTimeMs, done);
  // acks=0 has no answer (Kafka sends none); a kept produce's answer is recorded when it leaves.
  if (kept && opts.acks !== 0) wait.flowClient = opts.client!;
  if (opts.acks !== -1) {
    // Answered before replication: if a leader change truncates these records, they are lost.
    recordAcknowledged(replica, baseOffset, lastOffset);
    return wait.complete('NONE');
  }
  const queue = replica.delayedProduces;
  // A duplicate may wait for an offset below later entries: keep the queue sorted.
  let at = queue.length;
  while (at > 0 && queue[at - 1]!.requiredOffset > wait.requiredOffset) at--;
  if (at === queue.length) queue.push(wait);
  else queue.splice(at, 0, wait);
  completeDelayedProduces(broker, replica);
  if (wait.completed) return;
  // As broker.later (same event, same guard in timedOut) without its two closures per batch.
  wait.timeout = core.sim.schedule(opts.timeoutMs, 'produce-timeout', () => wait.timedOut());
}

/**
 * One partition's answer to a produce, waiting (acks=all) for the highWatermark to reach
 * requiredOffset — Kafka's DelayedProduce. A class, not closures: one is made per produced batch.
 */
class DelayedProduce {
  readonly requiredOffset: number;
  completed = false;
  timeout: ScheduledEvent | null = null;
  /** Set when the produce is in the flow sample: its answer is recorded when it leaves. */
  flowClient: FlowClientRef | null = null;
  private readonly incarnation: number;

  constructor(
    private readonly core: ClusterCore,
    private readonly broker: Broker,
    private readonly replica: Replica,
    private readonly partition: number,
    private readonly baseOffset: number,
    lastOffset: number,
    private readonly logAppendTimeMs: number,
    private readonly done: (r: ProducePartitionResult) => void,
  ) {
    this.requiredOffset = lastOffset + 1;
    this.incarnation = broker.incarnation;
  }

  complete(errorName: string): void {
    if (this.completed) return;
    this.completed = true;
    if (this.timeout) this.core.sim.cancel(this.timeout);
    const appended = errorName === 'NONE' || errorName === 'NOT_ENOUGH_REPLICAS_AFTER_APPEND';
    if (this.flowClient && this.core.flow) {
      this.core.flow.produceResponse(this.core.now(), this.flowClient, this.broker.brokerId, this.replica.topic, this.partition, [this.baseOffset, this.requiredOffset - 1], errorName);
    }
    this.done({
      partition: this.partition,
      errorName,
      errorMessage: errorName === 'NONE' ? null : errorMessage(errorName),
      baseOffset: errorName === 'NONE' ? this.baseOffset : -1,
      logAppendTimeMs: appended ? this.logAppendTimeMs : -1,
      logStartOffset: appended ? this.replica.log.logStartOffset : -1,
      recordErrors: [],
      currentLeader: null,
    });
  }

  timedOut(): void {
    if (this.completed || !this.broker.running || this.broker.incarnation !== this.incarnation) return;
    const i = this.replica.delayedProduces.indexOf(this);
    if (i >= 0) this.replica.delayedProduces.splice(i, 1);
    this.complete('REQUEST_TIMED_OUT');
  }
}

function errorMessage(name: string): string {
  switch (name) {
    case 'NOT_ENOUGH_REPLICAS_AFTER_APPEND':
      return 'Messages are written to the log, but to fewer in-sync replicas than required.';
    case 'REQUEST_TIMED_OUT':
      return 'The request timed out waiting for the in-sync replicas.';
    case 'NOT_LEADER_OR_FOLLOWER':
      return 'This server is not the leader for that topic-partition.';
    default:
      return name;
  }
}

/** A whole Produce request: partitions complete independently; `done` fires once all have. */
export function produce(core: ClusterCore, broker: Broker, req: ProduceRequest, done: (r: ProduceResult) => void, client?: FlowClientRef): void {
  const topics = req.topics.map((t) => ({ topic: t.topic, partitions: [] as ProducePartitionResult[] }));
  let pending = req.topics.reduce((n, t) => n + t.partitions.length, 0);
  const finishAll = () => {
    const leaders = topics.flatMap((t) => t.partitions.map((p) => p.currentLeader?.leaderId ?? -1));
    done({ topics, nodeEndpoints: endpointsFor(core, leaders) });
  };
  if (pending === 0) return finishAll();
  req.topics.forEach((t, ti) => {
    t.partitions.forEach((p, pi) => {
      producePartition(core, broker, t.topic, p.partition, p.records, { acks: req.acks, timeoutMs: req.timeoutMs, allowControl: false, ...(client ? { client } : {}) }, (r) => {
        topics[ti]!.partitions[pi] = r;
        if (--pending === 0) finishAll();
      });
    });
  });
}
