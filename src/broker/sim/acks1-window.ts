/**
 * The windows in which Kafka may lose a record it acknowledged at acks=1, derived from a run's
 * faults and Kafka's timeouts, and the check that every acks=1 record a run lost lies in one.
 *
 * An acks=1 answer comes before replication, so a record is lost when its leader stops leading
 * before the broker that leads next has fetched it. On working links a follower fetches a new
 * record within a fetch round trip (its parked fetch is answered at the append), so the record
 * is at risk only:
 * - within a round trip before its leader stopped (crash or controlled shutdown), or around an
 *   election of its partition (before it, or until the metadata reaches the old leader);
 * - while a broker is isolated, and after the heal until replication has resumed: TCP retransmits
 *   what the partition held at the first retransmission after the heal (the 200 ms RTO doubles
 *   from the send, so within the isolation's length + 200 ms of the heal), and an isolated leader
 *   that was fenced meanwhile (broker.session.timeout.ms, KIP-631) keeps acknowledging until its
 *   next heartbeat's answer tells it otherwise (broker.heartbeat.interval.ms);
 * - while a link is slow or lossy, and after its restore until what it delayed has arrived (a
 *   few latencies; for loss, a retransmission within the impairment's length + 200 ms);
 * - while a replica that leads later was down: it stays in the ISR until fenced or shrunk away,
 *   and when the replicas that have the record leave the ISR (a controlled shutdown, a restart's
 *   fencing) it is elected without them, as Kafka's clean election allows.
 * A record lost outside every window means the model lost what Kafka would have kept.
 */
import type { ClusterEvent } from '../../shared/cluster-events';
import type { Acks1Ack } from './acks1-producer';
import { TCP_RTO_MIN_MS } from './network';

export interface Acks1WindowOptions {
  topic: string;
  /** Simulated ms of the run's start (events carry absolute times). */
  startMs: number;
  /** Healthy one-way link latency (ms). */
  linkLatencyMs: number;
  heartbeatIntervalMs: number;
  sessionTimeoutMs: number;
}

interface Window {
  fromMs: number;
  toMs: number;
  /** Brokers the fault touches: it matters only to a record led by one of them or led next by one. */
  brokers: number[];
  why: string;
}

