/**
 * The workbench against a real ClusterHost on ephemeral ports: kafkajs clients over real sockets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterHost } from '../../broker/host/cluster-host';
import { partitionForStringKey } from '../../shared/partitioner';
import { Workbench } from './workbench';
import { drain, waitFor } from './test-helpers';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('workbench against a real cluster host', () => {
  let host: ClusterHost;
  let wb: Workbench;

  beforeAll(async () => {
    host = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 606 });
    wb = new Workbench({ bootstrap: host.bootstrap, groups: () => host.snapshot().groups, lagIntervalMs: 200 });
    expect(await host.execute({ type: 'create-topic', topic: 'orders', partitions: 3, replicationFactor: 3 })).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    await wb?.close();
    await host?.close();
  });

  it('produces a keyed record to the partition murmur2 picks and browses it back with its headers', async () => {
    const result = await wb.produceRecord({ topic: 'orders', partition: null, key: 'customer-42', value: '{"total":12}', headers: [{ key: 'trace', value: 'abc' }], acks: -1, compression: 'none', delivery: 'plain' });
    expect(result).toMatchObject({ ok: true, partition: partitionForStringKey('customer-42', 3) });
    if (!result.ok) return;
    const { sessionId } = await wb.startScan({ topic: 'orders', partitions: [result.partition!], seek: { kind: 'offset', offset: result.offset! }, limit: 10, isolationLevel: 'read_uncommitted' });
    const { records, last } = await drain(wb, sessionId);
    expect(last.progress.state).toBe('done');
    expect(records[0]).toMatchObject({ partition: result.partition, offset: result.offset, key: b64('customer-42'), value: b64('{"total":12}'), headers: [{ key: 'trace', value: b64('abc') }], compression: 'none', timestampType: 'CreateTime' });
    expect(last.progress.bytes).toBeGreaterThan(0);
  });

  it('shows tombstones, the codec of every compressed batch, and idempotent producer ids and sequences', async () => {
    await host.execute({ type: 'create-topic', topic: 'codecs', partitions: 1, replicationFactor: 1 });
    for (const compression of ['gzip', 'snappy', 'lz4', 'zstd'] as const) {
      expect(await wb.produceRecord({ topic: 'codecs', partition: 0, key: compression, value: `v-${compression}`, headers: [], acks: -1, compression, delivery: 'plain' })).toMatchObject({ ok: true });
    }
    expect(await wb.produceRecord({ topic: 'codecs', partition: 0, key: 'gone', value: null, headers: [{ key: 'why', value: 'deleted' }], acks: 1, compression: 'none', delivery: 'plain' })).toMatchObject({ ok: true, offset: 4 });
    expect(await wb.produceRecord({ topic: 'codecs', partition: 0, key: 'idem', value: 'once', headers: [], acks: 1, compression: 'none', delivery: 'idempotent' })).toMatchObject({ ok: true, offset: 5, note: expect.stringContaining('acks=all') });
    const { sessionId } = await wb.startScan({ topic: 'codecs', partitions: null, seek: { kind: 'oldest' }, limit: 100, isolationLevel: 'read_uncommitted' });
    const { records } = await drain(wb, sessionId);
    expect(records.map((r) => r.compression)).toEqual(['gzip', 'snappy', 'lz4', 'zstd', 'none', 'none']);
    expect(records[4]).toMatchObject({ value: null, valueBytes: 0, headers: [{ key: 'why', value: b64('deleted') }] });
    expect(records[5]!.producerId).toBeGreaterThanOrEqual(0);
    expect(records[5]!.sequence).toBe(0);
    expect(records[0]!.producerId).toBe(-1);
  });

  it('seeks newest N and by timestamp', async () => {
    await host.execute({ type: 'create-topic', topic: 'seek', partitions: 1, replicationFactor: 1 });
    for (let i = 0; i < 10; i++) await wb.produceRecord({ topic: 'seek', partition: 0, key: null, value: `r${i}`, headers: [], acks: 1, compression: 'none', delivery: 'plain' });
    const newest = await drain(wb, (await wb.startScan({ topic: 'seek', partitions: null, seek: { kind: 'newest', count: 3 }, limit: 100, isolationLevel: 'read_uncommitted' })).sessionId);
    expect(newest.records.map((r) => r.offset)).toEqual([7, 8, 9]);
    const at = newest.records[1]!.timestampMs;
    const byTime = await drain(wb, (await wb.startScan({ topic: 'seek', partitions: null, seek: { kind: 'timestamp', timestampMs: at }, limit: 100, isolationLevel: 'read_uncommitted' })).sessionId);
    expect(byTime.records[0]!.timestampMs).toBeGreaterThanOrEqual(at);
    expect(byTime.records.at(-1)!.offset).toBe(9);
    const limited = await drain(wb, (await wb.startScan({ topic: 'seek', partitions: null, seek: { kind: 'oldest' }, limit: 4, isolationLevel: 'read_uncommitted' })).sessionId);
    expect(limited.records).toHaveLength(4);
    expect(limited.last.progress.reason).toMatch(/limit of 4/);
  });

  it('tails live records, runs a load generator and an assigned consumer with kafka-lab-ui client ids', async () => {
    await host.execute({ type: 'create-topic', topic: 'live', partitions: 2, replicationFactor: 1 });
    const { sessionId } = await wb.startTail({ topic: 'live', partitions: null, capacity: 1000, isolationLevel: 'read_uncommitted' });
    const consumer = await wb.startConsumer({ topic: 'live', mode: 'assigned', fromBeginning: true, isolationLevel: 'read_uncommitted' });
    await waitFor('consumer running', async () => (await wb.getWorkbenchStatus()).consumers[0]?.state === 'running');
    await new Promise((r) => setTimeout(r, 300)); // the tail's start offsets are read when it connects
    const load = await wb.startLoadGenerator({ topic: 'live', recordsPerSec: 400, keys: { kind: 'zipf', keyCount: 10, exponent: 1.2 }, valueTemplate: '{"seq":{{seq}},"key":"{{key}}"}', acks: 1, compression: 'lz4' });
    let seen = 0;
    let after = 0;
    await waitFor('tail sees 200 records', async () => {
      const poll = (await wb.pollScan(sessionId, after))!;
      seen += poll.records.length;
      if (poll.records.length) after = poll.records.at(-1)!.seq;
      return seen >= 200;
    });
    await waitFor('consumer consumed', async () => (await wb.getWorkbenchStatus()).consumers.find((c) => c.id === consumer.id)!.consumed >= 200);
    const status = await wb.getWorkbenchStatus();
    expect(status.loadGenerators[0]).toMatchObject({ id: load.id, running: true, errors: 0 });
    expect(status.consumers[0]!.recent.at(-1)!.compression).toBe('lz4');
    const clientIds = new Set(host.snapshot().connections.map((c) => c.clientId));
    expect(clientIds).toContain(load.clientId);
    expect(clientIds).toContain(consumer.clientId);
    expect([...clientIds].some((id) => id?.startsWith('kafka-lab-ui-tail-'))).toBe(true);
    await wb.stopLoadGenerator(load.id);
    await wb.stopConsumer(consumer.id);
    expect(await wb.stopScan(sessionId)).toBe(true);
    expect(await wb.pollScan(sessionId, 0)).toBeNull();
  });

  it('transactional records carry their producer and the COMMIT marker shows', async () => {
    await host.execute({ type: 'create-topic', topic: 'txn', partitions: 1, replicationFactor: 3 });
    const result = await wb.produceRecord({ topic: 'txn', partition: 0, key: 'a', value: '1', headers: [], acks: -1, compression: 'none', delivery: 'transactional' });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    // The commit returns before the coordinator's COMMIT marker (offset 1) is replicated; a scan
    // reads up to the highWatermark it finds when it starts, so wait until the marker is below it.
    await waitFor('COMMIT marker replicated', () => (host.snapshot().topics.find((t) => t.name === 'txn')?.partitions[0]?.highWatermark ?? 0) >= 2);
    const { records } = await drain(wb, (await wb.startScan({ topic: 'txn', partitions: null, seek: { kind: 'oldest' }, limit: 10, isolationLevel: 'read_committed' })).sessionId);
    expect(records[0]).toMatchObject({ isTransactional: true, controlMarker: null });
    expect(records[1]).toMatchObject({ controlMarker: 'COMMIT' });
  });

  it('previews offset resets, refuses them for an active group and applies them once it is empty', async () => {
    await host.execute({ type: 'create-topic', topic: 'grouped', partitions: 2, replicationFactor: 1 });
    for (let i = 0; i < 6; i++) await wb.produceRecord({ topic: 'grouped', partition: i % 2, key: null, value: `g${i}`, headers: [], acks: 1, compression: 'none', delivery: 'plain' });
    const consumer = await wb.startConsumer({ topic: 'grouped', mode: 'group', groupId: 'wb-group', fromBeginning: true, isolationLevel: 'read_uncommitted' });
    await waitFor('group consumed everything', async () => (await wb.getWorkbenchStatus()).consumers[0]?.consumed === 6, 30_000)
      .catch(async (error: Error) => { throw new Error(`${error.message}: ${JSON.stringify((await wb.getWorkbenchStatus()).consumers.map((c) => [c.state, c.consumed, c.error, c.assignment]))} ${JSON.stringify(host.snapshot().groups.map((g) => [g.groupId, g.state, g.generationId, g.members.length, g.coordinatorId]))}`); });
    await waitFor('lag zero', () => host.snapshot().groups.find((g) => g.groupId === 'wb-group' && g.state === 'Stable' && g.totalLag === 0));
    const request = { groupId: 'wb-group', topic: 'grouped', target: { kind: 'earliest' as const }, partitions: null };
    const preview = await wb.previewOffsetReset(request);
    expect(preview).toMatchObject({ ok: true, applied: false, groupState: 'Stable' });
    expect(preview.rows.map((r) => r.newOffset)).toEqual([0, 0]);
    const refused = await wb.applyOffsetReset(request);
    expect(refused).toMatchObject({ ok: false, errorName: 'NON_EMPTY_GROUP' });
    await wb.stopConsumer(consumer.id);
    await waitFor('group empty', () => host.snapshot().groups.find((g) => g.groupId === 'wb-group' && g.state === 'Empty'));
    expect(await wb.applyOffsetReset(request)).toMatchObject({ ok: true, applied: true });
    await waitFor('lag back to 6', () => host.snapshot().groups.find((g) => g.groupId === 'wb-group')?.totalLag === 6);
    wb.sampleLagNow();
    const history = await wb.getLagHistory('wb-group');
    expect(history.samples.at(-1)!.totalLag).toBe(6);
    expect(history.rebalances.length).toBeGreaterThan(0);
  });
  // Last: it stops a broker, which would slow the coordinators' internal topics for the tests above.
  it('explains NOT_ENOUGH_REPLICAS with the cluster numbers', async () => {
    await host.execute({ type: 'create-topic', topic: 'strict', partitions: 1, replicationFactor: 3, configs: { 'min.insync.replicas': '3' } });
    // One acknowledged write first: the leader hosts the partition and every replica is in sync.
    await waitFor('strict writable', async () => (await wb.produceRecord({ topic: 'strict', partition: 0, key: 'k', value: 'first', headers: [], acks: -1, compression: 'none', delivery: 'plain' })).ok);
    const leader = host.snapshot().topics.find((t) => t.name === 'strict')!.partitions[0]!.leader;
    // A follower that is not the active controller: a controller election is another story.
    const controller = host.snapshot().controller.activeControllerId;
    const follower = [1, 2, 3].find((b) => b !== leader && b !== controller)!;
    await host.execute({ type: 'stop-broker', brokerId: follower });
    await waitFor('ISR shrink', () => host.snapshot().topics.find((t) => t.name === 'strict')!.partitions[0]!.inSyncReplicas.length === 2);
    // The producer has written to RF=1 topics led by the stopped broker: kafkajs's metadata refresh
    // fails for all its topics (LEADER_NOT_AVAILABLE) and the service retries with a fresh producer.
    const result = await wb.produceRecord({ topic: 'strict', partition: 0, key: 'k', value: 'v', headers: [], acks: -1, compression: 'none', delivery: 'plain' });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: false, errorName: 'NOT_ENOUGH_REPLICAS' });
    if (!result.ok) expect(result.explanation).toMatch(/only 2 of 3 replicas in sync, topic requires 3/);
    await host.execute({ type: 'start-broker', brokerId: follower });
    await waitFor('ISR expands again', () => host.snapshot().topics.find((t) => t.name === 'strict')!.partitions[0]!.inSyncReplicas.length === 3);
  });

});
