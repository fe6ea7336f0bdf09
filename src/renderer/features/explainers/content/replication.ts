/** Explainers of replication: replication, ISR, the high watermark, leader election and epochs. */
import type { Explainer } from '../explainer-types';
import { CODE, DOCS, KIPS } from './sources';

export const replication: Explainer = {
  id: 'replication',
  summary: 'Each partition is copied to replication-factor brokers: one leader takes the writes, followers copy its log by fetching from it.',
  body: [
    'Followers are consumers of the leader: they send Fetch requests from their own logEndOffset and append what comes back. Each replica therefore has its own logEndOffset, and a slow or cut-off follower falls behind.',
    'The leader tracks which followers are caught up (the ISR) and only counts a record as committed once all of those have it (the high watermark). If the leader fails, the controller makes an in-sync follower the new leader, so committed records survive.',
    'With replication factor N a partition survives N−1 broker failures without losing committed data. The replica list is fixed per partition until you reassign it.',
    'Replication, not fsync, is what makes a write durable in Kafka: a broker appends to the OS page cache and by default never fsyncs on its own (flush.messages and flush.ms unset). A crash keeps the page cache; a power loss drops every record above a replica\'s flushed offset (its recovery point), but with acks=all every acknowledged record is also on the other in-sync replicas.',
  ],
  labDiffers: 'Auto-created topics get replication factor min(3, brokers) here (Kafka: 1).',
  configs: [
    { name: 'default.replication.factor', scope: 'broker', kafkaDefault: '1', meaning: 'Replicas of an auto-created topic.', lab: { value: 'min(3, brokers)', why: 'set at start (lab-defaults.ts) so a broker kill shows failover' } },
    { name: 'replica.lag.time.max.ms', scope: 'broker', kafkaDefault: '30000', readable: '30 s', meaning: 'A follower not caught up for this long leaves the ISR.' },
    { name: 'replica.fetch.wait.max.ms', scope: 'broker', kafkaDefault: '500', meaning: 'Longest a follower\'s fetch waits at the leader for new data.' },
    { name: 'min.insync.replicas', scope: 'topic', kafkaDefault: '1', meaning: 'acks=all writes need at least this many in-sync replicas.' },
    { name: 'flush.messages', scope: 'topic', kafkaDefault: '9223372036854775807', readable: 'never', meaning: 'fsync after this many unflushed messages; Kafka recommends replication instead.' },
    { name: 'flush.ms', scope: 'topic', kafkaDefault: '9223372036854775807', readable: 'never', meaning: 'fsync once this long passed since the last flush (checked every log.flush.scheduler.interval.ms).' },
  ],
  tryIt: [
    { text: 'Open a topic on Topics: the grid has one column per broker; the filled chip is the leader, the others are followers.', controls: ['Topics'] },
    { text: 'Select a partition: each replica shows its flushed offset beside its logEndOffset. Press Power loss on a replica\'s broker: it drops the unflushed records, and the timeline says whether any other replica still had them.', controls: ['Power loss'] },
    { text: 'Select a partition and, under its replicas, Reassign it to other brokers: the new replica catches up, then the old one leaves.', controls: ['Reassign'] },
  ],
  scenarios: ['replication-and-isr', 'partition-reassignment', 'power-loss-and-replication'],
  related: ['isr', 'high-watermark', 'leader-election', 'broker'],
  sources: [DOCS.replication, DOCS.brokerConfigs, CODE.partition, CODE.replicationConfigs],
};

export const isr: Explainer = {
  id: 'isr',
  summary: 'The in-sync replicas: the leader and the followers that are caught up with it. Only they may become leader in a clean election.',
  body: [
    'A follower is in sync while it keeps reaching the leader\'s logEndOffset. If it has not caught up for replica.lag.time.max.ms (it is cut off, too slow, or its broker is down), the leader removes it from the ISR; when it catches up again it is added back. The leader looks for such followers every half of replica.lag.time.max.ms (Kafka\'s ReplicaManager and Partition.scala).',
    'The ISR decides two things. The high watermark advances only when every ISR member has a record, so acks=all waits for exactly the ISR. And a new leader is chosen from the ISR, so no committed record is lost.',
    'With acks=all, a partition whose ISR is smaller than min.insync.replicas refuses writes with NOT_ENOUGH_REPLICAS: Kafka prefers refusing to accepting a write too few brokers hold.',
  ],
  configs: [
    { name: 'replica.lag.time.max.ms', scope: 'broker', kafkaDefault: '30000', readable: '30 s', meaning: 'A follower not caught up for this long is removed from the ISR.' },
    { name: 'min.insync.replicas', scope: 'topic', kafkaDefault: '1', meaning: 'With acks=all, fewer in-sync replicas than this and the write fails with NOT_ENOUGH_REPLICAS.' },
    { name: 'unclean.leader.election.enable', scope: 'topic', kafkaDefault: 'false', meaning: 'Allow a replica outside the ISR to lead, losing records, rather than stay offline.' },
    { name: 'acks', scope: 'producer', kafkaDefault: 'all', meaning: 'all: the write is answered once every ISR member has it.' },
  ],
  tryIt: [
    { text: 'Press Start generator on a topic, open it on Topics and click a follower\'s chip; in its partition panel press Cut link.', controls: ['Start generator', 'Topics', 'Cut link'] },
    { text: 'After replica.lag.time.max.ms (30 s of simulated time) the follower leaves the ISR column and its chip turns out-of-sync. Press Restore link: it catches up and comes back.', controls: ['Restore link'] },
    { text: 'Or Kill a broker on Cluster: its replicas leave the ISR of every partition it held.', controls: ['Cluster', 'Kill'] },
  ],
  scenarios: ['replication-and-isr', 'not-enough-replicas'],
  related: ['replication', 'high-watermark', 'leader-election', 'delivery-semantics'],
  sources: [DOCS.replication, { label: 'Kafka documentation: replica.lag.time.max.ms', url: 'https://kafka.apache.org/documentation/#brokerconfigs_replica.lag.time.max.ms' }, { label: 'Kafka documentation: min.insync.replicas', url: 'https://kafka.apache.org/documentation/#topicconfigs_min.insync.replicas' }, CODE.partition, CODE.replicationConfigs],
};

