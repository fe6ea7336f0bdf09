/**
 * ClusterView: the serialisable snapshot of a cluster that every view draws.
 *
 * Produced by the embedded simulation (src/broker/cluster) and, later, by remote clusters read
 * through kafkajs. Plain JSON data only (no Map, no bigint, no class instances) so it crosses
 * Electron IPC and the serve-mode WebSocket unchanged. Offsets and timestamps are JS numbers
 * (int64 in Kafka; the simulation stays far below 2^53). Times are milliseconds of *simulated*
 * time unless a field says otherwise.
 */
import type { RequestFaultView } from './request-faults';
import type { SecurityView } from './security-view';
import type { FlowView } from './flow-view';
import type { HostSessionView } from './host-session-contract';
import type { ClusterMetricsView } from './cluster-metrics-view';
import type { ListenerSecurityView } from './listener-view';

export type BrokerState = 'running' | 'stopped' | 'isolated' | 'fenced';

export interface BrokerView {
  brokerId: number;
  rack: string | null;
  host: string;
  /** Listener port; 0 when the broker has no listener (pure model, tests). */
  port: number;
  state: BrokerState;
  isActiveController: boolean;
  /** Partitions this broker currently leads. */
  leaderCount: number;
  /** Replicas (leader or follower) assigned to this broker. */
  replicaCount: number;
  /** Client and replication bytes per second, averaged over the last few seconds of simulated time. */
  bytesInPerSec: number;
  bytesOutPerSec: number;
  /**
   * Simulated time (ms) of this broker's next retention check (Kafka's LogManager "kafka-log-retention"
   * task, every log.retention.check.interval.ms); null while the broker is stopped; absent for
   * remote clusters and fakes.
   */
  nextRetentionCheckMs?: number | null;
  /**
   * Simulated time (ms) of the broker's last heartbeat the active controller received (KRaft
   * BrokerHeartbeatRequest); null when no controller is active. Absent for remote clusters and fakes.
   */
  lastHeartbeatMs?: number | null;
  /**
   * Simulated time (ms) at which the active controller fences this broker unless a heartbeat
   * arrives first: lastHeartbeatMs + broker.session.timeout.ms (KRaft BrokerHeartbeatManager,
   * KIP-631). null when already fenced, shutting down or no controller is active. Absent for
   * remote clusters and fakes. The map's failover countdown reads it (issue 14).
   */
  sessionExpiresAtMs?: number | null;
}

/** A broker's configs as DescribeConfigs reports them; brokerId null is the cluster-wide default (Kafka's resource name ""). */
export interface BrokerConfigsView {
  brokerId: number | null;
  configs: ConfigEntryView[];
}

export interface ControllerQuorumView {
  /** Broker ids that vote in the KRaft-style quorum. */
  voters: number[];
  activeControllerId: number | null;
  /** Raises on every controller election (KRaft "leader epoch" of the metadata log). */
  controllerEpoch: number;
  /** Offset of the last record in the metadata log; raises on every metadata change. */
  metadataEpoch: number;
  /**
   * Kafka's deployment shape (process.roles): 'combined' — every voter is also a broker
   * (process.roles=broker,controller; the voters are the first up-to-3 brokers); 'dedicated' —
   * the voters are controller-only nodes (process.roles=controller) with their own node ids, and
   * the brokers are process.roles=broker. Absent on views that predate it: read as 'combined'.
   */
  processRoles?: 'combined' | 'dedicated';
  /** One entry per voter, in voter order (dedicated controllers, or the combined brokers). */
  nodes?: ControllerNodeView[];
  /** Whether a majority of voters can reach each other, and if not, why. */
  quorum?: QuorumHealthView;
}

export interface ControllerNodeView {
  nodeId: number;
  /** 'broker,controller' in combined mode, 'controller' for a dedicated controller node. */
  processRoles: 'controller' | 'broker,controller';
  state: 'running' | 'stopped' | 'isolated';
  isActive: boolean;
}

