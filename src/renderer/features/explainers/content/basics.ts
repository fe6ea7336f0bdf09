/** Explainers of the basics: producer, consumer, topic, partition, offset, broker. */
import type { Explainer } from '../explainer-types';
import { CODE, DOCS, KIPS } from './sources';

export const producer: Explainer = {
  id: 'producer',
  summary: 'A client that writes records to topics; it picks each record\'s partition and sends batches to that partition\'s leader.',
  body: [
    'A producer asks any broker for the cluster\'s metadata, learns which broker leads each partition, and sends its records straight to those leaders, several records per batch. It never writes to a follower.',
    'For each record it chooses the partition: the one you name, else a hash of the key (murmur2, so one key always goes to one partition while the partition count stays the same), else, for a record without a key, a "sticky" partition that changes once a batch is full.',
    'acks says when the leader answers: 0 = no answer at all, 1 = once the leader has it, all = once every in-sync replica has it. The answer carries the record\'s offset, or an error such as NOT_LEADER_OR_FOLLOWER (the producer refreshes its metadata and retries) or NOT_ENOUGH_REPLICAS.',
  ],
  labDiffers: 'The Produce panel sends one record per request and shows the broker\'s answer; it retries at most a few times instead of for delivery.timeout.ms, so you see the error a real producer would retry past.',
  configs: [
    { name: 'acks', scope: 'producer', kafkaDefault: 'all', meaning: 'When the leader answers: 0, 1 or all (all since Kafka 3.0, KIP-679).' },
    { name: 'enable.idempotence', scope: 'producer', kafkaDefault: 'true', meaning: 'producerId and sequence numbers, so retries never duplicate.' },
    { name: 'retries', scope: 'producer', kafkaDefault: '2147483647', meaning: 'Retries of a failed send; bounded in practice by delivery.timeout.ms.' },
    { name: 'delivery.timeout.ms', scope: 'producer', kafkaDefault: '120000', readable: '2 minutes', meaning: 'Time from send() until success or a final error, retries included.' },
    { name: 'batch.size', scope: 'producer', kafkaDefault: '16384', readable: '16 KiB', meaning: 'Largest batch per partition the producer collects before sending.' },
    { name: 'auto.create.topics.enable', scope: 'broker', kafkaDefault: 'true', meaning: 'A producer\'s metadata request for an unknown topic creates it.' },
  ],
  tryIt: [
    { text: 'Open Produce, choose a topic, type a Key and a Value and press Produce: the answer names the partition and offset.', controls: ['Produce', 'Key', 'Value'] },
    { text: 'Switch acks to 0 and press Produce again: no offset comes back, because the broker does not answer.', controls: ['acks', 'Produce'] },
    { text: 'Press Start generator for steady traffic, then open the topic on Topics and watch each partition\'s highWatermark rise.', controls: ['Start generator', 'Topics'] },
  ],
  scenarios: ['hello-kafka', 'delivery-semantics-producers'],
  related: ['partition', 'record-key', 'delivery-semantics', 'idempotence', 'broker'],
  sources: [DOCS.intro, DOCS.producerDesign, DOCS.producerConfigs, KIPS.kip679, KIPS.kip794, CODE.producerConfig],
};

export const consumer: Explainer = {
  id: 'consumer',
  summary: 'A client that reads records from partitions in offset order, by fetching from each partition\'s leader.',
  body: [
    'A consumer pulls: it sends Fetch requests that say "partition P from offset N", and the leader returns records from N up to the highWatermark, never beyond it. Reading removes nothing; another consumer can read the same records.',
    'It keeps its own position per partition. In a consumer group it saves that position as a committed offset at the group coordinator, so after a restart (or on another member) reading resumes where the group left off.',
    'Where to start when there is no committed offset is auto.offset.reset: latest (only new records) by default, or earliest (from the logStartOffset).',
  ],
  configs: [
    { name: 'group.id', scope: 'consumer', kafkaDefault: null, meaning: 'The consumer group to join; none means you assign partitions yourself.' },
    { name: 'auto.offset.reset', scope: 'consumer', kafkaDefault: 'latest', meaning: 'Where to start without a committed offset: latest, earliest or none.' },
    { name: 'enable.auto.commit', scope: 'consumer', kafkaDefault: 'true', meaning: 'Commit the positions in the background.' },
    { name: 'auto.commit.interval.ms', scope: 'consumer', kafkaDefault: '5000', readable: '5 s', meaning: 'How often those background commits happen.' },
    { name: 'max.poll.records', scope: 'consumer', kafkaDefault: '500', meaning: 'Most records one poll() returns.' },
    { name: 'isolation.level', scope: 'consumer', kafkaDefault: 'read_uncommitted', meaning: 'read_committed hides aborted and still-open transactions.' },
  ],
  tryIt: [
    { text: 'Open Consume, pick a topic, set Start at to earliest and press Start consumer: the records arrive with partition and offset.', controls: ['Consume', 'Start at', 'Start consumer'] },
    { text: 'Press Start consumer again on the same topic with another group.id: that consumer gets every record too, since reading deletes nothing.', controls: ['group.id', 'Start consumer'] },
  ],
  scenarios: ['hello-kafka', 'publish-subscribe'],
  related: ['consumer-group', 'offset', 'high-watermark', 'partition'],
  sources: [DOCS.intro, DOCS.consumerDesign, DOCS.consumerConfigs, CODE.consumerConfig],
};

