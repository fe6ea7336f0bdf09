/**
 * The host side of the storage contract (src/shared/storage-contract.ts) for a cluster that keeps
 * its logs in memory: bytes per broker, topic and replica, each replica's segments (Kafka's
 * LogSegment: base offset, size, time range, the active one) and a segment's batches as
 * `kafka-dump-log` lists them (./../storage/format/batch-summary.ts).
 *
 * Reads only: the model's replica logs are read between events (the host is single-threaded), never
 * changed. Arguments come from any viewer's socket, so every one is checked (INVALID_REQUEST).
 * Disk storage (issue 15, h-storage) reports file names, index entries, the recovery point and the
 * labs under the data root through the same HostStorage interface.
 */
import type { SimCluster } from '../cluster/cluster';
import type { Replica } from '../cluster/replication/replica';
import type { LogSegment } from '../cluster/log/replica-log';
import type { StoredBatch } from '../cluster/log/stored-batch';
import { tpKey } from '../cluster/metadata';
import type {
  ReplicaStorage, SegmentBatch, SegmentBatchesPage, SegmentInfo, StorageCommands, StorageInfo, StorageResult,
} from '../../shared/storage-contract';
import { summariseBatch } from '../storage/format/batch-summary';

/** What a cluster host answers for storage; resetLab lives with the host session, which replaces the cluster. */
export type HostStorage = Omit<StorageCommands, 'resetLab'>;

/** Most batches one inspectSegment call returns (the contract's limit). */
export const MAX_SEGMENT_PAGE = 500;

/** Byte offset of baseTimestamp in a v2 batch header (protocol spec "Record Batch"). */
const BASE_TIMESTAMP_POSITION = 27;

/** Bytes of a replica's log held in memory. */
function replicaBytes(replica: Replica): number {
  return replica.log.sizeBytes();
}

/** The in-memory storage facts of a simulated cluster. */
export class MemoryStorage implements HostStorage {
  constructor(private readonly cluster: SimCluster) {}

  async getStorageInfo(): Promise<StorageInfo> {
    return this.info();
  }

  /** The synchronous body of getStorageInfo (also used to report what a reset frees). */
  info(): StorageInfo {
    const brokers: StorageInfo['brokers'] = [];
    const topics = new Map<string, StorageInfo['topics'][number]>();
    let totalBytes = 0;
    for (const broker of [...this.cluster.core.brokers.values()].sort((a, b) => a.brokerId - b.brokerId)) {
      let brokerBytes = 0;
      for (const replica of broker.replicas.values()) {
        const bytes = replicaBytes(replica);
        brokerBytes += bytes;
        let topic = topics.get(replica.topic);
        if (!topic) topics.set(replica.topic, (topic = { topic: replica.topic, bytes: 0, replicas: [] }));
        topic.bytes += bytes;
        topic.replicas.push({ partition: replica.partition, brokerId: broker.brokerId, bytes });
      }
      totalBytes += brokerBytes;
      brokers.push({ brokerId: broker.brokerId, logDir: null, bytes: brokerBytes });
    }
    const sortedTopics = [...topics.values()].sort((a, b) => a.topic.localeCompare(b.topic));
    for (const t of sortedTopics) t.replicas.sort((a, b) => a.partition - b.partition || a.brokerId - b.brokerId);
    return { kind: 'memory', labName: null, labDir: null, totalBytes, brokers, topics: sortedTopics, labs: [] };
  }

  async describeReplicaStorage(topic: string, partition: number, brokerId: number): Promise<StorageResult<ReplicaStorage>> {
    const found = this.replica(topic, partition, brokerId);
    if (!found.ok) return found;
    const replica = found.value;
    const log = replica.log;
    const segments: SegmentInfo[] = log.segments.map((segment, i) => segmentInfo(segment, log.segmentBatches(i, segment.baseOffset, false), log.segments[i + 1]?.baseOffset ?? log.logEndOffset, i === log.segments.length - 1));
    return {
      ok: true,
      value: {
        topic, partition, brokerId, dir: null,
        logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset, highWatermark: replica.highWatermark,
        recoveryPoint: log.recoveryPoint, segments,
      },
    };
  }

