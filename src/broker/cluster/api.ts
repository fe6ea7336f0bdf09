/**
 * The public API of the simulated cluster: what the wire layer (src/broker/wire/handlers/NN-*.ts),
 * the cluster host (src/main), the CLI and tests call. Pure types; the implementation is
 * `createCluster` in ./cluster.ts.
 *
 * Conventions
 * - Every client request addresses one broker: the broker whose listener the request arrived on.
 *   A stopped broker has no listener, so the host must not call with a stopped brokerId (calls
 *   answer BROKER_NOT_AVAILABLE if it does). A broker answers from its OWN view of the metadata:
 *   an isolated broker keeps its stale leadership claims until the controller's decisions reach it.
 * - Errors are Kafka's error names ('NOT_LEADER_OR_FOLLOWER', …; 'NONE' for success); the wire
 *   layer maps them to codes. Offsets, timestamps and sizes are JS numbers (int64 stays < 2^53).
 *   Times are ms of simulated time; sizes are bytes.
 * - Determinism and replay (ARCHITECTURE §2): every call that can change the model (produce,
 *   createTopics, metadata with auto-create, command, …) is an *input*: it is appended to the
 *   input log stamped with the simulated time and the number of model events processed so far,
 *   then applied at once. Read-only calls (fetch, listOffsets, describe*, snapshot) are not logged.
 *   `exportTrace()` returns `{ seed, config, inputLog }`; `replayTrace(trace)` (src/broker/sim/trace.ts)
 *   rebuilds the identical run. produce and deleteRecords submitted from inside a completion
 *   callback are deferred to the end of the running model event (so replay is exact); other inputs
 *   should be submitted from outside event processing (e.g. after a queueMicrotask).
 * - Asynchronous completions (acks=all produce, long-poll wake-ups) are callbacks invoked from
 *   inside event processing, i.e. during `runUntil`. The host drives time with `runUntil`.
 * - Batches are `Buffer`s holding whole RecordBatch v2 bytes (magic 2). Produce copies them before
 *   patching baseOffset/partitionLeaderEpoch; fetch returns the stored bytes (do not mutate).
 */
import type { FaultableRequest } from './faults/request-faults';
import type { RequestFaultAction } from '../../shared/request-faults';
import type { FlowView } from '../../shared/flow-view';
import type { FlowClientRef, FlowRecorderOptions } from './flow/flow-recorder';
import type { ClusterCommand, CommandResult } from '../../shared/cluster-commands';
import type { ClusterEvent, ClusterEventBody } from '../../shared/cluster-events';
import type { ClusterView, ConfigEntryView } from '../../shared/cluster-view';
import type { ScenarioDocument } from '../../shared/scenario-format';

/** A Kafka error name, e.g. 'NOT_LEADER_OR_FOLLOWER'; 'NONE' means success. */
export type KafkaErrorName = string;

export interface BrokerSpec {
  brokerId: number;
  rack?: string | null;
}

export interface ControllerSpec {
  nodeId: number;
}

export interface ClusterOptions {
  /** Seed of every random choice (topic ids, replica assignment, network loss, elections). */
  seed: number;
  brokers: BrokerSpec[];
  /**
   * Dedicated KRaft controller nodes (process.roles=controller), which are then the voters; their
   * node ids must differ from the broker ids. Absent or empty: combined mode
   * (process.roles=broker,controller), the voters are the first up-to-3 brokers.
   */
  controllers?: ControllerSpec[];
  /** Static broker configs (Kafka names), e.g. { 'num.partitions': '3', 'log.retention.check.interval.ms': '1000' }. */
  brokerConfig?: Record<string, string>;
  /**
   * Simulated start time, ms since the Unix epoch. Default SIM_EPOCH_MS (2024-01-01T00:00:00Z,
   * src/broker/sim/clock.ts), a fixed epoch for tests and scenarios. A HOSTED cluster must pass the
   * real wall-clock time at host start (the host reads the clock; cluster/ and sim/ never do):
   * real clients stamp records with wall-clock CreateTime, and Kafka compares those against the
   * broker's clock — retention.ms by time, ListOffsets by timestamp, LogAppendTime, group time lag
   * would otherwise be off by years. It is part of `config` in the exported trace, so replay starts
   * at the same instant and stays exact.
   */
  startTimeMs?: number;
  /** Inter-broker link latency in ms for healthy links (default 1). */
  defaultLinkLatencyMs?: number;
  /** Cluster id as Kafka shows it (default: derived from the seed). */
  clusterId?: string;
  /**
   * Keep the input log for exportTrace (default true). false: never record (benchmarks); the
   * session then cannot be exported.
   */
  recordInputLog?: boolean;
  /**
   * Memory budget of the input log, approximate bytes it keeps alive (produce inputs hold the
   * client's batch bytes). Default Infinity: the whole log (tests, replay). The log is kept WHOLE
   * while it fits; the first input that would pass the budget drops it and recording stops, so a
   * host running all day stays bounded. Export is possible only while the whole log is kept (a
   * partial log cannot replay a session): see `inputLogStatus()`. Hosts default to
   * HOSTED_INPUT_LOG_LIMIT_BYTES and have an option to keep the full log.
   */
  inputLogLimitBytes?: number;
}

