import { describe, expect, it } from 'vitest';
import type { FlowEndpoint, FlowHopView } from '../../../../shared/flow-view';
import type { MapAnchors, MapPoint } from '../map-anchors';
import type { ClusterEvent } from '../../../../shared/cluster-events';
import type { BrokerView } from '../../../../shared/cluster-view';
import { EFFECT_SIM_MS, failoverEffects } from './failover-effects';
import { countByKind, glowSimMs, hopProgress, packetsAt, slowMotion } from './hop-position';
import { anchorFrom, initialClock, tick, type ClockAnchor, type SimClockState } from './sim-clock';

const T0 = 1_700_000_000_000;

/** A fake map: brokers in a row at y=100, clients at y=0 (x by clientId length), everything else off the map. */
const anchors: MapAnchors = {
  broker: (id) => ({ x: id * 100, y: 100 }),
  replica: (_t, _p, id) => ({ x: id * 100, y: 120 }),
  client: (clientId) => (clientId === 'gone' ? null : { x: clientId.length * 10, y: 0 }),
  endpoint(e: FlowEndpoint, topic: string, partition: number): MapPoint | null {
    return e.kind === 'broker' ? this.replica(topic, partition, e.brokerId) : this.client(e.clientId, e.host);
  },
};

function hop(over: Partial<FlowHopView>): FlowHopView {
  return {
    id: 1, kind: 'replicate', topic: 'orders', partition: 0, from: { kind: 'broker', brokerId: 1 }, to: { kind: 'broker', brokerId: 3 },
    startMs: T0, endMs: T0 + 100, records: 1, bytes: 10, offsets: [0, 0], ...over,
  };
}

describe('hop position', () => {
  it('moves exactly across [startMs, endMs]: not yet there before, halfway at the middle, at the destination on arrival', () => {
    const h = hop({});
    expect(packetsAt([h], T0 - 1, anchors, 50)).toEqual([]);
    expect(packetsAt([h], T0, anchors, 50)[0]!.at).toEqual({ x: 100, y: 120 });
    expect(packetsAt([h], T0 + 50, anchors, 50)[0]!.at).toEqual({ x: 200, y: 120 });
    expect(packetsAt([h], T0 + 25, anchors, 50)[0]).toMatchObject({ at: { x: 150, y: 120 }, phase: 'travelling', alpha: 1 });
    expect(packetsAt([h], T0 + 100, anchors, 50)[0]).toMatchObject({ at: { x: 300, y: 120 }, phase: 'arrived', alpha: 1 });
  });

  it('leaves an afterglow that fades over glowMs after arrival, also for a zero-length client hop', () => {
    const h = hop({ kind: 'produce', from: { kind: 'client', clientId: 'abc', host: 'h' }, to: { kind: 'broker', brokerId: 2 }, startMs: T0, endMs: T0 });
    expect(hopProgress(h, T0 - 1, 200)).toBeNull();
    expect(hopProgress(h, T0, 200)).toEqual({ progress: 1, alpha: 1, phase: 'arrived' });
    expect(hopProgress(h, T0 + 150, 200)!.alpha).toBeCloseTo(0.25);
    expect(hopProgress(h, T0 + 201, 200)).toBeNull();
    expect(packetsAt([h], T0 + 100, anchors, 200)[0]).toMatchObject({ from: { x: 30, y: 0 }, to: { x: 200, y: 120 }, at: { x: 200, y: 120 } });
  });

  it('skips hops with an end not on the map, and counts packets per kind', () => {
    const hs = [hop({ id: 1 }), hop({ id: 2, kind: 'fetch', to: { kind: 'client', clientId: 'gone', host: 'h' } }), hop({ id: 3, kind: 'fetch', to: { kind: 'client', clientId: 'c1', host: 'h' } })];
    const drawn = packetsAt(hs, T0 + 10, anchors, 100);
    expect(drawn.map((p) => p.hop.id)).toEqual([1, 3]);
    expect(countByKind(drawn)).toEqual({ produce: 0, 'produce-response': 0, replicate: 1, fetch: 1 });
  });

  it('scales the afterglow with speed (simulated ms) and freezes it with a paused clock', () => {
    expect(glowSimMs(800, 1)).toBe(800);
    expect(glowSimMs(800, 0.1)).toBeCloseTo(80);
  });
});

