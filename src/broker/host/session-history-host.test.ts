/**
 * The session history as the ClusterHost keeps it: a sample just before a command and one just
 * after, so a scrub to "just before the fault" shows the old leaders and ISR, and the history's
 * range covers the session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopic, startHost, waitFor } from '../wire/conformance/harness';
import type { ClusterHost } from './cluster-host';

describe('ClusterHost session history', () => {
  let host: ClusterHost;
  beforeAll(async () => {
    host = await startHost({ seed: 13, speed: 10 });
  });
  afterAll(async () => {
    await host?.close();
  });

  it('shows the leaders and ISR of just before a broker stopped, and the new ones after', async () => {
    const before = await createTopic(host, 'history', 3, 3);
    const victim = before.partitions[0]!.leader;
    const result = await host.execute({ type: 'stop-broker', brokerId: victim, controlled: false });
    expect(result.ok).toBe(true);
    const stopped = host.recentEvents().find((e) => e.type === 'broker-stopped' && e.brokerId === victim)!;
    expect(stopped).toBeDefined();
    // The new leader of partition 0 and a shrunk ISR, in the live view.
    await waitFor('a new leader of history-0', () => {
      const p = host.snapshot().topics.find((t) => t.name === 'history')!.partitions[0]!;
      return p.leader !== victim && p.leader >= 0 && !p.inSyncReplicas.includes(victim);
    });
    await waitFor('a sample with the new leader', () => {
      const range = host.sessionHistoryRange();
      const now = host.viewAt(range.toMs!);
      return now.ok && now.view.topics.find((t) => t.name === 'history')!.partitions[0]!.leader !== victim;
    });

    // Right after the event before the stop (the state just before the fault), at the stop's own ms.
    const justBefore = host.viewAt(stopped.timeMs, stopped.seq - 1);
    expect(justBefore.ok).toBe(true);
    if (!justBefore.ok) return;
    const p0 = justBefore.view.topics.find((t) => t.name === 'history')!.partitions[0]!;
    expect(p0.leader).toBe(victim);
    expect([...p0.inSyncReplicas].sort()).toEqual([1, 2, 3]);
    expect(justBefore.view.brokers.find((b) => b.brokerId === victim)!.state).toBe('running');
    expect(justBefore.eventSeq).toBeLessThan(stopped.seq);
    // Taken at the fault's own moment (the sample just before the command), not up to a sample interval earlier.
    expect(justBefore.sampleTimeMs).toBe(stopped.timeMs);

    const after = host.viewAt(stopped.timeMs);
    expect(after.ok && after.view.brokers.find((b) => b.brokerId === victim)!.state).toBe('stopped');

    const range = host.sessionHistoryRange();
    expect(range.samples).toBeGreaterThan(2);
    expect(range.fromMs).toBeLessThanOrEqual(stopped.timeMs);
    expect(range.usedBytes).toBeGreaterThan(0);
    expect(range.dropped).toBeNull();
  });

  it('refuses a moment older than the history and a moment that is not a number, in Kafka words', () => {
    const range = host.sessionHistoryRange();
    const old = host.viewAt(range.fromMs! - 1);
    expect(old).toMatchObject({ ok: false, errorName: 'OFFSET_OUT_OF_RANGE' });
    expect(host.viewAt(Number.NaN)).toMatchObject({ ok: false, errorName: 'INVALID_REQUEST' });
    expect(host.viewAt('soon' as unknown as number)).toMatchObject({ ok: false, errorName: 'INVALID_REQUEST' });
  });
});