/** The hosts' default input log budget (256 MiB): short sessions stay exportable, all-day ones stay bounded. */
export const HOSTED_INPUT_LOG_LIMIT_BYTES = 256 * 1024 * 1024;

/** Whether the session can still be exported (`exportTrace`), for the UI and the CLI. */
export interface InputLogStatus {
  /** full: every input so far is kept; off: never recorded; dropped: passed its budget and released. */
  state: 'full' | 'off' | 'dropped';
  exportable: boolean;
  /** Approximate bytes held (0 once dropped). */
  bytes: number;
  /** The budget in bytes, null when unlimited. */
  limitBytes: number | null;
  entries: number;
  /** Why export is impossible, in plain words; null when exportable. */
  reason: string | null;
}

/** KIP-951: the current leader, returned with NOT_LEADER_OR_FOLLOWER / FENCED_LEADER_EPOCH. */
export interface CurrentLeader {
  leaderId: number;
  leaderEpoch: number;
}

// ---------------------------------------------------------------- Produce (API key 0)

export interface ProduceRequest {
  /** 0: no ack; 1: leader append; -1: all in-sync replicas. */
  acks: -1 | 0 | 1;
  /** How long (ms) an acks=-1 request may wait for replication before REQUEST_TIMED_OUT. */
  timeoutMs: number;
  transactionalId?: string | null;
  topics: { topic: string; partitions: { partition: number; records: Buffer | null }[] }[];
}

export interface ProducePartitionResult {
  partition: number;
  errorName: KafkaErrorName;
  errorMessage: string | null;
  /** Offset of the first record appended (for a duplicate: the ORIGINAL base offset); -1 on error. */
  baseOffset: number;
  /** Broker append time (ms) for LogAppendTime topics, else -1. */
  logAppendTimeMs: number;
  logStartOffset: number;
  /** Per-batch errors (INVALID_RECORD): index of the record within the request's record set. */
  recordErrors: { batchIndex: number; message: string | null }[];
  /** Present with NOT_LEADER_OR_FOLLOWER when this broker knows the leader (KIP-951). */
  currentLeader: CurrentLeader | null;
}

export interface ProduceResult {
  topics: { topic: string; partitions: ProducePartitionResult[] }[];
  /** Endpoints of the leaders named in currentLeader fields (KIP-951 NodeEndpoints). */
  nodeEndpoints: BrokerEndpoint[];
}

// ---------------------------------------------------------------- Fetch (API key 1)

export interface FetchPartitionRequest {
  topic: string;
  partition: number;
  fetchOffset: number;
  /** The leader epoch the client believes current; -1 to skip fencing (KIP-320). */
  currentLeaderEpoch: number;
  /** Max bytes for this partition; at least one whole batch is returned regardless (KIP-74). */
  partitionMaxBytes: number;
}

export interface FetchRequest {
  /** 0 read_uncommitted, 1 read_committed (reads up to the lastStableOffset). */
  isolationLevel: 0 | 1;
  /**
   * KIP-392, Fetch v11+ (Kafka's ClientMetadata): the consumer's client.rack ('' when unset). With
   * it, a follower answers from its own log up to its highWatermark, and a leader with
   * replica.selector.class may answer with a preferredReadReplica and no records. Absent (older
   * versions, the simulation's own clients): the leader only, NOT_LEADER_OR_FOLLOWER elsewhere.
   */
  clientMetadata?: { rackId: string };
  /** Response-wide byte limit; the first batch is returned even if larger (KIP-74). */
  maxBytes: number;
  partitions: FetchPartitionRequest[];
}

