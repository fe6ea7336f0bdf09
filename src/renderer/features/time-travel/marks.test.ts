import { describe, expect, it } from 'vitest';
import { event } from '../../test/fake-client';
import { markKind, marksToDraw, nextMarks, positionBefore, stepMark, timelineMarks } from './marks';

const events = [
  event({ type: 'broker-started', brokerId: 1 }, 1, 0),
  event({ type: 'leader-elected', topic: 't', partition: 0, leader: 1, previousLeader: -1, leaderEpoch: 0, unclean: false, reason: 'initial' }, 2, 100),
  event({ type: 'high-watermark-advanced', topic: 't', partition: 0, highWatermark: 5 }, 3, 200),
  event({ type: 'broker-stopped', brokerId: 1, controlled: false }, 4, 1000),
  event({ type: 'leader-elected', topic: 't', partition: 0, leader: 2, previousLeader: 1, leaderEpoch: 1, unclean: false, reason: 'broker-failure' }, 5, 1000),
  event({ type: 'isr-shrunk', topic: 't', partition: 0, removed: [1], inSyncReplicas: [2, 3] }, 6, 31_000),
];

describe('scrubber marks', () => {
  it('marks faults, recoveries, elections other than the initial one, and ISR changes; routine events are no marks', () => {
    expect(timelineMarks(events).map((m) => [m.kind, m.seq])).toEqual([['recovery', 1], ['fault', 4], ['election', 5], ['isr', 6]]);
    expect(markKind(event({ type: 'link-changed', fromBrokerId: 1, toBrokerId: 2, latencyMs: 0, lossRate: 0, cut: true }, 1))).toBe('fault');
    expect(markKind(event({ type: 'link-changed', fromBrokerId: 1, toBrokerId: 2, latencyMs: 1, lossRate: 0, cut: false }, 1))).toBe('recovery');
    expect(timelineMarks(events)[2]!.label).toBe('t-0: leader 1 → 2');
  });

  it('steps land just before a marked event, back and forward, so "before the fault" shows the state the fault changed', () => {
    const marks = timelineMarks(events);
    const fromLive = stepMark(marks, null, 'back')!;
    expect(fromLive.seq).toBe(6);
    let position = positionBefore(fromLive);
    expect(position).toEqual({ atMs: 31_000, throughSeq: 5 });
    const election = stepMark(marks, position, 'back')!;
    expect(election.seq).toBe(5);
    position = positionBefore(election);
    const fault = stepMark(marks, position, 'back')!;
    expect(fault.seq).toBe(4);
    expect(positionBefore(fault)).toEqual({ atMs: 1000, throughSeq: 3 });
    expect(stepMark(marks, positionBefore(fault), 'forward')!.seq).toBe(5);
    expect(stepMark(marks, positionBefore(marks[0]!), 'back')).toBeNull();
    expect(stepMark(marks, positionBefore(fromLive), 'forward')).toBeNull();
    expect(stepMark(marks, null, 'forward')).toBeNull();
    // A dragged moment (no sequence number) includes every event at that ms: back lands just before the newest of them.
    expect(stepMark(marks, { atMs: 1000, throughSeq: null }, 'back')!.seq).toBe(5);
    expect(stepMark(marks, { atMs: 999, throughSeq: null }, 'back')!.seq).toBe(1);
  });

  it('draws at most one mark per kind per pixel column, placed as a fraction of the span', () => {
    const many = Array.from({ length: 1000 }, (_, i) => event({ type: 'isr-shrunk', topic: 't', partition: 0, removed: [1], inSyncReplicas: [2] }, i, i));
    const drawn = marksToDraw(timelineMarks(many), 0, 1000, 100);
    expect(drawn.length).toBeLessThanOrEqual(101);
    expect(drawn[0]!.x).toBe(0);
    // Faults are drawn last (on top of an election in the same column).
    expect(marksToDraw(timelineMarks(events), 500, 2000, 100).map((m) => m.seq)).toEqual([5, 4]);
  });
});

describe('nextMarks', () => {
  it('reads only the appended events of an extended list, and a replaced list whole', () => {
    const first = nextMarks(null, events.slice(0, 4));
    expect(first.marks.map((m) => m.seq)).toEqual([1, 4]);
    const extended = nextMarks(first, events);
    expect(extended.marks.map((m) => m.seq)).toEqual([1, 4, 5, 6]);
    expect(nextMarks(extended, extended.events)).toBe(extended);
    const routineOnly = [...events, event({ type: 'high-watermark-advanced', topic: 't', partition: 0, highWatermark: 9 }, 7, 40_000)];
    expect(nextMarks(extended, routineOnly).marks).toBe(extended.marks);
    expect(nextMarks(extended, events.slice(2)).marks.map((m) => m.seq)).toEqual([4, 5, 6]);
  });
});
