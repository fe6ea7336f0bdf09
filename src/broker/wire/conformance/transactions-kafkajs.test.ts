/**
 * kafkajs 2.2.4 transactions (InitProducerId v1 with transactional.id, AddPartitionsToTxn,
 * AddOffsetsToTxn, TxnOffsetCommit, EndTxn, Fetch with isolation_level): a consume-transform-
 * produce loop with sendOffsets; an aborted transaction invisible to a read_committed consumer
 * and visible to a read_uncommitted one; the last stable offset holding read_committed consumers
 * back while a transaction is open; a second producer with the same transactional.id fencing the
 * first (INVALID_PRODUCER_EPOCH for kafkajs's pre-KIP-588 versions); transaction.timeout.ms
 * aborting a transaction left open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { ClusterHost } from '../../host/cluster-host';
import { createTopic, readPartition, topicView, waitFor } from './harness';
import { groupView, kafkaFor, produceNumbered, sleep, startGroupHost } from './groups-harness';

describe('kafkajs transactions', () => {
  let host: ClusterHost;
  let kafka: Kafka;
  const closers: (() => Promise<void>)[] = [];

  async function collect(groupId: string, topic: string, readUncommitted: boolean): Promise<{ consumer: Consumer; values: string[] }> {
    const consumer = kafka.consumer({ groupId, readUncommitted, sessionTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 200 });
    const values: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value!.toString()) });
    closers.push(() => consumer.disconnect());
    return { consumer, values };
  }

  async function transactionalProducer(transactionalId: string): Promise<Producer> {
    const producer = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1, transactionTimeout: 30_000 });
    await producer.connect();
    closers.push(() => producer.disconnect());
    return producer;
  }

  beforeAll(async () => {
    host = await startGroupHost(111);
    kafka = kafkaFor(host, 'transactions-kafkajs');
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
    await host?.close();
  });

  it('consume-transform-produce with sendOffsets commits output and input offsets atomically', async () => {
    await createTopic(host, 'txn-in', 3, 3);
    await createTopic(host, 'txn-out', 3, 3);
    const plain = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await plain.connect();
    closers.push(() => plain.disconnect());
    await produceNumbered(plain, 'txn-in', 'in', 0, 300);

    const producer = await transactionalProducer('txn-ctp');
    const consumer = kafka.consumer({ groupId: 'g-ctp', sessionTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 200 });
    await consumer.connect();
    closers.push(() => consumer.disconnect());
    await consumer.subscribe({ topic: 'txn-in', fromBeginning: true });
    let transactions = 0;
    const errors: string[] = [];
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset }) => {
        const txn = await producer.transaction();
        try {
          await txn.send({ topic: 'txn-out', messages: batch.messages.map((m) => ({ key: m.key, value: `out-${m.value!.toString().slice(3)}` })) });
          await txn.sendOffsets({ consumerGroupId: 'g-ctp', topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: String(Number(batch.lastOffset()) + 1) }] }] });
          await txn.commit();
          transactions++;
        } catch (err) {
          errors.push(`${(err as { type?: string }).type ?? ''} ${String(err)}`);
          await txn.abort();
          throw err;
        }
        for (const m of batch.messages) resolveOffset(m.offset);
      },
    });
    await waitFor('input offsets committed through the transactions', () => errors.length > 0 || groupView(host, 'g-ctp')?.offsets.reduce((n, o) => n + o.committedOffset, 0) === 300, 30_000);
    expect(errors).toEqual([]);
    // EndTxn is answered once PrepareCommit is replicated; the offsets show after the markers, possibly first.
    await waitFor('a transaction per input partition answered', () => transactions >= 3);
    expect(groupView(host, 'g-ctp')!.readCommitted).toBe(true);

    const reader = await collect('g-ctp-reader', 'txn-out', false);
    await waitFor('300 outputs read_committed', () => reader.values.length >= 300, 20_000);
    await sleep(300);
    expect(reader.values.slice().sort()).toEqual(Array.from({ length: 300 }, (_, i) => `out-${i}`).sort());
  }, 60_000);

  it('hides an aborted transaction from read_committed and shows it to read_uncommitted', async () => {
    await createTopic(host, 'txn-abort', 1, 3);
    const producer = await transactionalProducer('txn-aborter');
    const aborted = await producer.transaction();
    await aborted.send({ topic: 'txn-abort', messages: Array.from({ length: 10 }, (_, i) => ({ value: `aborted-${i}` })) });
    await aborted.abort();
    const committed = await producer.transaction();
    await committed.send({ topic: 'txn-abort', messages: Array.from({ length: 10 }, (_, i) => ({ value: `committed-${i}` })) });
    await committed.commit();

    const readCommitted = await collect('g-rc', 'txn-abort', false);
    const readUncommitted = await collect('g-ru', 'txn-abort', true);
    await waitFor('both consumers caught up', () => readCommitted.values.length >= 10 && readUncommitted.values.length >= 20, 20_000);
    await sleep(300);
    expect(readCommitted.values).toEqual(Array.from({ length: 10 }, (_, i) => `committed-${i}`));
    expect(readUncommitted.values).toEqual([...Array.from({ length: 10 }, (_, i) => `aborted-${i}`), ...Array.from({ length: 10 }, (_, i) => `committed-${i}`)]);
    // 10 + marker + 10 + marker, every batch (control batches included) with a valid CRC-32C.
    expect((await readPartition(host, 'txn-abort', 0)).length).toBe(22);
  }, 60_000);

  it('holds read_committed consumers at the last stable offset while a transaction is open', async () => {
    await createTopic(host, 'txn-open', 1, 3);
    const producer = await transactionalProducer('txn-opener');
    const plain = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await plain.connect();
    closers.push(() => plain.disconnect());
    await plain.send({ topic: 'txn-open', acks: -1, messages: [{ value: 'before' }] });
    const open = await producer.transaction();
    await open.send({ topic: 'txn-open', messages: [{ value: 'in-txn' }] });
    await plain.send({ topic: 'txn-open', acks: -1, messages: [{ value: 'after' }] });

    const readCommitted = await collect('g-lso', 'txn-open', false);
    await waitFor('record before the transaction', () => readCommitted.values.length >= 1, 20_000);
    await sleep(500);
    expect(readCommitted.values).toEqual(['before']);
    const partition = topicView(host, 'txn-open')!.partitions[0]!;
    expect(partition.lastStableOffset).toBe(1);
    expect(partition.highWatermark).toBe(3);

    await open.commit();
    await waitFor('records after the commit', () => readCommitted.values.length >= 3, 20_000);
    expect(readCommitted.values).toEqual(['before', 'in-txn', 'after']);
  }, 60_000);

  it('fences the first producer when a second one initialises the same transactional.id', async () => {
    await createTopic(host, 'txn-fence', 1, 3);
    const first = await transactionalProducer('txn-zombie');
    const zombieTxn = await first.transaction();
    await zombieTxn.send({ topic: 'txn-fence', messages: [{ value: 'zombie' }] });

    // InitProducerId aborts the zombie's open transaction under a bumped epoch (CONCURRENT_TRANSACTIONS until done).
    const second = await transactionalProducer('txn-zombie');
    const txn = await second.transaction();
    await txn.send({ topic: 'txn-fence', messages: [{ value: 'successor' }] });
    await txn.commit();

    await expect(zombieTxn.send({ topic: 'txn-fence', messages: [{ value: 'zombie-2' }] })).rejects.toMatchObject({ type: 'INVALID_PRODUCER_EPOCH' });
    await expect(zombieTxn.commit()).rejects.toMatchObject({ type: 'INVALID_PRODUCER_EPOCH' });
    expect(host.recentEvents(10_000).some((e) => e.type === 'producer-fenced' && e.transactionalId === 'txn-zombie')).toBe(true);

    const readCommitted = await collect('g-fence', 'txn-fence', false);
    await waitFor('successor visible', () => readCommitted.values.length >= 1, 20_000);
    await sleep(300);
    expect(readCommitted.values).toEqual(['successor']);
  }, 60_000);

  it('aborts a transaction that outlives transaction.timeout.ms and fences its producer', async () => {
    await createTopic(host, 'txn-timeout', 1, 3);
    const producer = kafka.producer({ transactionalId: 'txn-slow', idempotent: true, maxInFlightRequests: 1, transactionTimeout: 1500 });
    await producer.connect();
    closers.push(() => producer.disconnect());
    const slow = await producer.transaction();
    await slow.send({ topic: 'txn-timeout', messages: [{ value: 'too-slow' }] });
    await waitFor('coordinator aborted the transaction', () => host.recentEvents(10_000).some((e) => e.type === 'transaction-aborted' && e.transactionalId === 'txn-slow' && e.reason === 'timeout'), 20_000);
    // The abort bumped the epoch (Kafka prepareFenceProducerEpoch): the producer's commit is refused.
    await expect(slow.commit()).rejects.toMatchObject({ type: 'INVALID_PRODUCER_EPOCH' });
    await waitFor('last stable offset past the aborted transaction', () => topicView(host, 'txn-timeout')!.partitions[0]!.lastStableOffset === 2, 20_000);
  }, 60_000);
});