export const topic: Explainer = {
  id: 'topic',
  summary: 'A named stream of records, split into partitions that live on the brokers.',
  body: [
    'Producers write to a topic by name and consumers read it by name. A topic is really a set of partitions: each is an ordered, append-only log, and each is copied to replication-factor brokers.',
    'Records stay after they are read. A topic keeps them until its retention (time or size) or its compaction removes them; many groups can read the same topic at their own pace.',
    'A topic has its own configs (retention.ms, cleanup.policy, min.insync.replicas, …); where it sets none, the broker\'s default applies.',
  ],
  labDiffers: 'A topic that a client auto-creates gets 3 partitions and replication factor min(3, brokers) here (Kafka: 1 and 1), so partitioning and failover show.',
  configs: [
    { name: 'num.partitions', scope: 'broker', kafkaDefault: '1', meaning: 'Partitions of an auto-created topic.', lab: { value: '3', why: 'set at start (lab-defaults.ts): with one partition there is no partitioning to see' } },
    { name: 'default.replication.factor', scope: 'broker', kafkaDefault: '1', meaning: 'Replication factor of an auto-created topic.', lab: { value: 'min(3, brokers)', why: 'set at start (lab-defaults.ts): with one copy a broker kill loses the partition' } },
    { name: 'auto.create.topics.enable', scope: 'broker', kafkaDefault: 'true', meaning: 'Metadata requests for an unknown topic create it.' },
    { name: 'cleanup.policy', scope: 'topic', kafkaDefault: 'delete', meaning: 'delete (retention) or compact (latest value per key).' },
  ],
  tryIt: [
    { text: 'On Topics press Create topic, give a Name, 6 Partitions and Replication factor 3, then Create.', controls: ['Topics', 'Create topic', 'Name', 'Partitions', 'Replication factor', 'Create'] },
    { text: 'Open the new topic from Topics: the grid shows each partition\'s replicas on the brokers.', controls: ['Topics'] },
  ],
  scenarios: ['hello-kafka', 'partitions-and-keys'],
  related: ['partition', 'replication', 'retention', 'compaction'],
  sources: [DOCS.intro, DOCS.topicConfigs, CODE.topicConfig],
};

export const partition: Explainer = {
  id: 'partition',
  summary: 'One ordered, append-only log of a topic; the unit of ordering, of parallelism and of replication.',
  body: [
    'Every record of a partition gets the next offset, and consumers see a partition\'s records in that order. There is no order between partitions of the same topic.',
    'Partitions are how a topic scales: they are spread over the brokers, each has its own leader, and a consumer group shares them out among its members (one member per partition).',
    'You can add partitions to a topic but never remove them. Adding some changes which partition a key hashes to, so per-key order breaks across that moment.',
  ],
  labDiffers: 'Auto-created topics get 3 partitions here (Kafka: 1).',
  configs: [
    { name: 'num.partitions', scope: 'broker', kafkaDefault: '1', meaning: 'Partitions of an auto-created topic.', lab: { value: '3', why: 'set at start (lab-defaults.ts) so keys spread and a group can share the work' } },
    { name: 'partitioner.ignore.keys', scope: 'producer', kafkaDefault: 'false', meaning: 'true: spread even keyed records as if they had no key.' },
  ],
  tryIt: [
    { text: 'Produce a few records with the Key left empty and Partition on automatic: they spread over the partitions.', controls: ['Produce', 'Key', 'Partition'] },
    { text: 'Produce with a fixed Key several times: every one lands in the same partition, at rising offsets.', controls: ['Key', 'Produce'] },
  ],
  scenarios: ['partitions-and-keys', 'adding-partitions-breaks-key-order'],
  related: ['record-key', 'offset', 'replication', 'consumer-group'],
  sources: [DOCS.intro, KIPS.kip480, KIPS.kip794, CODE.builtInPartitioner],
};

