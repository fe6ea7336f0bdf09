/**
 * The storage contract (issue 15): where a lab's data lives, how much disk each lab, topic and
 * replica uses, each replica's segment files and the batches inside one segment (as Kafka's
 * `kafka-dump-log` prints them), and resetting or deleting a lab.
 *
 * To be merged into the app's contract like the workbench's (`interface ClusterApi extends
 * StorageCommands`, `storageMethods` in clusterApiMethods) by whoever implements the host side.
 * Reading methods are allowed for read-only viewers; resetLab and deleteLab are refused for them
 * (CLUSTER_AUTHORIZATION_FAILED, ipc-contract.ts readOnlyErrorName).
 *
 * Sizes are bytes; times are ms since the epoch (record timestamps) or simulated ms; offsets are
 * Kafka offsets. Errors name Kafka's error codes where one fits (UNKNOWN_TOPIC_OR_PARTITION,
 * KAFKA_STORAGE_ERROR, NOT_LEADER_OR_FOLLOWER for a broker that holds no replica, INVALID_REQUEST).
 */

/** Where the running cluster keeps its logs. */
export type StorageKind = 'disk' | 'memory';

/** The lab's storage, as the Storage panel and the "reset lab" / "delete lab" controls show it. */
export interface StorageInfo {
  kind: StorageKind;
  /** The lab's name (its directory under the data root); null for an in-memory cluster. */
  labName: string | null;
  /** Absolute path of the lab's directory (each broker's log.dirs lies inside); null in memory. */
  labDir: string | null;
  /** Bytes the lab's logs use: file sizes on disk, or batch bytes held in memory. */
  totalBytes: number;
  brokers: Array<{ brokerId: number; logDir: string | null; bytes: number }>;
  topics: Array<{ topic: string; bytes: number; replicas: Array<{ partition: number; brokerId: number; bytes: number }> }>;
  /** Every lab under the data root (the running one marked current); empty in memory. */
  labs: Array<{ name: string; dir: string; bytes: number; current: boolean }>;
}

/** One segment of a replica's log (Kafka's LogSegment: `.log`, `.index`, `.timeindex`). */
export interface SegmentInfo {
  baseOffset: number;
  /** Offset after the segment's last batch (the next segment's baseOffset, or logEndOffset). */
  nextOffset: number;
  sizeBytes: number;
  batchCount: number;
  /** Smallest and largest record timestamp in the segment (ms); -1 when empty. */
  firstTimestampMs: number;
  maxTimestampMs: number;
  /** Entries of the offset index (8 bytes each) and time index (12 bytes each); null in memory. */
  offsetIndexEntries: number | null;
  timeIndexEntries: number | null;
  /** The `.log` file's name, e.g. `00000000000000000000.log`; null in memory. */
  fileName: string | null;
  /** The segment appends go to. */
  active: boolean;
}

/** One replica's log on one broker. */
export interface ReplicaStorage {
  topic: string;
  partition: number;
  brokerId: number;
  /** The partition directory (`<log.dir>/<topic>-<partition>`); null in memory. */
  dir: string | null;
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  /**
   * The flushed offset (Kafka's recoveryPoint, written to recovery-point-offset-checkpoint on disk):
   * records below it were fsynced and survive a power loss; null only when a host cannot tell.
   */
  recoveryPoint: number | null;
  segments: SegmentInfo[];
}

export type CompressionName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

/** One record batch as `kafka-dump-log --files <segment>.log` lists it (DumpLogSegments). */
export interface SegmentBatch {
  /** Byte position of the batch in the `.log` file (or in the in-memory segment). */
  position: number;
  baseOffset: number;
  lastOffset: number;
  /** Records in the batch. */
  count: number;
  sizeBytes: number;
  magic: number;
  /** Whether the stored CRC32C matches the batch's bytes (DefaultRecordBatch.isValid). */
  crcValid: boolean;
  compression: CompressionName;
  timestampType: 'CreateTime' | 'LogAppendTime';
  baseTimestampMs: number;
  maxTimestampMs: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  isTransactional: boolean;
  isControl: boolean;
  partitionLeaderEpoch: number;
}

/** A page of one segment's batches, in file order. */
export interface SegmentBatchesPage {
  batches: SegmentBatch[];
  /** Batch index to ask for next, or null at the segment's end. */
  nextBatch: number | null;
  totalBatches: number;
}

export type StorageResult<T> = { ok: true; value: T } | { ok: false; errorName: string; message: string };

export interface StorageCommands {
  getStorageInfo(): Promise<StorageInfo>;
  describeReplicaStorage(topic: string, partition: number, brokerId: number): Promise<StorageResult<ReplicaStorage>>;
  /** Batches `fromBatch` .. `fromBatch + limit - 1` (limit at most 500) of the segment at `baseOffset`. */
  inspectSegment(topic: string, partition: number, brokerId: number, baseOffset: number, fromBatch: number, limit: number): Promise<StorageResult<SegmentBatchesPage>>;
  /** Deletes the running lab's data and starts it again empty, same shape and configs. */
  resetLab(): Promise<StorageResult<{ labName: string; freedBytes: number }>>;
  /** Deletes a lab's directory; the running lab cannot be deleted (reset it instead). */
  deleteLab(labName: string): Promise<StorageResult<{ labName: string; freedBytes: number }>>;
}

export const storageMethods = ['getStorageInfo', 'describeReplicaStorage', 'inspectSegment', 'resetLab', 'deleteLab'] as const;
type ListedStorageMethod = (typeof storageMethods)[number];
const _everyListedIsAStorageMethod: ListedStorageMethod extends keyof StorageCommands ? true : never = true;
const _everyStorageMethodIsListed: keyof StorageCommands extends ListedStorageMethod ? true : never = true;
void _everyListedIsAStorageMethod;
void _everyStorageMethodIsListed;
