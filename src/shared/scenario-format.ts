/**
 * The scenario document (issue 13): a scripted, checked Kafka lesson as JSON. Pure types; the
 * published JSON Schema is resources/scenarios/scenario.schema.json (draft 2020-12) and the
 * engine (src/broker/scenario/) validates a file against it, then checks references and bounds
 * (`parseScenario`). Times are milliseconds of SIMULATED time from the scenario's start; rates
 * are records per simulated second. Kafka config names are Kafka's own (`min.insync.replicas`,
 * `retention.ms`, …), values strings as in server.properties.
 *
 * Broker ids are 1..cluster.brokers; dedicated controller node ids are 3000.. (as the hosts
 * number them, src/broker/host/cluster-host.ts DEDICATED_CONTROLLER_BASE_ID).
 *
 * Later changes to this file are additive only (h-stories and h-app build on it).
 */
import type { ClusterCommand } from './cluster-commands';
import type { ClusterShape } from './cluster-shape';

export const SCENARIO_FORMAT_VERSION = 1;

/** Bounds on outside input (ARCHITECTURE §1 "Containment"): a larger file or run is refused. */
export const SCENARIO_LIMITS = {
  /** Bytes of the JSON text. */
  maxFileBytes: 1024 * 1024,
  maxBrokers: 9,
  maxControllers: 5,
  maxTopics: 20,
  maxPartitionsPerTopic: 64,
  maxPartitionsTotal: 200,
  maxProducers: 12,
  /** Records per second, per producer. */
  maxRatePerProducer: 500,
  /** Records per second, summed over producers. */
  maxRateTotal: 2000,
  maxGroups: 12,
  maxMembersPerGroup: 16,
  /** Simulated duration: ten minutes. */
  maxDurationMs: 600_000,
  maxSteps: 200,
  maxActionsPerStep: 20,
  maxExpectations: 100,
  /** Bytes of padding per record value. */
  maxValueBytes: 2 * 1024 * 1024,
} as const;

export interface ScenarioDocument {
  /** URL or path of the JSON Schema (editors use it); ignored by the engine. */
  $schema?: string;
  formatVersion: 1;
  /** Identifier: lower-case letters, digits and dashes ("acks-1-loses-acknowledged"); the built-in file is <name>.json. */
  name: string;
  /** Human title ("acks=1 loses acknowledged records"). */
  title: string;
  /** One line for `npm run scenario -- --list` and the picker. */
  summary: string;
  /** Kafka concepts the lesson teaches, in Kafka's words ("high watermark", "ISR", "leader epoch"). */
  concepts?: string[];
  /** Default seed of every random choice (CLI --seed and the host override it). Default 1. */
  seed?: number;
  /** Simulated ms the scenario runs for; expectations without atMs are checked at its end. */
  durationMs: number;
  cluster: ScenarioCluster;
  /** Topics created before time 0, in order. */
  topics: ScenarioTopic[];
  producers?: ScenarioProducer[];
  consumerGroups?: ScenarioConsumerGroup[];
  /** Named pipelines the report counts per lane (delivery-semantics scenarios). */
  lanes?: ScenarioLane[];
  /** Timed steps, in non-decreasing atMs. */
  steps: ScenarioStep[];
  expectations?: ScenarioExpectation[];
}

export interface ScenarioCluster extends ClusterShape {
  /**
   * broker.rack of each broker in id order (index 0 is broker 1); absent or shorter: no rack.
   * Rack-aware replica assignment spreads replicas over racks (KIP-36).
   */
  racks?: (string | null)[];
  /** Static broker configs, cluster-wide (server.properties), e.g. { "min.insync.replicas": "2", "unclean.leader.election.enable": "false" }. */
  brokerConfig?: Record<string, string>;
}

export interface ScenarioTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Topic configs (Kafka names): cleanup.policy, retention.ms, min.insync.replicas, max.message.bytes, … */
  configs?: Record<string, string>;
  /** Explicit replica assignment, one broker-id list per partition (the first is the preferred leader); length must equal partitions. */
  replicaAssignment?: number[][];
}

/** How a producer chooses record keys. */
export type ScenarioKeys =
  /** Null keys: the Java producer's built-in partitioner sticks to a partition per batch (KIP-480); here round-robin per record. */
  | { distribution: 'none' }
  /** Keys "k0".."k{count-1}" in turn; murmur2(key) % partitions as Kafka's default partitioner. */
  | { distribution: 'round-robin'; count: number }
  /** Keys drawn uniformly from "k0".."k{count-1}" (seeded). */
  | { distribution: 'uniform'; count: number }
  /** One hot key "k0" with probability hotShare (0..1), the rest uniform over count keys. */
  | { distribution: 'hot'; count: number; hotShare: number };

/**
 * A simulated producer that behaves like the Java KafkaProducer (RecordAccumulator batching,
 * Sender retries, idempotent sequence numbers). Every record's value is "<name>-<sequence>"
 * (padded to valueBytes), its unique id for the accounting. Defaults are the Java client's.
 */
