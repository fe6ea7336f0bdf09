/**
 * Leader imbalance as Kafka measures it (KafkaController.checkAndTriggerAutoLeaderRebalance, the
 * rule behind leader.imbalance.per.broker.percentage): per broker, of the partitions whose
 * preferred replica (the first in the replica list) is that broker, the share it does not lead.
 * A broker above the percentage is imbalanced; with auto.leader.rebalance.enable the controller
 * then elects preferred leaders every leader.imbalance.check.interval.seconds.
 */
import type { ClusterView, PartitionView, TopicView } from '../../../shared';
import { partitionsChangedSince } from '../../../shared/snapshot-patch';

export interface BrokerLeaderBalance {
  brokerId: number;
  /** Partitions whose preferred replica is this broker. */
  preferred: number;
  /** Of those, the ones it does not lead. */
  notLed: number;
  /** Partitions this broker leads. */
  leads: number;
}

export interface LeaderBalance {
  brokers: BrokerLeaderBalance[];
  /** Brokers whose notLed / preferred exceeds leader.imbalance.per.broker.percentage. */
  imbalanced: BrokerLeaderBalance[];
  /** Partitions not led by their preferred replica, cluster-wide. */
  notPreferred: number;
  partitions: number;
  percentage: number;
}

type Counts = { preferred: number; notLed: number; leads: number };
type TopicBalance = { perBroker: Map<number, Counts>; notPreferred: number; partitions: number; source: readonly PartitionView[] };

/** Per topic object: snapshot patches keep an unchanged topic's identity, so only changed topics are counted again. */
const cache = new WeakMap<TopicView, TopicBalance>();
/**
 * The last balance per topic name: a changed topic is a new object whose unchanged partitions keep
 * their identity, so only the partitions that changed are taken out and counted again.
 */
const byName = new Map<string, TopicBalance>();

function count(b: TopicBalance, p: PartitionView, sign: 1 | -1): void {
  const entry = (id: number): Counts => {
    let e = b.perBroker.get(id);
    if (!e) b.perBroker.set(id, (e = { preferred: 0, notLed: 0, leads: 0 }));
    return e;
  };
  entry(p.preferredLeader).preferred += sign;
  if (p.leader !== p.preferredLeader) {
    entry(p.preferredLeader).notLed += sign;
    b.notPreferred += sign;
  }
  if (p.leader >= 0) entry(p.leader).leads += sign;
}

/** Whether a partition counts the same as another: same preferred replica, same leader (offsets do not count). */
function countsAlike(a: PartitionView, b: PartitionView): boolean {
  return a.leader === b.leader && a.preferredLeader === b.preferredLeader;
}

function topicBalance(topic: TopicView): TopicBalance {
  const known = cache.get(topic);
  if (known) return known;
  const previous = byName.get(topic.name);
  let b: TopicBalance;
  if (previous && previous.source.length === topic.partitions.length) {
    // Most changed partitions changed offsets only: the previous counts hold, shared (never mutated
    // once built), and nothing is copied.
    b = { perBroker: previous.perBroker, notPreferred: previous.notPreferred, partitions: topic.partitions.length, source: topic.partitions };
    const parts = topic.partitions;
    // The partitions the patch replaced when known (src/shared/snapshot-patch.ts), else every one.
    const changed = partitionsChangedSince(topic, previous.source);
    const n = changed ? changed.length : parts.length;
    for (let k = 0; k < n; k++) {
      const i = changed ? changed[k]! : k;
      const p = parts[i]!;
      const old = previous.source[i]!;
      if (old === p || countsAlike(old, p)) continue;
      if (b.perBroker === previous.perBroker) b.perBroker = new Map([...previous.perBroker].map(([id, c]) => [id, { ...c }]));
      count(b, old, -1);
      count(b, p, 1);
    }
  } else {
    b = { perBroker: new Map(), notPreferred: 0, partitions: topic.partitions.length, source: topic.partitions };
    for (const p of topic.partitions) count(b, p, 1);
  }
  cache.set(topic, b);
  byName.set(topic.name, b);
  return b;
}

/** `percentage`: leader.imbalance.per.broker.percentage (Kafka's default 10). */
export function leaderBalance(view: ClusterView, percentage = view.leaderChecks?.leaderImbalancePerBrokerPercentage ?? 10): LeaderBalance {
  const totals = new Map<number, BrokerLeaderBalance>();
  for (const b of view.brokers) totals.set(b.brokerId, { brokerId: b.brokerId, preferred: 0, notLed: 0, leads: 0 });
  let notPreferred = 0;
  let partitions = 0;
  for (const topic of view.topics) {
    const t = topicBalance(topic);
    notPreferred += t.notPreferred;
    partitions += t.partitions;
    for (const [id, e] of t.perBroker) {
      const total = totals.get(id) ?? { brokerId: id, preferred: 0, notLed: 0, leads: 0 };
      total.preferred += e.preferred;
      total.notLed += e.notLed;
      total.leads += e.leads;
      totals.set(id, total);
    }
  }
  const brokers = [...totals.values()].sort((a, b) => a.brokerId - b.brokerId);
  const imbalanced = brokers.filter((b) => b.preferred > 0 && b.notLed / b.preferred > percentage / 100);
  return { brokers, imbalanced, notPreferred, partitions, percentage };
}
