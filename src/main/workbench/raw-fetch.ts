/**
 * Direct Fetch and ListOffsets through kafkajs's own cluster and broker objects, for the message
 * browser, the live tail and "assigned" consumers. kafkajs 2.x has no assign(): its consumer
 * always joins a group, which would put every browser scan into the groups list (and needs the
 * group coordinator). Kafka's own tools read by assignment; so do we, through the same kafkajs
 * connection code, so these reads appear in the clients view with their client.id like any client.
 *
 * The cluster object is kafkajs's internal one (private symbol `private:Kafka:createCluster`),
 * typed here by the small surface we use; a kafkajs upgrade that renames it fails loudly.
 */
import { createRequire } from 'node:module';
import type { Kafka } from 'kafkajs';
import type { IsolationLevelName } from '../../shared/workbench-contract';

/** A record as kafkajs's RecordBatch v2 decoder returns it (offsets and timestamps as strings). */
export interface KafkajsMessage {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | null | (Buffer | null)[]>;
  isControlRecord: boolean;
  batchContext: {
    firstOffset: string;
    partitionLeaderEpoch: number;
    inTransaction: boolean;
    isControlBatch: boolean;
    producerId: string;
    producerEpoch: number;
    firstSequence: number;
    timestampType: number;
  };
}

export interface FetchedPartition {
  partition: number;
  errorCode: number;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
  /** Aborted records already removed for read_committed; control records (markers) kept. */
  messages: KafkajsMessage[];
  /**
   * Set when the response could not be decoded here (a corrupt batch, a decompression that broke
   * its byte budget, an unknown codec): the error's message. Retrying would decode the same bytes
   * again. kafkajs decodes a whole response at once, so with several partitions in one request
   * the bad one is not known: `alone` says whether this partition was the request's only one.
   */
  decodeError?: string;
  alone?: boolean;
}

/**
 * kafkajs errors about the request's path (connection, timeout, a broker's error code), worth a
 * retry. Anything else thrown while fetching was thrown decoding the response: kafkajs's own
 * KafkaJSInvalidVarIntError/KafkaJSNotImplemented, a RangeError reading past a buffer, or a codec
 * adapter's decompression error — the bytes themselves are bad.
 */
const retriableFetchErrors = new Set([
  'KafkaJSProtocolError', 'KafkaJSConnectionError', 'KafkaJSConnectionClosedError', 'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound', 'KafkaJSNumberOfRetriesExceeded', 'KafkaJSLockTimeout', 'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded', 'KafkaJSStaleTopicMetadataAssignment', 'KafkaJSOffsetOutOfRange',
]);

/** True when a fetch failed decoding the response rather than reaching the broker. */
export function isDecodeError(error: unknown): boolean {
  if (!(error instanceof Error)) return true;
  if (typeof (error as { code?: unknown }).code === 'number') return false;
  return !retriableFetchErrors.has(error.name);
}

/** One partition as a broker's Metadata answer describes it (kafkajs's decoded field names). */
export interface PartitionState {
  partition: number;
  /** Kafka error code of the partition in Metadata: 5 LEADER_NOT_AVAILABLE for an offline partition. */
  errorCode: number;
  /** -1 when the partition has no leader. */
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
}

/** A kafkajs protocol request (request + response decoder/parser), as Connection.send takes it. */
interface ProtocolRequest { response: { parse(data: unknown): Promise<unknown> } }

interface KafkajsBroker {
  isConnected(): boolean;
  connect(): Promise<void>;
  metadata(topics?: string[]): Promise<unknown>;
  lookupRequest(apiKey: number, definitions: unknown): (input: object) => ProtocolRequest;
  connectionPool: { send(request: ProtocolRequest): Promise<unknown> };
  listOffsets(request: { isolationLevel: number; topics: { topic: string; partitions: { partition: number; timestamp: number }[] }[] }): Promise<{ responses: { partitions: { partition: number; errorCode: number; offset: string }[] }[] }>;
  fetch(request: {
    replicaId?: number; isolationLevel: number; maxWaitTime: number; minBytes: number; maxBytes: number;
    topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
  }): Promise<{ responses: { topicName: string; partitions: (Omit<FetchedPartition, 'highWatermark' | 'lastStableOffset' | 'logStartOffset'> & { highWatermark: string; lastStableOffset: string; lastStartOffset?: string; abortedTransactions: unknown[] })[] }[] }>;
}

interface KafkajsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  refreshMetadata(): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number; leader: number }[];
  findBroker(request: { nodeId: number | string }): Promise<KafkajsBroker>;
  brokerPool: {
    seedBroker?: KafkajsBroker;
    brokers: Record<string, KafkajsBroker>;
    createBroker(options: object): KafkajsBroker;
  };
}

