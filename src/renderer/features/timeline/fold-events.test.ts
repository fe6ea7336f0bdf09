import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../../../shared';
import { event } from '../../test/fake-client';
import { foldMembers, significantEvents, timelineLines, type TimelineFilter } from './fold-events';

const story: TimelineFilter = { text: '', category: 'all', showRoutine: false };

/** A broker-2 failure on 3 brokers: orders (3 partitions) and the 50 __consumer_offsets partitions, as the model emits it. */
function failover(): ClusterEvent[] {
  let seq = 0;
  const at = (timeMs: number, body: Record<string, unknown> & { type: ClusterEvent['type'] }) => event(body, seq++, timeMs);
  const out: ClusterEvent[] = [at(1000, { type: 'broker-stopped', brokerId: 2, controlled: false }), at(10_000, { type: 'broker-fenced', brokerId: 2, reason: 'session timeout' })];
  for (let p = 0; p < 50; p++) {
    if (p % 3 === 1) out.push(at(10_000, { type: 'leader-elected', topic: '__consumer_offsets', partition: p, leader: p % 2 === 0 ? 1 : 3, previousLeader: 2, leaderEpoch: 1, unclean: false, reason: 'broker-failure' }));
    out.push(at(10_000, { type: 'isr-shrunk', topic: '__consumer_offsets', partition: p, removed: [2], inSyncReplicas: [1, 3] }));
    // Kafka's order is by partition, so internal and user events interleave within the instant.
    if (p === 20) {
      out.push(at(10_000, { type: 'leader-elected', topic: 'orders', partition: 1, leader: 3, previousLeader: 2, leaderEpoch: 1, unclean: false, reason: 'broker-failure' }));
      for (const partition of [0, 1, 2]) out.push(at(10_000, { type: 'isr-shrunk', topic: 'orders', partition, removed: [2], inSyncReplicas: [1, 3] }));
    }
  }
  for (let p = 0; p < 50; p++) out.push(at(10_000, { type: 'group-coordinator-loaded', brokerId: p % 2 === 0 ? 1 : 3, partition: p, leaderEpoch: 1, groups: p === 7 ? 1 : 0, offsets: p === 7 ? 3 : 0 }));
  out.push(at(20_000, { type: 'broker-started', brokerId: 2 }));
  for (let p = 0; p < 50; p++) out.push(at(20_000 + (p % 4) * 500, { type: 'isr-expanded', topic: '__consumer_offsets', partition: p, added: [2], inSyncReplicas: [1, 3, 2] }));
  out.push(at(21_000, { type: 'isr-expanded', topic: 'orders', partition: 1, added: [2], inSyncReplicas: [1, 3, 2] }));
  for (let i = 0; i < 20; i++) out.push(at(21_000 + i * 100, { type: 'high-watermark-advanced', topic: 'orders', partition: i % 3, highWatermark: i }));
  return out;
}

