/**
 * The flow sample against the model, in virtual time with fixed seeds: what each hop says must be
 * what Kafka did (acks=all answered after the followers' fetches moved the highWatermark past the
 * batch, acks=1 answered at the append, consumers never given offsets at or past the
 * highWatermark, hops going to the new leader after a failover), within its bounds, and without
 * changing the run.
 */
import { describe, expect, it } from 'vitest';
import type { FlowHopView } from '../../../shared/flow-view';
import { SessionHistory } from '../../host/session-history';
import { replayTrace } from '../../sim/trace';
import { createCluster, type SimCluster } from '../cluster';
import { tpKey } from '../metadata';
import { advance, batchOf, eventLines, leaderOf } from '../testing';
import { MAX_FLOW_VIEW_HOPS, type FlowClientRef } from './flow-recorder';

const PRODUCER: FlowClientRef = { clientId: 'orders-producer', host: '10.0.0.7' };
const CONSUMER: FlowClientRef = { clientId: 'orders-consumer', host: '10.0.0.8' };
const LINK_MS = 5;

function cluster(seed: number, flow = true): SimCluster {
  const c = createCluster({ seed, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], defaultLinkLatencyMs: LINK_MS });
  if (flow) c.enableFlow();
  c.createTopics(1, [{ name: 'orders', numPartitions: 2, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }], false);
  advance(c, 100);
  return c;
}

function produce(c: SimCluster, brokerId: number, partition: number, acks: -1 | 1, values: string[], client = PRODUCER): { errorName: string | null } {
  const out: { errorName: string | null } = { errorName: null };
  c.produce(brokerId, { acks, timeoutMs: 30_000, topics: [{ topic: 'orders', partitions: [{ partition, records: batchOf(values.map((value) => ({ value }))) }] }] }, (r) => {
    out.errorName = r.topics[0]!.partitions[0]!.errorName;
  }, client);
  return out;
}

function fetch(c: SimCluster, brokerId: number, partition: number, fetchOffset: number) {
  return c.fetch(brokerId, { isolationLevel: 0, maxBytes: 1 << 20, partitions: [{ topic: 'orders', partition, fetchOffset, currentLeaderEpoch: -1, partitionMaxBytes: 1 << 20 }] }, CONSUMER).partitions[0]!;
}

function hops(c: SimCluster, kind?: FlowHopView['kind']): FlowHopView[] {
  return (c.flowView(60_000)?.hops ?? []).filter((h) => !kind || h.kind === kind);
}

function leaderHighWatermark(c: SimCluster, partition: number): number {
  const leader = leaderOf(c, 'orders', partition);
  return c.core.broker(leader)!.replicas.get(tpKey('orders', partition))!.highWatermark;
}