interface RawMetadata {
  topicMetadata: { topic: string; topicErrorCode: number; partitionMetadata: { partitionErrorCode: number; partitionId: number; leader: number; replicas: number[]; isr: number[]; offlineReplicas?: number[] }[] }[];
}

const require = createRequire(import.meta.url);
const kafkajsRequests = (require('kafkajs/src/protocol/requests') as { requests: { Metadata: unknown } }).requests;
const METADATA_API_KEY = 3;
const filterAbortedMessages = require('kafkajs/src/consumer/filterAbortedMessages') as (input: { messages: KafkajsMessage[]; abortedTransactions: unknown[] }) => KafkajsMessage[];

/** kafkajs's IsolationLevel values (Fetch/ListOffsets isolation_level). */
export const isolationLevelValue = (name: IsolationLevelName): number => (name === 'read_committed' ? 1 : 0);

/** Fetch-by-assignment over one kafkajs client's connections. */
export class RawFetcher {
  private readonly cluster: KafkajsCluster;
  private connected = false;
  /** topic → partition → leader, from partitionStates; used instead of kafkajs's metadata when set. */
  private readonly leaders = new Map<string, Map<number, number>>();

  constructor(kafka: Kafka, private readonly isolationLevel: IsolationLevelName) {
    const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
    if (!symbol) throw new Error('kafkajs internals changed: no private:Kafka:createCluster on the Kafka object');
    const create = (kafka as unknown as Record<symbol, (o: object) => KafkajsCluster>)[symbol]!;
    this.cluster = create({ isolationLevel: isolationLevelValue(isolationLevel), allowAutoTopicCreation: false });
    // kafkajs parses Metadata all-or-nothing: one leaderless partition of any topic it asks about
    // (all topics, when it has no target yet) throws LEADER_NOT_AVAILABLE for the whole refresh.
    // This client's brokers keep partition errors instead (leader -1), so reads of the other
    // partitions carry on. Only this fetcher's own kafkajs cluster object is changed.
    const pool = this.cluster.brokerPool;
    const createBroker = pool.createBroker.bind(pool);
    pool.createBroker = (options) => keepMetadataPartitionErrors(createBroker(options));
  }

  async connect(topic: string): Promise<void> {
    if (!this.connected) {
      await this.cluster.connect();
      this.connected = true;
    }
    await this.cluster.addTargetTopic(topic);
  }

  /** Connects without making any topic a metadata target (see partitionStates). */
  async connectOnly(): Promise<void> {
    if (this.connected) return;
    await this.cluster.connect();
    this.connected = true;
    // Learns the brokers (Metadata for no topic), so partitionStates and findBroker can reach them.
    await this.cluster.refreshMetadata();
  }

  /**
   * The topic's partitions as a broker's Metadata answers them, partition errors included. kafkajs
   * parses Metadata all-or-nothing (one LEADER_NOT_AVAILABLE partition throws for the topic), so
   * this client's brokers send kafkajs's own Metadata request with a parse that keeps the errors.
   * @returns null when the topic does not exist (UNKNOWN_TOPIC_OR_PARTITION); other topic errors throw.
   */
  async partitionStates(topic: string): Promise<PartitionState[] | null> {
    const raw = await this.askAnyBroker((broker) => broker.metadata([topic]) as Promise<RawMetadata>);
    const t = raw.topicMetadata.find((m) => m.topic === topic);
    if (!t || t.topicErrorCode === 3) return null;
    if (t.topicErrorCode !== 0) throw Object.assign(new Error(`Metadata for ${topic} answered error ${t.topicErrorCode}`), { code: t.topicErrorCode });
    const states = t.partitionMetadata.map((p): PartitionState => ({ partition: p.partitionId, errorCode: p.partitionErrorCode, leader: p.leader, replicas: p.replicas, isr: p.isr, offlineReplicas: p.offlineReplicas ?? [] }));
    this.leaders.set(topic, new Map(states.filter((p) => p.leader >= 0).map((p) => [p.partition, p.leader])));
    return states.sort((a, b) => a.partition - b.partition);
  }

  /**
   * ListOffsets for one partition at its leader (as partitionStates last saw it): timestamp -2 earliest, -1 latest (the
   * lastStableOffset under read_committed), or a time in ms. Throws kafkajs's error (with `type`).
   */
  async listOffset(topic: string, partition: number, timestamp: number): Promise<number> {
    const leader = this.leaders.get(topic)?.get(partition);
    if (leader === undefined) throw Object.assign(new Error(`${topic}-${partition} has no leader`), { type: 'LEADER_NOT_AVAILABLE', code: 5 });
    const broker = await this.cluster.findBroker({ nodeId: leader });
    const response = await broker.listOffsets({ isolationLevel: isolationLevelValue(this.isolationLevel), topics: [{ topic, partitions: [{ partition, timestamp }] }] });
    return Number(response.responses[0]?.partitions[0]?.offset ?? -1);
  }

