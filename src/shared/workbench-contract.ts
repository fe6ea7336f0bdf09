/**
 * The workbench contract (issue 6): producing, consuming, browsing records, consumer-group lag
 * history and offset resets, done by real Kafka clients (kafkajs) that the host runs against the
 * cluster's bootstrap. Designed to be merged into the app's contract (ipc-contract.ts):
 * `interface ClusterApi extends WorkbenchCommands` and `[...clusterApiMethods, ...workbenchCommandMethods]`.
 *
 * Pull, not push: record streams (scans, live tail) are read with `pollScan(sessionId, afterSeq)`.
 * The renderer asks at its own pace, so a slow tab is never flooded at 10,000 records/s; the host
 * keeps a capped ring per session and counts what the viewer never saw. Hence no push channels.
 *
 * Byte payloads (keys, values, header values) cross as base64 strings: JSON has no bytes, and the
 * renderer decodes them (auto, JSON, UTF-8, hex) without another round trip. Offsets and
 * timestamps are JS numbers (int64 in Kafka; far below 2^53 here), timestamps in ms since the epoch.
 */

export type CompressionCodecName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
/** acks: -1 = all in-sync replicas, 1 = leader only, 0 = no response (offset unknown). */
export type Acks = -1 | 0 | 1;
export type IsolationLevelName = 'read_uncommitted' | 'read_committed';
export type PayloadEncoding = 'utf8' | 'base64';

export interface HeaderInput {
  key: string;
  value: string | null;
}

export interface ProduceRequest {
  topic: string;
  /** null = let the default partitioner choose (murmur2 of the key, or sticky for null keys). */
  partition: number | null;
  key: string | null;
  /** null produces a tombstone. */
  value: string | null;
  /** How key/value/header strings are turned into bytes (default utf8; base64 for "produce again"). */
  encoding?: PayloadEncoding;
  headers: HeaderInput[];
  acks: Acks;
  compression: CompressionCodecName;
  /** plain; idempotent (enable.idempotence, acks=all); transactional (one record per committed transaction). */
  delivery: 'plain' | 'idempotent' | 'transactional';
  /** Chosen by the UI (unique per viewer and send): getProduceProgress(requestId) reports the attempts while the send runs. */
  requestId?: string;
}

/**
 * ok results. With acks=1/all the broker's answer names partition and offset (`acknowledged`).
 * With acks=0 the broker sends no response (Kafka's ProducerConfig `acks` doc: "the offset given
 * back for each record will always be set to -1"): `acknowledged` is false, `offset` null, and
 * `partition` is only what the client decided before sending (`partitionSource`), null for a
 * keyless record whose partition the client does not report.
 */
export type ProduceResult =
  | { ok: true; topic: string; partition: number | null; offset: number | null; elapsedMs: number; note?: string; acknowledged?: boolean; partitionSource?: ProducePartitionSource; attempts?: ProduceAttempt[]; maxAttempts?: number }
  | { ok: false; errorName: string; message: string; explanation: string; retriable: boolean; elapsedMs: number; attempts?: ProduceAttempt[]; maxAttempts?: number };

/** broker: from the produce response; chosen: the request named it; partitioner: murmur2 of the key, computed client-side. */
export type ProducePartitionSource = 'broker' | 'chosen' | 'partitioner';

/** One failed produce attempt of the UI producer (Kafka's producer retries on retriable errors, retry.backoff.ms apart). */
export interface ProduceAttempt {
  /** 1-based. */
  attempt: number;
  /** Kafka's error name, e.g. NOT_ENOUGH_REPLICAS, or NETWORK_EXCEPTION for a connection that failed. */
  errorName: string;
  message: string;
  retriable: boolean;
  /** Wait before the next attempt (ms); null when this attempt was the last. */
  backoffMs: number | null;
  /** Since the send started (ms). */
  atMs: number;
}

/**
 * The Produce panel's retry policy (main/workbench/produce-progress.ts explains it): at most
 * maxAttempts attempts, retryBackoffMs after the first failure, doubling up to retryBackoffMaxMs
 * (Kafka's retry.backoff.ms / retry.backoff.max.ms defaults, KIP-580). A Kafka producer would go on
 * for delivery.timeout.ms (120,000 ms). ackTimeoutMs: the Produce request's timeout, how long the
 * leader waits for the in-sync replicas with acks=all before it answers REQUEST_TIMED_OUT.
 */
