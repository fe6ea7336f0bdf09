/**
 * `records-lost` means a client was told about the records (replication/acknowledged.ts): records
 * above the highWatermark that no producer was acknowledged for are truncated by a clean leader
 * change as on Kafka (`log-truncated` only); acknowledged acks=1 records are reported lost.
 */
import { describe, expect, it } from 'vitest';
import type { SimCluster } from '../cluster/cluster';
import { batchOf, produceOne } from '../cluster/testing';
import { runScenario } from './scenario';

const link = (a: number, b: number, cut: boolean) => (c: SimCluster) => void c.command({ type: 'set-link', fromBrokerId: a, toBrokerId: b, latencyMs: 0, lossRate: 0, cut });
const isolateLeader = (cut: boolean) => (c: SimCluster) => { link(2, 3, cut)(c); link(2, 4, cut)(c); };

function run(acks: -1 | 1, election: 'controlled-shutdown' | 'preferred') {
  const answers: string[] = [];
  const result = runScenario({
    seed: 31, brokers: 4, brokerConfig: { 'replica.lag.time.max.ms': '60000', 'auto.leader.rebalance.enable': 'false' }, untilMs: 45_000,

    steps: [
      { atMs: 0, run: (c) => void c.createTopics(1, [{ name: 'orders', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: election === 'preferred' ? [3, 2, 4] : [2, 3, 4] }] }], false) },
      // Preferred case: move leadership to 2 first (3 restarts), then prefer 3 again later.
      ...(election === 'preferred' ? [{ atMs: 100, run: (c: SimCluster) => void c.command({ type: 'stop-broker', brokerId: 3 }) }, { atMs: 300, run: (c: SimCluster) => void c.command({ type: 'start-broker', brokerId: 3 }) }] : []),
      { atMs: 500, run: (c) => void produceOne(c, 2, 'orders', 0, batchOf([{ value: 'a' }]), -1) },
      { atMs: 1000, run: isolateLeader(true) },
      { atMs: 1100, run: (c) => { const h = produceOne(c, 2, 'orders', 0, batchOf([{ value: 'b' }, { value: 'c' }]), acks, 20_000); c.onEvent(() => { if (h.result && !answers.length) answers.push(h.result.errorName); }); if (h.result) answers.push(h.result.errorName); } },
      { atMs: 1400, run: election === 'preferred' ? (c) => void c.electLeaders(1, 0, [{ topic: 'orders', partition: 0 }]) : (c) => void c.command({ type: 'stop-broker', brokerId: 2, controlled: true }) },
      { atMs: 1500, run: isolateLeader(false) },
      ...(election === 'preferred' ? [] : [{ atMs: 5000, run: (c: SimCluster) => void c.command({ type: 'start-broker', brokerId: 2 }) }]),
    ],
  });
  return { result, answers, lines: result.lines(['leader-elected', 'log-truncated', 'records-lost']) };
}

describe('records-lost only for acknowledged records', () => {
  it('a controlled shutdown truncating acks=all records no producer was acknowledged for: log-truncated, not records-lost', () => {
    const { result, answers, lines } = run(-1, 'controlled-shutdown');
    expect(answers[0]).not.toBe('NONE');
    expect(lines.filter((l) => l.includes('records-lost'))).toEqual([]);
    expect(lines.some((l) => /log-truncated orders-0 broker=2 3->1/.test(l))).toBe(true);
    expect(result.checker.violations).toEqual([]);
  });

  it('the same shutdown after an acks=1 acknowledgement reports both records lost', () => {
    const { answers, lines } = run(1, 'controlled-shutdown');
    expect(answers).toEqual(['NONE']);
    expect(lines.filter((l) => l.includes('records-lost'))).toEqual([expect.stringMatching(/records-lost orders-0 offsets=\[1,3\) count=2 \(not-replicated-before-leader-change\)/)]);
  });

  it('a preferred-leader election truncating the old leader\'s unacknowledged acks=all records: log-truncated only', () => {
    const { answers, lines } = run(-1, 'preferred');
    expect(answers[0]).not.toBe('NONE');
    expect(lines.some((l) => /leader-elected orders-0 leader=3 .*\(preferred\)/.test(l))).toBe(true);
    expect(lines.filter((l) => l.includes('records-lost'))).toEqual([]);
    expect(lines.some((l) => /log-truncated orders-0 broker=2 3->1/.test(l))).toBe(true);
  });
});
