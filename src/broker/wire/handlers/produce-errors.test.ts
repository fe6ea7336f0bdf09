/**
 * Produce errors as Kafka names them, end to end through the wire: NOT_ENOUGH_REPLICAS when the
 * ISR is below min.insync.replicas (acks=all only), CORRUPT_MESSAGE for a bad CRC,
 * MESSAGE_TOO_LARGE above max.message.bytes, UNKNOWN_TOPIC_OR_PARTITION, INVALID_REQUIRED_ACKS, and
 * REQUEST_TIMED_OUT when an in-sync follower cannot be reached within the timeout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { errorCode } from '../../protocol';
import { encodeRecordBatch } from '../../protocol/records';
import { createTopic, startHost, topicView, waitFor } from '../conformance/harness';
import { Caller } from '../testing/caller';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Produce errors', () => {
  let host: ClusterHost;
  let caller: Caller;
  const batch = (bytes = 10): Buffer => encodeRecordBatch({ records: [{ key: null, value: Buffer.alloc(bytes, 120) }] });
  const produce = async (brokerId: number, topic: string, records: Buffer, acks = -1, timeoutMs = 2000): Promise<Obj> => {
    const body: Obj = await caller.call(brokerId, 0, 9, { transactionalId: null, acks, timeoutMs, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });
    return body.responses[0].partitionResponses[0];
  };

  beforeAll(async () => {
    host = await startHost({ seed: 91 });
    caller = new Caller(host);
  });
  afterAll(async () => {
    caller?.close();
    await host?.close();
  });

  it('rejects bad batches, oversized batches, unknown topics and invalid acks', async () => {
    const view = await createTopic(host, 'errors', 1, 3, { 'max.message.bytes': '2000' });
    const leader = view.partitions[0]!.leader;
    const corrupt = batch();
    corrupt[corrupt.length - 1] ^= 0xff;
    expect((await produce(leader, 'errors', corrupt)).errorCode).toBe(errorCode('CORRUPT_MESSAGE'));
    expect((await produce(leader, 'errors', batch(5000))).errorCode).toBe(errorCode('MESSAGE_TOO_LARGE'));
    expect((await produce(leader, 'no-such-topic', batch())).errorCode).toBe(errorCode('UNKNOWN_TOPIC_OR_PARTITION'));
    expect((await produce(leader, 'errors', batch(), 2)).errorCode).toBe(errorCode('INVALID_REQUIRED_ACKS'));
    expect((await produce(leader, 'errors', batch())).errorCode).toBe(0);
  });

  it('answers NOT_ENOUGH_REPLICAS to acks=all below min.insync.replicas, while acks=1 still appends', async () => {
    // Stopping one follower keeps the controller quorum (2 of 3 voters); min.insync.replicas=3 makes
    // the remaining ISR of 2 too small.
    const view = await createTopic(host, 'min-isr', 1, 3, { 'min.insync.replicas': '3' });
    const leader = view.partitions[0]!.leader;
    // Not the active controller either: its election would delay metadata for this test.
    const controller = host.snapshot().controller.activeControllerId;
    const followers = view.partitions[0]!.replicas.filter((r) => r !== leader && r !== controller).slice(0, 1);
    for (const f of followers) expect(await host.execute({ type: 'stop-broker', brokerId: f })).toMatchObject({ ok: true });
    await waitFor('ISR shrunk to 2', () => topicView(host, 'min-isr')!.partitions[0]!.inSyncReplicas.length === 2, 30_000);
    const current = topicView(host, 'min-isr')!.partitions[0]!.leader;
    const r = await produce(current, 'min-isr', batch());
    expect(r.errorCode).toBe(errorCode('NOT_ENOUGH_REPLICAS'));
    expect((await produce(current, 'min-isr', batch(), 1)).errorCode).toBe(0);
    for (const f of followers) await host.execute({ type: 'start-broker', brokerId: f });
    // A restarted broker is fenced until its first heartbeat reaches the controller.
    await waitFor('all brokers running', () => host.snapshot().brokers.every((b) => b.state === 'running'), 30_000);
  }, 60_000);

  it('answers REQUEST_TIMED_OUT when an in-sync follower cannot be reached within the request timeout', async () => {
    // The isolated follower stays in the ISR until replica.lag.time.max.ms, so acks=all waits for it.
    const view = await createTopic(host, 'timeout', 1, 3);
    const leader = view.partitions[0]!.leader;
    const controller = host.snapshot().controller.activeControllerId;
    const follower = view.partitions[0]!.replicas.find((r) => r !== leader && r !== controller)!;
    expect(await host.execute({ type: 'isolate-broker', brokerId: follower })).toMatchObject({ ok: true });
    const started = Date.now();
    const answer = await produce(leader, 'timeout', batch(), -1, 300);
    expect(answer.errorCode).toBe(errorCode('REQUEST_TIMED_OUT'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await produce(leader, 'timeout', batch(), 1)).errorCode).toBe(0);
    await host.execute({ type: 'heal-broker', brokerId: follower });
  });
});