describe('timelineLines', () => {
  it('tells a failover in a screenful: user-topic lines on top of each burst, each internal cause folded into one line', () => {
    const lines = timelineLines(failover(), story);
    expect(lines.map((l) => l.text)).toEqual([
      'orders-1: ISR expanded, added [2] → [1,3,2]',
      '50 __consumer_offsets partitions: ISR expanded, added [2] (caught up)',
      'broker 2 started',
      'orders-2: ISR shrank, removed [2] → [1,3]',
      'orders-1: ISR shrank, removed [2] → [1,3]',
      'orders-0: ISR shrank, removed [2] → [1,3]',
      'orders-1: leader 2 → 3, leaderEpoch 1 (broker-failure)',
      // group-coordinator-loaded of p=7 only: the 49 empty loads are routine, hidden by default.
      '17 __consumer_offsets partitions: leader moved to broker 1 (8) and broker 3 (9) after a broker failure (leaderEpoch 1)',
      '50 __consumer_offsets partitions: ISR shrank, removed [2]',
      'broker 3 now coordinates __consumer_offsets-7: loaded 1 group, 3 offsets',
      'broker 2 fenced by the controller: no heartbeat within broker.session.timeout.ms (9.0 s after it stopped)',
      'broker 2 stopped (killed)',
    ]);
    const fold = lines.find((l) => l.kind === 'fold' && l.text.startsWith('17'));
    expect(fold?.kind === 'fold' && fold.events).toHaveLength(17);
    expect(foldMembers(fold as Extract<typeof fold, { kind: 'fold' }>)[0]!.text).toBe('__consumer_offsets-49: leader 2 → 3, leaderEpoch 1 (broker-failure)');
  });

  it('shows routine events only when asked, folded per topic, and coordinator loads per broker', () => {
    const lines = timelineLines(failover(), { ...story, showRoutine: true });
    expect(lines[0]!.text).toBe('orders-1: ISR expanded, added [2] → [1,3,2]');
    expect(lines[1]).toMatchObject({ kind: 'fold', text: 'orders: highWatermark moved 20 times on 3 partitions, latest → 19' });
    const loads = lines.filter((l) => l.text.includes('now coordinates'));
    expect(loads.map((l) => l.text)).toEqual([
      'broker 3 now coordinates 25 __consumer_offsets partitions (loaded 1 group, 3 offsets)',
      'broker 1 now coordinates 25 __consumer_offsets partitions (loaded 0 groups, 0 offsets)',
    ]);
  });

  it('filters by category and by text, keeping the members of a fold that match', () => {
    expect(timelineLines(failover(), { ...story, category: 'brokers' }).map((l) => l.text)).toEqual([
      'broker 2 started', 'broker 2 fenced by the controller: no heartbeat within broker.session.timeout.ms (9.0 s after it stopped)', 'broker 2 stopped (killed)',
    ]);
    // A member's own text: the fold narrows to the matching member, shown as itself.
    expect(timelineLines(failover(), { ...story, text: '__consumer_offsets-13:' }).map((l) => l.text)).toEqual([
      '__consumer_offsets-13: ISR expanded, added [2] → [1,3,2]',
      '__consumer_offsets-13: ISR shrank, removed [2] → [1,3]',
      '__consumer_offsets-13: leader 2 → 3, leaderEpoch 1 (broker-failure)',
    ]);
    // The fold's summary: the whole fold.
    const moved = timelineLines(failover(), { ...story, text: 'leader moved' });
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ kind: 'fold' });
  });

  it('separates bursts of the same cause that are far apart, and tells commits as they are', () => {
    const e = (seq: number, timeMs: number) => event({ type: 'isr-shrunk', topic: '__consumer_offsets', partition: seq, removed: [1], inSyncReplicas: [2, 3] }, seq, timeMs);
    expect(timelineLines([e(1, 0), e(2, 100), e(3, 60_000), e(4, 60_100)], story).map((l) => l.text)).toEqual([
      '2 __consumer_offsets partitions: ISR shrank, removed [1]', '2 __consumer_offsets partitions: ISR shrank, removed [1]',
    ]);
    const commits = [0, 1000, 2000].map((t, i) => event({ type: 'offsets-committed', groupId: 'g', count: 30, commits: 10, partitions: 3, transactional: false }, i, t));
    expect(timelineLines(commits, story)).toEqual([]);
    expect(timelineLines(commits, { ...story, showRoutine: true }).map((l) => l.text)).toEqual(['group g: 30 offset commits in 3 s, up to 3 partitions each']);
  });

  it('folds one rebalance’s steps into one line, keeping why it began on its own', () => {
    const g = (body: Record<string, unknown> & { type: ClusterEvent['type'] }, seq: number) => event({ groupId: 'g', ...body }, seq, 5000 + seq);
    const lines = timelineLines([
      g({ type: 'group-member-evicted', memberId: 'm1', groupInstanceId: null, reason: 'session-timeout' }, 1),
      g({ type: 'group-rebalance-started', generationId: 3, reason: 'member m1 left', memberCount: 1 }, 2),
      g({ type: 'group-state-changed', from: 'Stable', to: 'PreparingRebalance', generationId: 3, coordinatorId: 1 }, 3),
      g({ type: 'group-state-changed', from: 'PreparingRebalance', to: 'CompletingRebalance', generationId: 4, coordinatorId: 1 }, 4),
      g({ type: 'group-stabilized', generationId: 4, protocol: 'range', leaderId: 'm2', members: ['m2'] }, 5),
      g({ type: 'group-state-changed', from: 'CompletingRebalance', to: 'Stable', generationId: 4, coordinatorId: 1 }, 6),
    ], story);
    expect(lines.map((l) => l.text)).toEqual([
      'group g: rebalance (member m1 left), generation 4 Stable, 1 member',
      'group g: member m1 evicted (session-timeout)',
    ]);
  });

  it('keeps the significant events’ identity while only routine events are appended', () => {
    const kill = event({ type: 'broker-stopped', brokerId: 2, controlled: false }, 1);
    const moves = [2, 3, 4].map((seq) => event({ type: 'high-watermark-advanced', topic: 't', partition: 0, highWatermark: seq }, seq));
    const hwm = (seq: number) => moves[seq - 2]!;
    const first = significantEvents([kill, hwm(2)], null);
    const second = significantEvents([kill, hwm(2), hwm(3), hwm(4)], first);
    expect(second.result).toBe(first.result);
    const fenced = event({ type: 'broker-fenced', brokerId: 2, reason: 'session timeout' }, 5);
    const third = significantEvents([kill, hwm(2), hwm(3), hwm(4), fenced], second);
    expect(third.result).toEqual([kill, fenced]);
    // History merged in before the newest: rebuilt, nothing missed.
    const older = event({ type: 'broker-started', brokerId: 2 }, 0);
    expect(significantEvents([older, kill, hwm(2), hwm(3), hwm(4), fenced], third).result).toEqual([older, kill, fenced]);
  });
});
