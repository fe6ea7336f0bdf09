/** Explainers of how long data stays (retention, compaction) and of KRaft. */
import type { Explainer } from '../explainer-types';
import { CODE, DOCS, KIPS } from './sources';

export const retention: Explainer = {
  id: 'retention',
  summary: 'With cleanup.policy=delete a partition keeps records for retention.ms (or up to retention.bytes), then deletes whole old segments.',
  body: [
    'A partition\'s log is a series of segment files. The active (newest) segment takes the appends; it rolls over at segment.bytes or after segment.ms. Retention deletes whole segments, oldest first, once a segment\'s newest record is older than retention.ms (if that is the active one, Kafka rolls a new segment first), so records can outlive retention.ms by up to a segment\'s age.',
    'Deleting a segment moves the logStartOffset forward. Retention ignores consumers: a group that is too far behind finds its committed offset gone (OFFSET_OUT_OF_RANGE) and continues at auto.offset.reset.',
    'The broker checks every log.retention.check.interval.ms, so deletion happens in steps, not record by record.',
  ],
  labDiffers: 'The lab keeps every log in memory; a topic\'s page says when each broker checks retention next.',
  configs: [
    { name: 'retention.ms', scope: 'topic', kafkaDefault: '604800000', readable: '7 days', meaning: 'Keep a segment this long after its newest record; -1 forever.' },
    { name: 'retention.bytes', scope: 'topic', kafkaDefault: '-1', meaning: 'Largest size of a partition before old segments go; -1 no limit.' },
    { name: 'segment.bytes', scope: 'topic', kafkaDefault: '1073741824', readable: '1 GiB', meaning: 'Roll a new segment at this size.' },
    { name: 'segment.ms', scope: 'topic', kafkaDefault: '604800000', readable: '7 days', meaning: 'Roll a new segment after this time even if not full.' },
    { name: 'log.retention.check.interval.ms', scope: 'broker', kafkaDefault: '300000', readable: '5 minutes', meaning: 'How often the broker looks for segments to delete.' },
    { name: 'auto.offset.reset', scope: 'consumer', kafkaDefault: 'latest', meaning: 'Where a consumer goes when its offset was deleted.' },
  ],
  tryIt: [
    { text: 'On Topics press Create topic with retention.ms 60000 and Create; in the topic\'s Configuration set segment.bytes to 2048 and Save, so segments close while records arrive.', controls: ['Topics', 'Create topic', 'retention.ms', 'Create', 'Save'] },
    { text: 'Press Start generator on it. At each retention check (every 5 minutes; the Retention panel says when) the segments older than a minute go: the record count drops and the Replica logs bars start later.', controls: ['Start generator'] },
  ],
  scenarios: ['retention-slow-consumer', 'replay-from-offset'],
  related: ['compaction', 'offset', 'topic'],
  sources: [DOCS.log, DOCS.topicConfigs, { label: 'Kafka documentation: retention.ms', url: 'https://kafka.apache.org/documentation/#topicconfigs_retention.ms' }, CODE.serverLogConfigs, CODE.topicConfig],
};

