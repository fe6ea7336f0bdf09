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
}

interface KafkajsBroker {
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
}

const require = createRequire(import.meta.url);
const filterAbortedMessages = require('kafkajs/src/consumer/filterAbortedMessages') as (input: { messages: KafkajsMessage[]; abortedTransactions: unknown[] }) => KafkajsMessage[];

/** kafkajs's IsolationLevel values (Fetch/ListOffsets isolation_level). */
export const isolationLevelValue = (name: IsolationLevelName): number => (name === 'read_committed' ? 1 : 0);

/** Fetch-by-assignment over one kafkajs client's connections. */
export class RawFetcher {
  private readonly cluster: KafkajsCluster;
  private connected = false;

  constructor(kafka: Kafka, private readonly isolationLevel: IsolationLevelName) {
    const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
    if (!symbol) throw new Error('kafkajs internals changed: no private:Kafka:createCluster on the Kafka object');
    const create = (kafka as unknown as Record<symbol, (o: object) => KafkajsCluster>)[symbol]!;
    this.cluster = create({ isolationLevel: isolationLevelValue(isolationLevel), allowAutoTopicCreation: false });
  }

  async connect(topic: string): Promise<void> {
    if (!this.connected) {
      await this.cluster.connect();
      this.connected = true;
    }
    await this.cluster.addTargetTopic(topic);
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
   * for the caller to act on; kafkajs throws them, so they are caught per leader here.
   */
  async fetch(topic: string, positions: Map<number, number>, options: { maxWaitMs: number; maxBytes: number }): Promise<FetchedPartition[]> {
    const byLeader = new Map<number, number[]>();
    for (const p of this.cluster.findTopicPartitionMetadata(topic)) {
      if (!positions.has(p.partitionId)) continue;
      const list = byLeader.get(p.leader) ?? [];
      list.push(p.partitionId);
      byLeader.set(p.leader, list);
    }
    const perLeader = await Promise.all([...byLeader].map(async ([leader, partitions]) => {
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
        // kafkajs throws partition errors from the response parser; refresh and let the caller retry.
        await this.cluster.refreshMetadata().catch(() => {});
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
