/**
 * Transaction coordinator failover with kafkajs: the broker coordinating an open transaction is
 * stopped. The new leader of the transactional id's __transaction_state partition loads the
 * transaction from the log (transaction-coordinator-loaded); the producer finds it with
 * FindCoordinator, commits there, and a read_committed consumer sees the records once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import type { ClusterHost } from '../../host/cluster-host';
import { createTopic, waitFor } from './harness';
import { kafkaFor, sleep, startGroupHost } from './groups-harness';

describe('transaction coordinator failover with kafkajs', () => {
  let host: ClusterHost;
  let kafka: Kafka;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    host = await startGroupHost(161);
    kafka = kafkaFor(host, 'transactions-failover');
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
    await host?.close();
  });

  it('commits an open transaction at the new coordinator after the old one stopped', async () => {
    await createTopic(host, 'txn-failover', 3, 3);
    // A read_committed consumer from the start (it also creates __consumer_offsets while all 3 brokers
    // run: like Kafka, offsets.topic.replication.factor 3 cannot be met by 2 live brokers).
    const consumer = kafka.consumer({ groupId: 'g-txn-failover', sessionTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 200 });
    const values: string[] = [];
    await consumer.connect();
    closers.push(() => consumer.disconnect());
    await consumer.subscribe({ topic: 'txn-failover', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value!.toString()) });
    const producer = kafka.producer({ transactionalId: 'txn-moving', idempotent: true, maxInFlightRequests: 1, transactionTimeout: 60_000 });
    await producer.connect();
    closers.push(() => producer.disconnect());
    await waitFor('consumer group Stable', () => host.snapshot().groups.find((g) => g.groupId === 'g-txn-failover')?.state === 'Stable', 20_000);
    const txn = await producer.transaction();
    await txn.send({ topic: 'txn-failover', messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `moved-${i}` })) });
    await sleep(300);
    expect(values).toEqual([]);
    const before = host.snapshot().transactions!.find((t) => t.transactionalId === 'txn-moving')!;
    expect(before.state).toBe('Ongoing');

    const loadsBefore = host.recentEvents(10_000).length;
    expect((await host.execute({ type: 'stop-broker', brokerId: before.coordinatorId })).ok).toBe(true);
    // At once: kafkajs's single EndTxn (eosManager.commit does not retry it) goes wherever FindCoordinator
    // points. The stopped broker is the active controller in this seed; before the controller resigned
    // gracefully (KIP-595 EndQuorumEpoch, controller.ts), the others named it as coordinator for 1–2 s,
    // and kafkajs's retries (connection refused, its broker pool still holding the stopped broker) ran out
    // under load. Now the new controller is elected within a vote round trip.
    await txn.commit();

    const after = await waitFor('CompleteCommit at a new coordinator', () => {
      const t = host.snapshot().transactions!.find((x) => x.transactionalId === 'txn-moving' && x.coordinatorId !== before.coordinatorId);
      return t?.state === 'CompleteCommit' ? t : undefined;
    }, 30_000);
    expect(after.producerId).toBe(before.producerId);
    const loaded = host.recentEvents(10_000).slice(loadsBefore).filter((e) => e.type === 'transaction-coordinator-loaded' && e.brokerId === after.coordinatorId);
    expect(loaded.length).toBeGreaterThan(0);

    await waitFor('30 committed records', () => values.length >= 30, 30_000);
    await sleep(300);
    expect(values.slice().sort()).toEqual(Array.from({ length: 30 }, (_, i) => `moved-${i}`).sort());
  }, 90_000);
});