export const uiProducerRetryPolicy = { maxAttempts: 3, retryBackoffMs: 100, retryBackoffMaxMs: 1000, ackTimeoutMs: 10_000 } as const;

/** What a produce in flight has gone through so far (polled while the panel waits). */
export interface ProduceProgress {
  requestId: string;
  /** Failed attempts so far, oldest first. */
  attempts: ProduceAttempt[];
  maxAttempts: number;
  state: 'sending' | 'done';
  elapsedMs: number;
}

/**
 * Largest invoke frame serve mode's WebSocket takes from a viewer with the access token: the
 * broker's own request bound, socket.request.max.bytes (Kafka default 104857600), so any record the
 * brokers could receive reaches them and the broker's error (MESSAGE_TOO_LARGE against the topic's
 * max.message.bytes) is the one shown. Read-only viewers stay at 1 MiB. Electron IPC has no frame limit.
 */
export const uiChannelMaxFrameBytes = 104_857_600;

export type KeyDistribution =
  | { kind: 'none' }
  | { kind: 'uniform'; keyCount: number }
  /** Zipf over keyCount keys: key k drawn with probability ∝ 1/k^exponent (a few hot keys). */
  | { kind: 'zipf'; keyCount: number; exponent: number }
  | { kind: 'fixed'; keys: string[] };

export interface LoadGeneratorConfig {
  topic: string;
  /** Target rate, records/s (1..50,000). */
  recordsPerSec: number;
  keys: KeyDistribution;
  /** Value text; {{seq}}, {{key}}, {{ts}} (ms) and {{rand}} are substituted per record. */
  valueTemplate: string;
  acks: Acks;
  compression: CompressionCodecName;
}

export interface LoadGeneratorStatus {
  id: string;
  clientId: string;
  config: LoadGeneratorConfig;
  running: boolean;
  sent: number;
  errors: number;
  lastError: string | null;
  /** Acknowledged records/s over the last second. */
  ratePerSec: number;
  startedAtMs: number;
}

export interface ConsumerConfig {
  topic: string;
  /** group: subscribe through the group coordinator; assigned: fetch the listed partitions directly (no group). */
  mode: 'group' | 'assigned';
  groupId?: string;
  /** For assigned mode; empty or absent = every partition. */
  partitions?: number[];
  fromBeginning: boolean;
  isolationLevel: IsolationLevelName;
}

export interface ConsumerStatus {
  id: string;
  /** kafka-lab-ui-consumer-…: how the connection shows in the clients view. */
  clientId: string;
  config: ConsumerConfig;
  state: 'starting' | 'running' | 'stopped' | 'failed';
  consumed: number;
  memberId: string | null;
  assignment: { topic: string; partitions: number[] }[];
  /** Last consumed offset per partition. */
  positions: { partition: number; offset: number }[];
  error: string | null;
  recent: BrowsedRecord[];
}

export interface WorkbenchStatus {
  loadGenerators: LoadGeneratorStatus[];
  consumers: ConsumerStatus[];
}

export type SeekPreset =
  | { kind: 'newest'; count: number }
  | { kind: 'oldest' }
  | { kind: 'offset'; offset: number }
  | { kind: 'timestamp'; timestampMs: number };

export interface ScanRequest {
  topic: string;
  /** null = all partitions. */
  partitions: number[] | null;
  seek: SeekPreset;
  /** Stop after this many records in total (bounded scans; capped at 100,000). */
  limit: number;
  isolationLevel: IsolationLevelName;
  /** Issue 12: applied on the host; `limit` then counts matching records (see RecordFilter). */
  filter?: RecordFilter;
}

/**
 * Issue 12: the message browser's filter, run on the host so records the viewer will not see are
 * never shipped. A record must pass every part that is set.
 * - text: plain substring ("contains") over the key, the value and/or the header keys and values,
 *   each as UTF-8 text (bytes that are not UTF-8 as hex).
 * - expression: a JMESPath expression (JMESPath Community spec, jmespath.site) evaluated over
 *   FilterDocument; the record matches when the result is truthy in JMESPath's sense (false,
 *   null, "", [] and {} are false; everything else, 0 included, is true). JMESPath has no loops,
 *   no user functions and no eval; the host also bounds each evaluation in time.
 */