export const compaction: Explainer = {
  id: 'compaction',
  summary: 'With cleanup.policy=compact a partition keeps at least the latest record of every key; older records of the same key are removed.',
  body: [
    'The log cleaner copies a partition\'s closed segments, keeping for each key only its newest record. Offsets do not change, so the cleaned log has gaps. The active segment is never compacted.',
    'A record with a key and a null value is a tombstone: it deletes the key. The tombstone itself stays for delete.retention.ms so that consumers catch up on the delete, then goes.',
    'Compaction waits until enough of the log is "dirty" (min.cleanable.dirty.ratio), and a record stays at least min.compaction.lag.ms (and at most max.compaction.lag.ms, KIP-354) uncompacted. cleanup.policy=compact,delete does both.',
  ],
  configs: [
    { name: 'cleanup.policy', scope: 'topic', kafkaDefault: 'delete', meaning: 'compact keeps the latest value per key.' },
    { name: 'delete.retention.ms', scope: 'topic', kafkaDefault: '86400000', readable: '1 day', meaning: 'How long tombstones stay.' },
    { name: 'min.cleanable.dirty.ratio', scope: 'topic', kafkaDefault: '0.5', meaning: 'Share of uncompacted log before the cleaner runs.' },
    { name: 'min.compaction.lag.ms', scope: 'topic', kafkaDefault: '0', meaning: 'Least time a record stays uncompacted.' },
    { name: 'max.compaction.lag.ms', scope: 'topic', kafkaDefault: '9223372036854775807', readable: 'no limit', meaning: 'Longest a record may stay uncompacted (KIP-354).' },
    { name: 'log.cleaner.backoff.ms', scope: 'broker', kafkaDefault: '15000', readable: '15 s', meaning: 'How often the cleaner looks for logs to compact.' },
  ],
  tryIt: [
    { text: 'On Topics press Create topic, set cleanup.policy to compact and Create; in the topic\'s Configuration set segment.bytes to 2048 and Save (the active segment is never compacted, so segments must close).', controls: ['Topics', 'Create topic', 'cleanup.policy', 'Create', 'Save'] },
    { text: 'On Produce send one Key several times with different values, press Start generator for more traffic, then send that Key with Value set to null: a tombstone.', controls: ['Produce', 'Key', 'Start generator', 'Value'] },
    { text: 'On Messages press Scan after the cleaner\'s next pass (it looks every 15 s): older records of each key are gone from the closed segments, and the tombstone is marked.', controls: ['Messages', 'Scan'] },
  ],
  scenarios: ['compaction-and-tombstones'],
  related: ['record-key', 'retention', 'offset'],
  sources: [DOCS.compaction, DOCS.topicConfigs, KIPS.kip354, CODE.logCleaner],
};

export const kraft: Explainer = {
  id: 'kraft',
  summary: 'Kafka\'s own metadata quorum: controller nodes keep the cluster\'s metadata in a Raft log and elect an active controller among themselves.',
  body: [
    'The controllers (process.roles=controller, alone or combined with broker) are the voters of a Raft quorum (KIP-595). One is the active controller: it decides topic creation, leader elections and ISR changes, appends them to the metadata log, and brokers replay that log.',
    'Brokers register with the active controller and heartbeat to it; one that stops is fenced after broker.session.timeout.ms. If the active controller fails, the other voters elect a new one after controller.quorum.election.timeout.ms.',
    'A majority of voters must be up. Without one, metadata stops changing (no new leaders, no ISR changes), while existing leaders keep serving. KRaft replaced ZooKeeper (KIP-500, KIP-631); Kafka 4.0 runs only in KRaft mode.',
  ],
  labDiffers: 'The lab\'s default is combined mode (the first up to 3 brokers are also voters), so stopping brokers can cost the quorum; New cluster… offers dedicated controllers. DescribeQuorum is not served. Kafka has no default for process.roles: every node must set it.',
  configs: [
    { name: 'process.roles', scope: 'broker', kafkaDefault: null, meaning: 'broker, controller, or both (combined mode).', lab: { value: 'broker,controller', why: 'the lab runs combined mode unless New cluster… asks for dedicated controllers' } },
    { name: 'controller.quorum.election.timeout.ms', scope: 'broker', kafkaDefault: '1000', readable: '1 s', meaning: 'Time without an active controller before voters start an election.' },
    { name: 'broker.session.timeout.ms', scope: 'broker', kafkaDefault: '9000', readable: '9 s', meaning: 'The controller fences a broker silent for this long.' },
    { name: 'broker.heartbeat.interval.ms', scope: 'broker', kafkaDefault: '2000', readable: '2 s', meaning: 'Broker heartbeats to the active controller.' },
  ],
  tryIt: [
    { text: 'On Cluster, the Controller quorum panel shows the voters and the active controller. Stop the active one: another takes over.', controls: ['Cluster', 'Stop'] },
    { text: 'Press New cluster… and choose 3 KRaft controllers to see brokers and controllers as separate nodes.', controls: ['New cluster…'] },
  ],
  scenarios: ['controller-failover-and-quorum-loss'],
  related: ['broker', 'leader-election', 'isr'],
  sources: [DOCS.kraft, KIPS.kip500, KIPS.kip595, KIPS.kip631, CODE.kraftConfigs],
};
