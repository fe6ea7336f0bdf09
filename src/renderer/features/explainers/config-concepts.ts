/** The concept a config row belongs to, for the "?" beside config names (topic and broker config tables). */
import type { ConceptId } from './concepts';

const CONFIG_CONCEPTS: Readonly<Record<string, ConceptId>> = {
  'retention.ms': 'retention', 'retention.bytes': 'retention', 'segment.bytes': 'retention', 'segment.ms': 'retention',
  'log.retention.ms': 'retention', 'log.retention.hours': 'retention', 'log.retention.bytes': 'retention', 'log.retention.check.interval.ms': 'retention',
  'log.segment.bytes': 'retention', 'log.roll.ms': 'retention', 'log.roll.hours': 'retention',
  'cleanup.policy': 'compaction', 'log.cleanup.policy': 'compaction', 'delete.retention.ms': 'compaction', 'log.cleaner.delete.retention.ms': 'compaction',
  'min.cleanable.dirty.ratio': 'compaction', 'min.compaction.lag.ms': 'compaction', 'max.compaction.lag.ms': 'compaction',
  'log.cleaner.min.compaction.lag.ms': 'compaction', 'log.cleaner.backoff.ms': 'compaction',
  'min.insync.replicas': 'isr', 'replica.lag.time.max.ms': 'isr',
  'unclean.leader.election.enable': 'leader-election', 'unclean.leader.election.interval.ms': 'leader-election',
  'auto.leader.rebalance.enable': 'leader-election', 'leader.imbalance.check.interval.seconds': 'leader-election', 'leader.imbalance.per.broker.percentage': 'leader-election',
  'flush.messages': 'replication', 'flush.ms': 'replication', 'log.flush.interval.messages': 'replication', 'log.flush.interval.ms': 'replication', 'log.flush.scheduler.interval.ms': 'replication',
  'default.replication.factor': 'replication', 'replica.fetch.wait.max.ms': 'replication', 'replica.fetch.max.bytes': 'replication',
  'num.partitions': 'partition', 'auto.create.topics.enable': 'topic',
  'broker.session.timeout.ms': 'broker', 'broker.heartbeat.interval.ms': 'broker', 'controlled.shutdown.enable': 'broker',
  'controller.quorum.election.timeout.ms': 'kraft', 'process.roles': 'kraft',
  'producer.id.expiration.ms': 'idempotence',
  'transaction.max.timeout.ms': 'transactions', 'transactional.id.expiration.ms': 'transactions', 'transaction.state.log.min.isr': 'transactions',
  'group.initial.rebalance.delay.ms': 'consumer-group', 'offsets.retention.ms': 'offset',
};

export function conceptOfConfig(name: string): ConceptId | undefined {
  return Object.prototype.hasOwnProperty.call(CONFIG_CONCEPTS, name) ? CONFIG_CONCEPTS[name] : undefined;
}