  /**
   * Runs `ask` on the seed broker or any broker this client knows, connecting as needed, until one
   * answers. (kafkajs's withBroker gives up at the first broker it cannot connect to, and a
   * broker's metadata can still list a broker that was just stopped.)
   */
  private async askAnyBroker<T>(ask: (broker: KafkajsBroker) => Promise<T>): Promise<T> {
    const pool = this.cluster.brokerPool;
    const candidates = [...new Set([pool.seedBroker, ...Object.values(pool.brokers)])].filter((b): b is KafkajsBroker => b !== undefined);
    let lastError: unknown = new Error('no broker to ask');
    for (const broker of candidates) {
      try {
        if (!broker.isConnected()) await broker.connect();
        return await ask(broker);
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  }

  /** Partition ids of the topic, from the client's metadata. */
  partitions(topic: string): number[] {
    return this.cluster.findTopicPartitionMetadata(topic).map((p) => p.partitionId).sort((a, b) => a - b);
  }

  async refreshMetadata(): Promise<void> {
    await this.cluster.refreshMetadata();
  }

  /**
   * One Fetch per partition leader, in parallel. `positions`: partition → next offset to read.
   * Partition-level errors (NOT_LEADER_OR_FOLLOWER, OFFSET_OUT_OF_RANGE, …) come back as errorCode
   * for the caller to act on; kafkajs throws them, so they are caught per leader here. A response
   * that cannot be decoded comes back as `decodeError` (see FetchedPartition). Partitions in
   * `alone` get a request of their own, so a bad batch can be traced to its partition.
   */
  async fetch(topic: string, positions: Map<number, number>, options: { maxWaitMs: number; maxBytes: number; alone?: ReadonlySet<number> }): Promise<FetchedPartition[]> {
    const groups = new Map<string, { leader: number; partitions: number[] }>();
    const known = this.leaders.get(topic);
    const leaders = known ? [...known].map(([partitionId, leader]) => ({ partitionId, leader })) : this.cluster.findTopicPartitionMetadata(topic);
    for (const p of leaders) {
      if (!positions.has(p.partitionId)) continue;
      const key = options.alone?.has(p.partitionId) ? `${p.leader}/${p.partitionId}` : `${p.leader}`;
      const group = groups.get(key) ?? { leader: p.leader, partitions: [] };
      group.partitions.push(p.partitionId);
      groups.set(key, group);
    }
    const perLeader = await Promise.all([...groups.values()].map(async ({ leader, partitions }) => {
      try {
        const broker = await this.cluster.findBroker({ nodeId: leader });
        const response = await broker.fetch({
          isolationLevel: isolationLevelValue(this.isolationLevel),
          maxWaitTime: options.maxWaitMs,
          minBytes: 1,
          maxBytes: options.maxBytes,
          topics: [{ topic, partitions: partitions.map((partition) => ({ partition, fetchOffset: String(positions.get(partition)!), maxBytes: Math.min(options.maxBytes, 1024 * 1024) })) }],
        });
        return response.responses.flatMap((r) => r.partitions.map((p): FetchedPartition => ({
          partition: p.partition,
          errorCode: p.errorCode,
          highWatermark: Number(p.highWatermark),
          lastStableOffset: Number(p.lastStableOffset),
          logStartOffset: p.lastStartOffset === undefined ? -1 : Number(p.lastStartOffset),
          messages: this.isolationLevel === 'read_committed' ? filterAbortedMessages({ messages: p.messages, abortedTransactions: p.abortedTransactions }) : p.messages,
        })));
      } catch (error) {
        if (isDecodeError(error)) {
          const decodeError = error instanceof Error ? error.message : String(error);
          return partitions.map((partition): FetchedPartition => ({ partition, errorCode: -1, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, messages: [], decodeError, alone: partitions.length === 1 }));
        }
        // kafkajs throws partition errors from the response parser; refresh and let the caller retry.
        if (known) await this.partitionStates(topic).catch(() => {});
        else await this.cluster.refreshMetadata().catch(() => {});
        const code = (error as { code?: number }).code ?? -1;
        return partitions.map((partition): FetchedPartition => ({ partition, errorCode: code, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, messages: [] }));
      }
    }));
    return perLeader.flat();
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.cluster.disconnect().catch(() => {});
    this.connected = false;
  }
}

/** Makes a kafkajs broker's metadata() keep partition and topic errors instead of throwing them. */
function keepMetadataPartitionErrors(broker: KafkajsBroker): KafkajsBroker {
  broker.metadata = async (topics: string[] = []) => {
    const request = broker.lookupRequest(METADATA_API_KEY, kafkajsRequests.Metadata)({ topics, allowAutoTopicCreation: false });
    return broker.connectionPool.send({ ...request, response: { ...request.response, parse: async (data: unknown) => data } });
  };
  return broker;
}
