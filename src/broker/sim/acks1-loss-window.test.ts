/**
 * Issue 11, findings 5 and 6: what an acks=1 producer may lose around an isolation, and how soon
 * the highWatermark moves again after the heal, stated from Kafka's own timeouts.
 *
 * Kafka's timeline when a leader is cut from the controller and the other brokers at time I and
 * healed at H (defaults: broker.session.timeout.ms 9 s, broker.heartbeat.interval.ms 2 s, KIP-631;
 * replica.lag.time.max.ms 30 s, KIP-537):
 * - It keeps leading in its own view and answering acks=1 produces; its followers' fetches and its
 *   heartbeats sit in TCP. The controller fences it only once no heartbeat arrived for the session
 *   timeout, i.e. at most I + 9 s, and elects a new leader from the ISR then. The leader's own ISR
 *   shrink after replica.lag.time.max.ms cannot commit (its AlterPartition, KIP-497, cannot reach
 *   the controller) and changes nothing here.
 * - H < fencing: nobody else leads, so nothing is truncated. At the heal TCP retransmits what the
 *   cut held (the fetch or its answer) at the first retransmission after H — with the 200 ms RTO
 *   doubling from the send, that is less than (H − send) + 200 ms after H — and the followers
 *   catch up within a fetch round trip. After that, only records acknowledged within a round
 *   trip of a later crash can be lost.
 * - H > fencing: the old leader still believes it leads after H until the metadata (its held
 *   heartbeat's answer, or the next one: within broker.heartbeat.interval.ms) reaches it; it then
 *   truncates to the new leader. Lost: what it acknowledged in [I − a round trip, H + that delay].
 */
import { describe, expect, it } from 'vitest';
import type { SimCluster } from '../cluster/cluster';
import { tpKey } from '../cluster/metadata';
import { leaderOf } from '../cluster/testing';
import { Acks1Producer } from './acks1-producer';
import { SIM_EPOCH_MS } from './clock';
import { TCP_RTO_MIN_MS } from './network';
import { Random } from './random';
import { runScenario, type ScenarioStep } from './scenario';

const LATENCY_MS = 1;
/** A fetch round trip plus the follower's next fetch: 3 one-way latencies, with 2 ms of event ordering to spare. */
const ROUND_TRIP_MS = 3 * LATENCY_MS + 2;
const ISOLATE_AT = 5000;
const PRODUCE_EVERY_MS = 10;

interface Plan {
  isolateMs: number;
  /** Crash the isolated broker this long after the heal (none if absent). */
  killAfterHealMs?: number;
  /** Isolate a follower instead of the leader. */
  follower?: boolean;
  untilMs: number;
}

function run(plan: Plan) {
  const heal = ISOLATE_AT + plan.isolateMs;
  const kill = plan.killAfterHealMs === undefined ? undefined : heal + plan.killAfterHealMs;
  let producer: Acks1Producer | null = null;
  let victim = -1;
  let logEndAtHeal = -1;
  let caughtUpAfterHealMs = Infinity;
  const key = tpKey('orders', 0);
  const leaderReplica = (c: SimCluster) => c.core.broker(leaderOf(c, 'orders', 0))?.replicas.get(key);
  const steps: ScenarioStep[] = [
    // Led by broker 2; broker 1 is the active controller.
    { atMs: 0, run: (c) => void c.createTopics(1, [{ name: 'orders', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [2, 3, 1] }], configs: { 'min.insync.replicas': '2' } }], false) },
    { atMs: 100, run: (c) => {
      producer = new Acks1Producer(c, new Random(7), 'orders', 1, [1, 2, 3]);
      const leader = leaderOf(c, 'orders', 0);
      // Not the active controller: its isolation then costs the quorum nothing.
      victim = plan.follower ? c.core.controller.topics.get('orders')!.partitions[0]!.replicas.find((id) => id !== leader && id !== c.core.controller.activeControllerId)! : leader;
      expect(victim).not.toBe(c.core.controller.activeControllerId);
    } },
    { atMs: ISOLATE_AT, run: (c) => void c.command({ type: 'isolate-broker', brokerId: victim }) },
    { atMs: heal, run: (c) => { c.command({ type: 'heal-broker', brokerId: victim }); logEndAtHeal = leaderReplica(c)!.log.logEndOffset; } },
  ];
  if (kill !== undefined) {
    // Off the produce grid, so the crash never shares an instant with a produce.
    steps.push({ atMs: kill + 5, run: (c) => void c.command({ type: 'stop-broker', brokerId: victim, controlled: false }) });
    steps.push({ atMs: kill + 5000, run: (c) => void c.command({ type: 'start-broker', brokerId: victim }) });
  }
  for (let t = 110; t < plan.untilMs - 20_000; t += PRODUCE_EVERY_MS) {
    steps.push({ atMs: t, run: (c) => {
      const r = leaderReplica(c);
      if (logEndAtHeal >= 0 && caughtUpAfterHealMs === Infinity && r && r.highWatermark >= logEndAtHeal) caughtUpAfterHealMs = c.now() - (c.options.startTimeMs ?? SIM_EPOCH_MS) - heal;
      producer!.produce();
    } });
  }
  const result = runScenario({ seed: 41, brokers: 3, defaultLinkLatencyMs: LATENCY_MS, untilMs: plan.untilMs, steps });
  const lost = producer!.lost();
  return { result, producer: producer!, lost, heal, kill: kill === undefined ? undefined : kill + 5, caughtUpAfterHealMs };
}

