/**
 * The produce panel's backend: one kafkajs producer per delivery mode (plain, idempotent,
 * transactional), created on first use and kept connected. A result is the partition and offset
 * the leader assigned, or the broker's error name with a plain-words explanation, and in both cases
 * the attempts that failed on the way (retry policy: produce-progress.ts).
 *
 * Retries are ours, not kafkajs's, so every attempt can be shown as it happens (getProduceProgress):
 * the plain producer runs with kafkajs retries 0. kafkajs refuses an idempotent producer without
 * retries, so the idempotent and transactional producers keep one kafkajs retry inside each attempt.
 *
 * acks=0 (Kafka's ProducerConfig `acks` doc): the producer does not wait for any acknowledgment;
 * the broker sends no response at all, so there is no offset and no confirmation that the record
 * was written, and retries cannot take effect. kafkajs resolves such a send with no partition
 * results; the partition is then known only when the client decided it (chosen, or the
 * partitioner's pick recorded here), never from the broker.
 */
import { Partitioners, type Kafka, type Message, type PartitionerArgs, type Producer, type RecordMetadata } from 'kafkajs';
import { uiProducerRetryPolicy, type ProduceAttempt, type ProduceRequest, type ProduceResult } from '../../shared/workbench-contract';
import { explainKafkaError, gatherErrorContext, kafkaErrorName, type ErrorContext } from './error-explainer';
import { kafkajsCompression } from './kafkajs-codecs';
import { backoffAfter, ProduceProgressBook, uiProduceMaxAttempts } from './produce-progress';

type Delivery = ProduceRequest['delivery'];

/**
 * The Produce request's timeout (ms): how long the leader may wait for the in-sync replicas with
 * acks=all before it answers REQUEST_TIMED_OUT itself. Below the clients' requestTimeout (15 s), so
 * the answer is the broker's, not the client giving up.
 */
export const produceAckTimeoutMs = uiProducerRetryPolicy.ackTimeoutMs;

/** How long the explanation may spend reading metadata and configs after a failure (ms): the error itself is already known. */
const explainBudgetMs = 2500;

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

const acksZeroNote = 'acks=0: the producer does not wait for the broker, and the broker sends no response, so there is no offset and no confirmation that the record was written (nor any error); retries cannot take effect.';

export class ProducerService {
  private readonly producers = new Map<Delivery, Promise<Producer>>();
  /** One send at a time per producer, so the partitioner's recorded pick belongs to the send that reads it. */
  private readonly queues = new Map<Delivery, Promise<unknown>>();
  /** The partition kafkajs's default partitioner picked for the last record (null until it is asked). */
  private partitionerPick: number | null = null;
  private internalIds = 0;
  readonly progress = new ProduceProgressBook();

  constructor(private readonly kafka: Kafka, private readonly transactionalId: string) {}

