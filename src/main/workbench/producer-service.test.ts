/**
 * The Produce panel's three lessons of issue 12 against a real ClusterHost over real sockets:
 * acks=0 gives no offset and no confirmation; a 2 MiB record gets the broker's MESSAGE_TOO_LARGE
 * against max.message.bytes; NOT_ENOUGH_REPLICAS arrives after a few recorded attempts, not 45 s.
 * Five brokers, so stopping two (not KRaft voters) keeps the quorum and the ISR can shrink.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterHost } from '../../broker/host/cluster-host';
import { partitionForStringKey } from '../../shared/partitioner';
import type { ProduceRequest } from '../../shared/workbench-contract';
import { Workbench } from './workbench';
import { waitFor } from './test-helpers';

const request = (overrides: Partial<ProduceRequest>): ProduceRequest => ({ topic: 'lessons', partition: null, key: 'k', value: 'v', headers: [], acks: -1, compression: 'none', delivery: 'plain', ...overrides });

describe('the Produce panel tells the truth (issue 12)', () => {
  let host: ClusterHost;
  let wb: Workbench;

  beforeAll(async () => {
    host = await ClusterHost.start({ brokers: 5, basePort: 0, seed: 606 });
    wb = new Workbench({ bootstrap: host.bootstrap });
    expect(await host.execute({ type: 'create-topic', topic: 'lessons', partitions: 5, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } })).toMatchObject({ ok: true });
    await waitFor('lessons writable', async () => (await wb.produceRecord(request({ partition: 0 }))).ok);
  });

  afterAll(async () => {
    await wb?.close();
    await host?.close();
  });

  it('acks=0 succeeds with no offset and no confirmation; the partition only as the client decided it', async () => {
    const keyed = await wb.produceRecord(request({ acks: 0, key: 'customer-7' }));
    expect(keyed).toMatchObject({ ok: true, offset: null, acknowledged: false, partitionSource: 'partitioner', partition: partitionForStringKey('customer-7', 5) });
    expect(keyed.ok && keyed.note).toMatch(/broker sends no response/);
    expect(await wb.produceRecord(request({ acks: 0, partition: 3 }))).toMatchObject({ ok: true, offset: null, acknowledged: false, partitionSource: 'chosen', partition: 3 });
    // It was written all the same: the highWatermark of partition 3 moves.
    await waitFor('record on partition 3', () => (host.snapshot().topics.find((t) => t.name === 'lessons')!.partitions[3]!.highWatermark) >= 1);
    expect(await wb.produceRecord(request({ acks: 1, partition: 3 }))).toMatchObject({ ok: true, acknowledged: true, partitionSource: 'broker', partition: 3, offset: 1 });
  });

  it('a 2 MiB record gets MESSAGE_TOO_LARGE naming max.message.bytes and its value, at once and without retries', async () => {
    const started = Date.now();
    const result = await wb.produceRecord(request({ partition: 1, value: 'x'.repeat(2 * 1024 * 1024), requestId: 'big' }));
    expect(result).toMatchObject({ ok: false, errorName: 'MESSAGE_TOO_LARGE', retriable: false, maxAttempts: 3 });
    expect(!result.ok && result.explanation).toMatch(/max\.message\.bytes=1048588.*message\.max\.bytes/);
    expect(result.attempts).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await wb.getProduceProgress('big')).toMatchObject({ state: 'done', attempts: [{ attempt: 1, errorName: 'MESSAGE_TOO_LARGE', backoffMs: null }] });
  });

  // Last: it stops two brokers.
  it('NOT_ENOUGH_REPLICAS arrives after 3 recorded attempts, within 5 s, and progress shows them while it runs', async () => {
    const voters = host.snapshot().controller.voters;
    const partitions = host.snapshot().topics.find((t) => t.name === 'lessons')!.partitions;
    // The leader stays (a voter) and both followers stop (not voters): the quorum and the leader stay up.
    const target = partitions.find((p) => voters.includes(p.leader) && p.replicas.filter((b) => b !== p.leader).every((b) => !voters.includes(b)))!;
    expect(target, JSON.stringify(partitions.map((p) => [p.leader, p.replicas]))).toBeDefined();
    const stopped = target.replicas.filter((b) => b !== target.leader);
    for (const brokerId of stopped) await host.execute({ type: 'stop-broker', brokerId });
    await waitFor('ISR shrinks to one', () => host.snapshot().topics.find((t) => t.name === 'lessons')!.partitions[target.partition]!.inSyncReplicas.length === 1);
    const started = Date.now();
    const running = wb.produceRecord(request({ partition: target.partition, requestId: 'ner' }));
    const seen = await waitFor('an attempt recorded while the send runs', async () => {
      const progress = await wb.getProduceProgress('ner');
      return progress && progress.state === 'sending' && progress.attempts.length > 0 ? progress : null;
    }, 5000);
    expect(seen.attempts[0]).toMatchObject({ attempt: 1, errorName: 'NOT_ENOUGH_REPLICAS', backoffMs: 100 });
    const result = await running;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: false, errorName: 'NOT_ENOUGH_REPLICAS', maxAttempts: 3 });
    expect(result.attempts!.map((a) => [a.attempt, a.errorName, a.backoffMs])).toEqual([[1, 'NOT_ENOUGH_REPLICAS', 100], [2, 'NOT_ENOUGH_REPLICAS', 200], [3, 'NOT_ENOUGH_REPLICAS', null]]);
    expect(!result.ok && result.explanation).toMatch(/only 1 of 3 replicas in sync, topic requires 2 \(min\.insync\.replicas\)/);
  });
});