export interface FetchPartitionResult {
  topic: string;
  partition: number;
  errorName: KafkaErrorName;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
  /** Aborted transactions overlapping the returned range (read_committed); filled by the transaction extension. */
  abortedTransactions: { producerId: number; firstOffset: number }[];
  preferredReadReplica: number;
  /** Whole stored batches, the first one containing fetchOffset. Empty on error or no data. */
  records: Buffer[];
  /** Total bytes in records. */
  recordsBytes: number;
  currentLeader: CurrentLeader | null;
}

export interface FetchResult {
  partitions: FetchPartitionResult[];
  nodeEndpoints: BrokerEndpoint[];
}

/** Handle of a long-poll wait. */
export interface DataWait {
  cancel(): void;
}

// ---------------------------------------------------------------- Metadata (API key 3)

export interface BrokerEndpoint {
  brokerId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface MetadataPartition {
  errorName: KafkaErrorName;
  partition: number;
  leaderId: number;
  leaderEpoch: number;
  replicas: number[];
  inSyncReplicas: number[];
  offlineReplicas: number[];
}

export interface MetadataTopic {
  errorName: KafkaErrorName;
  name: string;
  /** base64url topic id (22 chars), or the zero UUID string for unknown topics. */
  topicId: string;
  /** The 16 raw bytes of topicId. */
  topicIdBytes: Uint8Array;
  isInternal: boolean;
  partitions: MetadataPartition[];
}

export interface MetadataResult {
  clusterId: string;
  /** The active controller as this broker knows it, -1 when none (KRaft clients cannot reach it anyway). */
  controllerId: number;
  /** Unfenced brokers this broker knows of. */
  brokers: BrokerEndpoint[];
  topics: MetadataTopic[];
}

// ---------------------------------------------------------------- ListOffsets / OffsetForLeaderEpoch / DeleteRecords

/** Special ListOffsets timestamps. */
export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;
export const MAX_TIMESTAMP = -3;

export interface ListOffsetsPartitionRequest {
  topic: string;
  partition: number;
  /** ms, or LATEST_TIMESTAMP (-1), EARLIEST_TIMESTAMP (-2), MAX_TIMESTAMP (-3). */
  timestamp: number;
  currentLeaderEpoch: number;
}

export interface ListOffsetsPartitionResult {
  topic: string;
  partition: number;
  errorName: KafkaErrorName;
  /** -1 when no record has timestamp ≥ the requested one. */
  timestamp: number;
  offset: number;
  leaderEpoch: number;
}

export interface OffsetForLeaderEpochPartitionRequest {
  topic: string;
  partition: number;
  currentLeaderEpoch: number;
  leaderEpoch: number;
}

export interface OffsetForLeaderEpochPartitionResult {
  topic: string;
  partition: number;
  errorName: KafkaErrorName;
  /** The largest epoch ≤ requested that the leader knows; -1 if none. */
  leaderEpoch: number;
  /** Start offset of the next larger epoch, or the logEndOffset for the current epoch; -1 if none. */
  endOffset: number;
}

export interface DeleteRecordsPartitionResult {
  topic: string;
  partition: number;
  errorName: KafkaErrorName;
  /** The new logStartOffset (low watermark), -1 on error. */
  lowWatermark: number;
}

// ---------------------------------------------------------------- Topics and configs

export interface CreatableTopic {
  name: string;
  /** -1: broker default num.partitions. */
  numPartitions: number;
  /** -1: broker default default.replication.factor. */
  replicationFactor: number;
  /** Manual assignment: partition → broker ids (then numPartitions/replicationFactor must be -1). */
  assignments?: { partition: number; brokerIds: number[] }[];
  configs?: Record<string, string | null>;
}

export interface CreateTopicResult {
  name: string;
  topicId: string;
  topicIdBytes: Uint8Array;
  errorName: KafkaErrorName;
  errorMessage: string | null;
  numPartitions: number;
  replicationFactor: number;
  configs: ConfigEntryView[];
}

export interface TopicErrorResult {
  name: string;
  errorName: KafkaErrorName;
  errorMessage: string | null;
}

/** DescribeConfigs resource types, as Kafka numbers them. */
export const RESOURCE_TOPIC = 2;
export const RESOURCE_BROKER = 4;

export interface ConfigResourceRef {
  resourceType: typeof RESOURCE_TOPIC | typeof RESOURCE_BROKER;
  /** Topic name, or broker id as a decimal string ('' for cluster-wide broker defaults). */
  resourceName: string;
}

export interface DescribeConfigsResult extends ConfigResourceRef {
  errorName: KafkaErrorName;
  errorMessage: string | null;
  configs: ConfigEntryView[];
}

export type IncrementalOp = 'SET' | 'DELETE' | 'APPEND' | 'SUBTRACT';

export interface AlterConfigsResult extends ConfigResourceRef {
  errorName: KafkaErrorName;
  errorMessage: string | null;
}

// ---------------------------------------------------------------- Cluster admin

export interface DescribeClusterResult {
  clusterId: string;
  controllerId: number;
  brokers: BrokerEndpoint[];
}

export interface LogDirDescription {
  brokerId: number;
  /** Log directory path as shown to clients. */
  logDir: string;
  errorName: KafkaErrorName;
  topics: { topic: string; partitions: { partition: number; sizeBytes: number; offsetLag: number; isFutureKey: boolean }[] }[];
  totalBytes: number;
  usableBytes: number;
}

export interface ElectLeadersPartitionResult {
  topic: string;
  partition: number;
  /** NONE, ELECTION_NOT_NEEDED, PREFERRED_LEADER_NOT_AVAILABLE, ELIGIBLE_LEADERS_NOT_AVAILABLE, UNKNOWN_TOPIC_OR_PARTITION. */
  errorName: KafkaErrorName;
  errorMessage: string | null;
}

export interface ReassignmentResult {
  topic: string;
  partition: number;
  errorName: KafkaErrorName;
  errorMessage: string | null;
}

export interface OngoingReassignment {
  topic: string;
  partition: number;
  replicas: number[];
  addingReplicas: number[];
  removingReplicas: number[];
}

export interface InitProducerIdResult {
  errorName: KafkaErrorName;
  producerId: number;
  producerEpoch: number;
}

// ---------------------------------------------------------------- Inputs and traces

/** Everything that may change the model from outside; the input log is a list of these. */
export type ClusterInput =
  | { type: 'produce'; brokerId: number; request: ProduceRequest }
  | { type: 'metadata-auto-create'; brokerId: number; topics: string[] }
  | { type: 'create-topics'; brokerId: number; topics: CreatableTopic[]; validateOnly: boolean }
  | { type: 'delete-topics'; brokerId: number; topics: string[] }
  | { type: 'create-partitions'; brokerId: number; topics: { name: string; count: number; assignments?: number[][] | null }[]; validateOnly: boolean }
  | { type: 'delete-records'; brokerId: number; partitions: { topic: string; partition: number; offset: number }[]; timeoutMs: number }
  | { type: 'alter-configs'; brokerId: number; resources: (ConfigResourceRef & { configs: Record<string, string | null> })[]; validateOnly: boolean }
  | { type: 'incremental-alter-configs'; brokerId: number; resources: (ConfigResourceRef & { configs: { name: string; op: IncrementalOp; value: string | null }[] })[]; validateOnly: boolean }
  | { type: 'elect-leaders'; brokerId: number; electionType: 0 | 1; partitions: { topic: string; partition: number }[] | null }
  | { type: 'alter-partition-reassignments'; brokerId: number; partitions: { topic: string; partition: number; replicas: number[] | null }[] }
  | { type: 'init-producer-id'; brokerId: number; transactionalId: string | null; producerId: number; producerEpoch: number }
  | { type: 'command'; command: ClusterCommand }
  /** Issue 18: a request fault rule hit a wire request (faults/request-faults.ts). */
  | { type: 'request-fault'; faultId: number; brokerId: number; apiName: string; clientId: string | null }
  /** A request handled by an extension (JoinGroup, OffsetCommit, EndTxn, …): replayed through ClusterExtension.replayInput. */
  | { type: 'extension'; extension: string; input: unknown };

export interface InputLogEntry {
  /** Simulated time (ms) the input was applied at. */
  timeMs: number;
  /** Model events processed before it (orders inputs among events at the same ms). */
  atEvent: number;
  input: ClusterInput;
}

/** A replayable run: same seed + config + inputs ⇒ identical event log. Buffers are base64 in JSON form. */
export interface ClusterTrace {
  seed: number;
  config: ClusterOptions;
  inputLog: InputLogEntry[];
  /** Simulated time the run ended at (replay runs until then). */
  endTimeMs: number;
  /**
   * The scenario attached to the run (issue 13), if any: replay re-attaches the engine at the same
   * point (atEvent, timeMs) before the logged inputs — which are then only what EXTERNAL clients
   * did; the engine's own clients and steps regenerate from (doc, seed).
   */
  scenario?: TraceScenario;
}

/** Where and with what a scenario was attached (ClusterTrace.scenario). */
export interface TraceScenario {
  doc: ScenarioDocument;
  seed: number;
  /** Model events processed and simulated time when it was attached. */
  atEvent: number;
  timeMs: number;
  /** Inputs logged before it was attached (replay attaches it after replaying that many). */
  inputIndex: number;
}

/** Listener for the typed event stream (src/shared/cluster-events.ts). */
export type ClusterEventListener = (event: ClusterEvent) => void;

/**
 * Extension point for the group and transaction coordinators (issue 4), which live in
 * src/broker/cluster/groups/ and src/broker/cluster/transactions/ and are registered with
 * `cluster.registerExtension`. All callbacks run inside event processing in simulated time.
 */
export interface ClusterExtension {
  readonly name: string;
  /** A broker became leader (or stopped leading) of a partition, e.g. of __consumer_offsets: load or unload state. */
  onLeadershipChanged?(brokerId: number, topic: string, partition: number, isLeader: boolean, leaderEpoch: number): void;
  /** Every cluster event, after it is emitted. */
  onEvent?(event: ClusterEvent): void;
  /**
   * Last stable offset of a partition at its leader (KIP-98): the first offset of the earliest open
   * transaction, or null to mean "no open transaction" (then lastStableOffset = highWatermark).
   */
  firstUnstableOffset?(brokerId: number, topic: string, partition: number): number | null;
  /** InitProducerId with a transactional.id (transaction coordinator); return null to decline. */
  initTransactionalProducerId?(brokerId: number, transactionalId: string, producerId: number, producerEpoch: number): InitProducerIdResult | null;
  /** Re-applies an input this extension logged with `cluster.extensionInput` (trace replay). */
  replayInput?(input: unknown): void;
  /** Fills extension-owned parts of a snapshot (e.g. view.groups). Must not change the model. */
  contributeToView?(view: ClusterView): void;
  /** Aborted transactions overlapping [fetchOffset, upToOffset) for read_committed fetches. */
  abortedTransactions?(brokerId: number, topic: string, partition: number, fetchOffset: number, upToOffset: number): { producerId: number; firstOffset: number }[];
}

/** Services a coordinator extension may use (beyond the client API). */
export interface ClusterServices {
  now(): number;
  /** Schedules a model event after delayMs. Only call from inside model processing or an input. */
  schedule(delayMs: number, label: string, run: () => void): void;
  /** Creates an internal topic (e.g. __consumer_offsets, compact, 50 partitions) if absent. */
  ensureInternalTopic(name: string, partitions: number, replicationFactor: number, configs: Record<string, string>): void;
  /**
   * Appends one batch at the partition leader on brokerId with coordinator origin: control batches
   * allowed, internal topics writable, producer epoch checked but not sequence numbers (Kafka's
   * AppendOrigin.COORDINATOR); completes like a produce with the given acks.
   */
  appendAsCoordinator(brokerId: number, topic: string, partition: number, batch: Buffer, acks: -1 | 1, timeoutMs: number, done: (r: ProducePartitionResult) => void): void;
  /** Leader of a partition in the active controller's metadata, -1 when offline. */
  leaderOf(topic: string, partition: number): number;
  /** Number of partitions of a topic (controller metadata), or null when it does not exist. */
  partitionCount(topic: string): number | null;
  /**
   * Stored batches (byte for byte; do not mutate) of brokerId's replica from the batch containing
   * fromOffset up to its logEndOffset; empty when the broker holds no replica.
   */
  readLog(brokerId: number, topic: string, partition: number, fromOffset: number): Buffer[];
  /** Offsets of brokerId's replica, or null when it holds none. */
  replicaOffsets(brokerId: number, topic: string, partition: number): { logStartOffset: number; highWatermark: number; logEndOffset: number; leaderEpoch: number } | null;
  /** A fresh producerId from the controller (InitProducerId). */
  allocateProducerId(): number;
  /** Effective cluster-wide broker config value (Kafka name), or null if unknown. */
  brokerConfig(name: string): string | null;
  /** Appends to the cluster's typed event stream (stamped with simulated time and seq). */
  emit(event: ClusterEventBody): void;
}

/** The cluster as the wire layer, host, CLI and tests see it. */
export interface KafkaCluster {
  readonly clusterId: string;
  readonly seed: number;