export interface ScenarioProducer {
  /** client.id and the prefix of record ids; unique among producers. */
  name: string;
  topic: string;
  /** Records per simulated second. */
  ratePerSec: number;
  /** Stop after this many records (default: no limit). */
  maxRecords?: number;
  /** Simulated ms it starts sending; default 0. null: only a `producer-start` step starts it. */
  startAtMs?: number | null;
  /** Simulated ms it stops sending (like close(): in-flight batches still complete); default: never. */
  stopAtMs?: number;
  /** Default { distribution: "none" }. */
  keys?: ScenarioKeys;
  /** Default "all" (Java producer since 3.0). 0: fire and forget, never acknowledged by the broker (counted acknowledged when sent). */
  acks?: 0 | 1 | 'all';
  /**
   * enable.idempotence. Default: true when acks is "all" and no transactionalId forbids it
   * otherwise, false when acks is 0 or 1 (KAFKA-13598: the default yields to conflicting configs;
   * setting it true with acks 0/1 is a ConfigException, "Must set acks to all in order to use the idempotent producer").
   */
  enableIdempotence?: boolean;
  /** transactional.id: the producer runs transactions of recordsPerTransaction records (needs acks "all"). */
  transactionalId?: string;
  /** Records per transaction (default 10). */
  recordsPerTransaction?: number;
  /** Share of transactions aborted, 0..1 (seeded; default 0). */
  abortRatio?: number;
  /** retries (default 2147483647). */
  retries?: number;
  /** delivery.timeout.ms: a batch fails with its last error after this long (default 120000). */
  deliveryTimeoutMs?: number;
  /** request.timeout.ms (default 30000). */
  requestTimeoutMs?: number;
  /** retry.backoff.ms (default 100). */
  retryBackoffMs?: number;
  /** linger.ms: records wait this long to fill a batch (default 5, Java 4.0). */
  lingerMs?: number;
  /** Bytes of each record value (the id, padded with '.'); default: just the id. */
  valueBytes?: number;
}

/** When a consumer commits its position relative to processing a polled batch. */
export type ScenarioCommitStrategy =
  /** enable.auto.commit=true: the position of the previous poll is committed every auto.commit.interval.ms (ConsumerCoordinator.maybeAutoCommitOffsetsAsync). */
  | 'auto'
  /** commitSync right after poll, then process: at-most-once. */
  | 'before-processing'
  /** process the batch, then commitSync: at-least-once. */
  | 'after-processing'
  /** read-process-write in a transaction: produce to output.topic, sendOffsetsToTransaction, commitTransaction; isolation.level=read_committed: exactly-once (KIP-98, KIP-447). */
  | 'transactional';

export interface ScenarioMember {
  /** client.id; unique in its group; steps name it. */
  name: string;
  /** group.instance.id: static membership (KIP-345); a restart within session.timeout.ms causes no rebalance. */
  groupInstanceId?: string;
  /** Simulated ms the member starts polling; default 0. null: only a `member-join` step starts it. */
  startAtMs?: number | null;
}

export interface ScenarioConsumerGroup {
  groupId: string;
  topics: string[];
  members: ScenarioMember[];
  /** Processing time per record, ms (the consumer is busy that long per record before its next poll). */
  processingMsPerRecord: number;
  commit: ScenarioCommitStrategy;
  /** auto.commit.interval.ms for commit "auto" (default 5000). */
  autoCommitIntervalMs?: number;
  /** session.timeout.ms (default 45000, Java since 3.0). */
  sessionTimeoutMs?: number;
  /** heartbeat.interval.ms (default 3000). */
  heartbeatIntervalMs?: number;
  /** max.poll.records (default 500). */
  maxPollRecords?: number;
  /** auto.offset.reset when there is no committed offset or it is out of range (default "latest"; "none" surfaces OFFSET_OUT_OF_RANGE / NoOffsetForPartition). */
  autoOffsetReset?: 'earliest' | 'latest' | 'none';
  /** isolation.level (default read_uncommitted; "transactional" forces read_committed). */
  isolationLevel?: 'read_uncommitted' | 'read_committed';
  /** transaction.timeout.ms of the transactional members (default 60000): an open transaction of a crashed member is aborted after it. */
  transactionTimeoutMs?: number;
  /** Required with commit "transactional": where each processed record is written, and the transactional.id prefix (member name appended). */
  output?: { topic: string; transactionalIdPrefix?: string };
}

/**
 * A lane: a named pipeline counted on its own. With `group`, the lane counts records processed
 * by that group from what its producers had acknowledged into its input; without, it counts the
 * producer's acknowledged records against the final logs.
 */
export interface ScenarioLane {
  name: string;
  title: string;
  /** The producer feeding the lane (its acknowledged records are the lane's input). */
  producer: string;
  /** The consumer group processing the lane; absent for a producer-side lane. */
  group?: string;
}