export interface RecordFilter {
  text?: { text: string; fields: ('key' | 'value' | 'headers')[]; caseSensitive: boolean };
  expression?: string;
}

/** What a filter expression sees of a record: key and value parsed as JSON when they are JSON, else UTF-8 text (hex for other bytes), null when absent. */
export interface FilterDocument {
  topic: string;
  partition: number;
  offset: number;
  /** ms since the epoch. */
  timestamp: number;
  timestampType: 'CreateTime' | 'LogAppendTime';
  key: unknown;
  value: unknown;
  /** Header key → value as text (the last one when a key repeats). */
  headers: Record<string, string | null>;
  /** Key + value + header bytes. */
  size: number;
  leaderEpoch: number;
  isTransactional: boolean;
  controlMarker: ControlMarker | null;
}

export interface TailRequest {
  topic: string;
  partitions: number[] | null;
  /** Ring capacity on the host; older records are dropped (and counted) when the viewer falls behind. */
  capacity: number;
  isolationLevel: IsolationLevelName;
  /** Issue 12: only matching records enter the ring (see RecordFilter). */
  filter?: RecordFilter;
}

export type ControlMarker = 'COMMIT' | 'ABORT';

export interface BrowsedRecord {
  /** Session-local sequence; pollScan(afterSeq) returns records with a higher seq. */
  seq: number;
  topic: string;
  partition: number;
  offset: number;
  timestampMs: number;
  timestampType: 'CreateTime' | 'LogAppendTime';
  /** base64, null when absent. A null value is a tombstone. */
  key: string | null;
  value: string | null;
  keyBytes: number;
  valueBytes: number;
  headers: { key: string; value: string | null }[];
  /** 'unknown' when the client could not tell (kafkajs does not expose the batch attributes). */
  compression: CompressionCodecName | 'unknown';
  /** -1 for non-idempotent producers. */
  producerId: number;
  producerEpoch: number;
  /** Sequence of this record: baseSequence + offset delta; -1 without idempotence. */
  sequence: number;
  isTransactional: boolean;
  /** Transaction marker (control batch, KIP-98). Never delivered to applications; shown here. */
  controlMarker: ControlMarker | null;
  leaderEpoch: number;
}

export interface ScanProgress {
  records: number;
  bytes: number;
  elapsedMs: number;
  /** Records that passed through the host but were dropped from its ring before the viewer polled. */
  dropped: number;
  state: 'running' | 'done' | 'stopped' | 'failed';
  /** Why a bounded scan ended: limit reached, end of partitions, stopped by the user, error. */
  reason: string | null;
  /** Per partition: where the scan is and where it stops (the highWatermark at start, for bounded scans). */
  partitions: { partition: number; position: number; endOffset: number }[];
  /** Partitions the session could not read (absent when none); the others are scanned all the same. */
  failedPartitions?: FailedPartition[];
  /** Issue 12, with a filter: records that matched it (`records` counts every record scanned). */
  matched?: number;
  /** Issue 12: records whose filter expression failed to evaluate (counted as not matching), and the first error. */
  filterErrors?: { count: number; first: string };
  /** Issue 12: where the seek asked for offsets outside [logStartOffset, highWatermark), in Kafka's words (OFFSET_OUT_OF_RANGE). */
  seekNotes?: string[];
}

/** A partition a scan or tail could not read, e.g. LEADER_NOT_AVAILABLE while its only replica's broker is down. */
export interface FailedPartition {
  partition: number;
  /** Kafka's error name, e.g. LEADER_NOT_AVAILABLE, NOT_LEADER_OR_FOLLOWER. */
  errorName: string;
  /** The error in plain words, with the partition's replicas and ISR where known. */
  message: string;
}

export interface ScanPoll {
  sessionId: string;
  kind: 'scan' | 'tail';
  records: BrowsedRecord[];
  progress: ScanProgress;
}

export interface LagSample {
  /** Wall-clock ms. */
  atMs: number;
  totalLag: number;
  /** Per partition, `${topic}:${partition}` → lag in records. */
  partitions: Record<string, number>;
  /** Largest time lag over the group's partitions, ms. */
  maxTimeLagMs: number;
}

