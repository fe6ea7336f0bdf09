/**
 * Leader imbalance as Kafka measures it (KafkaController.checkAndTriggerAutoLeaderRebalance, the
 * rule behind leader.imbalance.per.broker.percentage): per broker, of the partitions whose
 * preferred replica (the first in the replica list) is that broker, the share it does not lead.
 * A broker above the percentage is imbalanced; with auto.leader.rebalance.enable the controller
 * then elects preferred leaders every leader.imbalance.check.interval.seconds.
 */
import type { ClusterView, TopicView } from '../../../shared';

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

type TopicBalance = { perBroker: Map<number, { preferred: number; notLed: number; leads: number }>; notPreferred: number; partitions: number };

/** Per topic object: snapshot patches keep an unchanged topic's identity, so only changed topics are counted again. */
const cache = new WeakMap<TopicView, TopicBalance>();

function topicBalance(topic: TopicView): TopicBalance {
  let b = cache.get(topic);
  if (b) return b;
  b = { perBroker: new Map(), notPreferred: 0, partitions: topic.partitions.length };
  const entry = (id: number) => {
    let e = b!.perBroker.get(id);
    if (!e) b!.perBroker.set(id, (e = { preferred: 0, notLed: 0, leads: 0 }));
    return e;
  };
  for (const p of topic.partitions) {
    entry(p.preferredLeader).preferred++;
    if (p.leader !== p.preferredLeader) {
      entry(p.preferredLeader).notLed++;
      b.notPreferred++;
    }
    if (p.leader >= 0) entry(p.leader).leads++;
  }
  cache.set(topic, b);
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