  async inspectSegment(topic: string, partition: number, brokerId: number, baseOffset: number, fromBatch: number, limit: number): Promise<StorageResult<SegmentBatchesPage>> {
    const pageProblem = checkPage(baseOffset, fromBatch, limit);
    if (pageProblem) return pageProblem;
    const found = this.replica(topic, partition, brokerId);
    if (!found.ok) return found;
    const log = found.value.log;
    const index = log.segments.findIndex((s) => s.baseOffset === baseOffset);
    if (index < 0) {
      return { ok: false, errorName: 'OFFSET_OUT_OF_RANGE', message: `${topic}-${partition} on broker ${brokerId} has no segment with base offset ${baseOffset} (it may have been deleted by retention or rolled into another).` };
    }
    const stored = log.segmentBatches(index);
    let position = 0;
    for (let i = 0; i < fromBatch && i < stored.length; i++) position += stored[i]!.sizeBytes;
    const batches: SegmentBatch[] = [];
    const end = Math.min(stored.length, fromBatch + limit);
    for (let i = fromBatch; i < end; i++) {
      const buffer = stored[i]!.buffer;
      batches.push(summariseBatch(buffer, position));
      position += buffer.length;
    }
    return { ok: true, value: { batches, nextBatch: end < stored.length ? end : null, totalBatches: stored.length } };
  }

  async deleteLab(_labName: string): Promise<StorageResult<{ labName: string; freedBytes: number }>> {
    return { ok: false, errorName: 'INVALID_REQUEST', message: 'This cluster keeps its logs in memory: there is no lab on disk to delete.' };
  }

  private replica(topic: unknown, partition: unknown, brokerId: unknown): StorageResult<Replica> {
    if (typeof topic !== 'string' || topic.length === 0 || topic.length > 249) return invalid('topic must be a topic name');
    if (!isWhole(partition)) return invalid('partition must be a whole number ≥ 0');
    if (!isWhole(brokerId)) return invalid('brokerId must be a whole number ≥ 0');
    const topicImage = this.cluster.core.controller.topics.get(topic);
    if (!topicImage || partition >= topicImage.partitions.length) {
      return { ok: false, errorName: 'UNKNOWN_TOPIC_OR_PARTITION', message: `This server does not host this topic-partition: ${topic}-${partition}.` };
    }
    const replica = this.cluster.core.broker(brokerId)?.replicas.get(tpKey(topic, partition));
    if (!replica) return { ok: false, errorName: 'NOT_LEADER_OR_FOLLOWER', message: `Broker ${brokerId} holds no replica of ${topic}-${partition}.` };
    return { ok: true, value: replica };
  }
}

/** One in-memory segment's facts: its time range read from the stored batch headers. */
function segmentInfo(segment: LogSegment, stored: readonly StoredBatch[], nextOffset: number, active: boolean): SegmentInfo {
  let first = -1;
  let max = -1;
  for (const batch of stored) {
    const base = batch.buffer.length >= BASE_TIMESTAMP_POSITION + 8 ? Number(batch.buffer.readBigInt64BE(BASE_TIMESTAMP_POSITION)) : -1;
    const low = base >= 0 ? Math.min(base, batch.maxTimestamp >= 0 ? batch.maxTimestamp : base) : batch.maxTimestamp;
    if (low >= 0 && (first < 0 || low < first)) first = low;
    if (batch.maxTimestamp > max) max = batch.maxTimestamp;
  }
  return {
    baseOffset: segment.baseOffset, nextOffset, sizeBytes: segment.sizeBytes, batchCount: segment.batchCount,
    firstTimestampMs: first, maxTimestampMs: max, offsetIndexEntries: null, timeIndexEntries: null, fileName: null, active,
  };
}

/** Checks inspectSegment's paging arguments (INVALID_REQUEST), or null when they are fine. */
export function checkPage(baseOffset: unknown, fromBatch: unknown, limit: unknown): { ok: false; errorName: string; message: string } | null {
  if (!isWhole(baseOffset)) return invalid('baseOffset must be a whole number ≥ 0');
  if (!isWhole(fromBatch)) return invalid('fromBatch must be a whole number ≥ 0');
  if (!isWhole(limit) || limit < 1 || limit > MAX_SEGMENT_PAGE) return invalid(`limit must be a whole number from 1 to ${MAX_SEGMENT_PAGE}`);
  return null;
}

function isWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function invalid(message: string): { ok: false; errorName: string; message: string } {
  return { ok: false, errorName: 'INVALID_REQUEST', message };
}
