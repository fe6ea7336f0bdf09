/**
 * The produce panel's backend: one kafkajs producer per delivery mode (plain, idempotent,
 * transactional), created on first use and kept connected. A result is the partition and offset
 * the leader assigned, or the broker's error name with a plain-words explanation.
 *
 * Retries are few and short on purpose (about a second in all, enough for a topic created a moment
 * ago to reach every broker's metadata): the panel is for seeing what the broker answers (a
 * NOT_ENOUGH_REPLICAS should show, not be retried away for 30 s). The idempotent and
 * transactional producers still retry (kafkajs requires it), their errors arrive a little later.
 */
import type { Kafka, Message, Producer } from 'kafkajs';
import type { ProduceRequest, ProduceResult } from '../../shared/workbench-contract';
import { explainKafkaError, gatherErrorContext, kafkaErrorName } from './error-explainer';
import { kafkajsCompression } from './kafkajs-codecs';

type Delivery = ProduceRequest['delivery'];

/** Turns a contract string into bytes: utf8 by default, base64 for "produce again" of raw bytes. */
export function toBytes(text: string | null, encoding: ProduceRequest['encoding']): Buffer | null {
  if (text === null) return null;
  return encoding === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
}

export function toKafkajsMessage(request: ProduceRequest): Message {
  const headers: Record<string, Buffer[]> = {};
  for (const h of request.headers) {
    if (!h.key) continue;
    (headers[h.key] ??= []).push(toBytes(h.value, request.encoding) ?? Buffer.alloc(0));
  }
  return {
    key: toBytes(request.key, request.encoding),
    value: toBytes(request.value, request.encoding),
    partition: request.partition ?? undefined,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.length === 1 ? v[0]! : v])) as Message['headers'],
  };
}

export class ProducerService {
  private readonly producers = new Map<Delivery, Promise<Producer>>();

  constructor(private readonly kafka: Kafka, private readonly transactionalId: string) {}

  private producer(delivery: Delivery): Promise<Producer> {
    let p = this.producers.get(delivery);
    if (!p) {
      const producer = delivery === 'plain'
        ? this.kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 400 } })
        : this.kafka.producer({
          allowAutoTopicCreation: false,
          idempotent: true,
          maxInFlightRequests: 1,
          transactionalId: delivery === 'transactional' ? this.transactionalId : undefined,
          retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
        });
      p = producer.connect().then(() => producer);
      // A failed connect is forgotten so the next attempt reconnects.
      p.catch(() => this.producers.delete(delivery));
      this.producers.set(delivery, p);
    }
    return p;
  }

  /**
   * kafkajs refreshes metadata for every topic a producer has ever written to, and one partition
   * without a leader anywhere in that set (an RF=1 topic on a stopped broker) fails the refresh
   * with LEADER_NOT_AVAILABLE for all of them. So on that error the producer is replaced by a
   * fresh one, which knows only this topic, and the send is tried once more.
   */
  private async reset(delivery: Delivery): Promise<void> {
    const p = this.producers.get(delivery);
    this.producers.delete(delivery);
    await p?.then((producer) => producer.disconnect()).catch(() => {});
  }

  private async send(request: ProduceRequest, message: Message, acks: number) {
    const producer = await this.producer(request.delivery);
    const send = { topic: request.topic, messages: [message], acks, compression: kafkajsCompression(request.compression) };
    if (request.delivery !== 'transactional') return producer.send(send);
    const transaction = await producer.transaction();
    try {
      const metadata = await transaction.send(send);
      await transaction.commit();
      return metadata;
    } catch (error) {
      await transaction.abort().catch(() => {});
      throw error;
    }
  }

  async produce(request: ProduceRequest): Promise<ProduceResult> {
    const started = Date.now();
    const message = toKafkajsMessage(request);
    // Idempotence needs acks=all (KIP-98); kafkajs refuses otherwise, so the panel's choice is overridden and said.
    const acks = request.delivery === 'plain' ? request.acks : -1;
    const note = request.delivery !== 'plain' && request.acks !== -1 ? `acks=all used: ${request.delivery} delivery requires it` : undefined;
    let error: unknown;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const m = (await this.send(request, message, acks))[0]!;
        const offset = acks === 0 || m.baseOffset === undefined || Number(m.baseOffset) < 0 ? null : Number(m.baseOffset);
        return { ok: true, topic: request.topic, partition: m.partition, offset, elapsedMs: Date.now() - started, note: acks === 0 ? 'acks=0: the broker sends no response, so the offset is unknown' : note };
      } catch (e) {
        error = e;
        if (attempt > 0 || kafkaErrorName(e).errorName !== 'LEADER_NOT_AVAILABLE') break;
        await this.reset(request.delivery);
      }
    }
    const { errorName, message: text, retriable } = kafkaErrorName(error);
    const recordBytes = (message.key?.length ?? 0) + (message.value?.length ?? 0);
    const base = { topic: request.topic, partition: request.partition, acks, recordBytes, key: message.key as Buffer | null };
    const admin = this.kafka.admin();
    const context = await admin.connect()
      .then(() => gatherErrorContext(admin, base))
      .catch(() => ({ ...base, partitions: null, configs: {} }))
      .finally(() => admin.disconnect().catch(() => {}));
    return { ok: false, errorName, message: text, explanation: explainKafkaError(errorName, context), retriable, elapsedMs: Date.now() - started };
  }

  async close(): Promise<void> {
    const all = [...this.producers.values()];
    this.producers.clear();
    await Promise.all(all.map((p) => p.then((producer) => producer.disconnect()).catch(() => {})));
  }
}