  private producer(delivery: Delivery): Promise<Producer> {
    let p = this.producers.get(delivery);
    if (!p) {
      // Kafka's default partitioner (murmur2 of the key; kafkajs round-robin for null keys), with its pick recorded.
      const createPartitioner = () => {
        const partitioner = Partitioners.DefaultPartitioner();
        return (args: PartitionerArgs) => (this.partitionerPick = partitioner(args));
      };
      const producer = delivery === 'plain'
        ? this.kafka.producer({ allowAutoTopicCreation: false, createPartitioner, retry: { retries: 0 } })
        : this.kafka.producer({
          allowAutoTopicCreation: false,
          createPartitioner,
          idempotent: true,
          maxInFlightRequests: 1,
          transactionalId: delivery === 'transactional' ? this.transactionalId : undefined,
          retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 100 },
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
   * fresh one, which knows only this topic, before the next attempt.
   */
  private async reset(delivery: Delivery): Promise<void> {
    const p = this.producers.get(delivery);
    this.producers.delete(delivery);
    await p?.then((producer) => producer.disconnect()).catch(() => {});
  }

  private async send(request: ProduceRequest, message: Message, acks: number): Promise<RecordMetadata[]> {
    const producer = await this.producer(request.delivery);
    const send = { topic: request.topic, messages: [message], acks, timeout: produceAckTimeoutMs, compression: kafkajsCompression(request.compression) };
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

  produce(request: ProduceRequest): Promise<ProduceResult> {
    const before = this.queues.get(request.delivery) ?? Promise.resolve();
    const run = before.catch(() => {}).then(() => this.produceNow(request));
    this.queues.set(request.delivery, run);
    return run;
  }

  private async produceNow(request: ProduceRequest): Promise<ProduceResult> {
    const started = Date.now();
    const message = toKafkajsMessage(request);
    // Idempotence needs acks=all (KIP-98); kafkajs refuses otherwise, so the panel's choice is overridden and said.
    const acks = request.delivery === 'plain' ? request.acks : -1;
    const note = request.delivery !== 'plain' && request.acks !== -1 ? `acks=all used: ${request.delivery} delivery requires it` : undefined;
    const maxAttempts = acks === 0 ? 1 : uiProduceMaxAttempts;
    const book = this.progress.start(request.requestId ?? `internal-${++this.internalIds}`, maxAttempts);
    const attempts: ProduceAttempt[] = [];
    let error: unknown;
    for (let attempt = 1; ; attempt++) {
      try {
        this.partitionerPick = null;
        const responses = await this.send(request, message, acks);
        book.done();
        const elapsedMs = Date.now() - started;
        const m = responses[0];
        if (!m) {
          // acks=0: kafkajs does not wait for (and the broker does not send) a response.
          const chosen = request.partition !== null;
          const partition = chosen ? request.partition : this.partitionerPick;
          return { ok: true, topic: request.topic, partition, offset: null, acknowledged: false, partitionSource: chosen ? 'chosen' : partition === null ? undefined : 'partitioner', elapsedMs, note: acksZeroNote, attempts, maxAttempts };
        }
        const offset = m.baseOffset === undefined || Number(m.baseOffset) < 0 ? null : Number(m.baseOffset);
        return { ok: true, topic: request.topic, partition: m.partition, offset, acknowledged: true, partitionSource: 'broker', elapsedMs, note, attempts, maxAttempts };
      } catch (e) {
        error = e;
        const named = kafkaErrorName(e);
        // A timeout has already cost a whole request timeout; retrying it would hide the lesson behind minutes.
        const last = attempt >= maxAttempts || !named.retriable || named.errorName === 'REQUEST_TIMED_OUT';
        const backoffMs = last ? null : backoffAfter(attempt);
        attempts.push(book.failed({ attempt, errorName: named.errorName, message: named.message, retriable: named.retriable, backoffMs }));
        if (backoffMs === null) break;
        if (named.errorName === 'LEADER_NOT_AVAILABLE') await this.reset(request.delivery);
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
      }
    }
    book.done();
    const { errorName, message: text, retriable } = kafkaErrorName(error);
    const recordBytes = (message.key?.length ?? 0) + (message.value?.length ?? 0);
    const base = { topic: request.topic, partition: request.partition, acks, recordBytes, key: message.key as Buffer | null, failedBroker: failedBrokerAddress(error), compression: request.compression };
    const context = await this.explainContext(base, errorName);
    return { ok: false, errorName, message: text, explanation: explainKafkaError(errorName, context), retriable, elapsedMs: Date.now() - started, attempts, maxAttempts };
  }

  /** Metadata and configs for the explanation, within explainBudgetMs (a stopped cluster must not hold the answer back). */
  private async explainContext(base: Omit<ErrorContext, 'partitions' | 'configs'>, errorName: string): Promise<ErrorContext> {
    const admin = this.kafka.admin();
    const fallback: ErrorContext = { ...base, partitions: null, configs: {} };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gathered = admin.connect()
      .then(() => gatherErrorContext(admin, base, { cluster: ['NETWORK_EXCEPTION', 'BROKER_NOT_AVAILABLE', 'REQUEST_TIMED_OUT'].includes(errorName) }))
      .catch(() => fallback);
    const timedOut = new Promise<ErrorContext>((resolve) => { timer = setTimeout(() => resolve(fallback), explainBudgetMs); });
    try {
      return await Promise.race([gathered, timedOut]);
    } finally {
      clearTimeout(timer);
      void gathered.finally(() => admin.disconnect().catch(() => {}));
    }
  }

  async close(): Promise<void> {
    const all = [...this.producers.values()];
    this.producers.clear();
    await Promise.all(all.map((p) => p.then((producer) => producer.disconnect()).catch(() => {})));
  }
}

/** host:port of the broker a kafkajs connection error was about (KafkaJSConnectionError.broker, or its message). */
export function failedBrokerAddress(error: unknown): string | null {
  let e = error as { broker?: unknown; message?: unknown; originalError?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (typeof e.broker === 'string' && e.broker.includes(':')) return e.broker;
    const match = typeof e.message === 'string' ? /(?:ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH) (\S+:\d+)/.exec(e.message) : null;
    if (match) return match[1]!;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return null;
}