/** The retransmission bound: a message sent at `sentAt` held by a cut gets through at the first try after `heal`. */
function firstRetransmissionAfter(sentAt: number, heal: number): number {
  let rto = TCP_RTO_MIN_MS;
  let at = sentAt + rto;
  while (at < heal) at += rto *= 2;
  return at;
}

describe('acks=1 loss window around an isolation (issue 11, finding 5)', () => {
  it('a 0.7 s isolation of the leader loses nothing, and its crash 10 s after the heal loses only records acknowledged within a fetch round trip of it', () => {
    const { lost, producer, kill, result } = run({ isolateMs: 700, killAfterHealMs: 10_000, untilMs: 45_000 });
    expect(producer.acks.length).toBeGreaterThan(1500);
    // 0.7 s < broker.session.timeout.ms: no fencing, no election during the isolation.
    const changes = result.lines(['broker-fenced', 'leader-elected']).filter((l) => !l.includes('(initial)'));
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((l) => Number(/^t=(\d+)/.exec(l)![1]) < kill!)).toEqual([]);
    const outside = lost.filter((a) => a.ackedAtMs < kill! - ROUND_TRIP_MS);
    expect(outside.map((a) => `${a.value}@${a.ackedAtMs}`)).toEqual([]);
    expect(result.checker.violations).toEqual([]);
  });

  it('an isolation longer than broker.session.timeout.ms loses what the old leader acknowledged from the isolation until the metadata reaches it after the heal, and nothing else', () => {
    const isolateMs = 12_000;
    const { lost, producer, heal, result } = run({ isolateMs, untilMs: 45_000 });
    const fenced = result.lines(['broker-fenced']);
    // Its last heartbeat reached the controller before the isolation: fenced within 9 s of it.
    expect(fenced).toHaveLength(1);
    const fencedAt = Number(/^t=(\d+)/.exec(fenced[0]!)![1]);
    expect(fencedAt).toBeGreaterThan(ISOLATE_AT);
    expect(fencedAt).toBeLessThanOrEqual(ISOLATE_AT + 9000);
    // The healed broker learns at the latest from a heartbeat sent after the heal (interval 2 s) and its answer.
    const learnedBy = heal + 2000 + 2 * LATENCY_MS;
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.filter((a) => a.ackedAtMs < ISOLATE_AT - ROUND_TRIP_MS || a.ackedAtMs > learnedBy)).toEqual([]);
    // Everything the old leader acknowledged during the isolation after its followers' last fetch is gone (Kafka truncates it too).
    const acknowledgedIsolated = producer.acks.filter((a) => a.ackedAtMs >= ISOLATE_AT && a.ackedAtMs <= heal);
    expect(lost.filter((a) => a.ackedAtMs >= ISOLATE_AT && a.ackedAtMs <= heal)).toHaveLength(acknowledgedIsolated.length);
    expect(result.checker.violations).toEqual([]);
  });
});

describe('highWatermark after a heal (issue 11, finding 6)', () => {
  for (const follower of [false, true]) {
    it(`catches up at the first TCP retransmission after the heal plus a fetch round trip, isolating the ${follower ? 'follower' : 'leader'} for 0.7 s`, () => {
      const isolateMs = 700;
      const { caughtUpAfterHealMs, heal } = run({ isolateMs, follower, untilMs: 40_000 });
      // The held fetch (or its answer) was sent at most a round trip before the isolation.
      const bound = firstRetransmissionAfter(ISOLATE_AT - ROUND_TRIP_MS, heal) - heal + ROUND_TRIP_MS + PRODUCE_EVERY_MS;
      expect(bound).toBeLessThan(isolateMs + TCP_RTO_MIN_MS + 2 * ROUND_TRIP_MS + PRODUCE_EVERY_MS);
      expect(caughtUpAfterHealMs).toBeLessThanOrEqual(bound);
    });
  }
});