describe('simulated clock', () => {
  const view = (simTimeMs: number, speed = 1, paused = false) => ({ simTimeMs, sim: { speed, paused } });
  const run = (anchor: ClockAnchor, walls: number[], lag = 0, state: SimClockState = initialClock()) => {
    const times: (number | null)[] = [];
    let s = state;
    for (const w of walls) {
      const r = tick(s, anchor, w, lag);
      times.push(r.timeMs);
      s = r.state;
    }
    return { times, state: s };
  };

  it('advances at the simulation speed from the last snapshot, minus the replay lag', () => {
    const a = anchorFrom(view(T0), 1000);
    expect(run(a, [1000, 1100, 1500], 0).times).toEqual([T0, T0 + 100, T0 + 500]);
    expect(run(a, [1500], 700).times).toEqual([T0 + 500 - 700]);
  });

  it('at 0.1× a hop of 100 simulated ms takes ten times longer on screen', () => {
    const fast = anchorFrom(view(T0, 1), 0);
    const slow = anchorFrom(view(T0, 0.1), 0);
    const h = hop({});
    const wallToArrive = (a: ClockAnchor) => {
      for (let w = 0; w < 10_000; w += 10) if (hopProgress(h, tick(initialClock(), a, w, 0).timeMs!, 0)?.phase === 'arrived') return w;
      return -1;
    };
    expect(wallToArrive(fast)).toBe(100);
    expect(wallToArrive(slow)).toBe(1000);
  });

  it('paused: the shown time holds still (packets freeze), and follows a step', () => {
    const running = anchorFrom(view(T0), 0);
    const { state } = run(running, [0, 400], 0);
    expect(state.displayMs).toBe(T0 + 400);
    const paused = anchorFrom(view(T0 + 420, 1, true), 500);
    const frozen = run(paused, [500, 900, 5000], 0, state);
    // Frozen where it was when the pause arrived, though the paused snapshot is 20 ms later.
    expect(frozen.times).toEqual([T0 + 400, T0 + 400, T0 + 400]);
    const h = hop({ startMs: T0 + 300, endMs: T0 + 900 });
    const [first, last] = [frozen.times[0]!, frozen.times[2]!].map((t) => packetsAt([h], t, anchors, 0)[0]!.at);
    expect(last).toEqual(first);
    const stepped = tick(frozen.state, anchorFrom(view(T0 + 620, 1, true), 6000), 6000, 0);
    expect(stepped.timeMs).toBe(T0 + 620);
  });

  it('never runs backwards on a snapshot that arrives early, but follows a jump', () => {
    const first = run(anchorFrom(view(T0), 0), [0, 500], 0);
    const early = tick(first.state, anchorFrom(view(T0 + 450), 510), 510, 0);
    expect(early.timeMs).toBe(T0 + 500);
    const jumped = tick(early.state, anchorFrom(view(T0 - 60_000), 600), 600, 0);
    expect(jumped.timeMs).toBe(T0 - 60_000);
  });
});

describe('failover effects', () => {
  const broker = (brokerId: number, state: BrokerView['state'], sessionExpiresAtMs: number | null): BrokerView => ({
    brokerId, rack: null, host: 'h', port: 0, state, isActiveController: false, leaderCount: 0, replicaCount: 0, bytesInPerSec: 0, bytesOutPerSec: 0, sessionExpiresAtMs,
  });
  const elected = (timeMs: number, seq: number, leader: number, leaderEpoch: number): ClusterEvent => ({ type: 'leader-elected', topic: 'orders', partition: 0, leader, previousLeader: 2, leaderEpoch, unclean: false, reason: 'broker-failure', timeMs, seq });

  it('counts down to the fence of a stopped broker in simulated time, then says it is due', () => {
    const brokers = [broker(1, 'running', T0 + 9000), broker(2, 'stopped', T0 + 9000)];
    const [countdown] = failoverEffects(brokers, [], T0 - 3300, anchors);
    expect(countdown).toMatchObject({ kind: 'countdown', text: 'controller fences broker 2 in 12.3 s (broker.session.timeout.ms)', at: { x: 200, y: 100 } });
    expect(failoverEffects(brokers, [], T0 + 9000, anchors)[0]!.text).toBe('controller fences broker 2 now (broker.session.timeout.ms)');
    expect(failoverEffects([broker(2, 'stopped', null)], [], T0, anchors)).toEqual([]);
  });

  it('lights the new leader with its epoch from leader-elected, not before the event and fading over EFFECT_SIM_MS', () => {
    const events = [elected(T0 - 50_000, 1, 1, 0), elected(T0, 2, 3, 4)];
    expect(failoverEffects([], events, T0 - 1, anchors).filter((e) => e.kind === 'new-leader')).toEqual([]);
    const [lit] = failoverEffects([], events, T0 + EFFECT_SIM_MS / 2, anchors);
    expect(lit).toMatchObject({ kind: 'new-leader', text: 'leader · epoch 4', at: { x: 300, y: 120 }, alpha: 0.5 });
    expect(failoverEffects([], events, T0 + EFFECT_SIM_MS + 1, anchors)).toEqual([]);
    expect(failoverEffects([], [{ type: 'isr-shrunk', topic: 'orders', partition: 0, removed: [2], inSyncReplicas: [1, 3], timeMs: T0, seq: 3 }], T0, anchors)[0]).toMatchObject({ kind: 'isr-shrunk', text: 'out of ISR', at: { x: 200, y: 120 } });
  });
});