describe('flow sample (records in motion)', () => {
  it('acks=all: the answer leaves the leader after both followers\' replication hops arrived, at the first moment the highWatermark passed the batch', () => {
    const c = cluster(11);
    const leader = leaderOf(c, 'orders', 0);
    const appendedAt = c.now();
    const res = produce(c, leader, 0, -1, ['a', 'b', 'c']);
    let answeredAt = -1;
    for (let t = 0; t < 200 && answeredAt < 0; t++) {
      advance(c, 1);
      const response = hops(c, 'produce-response')[0];
      if (response) {
        answeredAt = response.startMs;
        // Kafka's DelayedProduce: completed when the highWatermark reached lastOffset + 1.
        expect(leaderHighWatermark(c, 0)).toBeGreaterThanOrEqual(3);
      } else {
        expect(leaderHighWatermark(c, 0)).toBeLessThan(3);
      }
    }
    expect(res.errorName).toBe('NONE');
    const [sent] = hops(c, 'produce');
    expect(sent).toMatchObject({ from: { kind: 'client', ...PRODUCER }, to: { kind: 'broker', brokerId: leader }, startMs: appendedAt, endMs: appendedAt, acks: -1, offsets: [0, 2], records: 3 });
    const replicated = hops(c, 'replicate').filter((h) => h.offsets![0] <= 2 && h.offsets![1] >= 2);
    expect(replicated.map((h) => (h.to as { brokerId: number }).brokerId).sort()).toEqual([1, 2, 3].filter((b) => b !== leader));
    for (const h of replicated) {
      expect(h.from).toEqual({ kind: 'broker', brokerId: leader });
      expect(h.endMs - h.startMs).toBe(LINK_MS);
      expect(h.startMs).toBeGreaterThanOrEqual(appendedAt);
      // The follower's next fetch (one more link crossing) tells the leader; only then the answer.
      expect(answeredAt).toBeGreaterThanOrEqual(h.endMs + LINK_MS);
    }
    const [response] = hops(c, 'produce-response');
    expect(response).toMatchObject({ from: { kind: 'broker', brokerId: leader }, to: { kind: 'client', ...PRODUCER }, offsets: [0, 2] });
    expect(response!.error).toBeUndefined();
  });

  it('acks=1: the answer leaves right after the leader\'s append, before any replication hop', () => {
    const c = cluster(12);
    const leader = leaderOf(c, 'orders', 1);
    const at = c.now();
    produce(c, leader, 1, 1, ['x']);
    advance(c, 100);
    const [response] = hops(c, 'produce-response');
    expect(response).toMatchObject({ startMs: at, endMs: at, offsets: [0, 0] });
    const firstReplication = hops(c, 'replicate')[0]!;
    expect(firstReplication.endMs).toBeGreaterThan(response!.endMs);
    const kinds = hops(c).map((h) => h.kind);
    expect(kinds.indexOf('produce-response')).toBe(kinds.indexOf('produce') + 1);
  });

  it('a consumer fetch never carries offsets at or beyond the highWatermark: it stops there until the followers catch up', () => {
    const c = cluster(13);
    const leader = leaderOf(c, 'orders', 0);
    let position = 0;
    const checked: { hw: number; hop: FlowHopView }[] = [];
    for (let i = 0; i < 40; i++) {
      produce(c, leader, 0, 1, [`v${i}`, `w${i}`]);
      // Fetch at once (the batch is only on the leader) and then again within the replication round trip.
      for (const step of [0, LINK_MS, 2 * LINK_MS + 1]) {
        advance(c, step);
        const hw = leaderHighWatermark(c, 0);
        const before = hops(c, 'fetch').length;
        const r = fetch(c, leader, 0, position);
        const after = hops(c, 'fetch');
        if (r.records.length === 0) expect(after.length).toBe(before);
        else {
          const hop = after[after.length - 1]!;
          checked.push({ hw, hop });
          position = hop.offsets![1] + 1;
        }
      }
    }
    expect(checked.length).toBeGreaterThan(10);
    for (const { hw, hop } of checked) {
      expect(hop.offsets![1]).toBeLessThan(hw);
      expect(hop).toMatchObject({ from: { kind: 'broker', brokerId: leader }, to: { kind: 'client', ...CONSUMER } });
    }
  });

  it('after the leader dies, rejected batches name NOT_LEADER_OR_FOLLOWER and the next hops go to the new leader', () => {
    const c = cluster(14);
    const oldLeader = leaderOf(c, 'orders', 0);
    produce(c, oldLeader, 0, -1, ['before']);
    advance(c, 100);
    c.command({ type: 'stop-broker', brokerId: oldLeader, controlled: false });
    advance(c, 20_000);
    const newLeader = leaderOf(c, 'orders', 0);
    expect(newLeader).not.toBe(oldLeader);
    const survivor = [1, 2, 3].find((b) => b !== oldLeader && b !== newLeader)!;
    const rejected = produce(c, survivor, 0, -1, ['misrouted']);
    const since = c.now();
    const res = produce(c, newLeader, 0, -1, ['after']);
    advance(c, 200);
    expect(rejected.errorName).toBe('NOT_LEADER_OR_FOLLOWER');
    expect(res.errorName).toBe('NONE');
    const recent = hops(c).filter((h) => h.endMs >= since);
    expect(recent.find((h) => h.kind === 'produce' && h.error)).toMatchObject({ to: { kind: 'broker', brokerId: survivor }, error: 'NOT_LEADER_OR_FOLLOWER' });
    const ok = recent.filter((h) => !h.error);
    expect(ok.filter((h) => h.kind === 'produce').map((h) => h.to)).toEqual([{ kind: 'broker', brokerId: newLeader }]);
    expect(ok.filter((h) => h.kind === 'replicate').map((h) => h.from)).toEqual([{ kind: 'broker', brokerId: newLeader }]);
    expect(ok.filter((h) => h.kind === 'produce-response').map((h) => h.from)).toEqual([{ kind: 'broker', brokerId: newLeader }]);
  });

  it('stays bounded: per partition and kind per window, per window, in memory and in a view', () => {
    const c = createCluster({ seed: 15, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }] });
    c.enableFlow();
    c.createTopics(1, [{ name: 'orders', numPartitions: 100, replicationFactor: 3, configs: {} }], false);
    advance(c, 100);
    for (let round = 0; round < 30; round++) {
      for (let p = 0; p < 100; p++) produce(c, leaderOf(c, 'orders', p), p, -1, ['r']);
      advance(c, 100);
    }
    const flow = c.core.flow!;
    const all = c.flowView(60_000)!;
    expect(all.hops.length).toBeLessThanOrEqual(MAX_FLOW_VIEW_HOPS);
    expect(flow.recorded + flow.dropped).toBeGreaterThan(3000 * 3);
    expect(flow.dropped).toBeGreaterThan(0);
    expect(all.dropped).toBeGreaterThan(0);
    const perWindow = new Map<number, number>();
    const perKey = new Map<string, number>();
    for (const h of all.hops) {
      const w = Math.floor(h.endMs / flow.windowMs);
      if (h.kind !== 'produce-response') perWindow.set(w, (perWindow.get(w) ?? 0) + 1);
      if (h.kind === 'produce') {
        const key = `${w} ${h.partition}`;
        perKey.set(key, (perKey.get(key) ?? 0) + 1);
      }
    }
    for (const n of perWindow.values()) expect(n).toBeLessThanOrEqual(flow.perWindow);
    for (const n of perKey.values()) expect(n).toBeLessThanOrEqual(flow.perKey);
    // Every kept acks=all produce has its answer in the sample.
    const answered = new Set(all.hops.filter((h) => h.kind === 'produce-response').map((h) => `${h.partition}:${h.offsets![0]}`));
    for (const h of all.hops.filter((x) => x.kind === 'produce' && x.endMs < c.now() - 100)) expect(answered.has(`${h.partition}:${h.offsets![0]}`)).toBe(true);
  });

  it('changes nothing in the run: same events with and without it, the trace carries no flow and replays identically', () => {
    const run = (flow: boolean): SimCluster => {
      const c = cluster(16, flow);
      for (let i = 0; i < 20; i++) {
        produce(c, leaderOf(c, 'orders', i % 2), i % 2, i % 3 === 0 ? 1 : -1, [`v${i}`]);
        advance(c, 37);
        fetch(c, leaderOf(c, 'orders', 0), 0, 0);
      }
      c.command({ type: 'stop-broker', brokerId: leaderOf(c, 'orders', 0), controlled: false });
      advance(c, 15_000);
      return c;
    };
    const withFlow = run(true);
    const without = run(false);
    expect(hops(withFlow).length).toBeGreaterThan(20);
    expect(eventLines(withFlow)).toEqual(eventLines(without));
    const trace = withFlow.exportTrace();
    expect(JSON.stringify(trace)).not.toContain(PRODUCER.clientId);
    const replayed = replayTrace(trace);
    replayed.runUntil(withFlow.now());
    expect(eventLines(replayed)).toEqual(eventLines(withFlow));
  });

  it('is not kept in the session history: a past view has no flow', () => {
    const c = cluster(17);
    produce(c, leaderOf(c, 'orders', 0), 0, -1, ['a']);
    advance(c, 50);
    const history = new SessionHistory();
    const flow = c.flowView()!;
    expect(flow.hops.length).toBeGreaterThan(0);
    history.record({ ...c.snapshot(), flow }, 1, 'start');
    const past = history.viewAt(c.now());
    expect(past).not.toBeNull();
    expect(past!.view.flow).toBeUndefined();
    expect(JSON.stringify(past!.view)).not.toContain(PRODUCER.clientId);
  });
});
