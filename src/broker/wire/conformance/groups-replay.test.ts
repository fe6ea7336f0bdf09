/**
 * Determinism with real clients (ARCHITECTURE §2): a session with a kafkajs consumer group, offset
 * commits and a transactional producer (commit and abort) is exported as a trace and replayed
 * without sockets; the coordinators' requests are extension inputs, so the replayed model emits
 * the identical event log, groups and transactions included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import type { SimCluster } from '../../cluster/cluster';
import { attachCoordinators } from '../../cluster/transactions/attach';
import { formatEvent } from '../../cluster/events/format-event';
import type { ClusterHost } from '../../host/cluster-host';
import { replayTrace, traceFromJson, traceToJson } from '../../sim/trace';
import { createTopic, waitFor } from './harness';
import { groupView, kafkaFor, produceNumbered, startGroupHost } from './groups-harness';

describe('replay of a session with groups and transactions', () => {
  let host: ClusterHost;
  let kafka: Kafka;

  beforeAll(async () => {
    host = await startGroupHost(181);
    kafka = kafkaFor(host, 'groups-replay');
  });
  afterAll(async () => {
    await host?.close();
  });

  it('replays to the identical event log', async () => {
    await createTopic(host, 'replay-in', 2, 3);
    const producer = kafka.producer({ transactionalId: 'replay-txn', idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const committed = await producer.transaction();
    await committed.send({ topic: 'replay-in', messages: Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `c-${i}` })) });
    await committed.commit();
    const aborted = await producer.transaction();
    await aborted.send({ topic: 'replay-in', messages: [{ value: 'aborted' }] });
    await aborted.abort();
    await producer.disconnect();
    const plain = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await plain.connect();
    await produceNumbered(plain, 'replay-in', 'p', 0, 40);
    await plain.disconnect();

    const values: string[] = [];
    const consumer = kafka.consumer({ groupId: 'g-replay', sessionTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'replay-in', fromBeginning: true });
    await consumer.run({ autoCommitInterval: 100, eachMessage: async ({ message }) => void values.push(message.value!.toString()) });
    await waitFor('60 committed records consumed and committed', () => values.length >= 60 && groupView(host, 'g-replay')?.offsets.reduce((n, o) => n + o.committedOffset, 0) === 64, 30_000);
    await consumer.disconnect();
    await waitFor('group Empty', () => groupView(host, 'g-replay')?.state === 'Empty');

    const cluster = host.cluster as SimCluster;
    const trace = cluster.exportTrace();
    expect(trace.inputLog.filter((e) => e.input.type === 'extension').length).toBeGreaterThan(10);
    const replayed = replayTrace(traceFromJson(traceToJson(trace)), (c) => void attachCoordinators(c));
    const original = cluster.events.filter((e) => e.timeMs <= trace.endTimeMs).map(formatEvent);
    expect(replayed.events.map(formatEvent)).toEqual(original);
    expect(original.some((line) => line.includes('group-stabilized'))).toBe(true);
    expect(original.some((line) => line.includes('transaction-aborted'))).toBe(true);
  }, 60_000);
});