export interface QuorumHealthView {
  /** True when more than half the voters are running and reach each other. */
  hasMajority: boolean;
  /** The largest group of running voters that reach each other (both directions). */
  reachableVoters: number[];
  stoppedVoters: number[];
  /** Running, but cut off from that group (isolated, or links cut). */
  cutOffVoters: number[];
  /** Simulated time the majority was lost, while it is lost; else null. */
  lostSinceMs: number | null;
}

export type ConfigSource =
  | 'DEFAULT_CONFIG'
  | 'STATIC_BROKER_CONFIG'
  | 'DYNAMIC_BROKER_CONFIG'
  | 'DYNAMIC_DEFAULT_BROKER_CONFIG'
  | 'DYNAMIC_TOPIC_CONFIG';

export interface ConfigEntryView {
  name: string;
  value: string | null;
  defaultValue: string | null;
  source: ConfigSource;
  readOnly: boolean;
  sensitive: boolean;
  /** One line, for the config editor's help text. */
  documentation: string;
}

export interface SegmentView {
  baseOffset: number;
  /** Offset after the last record in the segment. */
  endOffset: number;
  sizeBytes: number;
}

export interface ReplicaView {
  brokerId: number;
  logStartOffset: number;
  logEndOffset: number;
  /** The high watermark as this replica knows it (followers learn it from fetch responses). */
  highWatermark: number;
  /**
   * The flushed offset (Kafka's recoveryPoint): records below it were fsynced; those from it to
   * logEndOffset are only in the OS page cache, lost on a power loss (flush.messages / flush.ms).
   */
  flushedOffset: number;
  sizeBytes: number;
  segments: SegmentView[];
  /** Simulated time this replica was last caught up to the leader's logEndOffset. */
  lastCaughtUpTimeMs: number;
  /** True when the hosting broker is not running (replica offline). */
  offline: boolean;
}

export interface PartitionView {
  partition: number;
  /** Leader broker id, or -1 when the partition is offline. */
  leader: number;
  leaderEpoch: number;
  replicas: number[];
  inSyncReplicas: number[];
  offlineReplicas: number[];
  /** The first replica: the preferred leader. */
  preferredLeader: number;
  highWatermark: number;
  logStartOffset: number;
  logEndOffset: number;
  /** Last stable offset (≤ highWatermark); equals highWatermark without open transactions. */
  lastStableOffset: number;
  /** Present while a reassignment is in progress. */
  reassignment: { addingReplicas: number[]; removingReplicas: number[] } | null;
  replicaStates: ReplicaView[];
  /**
   * Background log work that failed on a replica of this partition and stopped there (absent when
   * none): a failed cleaner marks the partition uncleanable on that broker, as Kafka's
   * LogCleanerManager does. Gone when the replica is recreated (topic deleted and created again, replica moved).
   */
  logFailures?: LogTaskFailureView[];
}

export type LogTask = 'cleaner' | 'retention' | 'segment-roll';

export interface LogTaskFailureView {
  brokerId: number;
  task: LogTask;
  reason: string;
  /** Simulated time of the failure (ms). */
  timeMs: number;
}

export interface TopicView {
  name: string;
  /** Stable non-zero UUID for the topic's lifetime, in Kafka's base64url form. */
  topicId: string;
  internal: boolean;
  replicationFactor: number;
  partitions: PartitionView[];
  configs: ConfigEntryView[];
  /** Records produced per second (leader appends), averaged over the last few seconds. */
  produceRatePerSec: number;
  /** Bytes held by the leaders' logs. */
  sizeBytes: number;
}

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface GroupMemberView {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  /** Decoded ConsumerProtocol assignment (display only). */
  assignment: { topic: string; partitions: number[] }[];
  /** Decoded ConsumerProtocol subscription topics (display only); absent for other protocol types. */
  subscribedTopics?: string[];
  /** ConsumerProtocol subscription version: 0 eager, 1+ may carry ownedPartitions (KIP-429 cooperative). */
  subscriptionVersion?: number;
  sessionTimeoutMs?: number;
  rebalanceTimeoutMs?: number;
  /** Simulated time of the member's last heartbeat, join, sync or commit (ms). */
  lastHeartbeatMs?: number;
}

