/**
 * A compacted topic read from its start and written to, like Kafka Connect's KafkaBasedLog: the
 * worker creates its internal topics when absent (cleanup.policy=compact, as TopicAdmin does for
 * KafkaConfigBackingStore / KafkaOffsetBackingStore / KafkaStatusBackingStore), replays every record
 * into memory, then follows new ones; readToEnd() waits until everything written before the call
 * has been read (KafkaBasedLog.readToEnd, used before a worker acts on its configs and offsets).
 *
 * kafkajs has no assign(), so the reader is a consumer of its own group that never commits: each
 * start replays the topics from their log start offsets.
 */
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { INTERNAL_TOPIC_PARTITIONS } from './keys';

export type LogRecord = { topic: string; key: string; value: string | null };

export class KafkaLogs {
  private consumer: Consumer | undefined;
  /** Next offset to read, per `topic:partition`. */
  private readonly positions = new Map<string, number>();

  constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly producer: Producer,
    private readonly topics: string[],
    private readonly readerGroupId: string,
    private readonly onRecord: (record: LogRecord) => void,
  ) {}

  /** Creates the topics that are absent (compacted; replication min(3, brokers)) and starts reading. */
  async start(): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const missing = this.topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      const { brokers } = await this.admin.describeCluster();
      const replicationFactor = Math.min(3, brokers.length);
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: INTERNAL_TOPIC_PARTITIONS[topic] ?? 1, replicationFactor, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] })),
      });
    }
    const consumer = this.kafka.consumer({ groupId: this.readerGroupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const key = message.key?.toString('utf8');
        if (key !== undefined) this.onRecord({ topic, key, value: message.value === null ? null : message.value.toString('utf8') });
        this.positions.set(`${topic}:${partition}`, Number(message.offset) + 1);
      },
    });
    await this.readToEnd();
  }

  /** Resolves once every record below each partition's current end offset has been read. */
  async readToEnd(timeoutMs = 60_000): Promise<void> {
    const ends: { key: string; end: number }[] = [];
    for (const topic of this.topics) {
      for (const o of await this.admin.fetchTopicOffsets(topic)) ends.push({ key: `${topic}:${o.partition}`, end: Number(o.high) });
    }
    const deadline = Date.now() + timeoutMs;
    while (!ends.every(({ key, end }) => end === 0 || (this.positions.get(key) ?? 0) >= end)) {
      if (Date.now() > deadline) throw new Error(`Connect worker: timed out reading ${this.topics.join(', ')} to their end`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Appends one record (value null = tombstone) and waits for acks=all. */
  async send(topic: string, key: string, value: unknown): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages: [{ key, value: value === null ? null : JSON.stringify(value) }] });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