describe('slow motion', () => {
  const client = { kind: 'client' as const, clientId: 'app', host: '127.0.0.1' };
  const leader = { kind: 'broker' as const, brokerId: 1 };
  // One acks=all write and one acks=1 write as the model records them on 1 ms links: all within 3 ms.
  const write = (acks: -1 | 1, base: number, offset: number): FlowHopView[] => [
    hop({ id: base, kind: 'produce', from: client, to: leader, startMs: T0, endMs: T0, offsets: [offset, offset], acks }),
    hop({ id: base + 1, kind: 'replicate', from: leader, to: { kind: 'broker', brokerId: 2 }, startMs: T0 + 1, endMs: T0 + 2, offsets: [offset, offset] }),
    hop({ id: base + 2, kind: 'produce-response', from: leader, to: client, startMs: acks === 1 ? T0 : T0 + 3, endMs: acks === 1 ? T0 : T0 + 3, records: 0, offsets: [offset, offset] }),
    hop({ id: base + 3, kind: 'fetch', from: leader, to: { kind: 'client', clientId: 'reader', host: '127.0.0.1' }, startMs: T0 + 3, endMs: T0 + 3, offsets: [offset, offset] }),
  ];

  it('keeps the causal order and stretches each hop: produce, then replication, then the acks=all answer and the consumer fetch', () => {
    const [produce, replicate, response, fetch] = slowMotion(write(-1, 10, 5), 150);
    expect(produce).toEqual({ startMs: T0, endMs: T0 + 150 });
    expect(replicate!.startMs).toBeGreaterThanOrEqual(produce!.endMs);
    expect(response!.startMs).toBeGreaterThanOrEqual(replicate!.endMs);
    expect(fetch!.startMs).toBeGreaterThanOrEqual(replicate!.endMs);
    for (const h of [produce, replicate, response, fetch]) expect(h!.endMs - h!.startMs).toBeGreaterThanOrEqual(150);
  });

  it('answers acks=1 beside the replication, not after it (Kafka answers acks=1 after the leader append)', () => {
    const [produce, replicate, response] = slowMotion(write(1, 20, 6), 150);
    expect(response!.startMs).toBe(replicate!.startMs - 1); // same step as the replication, at its own real time
    expect(response!.startMs).toBeGreaterThanOrEqual(produce!.endMs);
    expect(response!.startMs).toBeLessThan(replicate!.endMs);
  });

  it('keeps a hop slower than the minimum at its real duration, and draws nothing stretched when off', () => {
    const slow = hop({ kind: 'replicate', startMs: T0, endMs: T0 + 400 });
    expect(slowMotion([slow], 150)[0]).toEqual({ startMs: T0 + 150, endMs: T0 + 550 });
    const hops = write(-1, 30, 7);
    expect(packetsAt(hops, T0 + 100, anchors, 0).map((p) => p.kind)).toEqual([]);
    expect(packetsAt(hops, T0 + 100, anchors, 0, 150).map((p) => p.kind)).toEqual(['produce']);
    expect(packetsAt(hops, T0 + 200, anchors, 0, 150).map((p) => p.kind)).toEqual(['replicate']);
    expect(packetsAt(hops, T0 + 350, anchors, 0, 150).map((p) => p.kind).sort()).toEqual(['fetch', 'produce-response']);
  });
});