  // -- time
  /** Current simulated time (ms). */
  now(): number;
  /** Runs every model event due up to timeMs (simulated), then sets the clock there. */
  runUntil(timeMs: number): void;
  /** Time of the next scheduled model event (Infinity if none). */
  nextEventTime(): number;

  // -- client APIs (brokerId = the broker the request arrived at)
  /**
   * Produce (key 0). `done` is called exactly once: synchronously for errors and acks 0/1, from
   * event processing for acks=-1 (when the highWatermark passes the batch, the ISR shrinks below
   * min.insync.replicas after the append, leadership is lost, or timeoutMs passes). Called from
   * inside a completion callback, the whole call is deferred to the end of the running event.
   * Record sets are copied before the call returns: the caller may reuse its buffers at once.
   */
  produce(brokerId: number, request: ProduceRequest, done: (result: ProduceResult) => void, client?: FlowClientRef): void;
  /**
   * Fetch (key 1) for consumers: reads up to the highWatermark (or lastStableOffset). Read-only.
   * `client` (here and on produce) names the sender for the flow sample only (flow/flow-recorder.ts):
   * it is not part of the request, not logged as an input, and changes nothing the model does.
   */
  fetch(brokerId: number, request: FetchRequest, client?: FlowClientRef): FetchResult;
  /**
   * Starts sampling records in motion for the cluster map (flow/flow-recorder.ts; observation
   * only, never in the input log or the trace). Optional: remote clusters and fakes have none.
   */
  enableFlow?(options?: FlowRecorderOptions): void;
  /** The flow sample of the last `windowMs` simulated ms; null when not enabled. */
  flowView?(windowMs?: number): FlowView | null;
  /**
   * Long-poll support for MaxWaitMs/MinBytes: `wake('data')` once any listed partition's
   * highWatermark, logEndOffset or leadership moves on that broker, or `wake('timeout')` after
   * maxWaitMs of simulated time. One-shot; cancel() is idempotent. Not an input (does not affect the run).
   */
  waitForData(brokerId: number, partitions: { topic: string; partition: number }[], maxWaitMs: number, wake: (reason: 'data' | 'timeout') => void): DataWait;
  /** Metadata (key 3); topics null = all. May auto-create topics (logged as an input). */
  metadata(brokerId: number, topics: string[] | null, allowAutoCreate: boolean): MetadataResult;
  /** Topic name for a topic id (base64url) in this broker's metadata image, or null (UNKNOWN_TOPIC_ID). O(1) amortised. */
  topicNameById(brokerId: number, topicId: string): string | null;
  listOffsets(brokerId: number, isolationLevel: 0 | 1, partitions: ListOffsetsPartitionRequest[]): ListOffsetsPartitionResult[];
  offsetForLeaderEpoch(brokerId: number, partitions: OffsetForLeaderEpochPartitionRequest[]): OffsetForLeaderEpochPartitionResult[];
  /**
   * DeleteRecords (key 21): offset -1 means the highWatermark; beyond it OFFSET_OUT_OF_RANGE.
   * Completes once the leader's logStartOffset moved (followers follow on their next fetch; Kafka's
   * DelayedDeleteRecords would wait for them).
   */
  deleteRecords(brokerId: number, partitions: { topic: string; partition: number; offset: number }[], timeoutMs: number, done: (r: DeleteRecordsPartitionResult[]) => void): void;
  createTopics(brokerId: number, topics: CreatableTopic[], validateOnly: boolean): CreateTopicResult[];
  deleteTopics(brokerId: number, topics: string[]): TopicErrorResult[];
  createPartitions(brokerId: number, topics: { name: string; count: number; assignments?: number[][] | null }[], validateOnly: boolean): TopicErrorResult[];
  describeConfigs(brokerId: number, resources: (ConfigResourceRef & { configNames: string[] | null })[]): DescribeConfigsResult[];
  alterConfigs(brokerId: number, resources: (ConfigResourceRef & { configs: Record<string, string | null> })[], validateOnly: boolean): AlterConfigsResult[];
  incrementalAlterConfigs(brokerId: number, resources: (ConfigResourceRef & { configs: { name: string; op: IncrementalOp; value: string | null }[] })[], validateOnly: boolean): AlterConfigsResult[];
  describeCluster(brokerId: number): DescribeClusterResult;
  /** DescribeLogDirs (key 35): topics null = all partitions on this broker. */
  describeLogDirs(brokerId: number, topics: { topic: string; partitions: number[] }[] | null): LogDirDescription[];
  /** ElectLeaders (key 43): 0 preferred, 1 unclean; partitions null = all. */
  electLeaders(brokerId: number, electionType: 0 | 1, partitions: { topic: string; partition: number }[] | null): ElectLeadersPartitionResult[];
  /** AlterPartitionReassignments (key 45): replicas null cancels an ongoing reassignment. */
  alterPartitionReassignments(brokerId: number, partitions: { topic: string; partition: number; replicas: number[] | null }[]): ReassignmentResult[];
  listPartitionReassignments(brokerId: number, partitions: { topic: string; partition: number }[] | null): OngoingReassignment[];
  /** InitProducerId (key 22) without transactional.id: allocates from the controller's producer-id block. */
  initProducerId(brokerId: number, transactionalId: string | null, producerId: number, producerEpoch: number): InitProducerIdResult;

