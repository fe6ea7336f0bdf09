/** Explainers of consumer groups and record keys. */
import type { Explainer } from '../explainer-types';
import { CODE, DOCS, KIPS } from './sources';

export const consumerGroup: Explainer = {
  id: 'consumer-group',
  summary: 'Consumers with the same group.id share a topic\'s partitions, each partition read by one member, and commit their offsets together.',
  body: [
    'One broker is the group\'s coordinator. Members join it; one member computes an assignment (which member reads which partitions), and the coordinator hands it out. Each such round is a rebalance and raises the generationId.',
    'Within a group every partition goes to exactly one member, so a group works like a queue; with more members than partitions some sit idle. Different groups each get every record, which is publish-subscribe.',
    'A member that stops heartbeating for session.timeout.ms, or does not poll within max.poll.interval.ms, is removed and its partitions move to others. Lag is, per partition, the highWatermark minus the group\'s committed offset: how far the group is behind.',
    'States (classic protocol): Empty, PreparingRebalance, CompletingRebalance, Stable, Dead.',
  ],
  configs: [
    { name: 'group.id', scope: 'consumer', kafkaDefault: null, meaning: 'The group to join.' },
    { name: 'session.timeout.ms', scope: 'consumer', kafkaDefault: '45000', readable: '45 s', meaning: 'No heartbeat for this long and the member is removed (45 s since 3.0, KIP-735).' },
    { name: 'heartbeat.interval.ms', scope: 'consumer', kafkaDefault: '3000', readable: '3 s', meaning: 'How often a member heartbeats to the coordinator.' },
    { name: 'max.poll.interval.ms', scope: 'consumer', kafkaDefault: '300000', readable: '5 minutes', meaning: 'Longest gap between two polls before the member is considered stuck.' },
    { name: 'partition.assignment.strategy', scope: 'consumer', kafkaDefault: 'RangeAssignor, CooperativeStickyAssignor', meaning: 'How partitions are shared out (cooperative rebalancing: KIP-429).' },
    { name: 'group.instance.id', scope: 'consumer', kafkaDefault: null, meaning: 'Static membership: a quick restart keeps the assignment (KIP-345).' },
    { name: 'group.initial.rebalance.delay.ms', scope: 'broker', kafkaDefault: '3000', readable: '3 s', meaning: 'The coordinator waits this long for more members of a new group.' },
  ],
  tryIt: [
    { text: 'On Consume press Start consumer twice with the same group.id on a 3-partition topic; Consumer groups shows two members and who reads which partition.', controls: ['Consume', 'group.id', 'Start consumer', 'Consumer groups'] },
    { text: 'Press Start generator, then Stop one consumer: the group rebalances (a new generationId) and the other member takes its partitions.', controls: ['Start generator', 'Stop'] },
  ],
  scenarios: ['consumer-group-queue', 'publish-subscribe', 'rebalance-on-member-crash', 'static-membership'],
  related: ['consumer', 'offset', 'partition'],
  sources: [DOCS.intro, DOCS.consumerDesign, DOCS.consumerConfigs, KIPS.kip429, KIPS.kip345, KIPS.kip735, KIPS.kip848],
};

export const recordKey: Explainer = {
  id: 'record-key',
  summary: 'Optional bytes sent with a record; records with the same key go to the same partition, so they keep their order.',
  body: [
    'The default partitioner hashes the key (murmur2) modulo the partition count. Same key, same partition, as long as the number of partitions does not change: that is how Kafka keeps per-key order, for example all events of one order id in sequence.',
    'A record without a key (null) goes to a "sticky" partition that changes once a batch fills (KIP-480, KIP-794), which spreads load without ordering anything.',
    'Compaction keeps the latest record per key; a record with a null value for a key (a tombstone) deletes the key there.',
  ],
  configs: [
    { name: 'partitioner.class', scope: 'producer', kafkaDefault: null, meaning: 'A custom partitioner; none means the built-in key hash.' },
    { name: 'partitioner.ignore.keys', scope: 'producer', kafkaDefault: 'false', meaning: 'true: do not hash keys, spread like keyless records.' },
    { name: 'cleanup.policy', scope: 'topic', kafkaDefault: 'delete', meaning: 'compact keeps the latest value per key.' },
  ],
  tryIt: [
    { text: 'On Produce set Key to "customer-7" and produce three times: each answer names the same partition.', controls: ['Produce', 'Key'] },
    { text: 'Change the Key and press Produce again: it may land in another partition; the panel says why (the hash of the key).', controls: ['Key', 'Produce'] },
  ],
  scenarios: ['partitions-and-keys', 'adding-partitions-breaks-key-order'],
  related: ['partition', 'compaction', 'producer'],
  sources: [DOCS.intro, DOCS.producerDesign, KIPS.kip480, KIPS.kip794, CODE.builtInPartitioner],
};
