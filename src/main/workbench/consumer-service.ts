/**
 * Consumers started from the UI. Group mode is a plain kafkajs consumer (JoinGroup, SyncGroup,
 * Heartbeat, OffsetCommit through the group coordinator, like any application); assigned mode
 * fetches the chosen partitions directly (kafkajs has no assign(), see raw-fetch.ts) and commits
 * nothing. Either way the connections carry client.id kafka-lab-ui-consumer-N.
 */
import type { Consumer, Kafka } from 'kafkajs';
import type { ConsumerConfig, ConsumerStatus } from '../../shared/workbench-contract';
import { kafkaErrorName } from './error-explainer';
import { RawFetcher, type KafkajsMessage } from './raw-fetch';
import { toBrowsedRecord } from './record-mapping';

const recentCapacity = 20;
const OFFSET_OUT_OF_RANGE = 1;

export class UiConsumer {
  private consumer: Consumer | null = null;
  private fetcher: RawFetcher | null = null;
  private running = true;
  private seq = 0;
  private readonly positions = new Map<number, number>();
  private readonly status: Omit<ConsumerStatus, 'positions'>;

  constructor(readonly id: string, clientId: string, private readonly kafka: Kafka, config: ConsumerConfig) {
    this.status = { id, clientId, config, state: 'starting', consumed: 0, memberId: null, assignment: [], error: null, recent: [] };
  }

  async start(): Promise<void> {
    try {
      if (this.status.config.mode === 'group') await this.startGroup();
      else await this.startAssigned();
    } catch (error) {
      this.fail(error);
    }
  }

  private onMessage(partition: number, m: KafkajsMessage): void {
    this.status.consumed++;
    this.positions.set(partition, Number(m.offset));
    const record = toBrowsedRecord(this.status.config.topic, partition, m, ++this.seq);
    this.status.recent.push(record);
    if (this.status.recent.length > recentCapacity) this.status.recent.shift();
  }

  private async startGroup(): Promise<void> {
    const { groupId, topic, fromBeginning, isolationLevel } = this.status.config;
    if (!groupId) throw new Error('A group consumer needs a group.id.');
    const consumer = this.kafka.consumer({ groupId, readUncommitted: isolationLevel === 'read_uncommitted', sessionTimeout: 10_000, heartbeatInterval: 1000, allowAutoTopicCreation: false });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      this.status.memberId = event.payload.memberId;
      this.status.assignment = Object.entries(event.payload.memberAssignment).map(([t, partitions]) => ({ topic: t, partitions: [...partitions].sort((a, b) => a - b) }));
      this.status.state = 'running';
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (!event.payload.restart) this.fail(event.payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning });
    await consumer.run({ eachMessage: async ({ partition, message }) => this.onMessage(partition, message as unknown as KafkajsMessage) });
  }

  private async startAssigned(): Promise<void> {
    const { topic, fromBeginning, isolationLevel, partitions } = this.status.config;
    const fetcher = new RawFetcher(this.kafka, isolationLevel);
    this.fetcher = fetcher;
    await fetcher.connect(topic);
    const all = fetcher.partitions(topic);
    const chosen = partitions && partitions.length > 0 ? all.filter((p) => partitions.includes(p)) : all;
    if (chosen.length === 0) throw new Error(`Topic ${topic} has no partition ${partitions?.join(', ')}.`);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const o of await admin.fetchTopicOffsets(topic)) {
        if (chosen.includes(o.partition)) this.positions.set(o.partition, Number(fromBeginning ? o.low : o.high));
      }
    } finally {
      await admin.disconnect();
    }
    this.status.assignment = [{ topic, partitions: chosen }];
    this.status.state = 'running';
    void this.fetchLoop(fetcher);
  }

  private async fetchLoop(fetcher: RawFetcher): Promise<void> {
    const { topic } = this.status.config;
    // `positions` holds the next offset to fetch in this loop; the status shows the last consumed one.
    const next = new Map(this.positions);
    /** Partitions fetched alone after a shared response failed to decode (see RawFetcher.fetch). */
    const alone = new Set<number>();
    while (this.running) {
      try {
        for (const p of await fetcher.fetch(topic, next, { maxWaitMs: 500, maxBytes: 1024 * 1024, alone })) {
          if (p.decodeError !== undefined) {
            // A batch that cannot be decoded fails the same way on every fetch: stop, say why.
            if (!p.alone) { alone.add(p.partition); continue; }
            this.running = false;
            return this.fail(new Error(`CORRUPT_MESSAGE: the batch at offset ${next.get(p.partition)} of ${topic}-${p.partition} could not be decoded: ${p.decodeError}`));
          }
          if (p.errorCode === OFFSET_OUT_OF_RANGE && p.logStartOffset >= 0) next.set(p.partition, p.logStartOffset);
          if (p.errorCode !== 0) continue;
          let position = next.get(p.partition)!;
          for (const m of p.messages) {
            if (Number(m.offset) < position) continue;
            position = Number(m.offset) + 1;
            if (!m.isControlRecord) this.onMessage(p.partition, m);
          }
          next.set(p.partition, position);
        }
      } catch (error) {
        if (this.running) this.status.error = kafkaErrorName(error).errorName;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private fail(error: unknown): void {
    this.status.state = 'failed';
    const { errorName, message } = kafkaErrorName(error);
    this.status.error = errorName === 'UNKNOWN_SERVER_ERROR' ? message : `${errorName}: ${message}`;
  }

  snapshot(): ConsumerStatus {
    return {
      ...this.status,
      recent: [...this.status.recent],
      positions: [...this.positions].map(([partition, offset]) => ({ partition, offset })).sort((a, b) => a.partition - b.partition),
    };
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.status.state !== 'failed') this.status.state = 'stopped';
    // disconnect() sends LeaveGroup, so the group rebalances at once rather than after session.timeout.ms.
    await this.consumer?.disconnect().catch(() => {});
    await this.fetcher?.disconnect();
  }
}