  // -- host
  /**
   * A user command (UI button, CLI line); logged as an input. `stop-broker` is a controlled shutdown
   * unless `controlled: false` (a crash: the controller notices after broker.session.timeout.ms).
   * Speed, pause, resume and step belong to the wall-clock driver and are refused here.
   */
  command(command: ClusterCommand): CommandResult;
  /**
   * Issue 18: the request fault action for a wire request, consuming one hit of the rule that
   * matches it (logged as an input, with a `request-fault-injected` event), or null when no rule
   * matches (nothing logged). The wire asks before handling each request.
   */
  takeRequestFault(request: FaultableRequest): RequestFaultAction | null;
  /** Where a broker's listener is (shown in metadata and the view). Not an input. */
  setBrokerEndpoint(brokerId: number, host: string, port: number): void;
  /** Whether a broker is running (the host opens/closes listeners accordingly). */
  isBrokerRunning(brokerId: number): boolean;
  /**
   * The ClusterView. Rebuilds only the partitions that changed since the previous call and hands
   * out the previous objects for the rest (view/snapshot.ts: ≈3 ms at 10,000 partitions with 100
   * changing, where reading every replica took 17–33 ms). `{ replicaStates: { topics: [selected] } }`
   * (or 'none') leaves per-replica log detail out of the view for the other topics: a smaller view
   * to send, not less work.
   */
  snapshot(options?: { replicaStates?: 'all' | 'none' | { topics: string[] } }): ClusterView;
  /** Subscribes to the event stream; returns an unsubscribe function. */
  onEvent(listener: ClusterEventListener): () => void;
  /**
   * The replayable run { seed, config, inputLog, endTimeMs }. Throws (with inputLogStatus().reason)
   * when the input log is off or was dropped at its budget: a partial log would not replay.
   */
  exportTrace(): ClusterTrace;
  /** Whether exportTrace can succeed, and how much memory the input log holds. */
  inputLogStatus(): InputLogStatus;

  // -- extensions (issue 4)
  registerExtension(extension: ClusterExtension): void;
  /**
   * Logs a client request an extension handles (so a trace replays it through
   * `extension.replayInput(input)`), then runs `apply`. `input` must be JSON-serialisable
   * (Buffers allowed). Call it from outside event processing, like other inputs.
   */
  extensionInput<T>(extension: string, input: unknown, apply: () => T): T;
  readonly services: ClusterServices;
}