export interface GroupPartitionLagView {
  topic: string;
  partition: number;
  committedOffset: number;
  /** highWatermark, or lastStableOffset for read_committed groups. */
  endOffset: number;
  /** endOffset − max(committedOffset, logStartOffset), ≥ 0. */
  lag: number;
  /** Age in ms of the record at the committed offset; 0 when caught up. */
  timeLagMs: number;
  memberId: string | null;
}

export interface GroupView {
  groupId: string;
  state: GroupState;
  protocolType: string;
  protocol: string;
  generationId: number;
  leaderId: string | null;
  coordinatorId: number;
  members: GroupMemberView[];
  offsets: GroupPartitionLagView[];
  totalLag: number;
  /** Lag is measured against the lastStableOffset (the group commits through transactions, KIP-98/447). */
  readCommitted?: boolean;
  /** The __consumer_offsets partition holding the group (its leader is the coordinator). */
  offsetsPartition?: number;
  /** Simulated time the group entered its state (ms). */
  stateTimestampMs?: number;
}

/** Transaction states of Kafka's TransactionMetadata (KIP-98). */
export type TransactionStateName =
  | 'Empty' | 'Ongoing' | 'PrepareCommit' | 'PrepareAbort' | 'CompleteCommit' | 'CompleteAbort' | 'Dead' | 'PrepareEpochFence';

export interface TransactionView {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  state: TransactionStateName;
  /** ms */
  transactionTimeoutMs: number;
  /** Simulated time the ongoing transaction started (ms), -1 when none. */
  transactionStartTimeMs: number;
  coordinatorId: number;
  partitions: { topic: string; partitions: number[] }[];
}

export interface ConnectionView {
  connectionId: string;
  brokerId: number;
  clientAddress: string;
  clientId: string | null;
  clientSoftwareName: string | null;
  clientSoftwareVersion: string | null;
  /** API name → versions used. */
  apis: { apiKey: number; apiName: string; versions: number[]; requests: number }[];
  bytesIn: number;
  bytesOut: number;
  connectedAtMs: number;
  /** Topics and partitions this connection sent Produce requests for (absent: none, or not known for this cluster). */
  produced?: { topic: string; partitions: number[] }[];
  /** Topics and partitions this connection fetched from (Fetch; a topicId the broker cannot name is shown as the id). */
  fetched?: { topic: string; partitions: number[] }[];
  /** Consumer group ids named by this connection's FindCoordinator (keyType 0), JoinGroup, OffsetCommit or OffsetFetch. */
  groupIds?: string[];
  /** The client software, reported (KIP-511) or inferred, with what it rests on (src/broker/wire/client-software.ts). Absent: unknown. */
  software?: ClientSoftwareView;
  /** A client the lab's own UI started (the workbench; client.id kafka-lab-ui-…). */
  startedByLab?: boolean;
  /** Issue 16: the listener the connection came in on, its security protocol and the authenticated principal (`User:alice`, `User:ANONYMOUS`). */
  security?: { listenerName: string; securityProtocol: string; principal: string; saslMechanism: string | null };
}

export interface ClientSoftwareView {
  name: string;
  version: string | null;
  /** reported: the client said so (ApiVersions v3+, KIP-511); inferred: our reading of what it sent. */
  source: 'reported' | 'inferred';
  /** What the name rests on, for the tooltip. */
  basis: string;
}

/** Whether the session can still be exported as a replayable trace (the model's input log). */
export interface InputLogView {
  /** full: every input so far is kept; off: never recorded; dropped: passed its budget and released. */
  state: 'full' | 'off' | 'dropped';
  exportable: boolean;
  /** Approximate bytes the input log holds (0 once dropped). */
  bytes: number;
  /** The budget in bytes; null when unlimited. */
  limitBytes: number | null;
  /** Why export is impossible, in plain words; null when exportable. */
  reason: string | null;
}