export const highWatermark: Explainer = {
  id: 'high-watermark',
  summary: 'The offset up to which every in-sync replica has the partition\'s records; consumers read only below it.',
  body: [
    'Each replica has a logEndOffset: the offset its next record will get. The leader sets the highWatermark to the smallest logEndOffset among the ISR, learning the followers\' offsets from their fetches.',
    'Records below the highWatermark are committed: every in-sync replica has them, so they survive a clean leader change. Consumers never see records above it, and an acks=all produce is answered once the highWatermark passes its records.',
    'A leader can have records above the highWatermark (acks=1 writes not yet copied). If it fails, the new leader does not have them and the old leader truncates them when it comes back: acknowledged with acks=1, yet lost.',
  ],
  configs: [
    { name: 'replica.fetch.wait.max.ms', scope: 'broker', kafkaDefault: '500', meaning: 'How long a follower\'s fetch waits at the leader; a round trip moves the highWatermark.' },
    { name: 'replica.lag.time.max.ms', scope: 'broker', kafkaDefault: '30000', readable: '30 s', meaning: 'A follower that lags longer leaves the ISR, and stops holding the highWatermark back.' },
    { name: 'isolation.level', scope: 'consumer', kafkaDefault: 'read_uncommitted', meaning: 'read_committed stops lower, at the last stable offset (open transactions).' },
  ],
  tryIt: [
    { text: 'Open a topic from Topics and compare the highWatermark column with the Replica logs bars: the leader\'s logEndOffset can run ahead.', controls: ['Topics'] },
    { text: 'Click a follower\'s chip, set a latency of 300 ms and Apply: the highWatermark now trails the leader\'s logEndOffset while traffic runs.', controls: ['Apply'] },
  ],
  scenarios: ['high-watermark', 'acks1-loses-acknowledged'],
  related: ['isr', 'offset', 'delivery-semantics', 'leader-election'],
  sources: [DOCS.replication, KIPS.kip101, CODE.partition],
};

export const leaderElection: Explainer = {
  id: 'leader-election',
  summary: 'When a partition\'s leader fails, the controller picks a new one from the ISR and raises the partition\'s leaderEpoch.',
  body: [
    'The controller notices a dead broker when its heartbeats stop (broker.session.timeout.ms), or at once on a controlled shutdown. For each partition that broker led it picks the first live replica in the ISR, in replica-list order, and bumps the leaderEpoch.',
    'The leaderEpoch fences the past: requests carrying an older epoch are refused (FENCED_LEADER_EPOCH), and a returning old leader truncates its log to where the new leader\'s epoch began (KIP-101, KIP-279), dropping records that were never committed.',
    'If no ISR member is alive the partition goes offline. An unclean election picks an out-of-sync replica instead: the partition is back, but records it lacks are lost. The first replica of the list is the preferred leader; with auto.leader.rebalance.enable the controller moves leadership back to it once it is in sync again.',
  ],
  configs: [
    { name: 'broker.session.timeout.ms', scope: 'broker', kafkaDefault: '9000', readable: '9 s', meaning: 'How long the controller waits for a silent broker before moving its leaders.' },
    { name: 'unclean.leader.election.enable', scope: 'topic', kafkaDefault: 'false', meaning: 'Allow electing an out-of-sync replica (availability over durability).' },
    { name: 'unclean.leader.election.interval.ms', scope: 'broker', kafkaDefault: '300000', readable: '5 minutes', meaning: 'How often the KRaft controller elects unclean leaders for offline partitions of topics that allow it.' },
    { name: 'auto.leader.rebalance.enable', scope: 'broker', kafkaDefault: 'true', meaning: 'Move leadership back to preferred replicas.' },
    { name: 'leader.imbalance.check.interval.seconds', scope: 'broker', kafkaDefault: '300', readable: '5 minutes', meaning: 'How often that rebalance check runs.' },
  ],
  tryIt: [
    { text: 'On Cluster press Kill on a broker that leads partitions; open its topics from Topics and watch Leader and Epoch change after about 9 s.', controls: ['Cluster', 'Kill', 'Topics'] },
    { text: 'Press Start on it again: it returns as a follower. Press Elect preferred leaders to give it its partitions back.', controls: ['Start', 'Elect preferred leaders'] },
  ],
  scenarios: ['leader-failover-acks-all', 'clean-vs-unclean-election', 'isolated-leader-fenced'],
  related: ['isr', 'high-watermark', 'kraft', 'broker'],
  sources: [DOCS.replication, KIPS.kip101, KIPS.kip279, KIPS.kip320, CODE.partition],
};