/** Loss windows of a run, from its event log. */
export function acks1LossWindows(events: readonly ClusterEvent[], opts: Acks1WindowOptions): { faults: Window[]; elections: Map<number, { atMs: number; leader: number }[]>; stopsOf: Map<number, number[]> } {
  const roundTrip = 3 * opts.linkLatencyMs + 2;
  const faults: Window[] = [];
  const elections = new Map<number, { atMs: number; leader: number }[]>();
  const stopsOf = new Map<number, number[]>();
  const isolatedAt = new Map<number, number>();
  const stoppedAt = new Map<number, number>();
  const impaired = new Map<string, { at: number; latencyMs: number; lossy: boolean }>();
  // Past broker.session.timeout.ms the isolated broker is fenced and nobody fetches from it any more:
  // what is left is its learning so from its next heartbeat's answer.
  const afterHeal = (from: number, to: number) => to + Math.min(to - from, opts.sessionTimeoutMs) + TCP_RTO_MIN_MS + opts.heartbeatIntervalMs + 2 * roundTrip;
  let end = 0;
  for (const e of events) {
    const t = e.timeMs - opts.startMs;
    end = t;
    switch (e.type) {
      case 'broker-stopped':
        stopsOf.set(e.brokerId, [...(stopsOf.get(e.brokerId) ?? []), t]);
        stoppedAt.set(e.brokerId, t);
        break;
      case 'broker-started': {
        // A stopped replica stays in the ISR until fenced or shrunk away; if the others leave it
        // (a controlled shutdown, a restart's fencing), it leads without what it missed meanwhile.
        const from = stoppedAt.get(e.brokerId) ?? t;
        stoppedAt.delete(e.brokerId);
        faults.push({ fromMs: from - roundTrip, toMs: t + opts.heartbeatIntervalMs + 2 * roundTrip, brokers: [e.brokerId], why: `broker ${e.brokerId} down ${from}-${t}` });
        break;
      }
      case 'leader-elected':
      case 'partition-offline':
        if (e.topic === opts.topic) elections.set(e.partition, [...(elections.get(e.partition) ?? []), { atMs: t, leader: e.type === 'leader-elected' ? e.leader : -1 }]);
        break;
      case 'broker-isolated':
        isolatedAt.set(e.brokerId, t);
        break;
      case 'broker-healed': {
        const from = isolatedAt.get(e.brokerId) ?? t;
        isolatedAt.delete(e.brokerId);
        faults.push({ fromMs: from - roundTrip, toMs: afterHeal(from, t), brokers: [e.brokerId], why: `isolation of broker ${e.brokerId} ${from}-${t}` });
        break;
      }
      case 'link-changed': {
        const pair = [e.fromBrokerId, e.toBrokerId].sort((a, b) => a - b).join('-');
        const prev = impaired.get(pair);
        if (prev) {
          impaired.delete(pair);
          const tail = (prev.lossy ? t - prev.at + TCP_RTO_MIN_MS : 0) + 3 * prev.latencyMs + roundTrip;
          faults.push({ fromMs: prev.at - roundTrip, toMs: t + tail, brokers: [e.fromBrokerId, e.toBrokerId], why: `link ${pair} ${prev.at}-${t}` });
        }
        const healthy = e.latencyMs <= opts.linkLatencyMs && e.lossRate === 0 && !e.cut;
        if (!healthy) impaired.set(pair, { at: prev?.at ?? t, latencyMs: Math.max(prev?.latencyMs ?? 0, e.latencyMs), lossy: (prev?.lossy ?? false) || e.lossRate > 0 || e.cut });
        break;
      }
      default:
        break;
    }
  }
  for (const [id, from] of stoppedAt) faults.push({ fromMs: from - roundTrip, toMs: Infinity, brokers: [id], why: `broker ${id} down from ${from}` });
  for (const [id, from] of isolatedAt) faults.push({ fromMs: from - roundTrip, toMs: Infinity, brokers: [id], why: `isolation of broker ${id} from ${from}` });
  for (const [pair, prev] of impaired) faults.push({ fromMs: prev.at - roundTrip, toMs: Infinity, brokers: pair.split('-').map(Number), why: `link ${pair} from ${prev.at} (to ${end})` });
  return { faults, elections, stopsOf };
}

/** Violations: lost acks=1 records acknowledged outside every window Kafka's timeouts allow. */
export function acks1LossViolations(lost: readonly Acks1Ack[], events: readonly ClusterEvent[], opts: Acks1WindowOptions): string[] {
  const { faults, elections, stopsOf } = acks1LossWindows(events, opts);
  const roundTrip = 3 * opts.linkLatencyMs + 2;
  const out: string[] = [];
  for (const a of lost) {
    const t = a.ackedAtMs;
    if ((stopsOf.get(a.leader) ?? []).some((s) => t >= s - roundTrip && t <= s)) continue;
    const later = elections.get(a.partition) ?? [];
    // Around an election: not yet fetched by the new leader, or acknowledged before the metadata reached the old one.
    if (later.some((e) => t >= e.atMs - roundTrip && t <= e.atMs + roundTrip)) continue;
    // The record's leader and the brokers that led its partition after it are the ones whose faults can cost it.
    const involved = new Set([a.leader, ...later.filter((e) => e.atMs >= t - roundTrip).map((e) => e.leader)]);
    if (faults.some((w) => t >= w.fromMs && t <= w.toMs && w.brokers.some((b) => involved.has(b)))) continue;
    out.push(`acks=1 record ${a.value} (${opts.topic}-${a.partition} offset ${a.baseOffset}, leader ${a.leader} epoch ${a.leaderEpoch}) acknowledged at t=${t} was lost outside every loss window Kafka allows`);
  }
  return out;
}