export const offset: Explainer = {
  id: 'offset',
  summary: 'A record\'s position in its partition: 0, 1, 2, … assigned by the leader on append, never reused.',
  body: [
    'Offsets only mean something within one partition. The log runs from the logStartOffset (the oldest record still kept) to the logEndOffset (where the next record will go); consumers can read up to the highWatermark.',
    'A consumer\'s position is an offset, and a consumer group commits offsets: "the next record to read is N". Reset them to replay: reading deletes nothing, so the records are still there until retention removes them.',
    'Offsets are never reused or renumbered. Compaction removes records but not their offsets, and transaction markers take offsets too, so a partition can have gaps; a consumer just continues with the next offset that exists.',
  ],
  configs: [
    { name: 'auto.offset.reset', scope: 'consumer', kafkaDefault: 'latest', meaning: 'Where a consumer starts without a committed offset (or with one that retention removed).' },
    { name: 'enable.auto.commit', scope: 'consumer', kafkaDefault: 'true', meaning: 'Commit positions in the background.' },
    { name: 'auto.commit.interval.ms', scope: 'consumer', kafkaDefault: '5000', readable: '5 s', meaning: 'How often a consumer with enable.auto.commit commits its positions.' },
  ],
  tryIt: [
    { text: 'Produce a record and note its offset; produce again with the same Key: the offset is one more.', controls: ['Produce', 'Key'] },
    { text: 'Stop a group\'s consumers (Consume, Stop), then on Consumer groups open the group, set Reset offsets to earliest, press Preview, then Apply, and Start consumer in that group again: it replays.', controls: ['Consume', 'Stop', 'Consumer groups', 'Preview', 'Apply', 'Start consumer'] },
  ],
  scenarios: ['replay-from-offset'],
  related: ['partition', 'consumer-group', 'high-watermark', 'retention'],
  sources: [DOCS.intro, DOCS.consumerDesign, DOCS.log],
};

export const broker: Explainer = {
  id: 'broker',
  summary: 'A Kafka server: it stores partition replicas, leads some of them, and answers clients on its own port.',
  body: [
    'A cluster is several brokers. Each partition has one replica on each of replication-factor brokers; one of them leads (clients produce to it and fetch from it), the others follow by fetching from the leader.',
    'Brokers register with the controller and send it heartbeats. A broker whose heartbeats stop for broker.session.timeout.ms is fenced, and the controller moves leadership of its partitions to in-sync followers.',
    'Stopping a broker cleanly (controlled shutdown) moves leadership away first; a crash does not, so its partitions have no working leader until the controller notices.',
  ],
  labDiffers: 'All brokers run in one process, each listening on its own 127.0.0.1 port; the data lives in memory.',
  configs: [
    { name: 'broker.session.timeout.ms', scope: 'broker', kafkaDefault: '9000', readable: '9 s', meaning: 'Heartbeats missing this long and the controller fences the broker.' },
    { name: 'broker.heartbeat.interval.ms', scope: 'broker', kafkaDefault: '2000', readable: '2 s', meaning: 'How often a broker heartbeats to the controller.' },
    { name: 'controlled.shutdown.enable', scope: 'broker', kafkaDefault: 'true', meaning: 'Move leadership away before a broker stops.' },
  ],
  tryIt: [
    { text: 'On Cluster press Stop on a broker: its partitions get new leaders at once (controlled shutdown). Press Start to bring it back.', controls: ['Cluster', 'Stop', 'Start'] },
    { text: 'Press Kill on another: its partitions wait about broker.session.timeout.ms (9 s) for a new leader.', controls: ['Kill'] },
  ],
  scenarios: ['hello-kafka', 'leader-failover-acks-all'],
  related: ['replication', 'leader-election', 'kraft', 'partition'],
  sources: [DOCS.intro, DOCS.replication, DOCS.brokerConfigs, CODE.kraftConfigs],
};