/** Something a step does to the simulated clients (beyond ClusterCommand). */
export type ScenarioClientAction =
  /** Start (or restart) a member: JoinGroup. */
  | { type: 'member-join'; group: string; member: string }
  /** Kill a member's process: no LeaveGroup; the coordinator notices after session.timeout.ms. */
  | { type: 'member-crash'; group: string; member: string }
  /** Close a member: LeaveGroup at once (dynamic members), immediate rebalance. */
  | { type: 'member-leave'; group: string; member: string }
  /** Start a producer (a fresh instance: InitProducerId, new producerId or epoch bump for a transactional.id). */
  | { type: 'producer-start'; producer: string }
  /** Close a producer gracefully: no new records; in-flight ones complete. */
  | { type: 'producer-stop'; producer: string }
  /** Freeze a producer without closing it: it keeps its producerId and epoch (a zombie, KIP-98). */
  | { type: 'producer-crash'; producer: string }
  /** Wake a crashed producer with its OLD producerId/epoch (the zombie comes back; fenced if a newer instance bumped the epoch). */
  | { type: 'producer-resume'; producer: string }
  /**
   * The producer sends one record with this key and a null value: a tombstone, which deletes the
   * key from a compacted topic (the cleaner drops older values of the key, and the tombstone itself
   * after delete.retention.ms). Not counted as a record of the accounting. Non-transactional producers only.
   */
  | { type: 'producer-tombstone'; producer: string; key: string }
  /** CreatePartitions: raise a topic's partition count (keys then map to other partitions). */
  | { type: 'create-partitions'; topic: string; totalCount: number }
  /** kafka-consumer-groups --reset-offsets for one partition (all when absent) while members consume: they jump to the offset. */
  | { type: 'seek'; group: string; topic: string; partition?: number; offset: number | 'earliest' | 'latest' };

/** A cluster command (faults, recoveries, configs, elections, reassignments) or a client action. */
export type ScenarioAction = ClusterCommand | ScenarioClientAction;

/** A multiple-choice question asked before the step runs; its answer is revealed after. */
export interface ScenarioPredict {
  question: string;
  choices: string[];
  /** Index into choices of the right one. */
  answer: number;
  /** Why, shown with the answer. */
  explanation: string;
}

export interface ScenarioStep {
  /** Simulated ms from the start. */
  atMs: number;
  title: string;
  /** What the narrator says at this step. */
  text?: string;
  /** Run in order at atMs. */
  actions?: ScenarioAction[];
  /** The hosted player pauses at atMs until the presenter reveals. */
  predict?: ScenarioPredict;
}

/** Comparisons of one number; at least one is given. */
export interface ScenarioComparison {
  eq?: number;
  min?: number;
  max?: number;
}

export type ScenarioMeasure =
  /** Records acknowledged and then absent from the final log (producer), or acknowledged and never processed (lane). */
  | { check: 'lost'; producer?: string; lane?: string }
  /** Ids processed more than once (lane), or ids appearing more than once in the log (producer). */
  | { check: 'duplicated'; producer?: string; lane?: string }
  /** Records acknowledged to the producer (acks=0: sent). */
  | { check: 'acknowledged'; producer: string }
  /** Records whose send failed (delivery.timeout.ms, non-retriable error), optionally only with errorName. */
  | { check: 'failed'; producer: string; errorName?: string }
  /** Distinct ids a lane processed. */
  | { check: 'processed'; lane: string }
  /** Leader broker id of a partition (-1: none, offline). */
  | { check: 'leader'; topic: string; partition: number }
  /** Leader epoch of a partition (controller's record). */
  | { check: 'leader-epoch'; topic: string; partition: number }
  /** ISR size; with `brokers`, the ISR must also be exactly that set. */
  | { check: 'isr'; topic: string; partition: number; brokers?: number[] }
  | { check: 'high-watermark'; topic: string; partition: number }
  | { check: 'log-start-offset'; topic: string; partition: number }
  /** Sum of (logEndOffset − committed offset) over the group's partitions of topic (all topics when absent). */
  | { check: 'lag'; group: string; topic?: string }
  /** Committed offset of a group's partition (-1: none). */
  | { check: 'committed-offset'; group: string; topic: string; partition: number }
  /** How many times a client (producer or member name) saw a Kafka error (NOT_ENOUGH_REPLICAS, PRODUCER_FENCED, OFFSET_OUT_OF_RANGE, …). */
  | { check: 'error-seen'; client: string; errorName: string }
  /** Rebalances (new generations) a group went through. */
  | { check: 'rebalances'; group: string };

/** An expected outcome: a measure compared at atMs (default: the end). */
export type ScenarioExpectation = ScenarioMeasure & ScenarioComparison & {
  /** Simulated ms to measure at; default durationMs. */
  atMs?: number;
  /** Shown with the result. */
  description?: string;
};

export type ScenarioCheck = ScenarioMeasure['check'];
