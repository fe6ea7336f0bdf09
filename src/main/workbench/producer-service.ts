/**
 * The produce panel's backend: one kafkajs producer per delivery mode (plain, idempotent,
 * transactional), created on first use and kept connected. A result is the partition and offset
 * the leader assigned, or the broker's error name with a plain-words explanation.
 *
 * Retries are few and short on purpose: the panel is for seeing what the broker answers (a
 * NOT_ENOUGH_REPLICAS should show, not be retried away for 30 s). The idempotent and
 * transactional producers still retry (kafkajs requires it), their errors arrive a little later.
 */
import type { Admin, Kafka, Message, Producer } from 'kafkajs';
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

  constructor(private readonly kafka: Kafka, private readonly admin: () => Promise<Admin>, private readonly transactionalId: string) {}

  private producer(delivery: Delivery): Promise<Producer> {
    let p = this.producers.get(delivery);
    if (!p) {
      const producer = delivery === 'plain'
        ? this.kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 } })
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

  async produce(request: ProduceRequest): Promise<ProduceResult> {
    const started = Date.now();
    const message = toKafkajsMessage(request);
    // Idempotence needs acks=all (KIP-98); kafkajs refuses otherwise, so the panel's choice is overridden and said.
    const acks = request.delivery === 'plain' ? request.acks : -1;
    const note = request.delivery !== 'plain' && request.acks !== -1 ? `acks=all used: ${request.delivery} delivery requires it` : undefined;
    try {
      const producer = await this.producer(request.delivery);
      const send = { topic: request.topic, messages: [message], acks, compression: kafkajsCompression(request.compression) };
      let metadata;
      if (request.delivery === 'transactional') {
        const transaction = await producer.transaction();
        try {
          metadata = await transaction.send(send);
          await transaction.commit();
        } catch (error) {
          await transaction.abort().catch(() => {});
          throw error;
        }
      } else {
        metadata = await producer.send(send);
      }
      const m = metadata[0]!;
      const offset = acks === 0 || m.baseOffset === undefined || Number(m.baseOffset) < 0 ? null : Number(m.baseOffset);
      return { ok: true, topic: request.topic, partition: m.partition, offset, elapsedMs: Date.now() - started, note: acks === 0 ? 'acks=0: the broker sends no response, so the offset is unknown' : note };
    } catch (error) {
      const { errorName, message: text, retriable } = kafkaErrorName(error);
      const recordBytes = (message.key?.length ?? 0) + (message.value?.length ?? 0);
      const admin = await this.admin().catch(() => null);
      const context = admin
        ? await gatherErrorContext(admin, { topic: request.topic, partition: request.partition, acks, recordBytes, key: message.key as Buffer | null })
        : { topic: request.topic, partition: request.partition, acks, recordBytes, key: message.key as Buffer | null, partitions: null, configs: {} };
      return { ok: false, errorName, message: text, explanation: explainKafkaError(errorName, context), retriable, elapsedMs: Date.now() - started };
    }
  }

  async close(): Promise<void> {
    const all = [...this.producers.values()];
    this.producers.clear();
    await Promise.all(all.map((p) => p.then((producer) => producer.disconnect()).catch(() => {})));
  }
}