export interface SimView {
  speed: number;
  paused: boolean;
  /** The input log behind "Export session"; absent when the host cannot export (remote clusters, fakes). */
  inputLog?: InputLogView;
  /** Issue 13: where the cluster came from (new cluster, scenario, replay) and the scenario's narration; absent for remote clusters and fakes. */
  session?: HostSessionView;
}

export interface ClusterView {
  clusterId: string;
  /** Seed of the simulation run; null for remote clusters. */
  seed: number | null;
  /**
   * Simulated time in ms since the Unix epoch. A hosted simulation (app, serve, `kafka-lab broker`)
   * starts at the real wall-clock time of host start; tests and replays start at their config's
   * startTimeMs (by default the fixed SIM_EPOCH_MS).
   */
  simTimeMs: number;
  /** The wall-clock driver's state; null for remote clusters. */
  sim: SimView | null;
  controller: ControllerQuorumView;
  brokers: BrokerView[];
  topics: TopicView[];
  groups: GroupView[];
  /** Transactional ids known to the transaction coordinators; absent for remote clusters. */
  transactions?: TransactionView[];
  connections: ConnectionView[];
  /** Inter-broker links set away from a healthy one (set-link), one entry per broker pair; absent for remote clusters. */
  links?: LinkView[];
  /** Issue 18: request fault rules still armed (src/shared/request-faults.ts); absent for remote clusters and fakes. */
  requestFaults?: RequestFaultView[];
  /** The active controller's periodic leader checks; absent for remote clusters. */
  leaderChecks?: LeaderChecksView;
  /** Broker configs per broker, then the cluster-wide default; absent for remote clusters and fakes. */
  brokerConfigs?: BrokerConfigsView[];
  /** Issue 14: Kafka's broker metrics under their JMX names, computed by the simulation; absent for remote clusters and fakes. */
  metrics?: ClusterMetricsView;
  /**
   * Records in motion for the cluster map (issue 14): a bounded sample of the last few seconds of
   * simulated time (src/broker/cluster/flow/flow-recorder.ts). Absent for remote clusters, fakes and
   * past views (the session history strips it).
   */
  flow?: FlowView;
  /** Issue 16: listeners and SCRAM users (names and mechanisms only); absent for remote clusters and fakes. */
  listenerSecurity?: ListenerSecurityView;
  /** Issue 16: the authorizer's settings, ACLs, client quotas and throttled connections; absent for remote clusters and fakes. */
  security?: SecurityView;
}

/** One simulated inter-broker link, both directions alike (the set-link command sets both). */
export interface LinkView {
  /** The lower broker id of the pair. */
  brokerA: number;
  brokerB: number;
  /** One-way latency in ms (a healthy link: 1 ms). */
  latencyMs: number;
  /** Share of transmissions dropped, 0..1; TCP retransmits them after its retransmission timeout (200 ms, doubling). */
  lossRate: number;
  /** Nothing gets through until the link is restored. */
  cut: boolean;
}

/**
 * The controller's periodic leader tasks (KRaft QuorumController: maybeBalancePartitionLeaders
 * every leader.imbalance.check.interval.seconds, maybeElectUncleanLeaders every
 * unclean.leader.election.interval.ms). Times are simulated ms; null when no controller is active.
 */
export interface LeaderChecksView {
  autoLeaderRebalanceEnable: boolean;
  /** leader.imbalance.per.broker.percentage */
  leaderImbalancePerBrokerPercentage: number;
  nextLeaderImbalanceCheckMs: number | null;
  nextUncleanLeaderElectionCheckMs: number | null;
  /** replica.lag.time.max.ms of the cluster (brokers' static config), for the texts that explain ISR shrink. */
  replicaLagTimeMaxMs: number;
  /** broker.session.timeout.ms: the controller fences a broker whose heartbeats stop this long. */
  brokerSessionTimeoutMs: number;
  /** unclean.leader.election.interval.ms */
  uncleanLeaderElectionIntervalMs: number;
}
