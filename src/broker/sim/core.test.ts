import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue';
import { SimNetwork } from './network';
import { Random } from './random';
import { Simulation } from './simulation';

describe('Random', () => {
  it('is deterministic per seed, uniform enough, and forks independent labelled streams', () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 1000 }, () => a.nextU32());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.nextU32()));
    expect(xs.every((x) => x >= 0 && x < 2 ** 32 && Number.isInteger(x))).toBe(true);
    const buckets = new Array(10).fill(0);
    const r = new Random(7);
    for (let i = 0; i < 10_000; i++) buckets[r.int(0, 9)]++;
    for (const n of buckets) expect(n).toBeGreaterThan(850);
    const root = new Random(1);
    const f1 = root.fork('network').nextU32();
    root.nextU32();
    expect(root.fork('network').nextU32()).toBe(f1);
    expect(root.fork('controller').nextU32()).not.toBe(f1);
    expect(new Random(2).fork('network').nextU32()).not.toBe(f1);
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('EventQueue', () => {
  it('orders by (time, sequence) and skips cancelled events', () => {
    const q = new EventQueue();
    const order: string[] = [];
    q.schedule(10, 'b', () => order.push('b'));
    q.schedule(5, 'a', () => order.push('a'));
    q.schedule(10, 'c', () => order.push('c'));
    q.schedule(7, 'x', () => order.push('x')).cancelled = true;
    for (let ev = q.pop(); ev; ev = q.pop()) ev.run();
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('keeps (time, sequence) order when many cancellations compact the heap', () => {
    const q = new EventQueue();
    const evs = Array.from({ length: 3000 }, (_, i) => q.schedule((i * 7919) % 500, `e${i}`, () => {}));
    evs.forEach((ev, i) => { if (i % 3 !== 0) q.cancel(ev); });
    const popped: [number, number][] = [];
    for (let ev = q.pop(); ev; ev = q.pop()) popped.push([ev.timeMs, ev.seq]);
    expect(popped.length).toBe(1000);
    expect(popped.every(([, seq]) => seq % 3 === 0)).toBe(true);
    expect(popped).toEqual([...popped].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });
});

describe('Simulation and SimNetwork', () => {
  it('delivers with link latency; a cut, an isolation or a loss draw delays a message to its next TCP retransmission (200 ms doubling) until its timeout', () => {
    const sim = new Simulation(1, 0);
    const net = new SimNetwork(sim, sim.random.fork('network'), 2);
    const got: string[] = [];
    net.send(1, 2, 'm', () => got.push(`a@${sim.now()}`));
    net.setLink(1, 3, { latencyMs: 50, lossRate: 0, cut: false });
    net.send(3, 1, 'm', () => got.push(`b@${sim.now()}`));
    // 'a' is in flight when 2 is isolated: lost on the wire, its retransmission timer runs from t=0.
    net.isolate(2);
    expect(net.send(1, 2, 'm', () => got.push(`c@${sim.now()}`))).toBe(false);
    expect(net.send(1, 2, 'm', () => got.push('d'), 500)).toBe(false);
    expect(net.canReach(2, 2)).toBe(true);
    sim.runUntil(700);
    expect(got).toEqual(['b@50']);
    net.heal(2);
    // Tries at 0, 200, 600, 1400: the first after the heal (t=700) gets through; 'd' gave up at its 500 ms timeout.
    sim.runUntil(2000);
    expect(got.slice(1).sort()).toEqual(['a@1402', 'c@1402']);
    expect(net.messagesDropped).toBe(1);
    net.setLink(1, 2, { latencyMs: 1, lossRate: 0.5, cut: false });
    const at: number[] = [];
    const sentAt = sim.now();
    for (let i = 0; i < 1000; i++) net.send(1, 2, 'm', () => at.push(sim.now() - sentAt));
    sim.runUntil(sentAt + 40_000);
    // Half get through at once, a quarter at the first retransmission, …: TCP delays, it does not lose.
    const first = at.filter((t) => t === 1).length;
    expect(first).toBeGreaterThan(400);
    expect(first).toBeLessThan(600);
    expect(at.filter((t) => t === 201).length).toBeGreaterThan(150);
    // Eight tries fit in the 30 s request timeout (0, 200, 600, …, 25400 ms): about 1000/2^8 give up.
    expect(at.length).toBeGreaterThan(990);
    expect(at.length + net.messagesDropped - 1).toBe(1000);
  });

  it('runs observer timers in time order without touching the model event count', () => {
    const sim = new Simulation(1, 0);
    const seen: string[] = [];
    sim.schedule(10, 'model', () => seen.push('model'));
    sim.scheduleObserver(5, () => seen.push('observer'));
    sim.runUntil(20);
    expect(seen).toEqual(['observer', 'model']);
    expect(sim.processedEvents).toBe(1);
  });
});
