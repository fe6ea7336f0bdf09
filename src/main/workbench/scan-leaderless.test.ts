/**
 * Message browser with a leaderless partition: an RF=1 topic whose broker is stopped. The scan
 * reads the partitions that have a leader and reports the other per partition, with the Kafka
 * error name and plain words, instead of failing as kafkajs's all-or-nothing metadata would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterHost } from '../../broker/host/cluster-host';
import { Workbench } from './workbench';
import { drain, waitFor } from './test-helpers';


describe('message browser with a leaderless partition', () => {
  let host: ClusterHost;
  let wb: Workbench;

  beforeAll(async () => {
    host = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 707 });
    wb = new Workbench({ bootstrap: host.bootstrap, groups: () => host.snapshot().groups, lagIntervalMs: 200 });
    expect(await host.execute({ type: 'create-topic', topic: 'single-copy', partitions: 3, replicationFactor: 1 })).toMatchObject({ ok: true });
    await waitFor('leaders', () => host.snapshot().topics.find((t) => t.name === 'single-copy')?.partitions.every((p) => p.leader > 0));
  });

  afterAll(async () => {
    await wb?.close();
    await host?.close();
  });

  it('scans the partitions that have a leader and reports the leaderless one with LEADER_NOT_AVAILABLE in plain words', async () => {
    for (let partition = 0; partition < 3; partition++) {
      for (let i = 0; i < 2; i++) {
        const result = await wb.produceRecord({ topic: 'single-copy', partition, key: `k${i}`, value: `p${partition}-${i}`, headers: [], acks: -1, compression: 'none', delivery: 'plain' });
        expect(result).toMatchObject({ ok: true, partition });
      }
    }
    const victim = host.snapshot().topics.find((t) => t.name === 'single-copy')!.partitions[1]!;
    expect(await host.execute({ type: 'stop-broker', brokerId: victim.leader, controlled: true })).toMatchObject({ ok: true });
    await waitFor('partition 1 offline', () => host.snapshot().topics.find((t) => t.name === 'single-copy')!.partitions[1]!.leader === -1);

    const { sessionId } = await wb.startScan({ topic: 'single-copy', partitions: null, seek: { kind: 'oldest' }, limit: 100, isolationLevel: 'read_uncommitted' });
    const { records, last } = await drain(wb, sessionId);
    expect(last.progress.state).toBe('done');
    expect(records.map((r) => `${r.partition}`).sort()).toEqual(['0', '0', '2', '2']);
    expect(last.progress.failedPartitions).toEqual([{ partition: 1, errorName: 'LEADER_NOT_AVAILABLE', message: expect.stringContaining(`single-copy-1 has no leader: its only replica, broker ${victim.leader}, is offline`) }]);
    expect(last.progress.reason).toContain('1 partition(s) could not be read');

    // Asking for the leaderless partition alone fails the scan with the same words.
    const only = await wb.startScan({ topic: 'single-copy', partitions: [1], seek: { kind: 'oldest' }, limit: 100, isolationLevel: 'read_uncommitted' });
    const alone = await drain(wb, only.sessionId);
    expect(alone.last.progress.state).toBe('failed');
    expect(alone.last.progress.reason).toContain('LEADER_NOT_AVAILABLE');
    expect(alone.last.progress.failedPartitions?.[0]?.errorName).toBe('LEADER_NOT_AVAILABLE');
  }, 60_000);
});