export interface RebalanceRecord {
  atMs: number;
  generationId: number;
  state: string;
  protocol: string;
  members: { memberId: string; clientId: string; assignment: { topic: string; partitions: number[] }[] }[];
}

export interface LagHistory {
  groupId: string;
  /** Sampling interval (ms) and ring capacity; older samples are downsampled, never unbounded. */
  intervalMs: number;
  samples: LagSample[];
  rebalances: RebalanceRecord[];
}

export interface LagTrend {
  groupId: string;
  /** The last ≤ 60 totalLag samples, oldest first. */
  totalLag: number[];
}

export type OffsetResetTarget =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'timestamp'; timestampMs: number }
  | { kind: 'offset'; offset: number };

export interface OffsetResetRequest {
  groupId: string;
  topic: string;
  target: OffsetResetTarget;
  /** null = every partition of the topic. */
  partitions: number[] | null;
}

export interface OffsetResetRow {
  partition: number;
  /** -1 when the group has no committed offset for the partition. */
  currentOffset: number;
  newOffset: number;
  logStartOffset: number;
  highWatermark: number;
}

export type OffsetResetResult =
  | { ok: true; applied: boolean; groupState: string; rows: OffsetResetRow[] }
  | { ok: false; errorName: string; message: string; groupState: string | null; rows: OffsetResetRow[] };

/** Request/response methods of the workbench; every one resolves (errors are values). */
export interface WorkbenchCommands {
  produceRecord(request: ProduceRequest): Promise<ProduceResult>;
  startLoadGenerator(config: LoadGeneratorConfig): Promise<LoadGeneratorStatus>;
  stopLoadGenerator(id: string): Promise<boolean>;
  startConsumer(config: ConsumerConfig): Promise<ConsumerStatus>;
  stopConsumer(id: string): Promise<boolean>;
  getWorkbenchStatus(): Promise<WorkbenchStatus>;
  startScan(request: ScanRequest): Promise<{ sessionId: string }>;
  startTail(request: TailRequest): Promise<{ sessionId: string }>;
  pollScan(sessionId: string, afterSeq: number): Promise<ScanPoll | null>;
  stopScan(sessionId: string): Promise<boolean>;
  getLagHistory(groupId: string): Promise<LagHistory>;
  getLagTrends(): Promise<LagTrend[]>;
  previewOffsetReset(request: OffsetResetRequest): Promise<OffsetResetResult>;
  applyOffsetReset(request: OffsetResetRequest): Promise<OffsetResetResult>;
  /** The attempts of a produceRecord still running (or finished in the last minute); null for an unknown requestId. */
  getProduceProgress(requestId: string): Promise<ProduceProgress | null>;
}

export type WorkbenchMethod = keyof WorkbenchCommands;

export const workbenchCommandMethods = [
  'produceRecord', 'startLoadGenerator', 'stopLoadGenerator', 'startConsumer', 'stopConsumer', 'getWorkbenchStatus',
  'startScan', 'startTail', 'pollScan', 'stopScan', 'getLagHistory', 'getLagTrends', 'previewOffsetReset', 'applyOffsetReset',
  'getProduceProgress',
] as const;
type ListedWorkbenchMethod = (typeof workbenchCommandMethods)[number];
const _everyListedIsAWorkbenchMethod: ListedWorkbenchMethod extends WorkbenchMethod ? true : never = true;
const _everyWorkbenchMethodIsListed: WorkbenchMethod extends ListedWorkbenchMethod ? true : never = true;
void _everyListedIsAWorkbenchMethod;
void _everyWorkbenchMethodIsListed;

/**
 * Methods that change the cluster or start clients: refused for read-only viewers (serve mode
 * without the token) with CLUSTER_AUTHORIZATION_FAILED, like cluster commands.
 */
export const workbenchMutatingMethods: readonly WorkbenchMethod[] = [
  'produceRecord', 'startLoadGenerator', 'stopLoadGenerator', 'startConsumer', 'stopConsumer', 'applyOffsetReset',
];

/** Prefix of every client.id the workbench uses, so the clients view can tell UI clients apart. */
export const workbenchClientIdPrefix = 'kafka-lab-ui-';
