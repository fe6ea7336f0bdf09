/**
 * Hostile values for the semantic fuzzer, chosen by what a field means rather than by its type: a
 * topic name gets names Kafka's Topic.validate refuses or treats specially (empty, 250 characters,
 * `.` and `..`, `.`/`_` collisions, internal topics, unicode), a partition count gets 0, -1 and
 * 2^31-1, a config gets unknown keys and values its ConfigDef cannot parse. Most draws still name
 * real topics, groups and producers, so requests get past the first check and reach the model.
 *
 * The well-behaved client's topic and group (GOOD_TOPIC, GOOD_GROUP) are never drawn: the fuzzer
 * checks that client keeps working, and a hostile DeleteTopics of its topic would be a legitimate
 * way to stop it.
 */
import type { Random } from '../sim/random';
import type { RecordKind } from './record-batches';

export const GOOD_TOPIC = 'fuzz-good';
export const GOOD_GROUP = 'fuzz-good-group';

/**
 * Topics the runner creates before the first case, so hostile requests meet real partitions: a
 * compacted topic whose segments roll every millisecond and whose cleaner runs at any dirty ratio
 * (issue 11 finding 2 needs exactly that), one whose retention deletes everything, a plain one
 * with three replicas, and `.`/`_` twins.
 */
export const FUZZ_TOPICS: readonly { name: string; partitions: number; replicationFactor: number; configs: Record<string, string> }[] = [
  { name: 'fuzz-compact', partitions: 2, replicationFactor: 3, configs: { 'cleanup.policy': 'compact', 'segment.ms': '1', 'min.cleanable.dirty.ratio': '0.01', 'delete.retention.ms': '1' } },
  { name: 'fuzz-compact-delete', partitions: 1, replicationFactor: 1, configs: { 'cleanup.policy': 'compact,delete', 'segment.ms': '1', 'min.cleanable.dirty.ratio': '0', 'retention.ms': '1000' } },
  { name: 'fuzz-retention', partitions: 2, replicationFactor: 2, configs: { 'retention.ms': '1', 'segment.ms': '1', 'retention.bytes': '1' } },
  { name: 'fuzz-plain', partitions: 3, replicationFactor: 3, configs: {} },
  { name: 'fuzz.dot', partitions: 1, replicationFactor: 1, configs: { 'message.timestamp.type': 'LogAppendTime' } },
];

const INTERNAL_TOPICS = ['__consumer_offsets', '__transaction_state'];
const ODD_NAMES = [
  '', '.', '..', 'fuzz_dot', 'a'.repeat(249), 'a'.repeat(250), 'a'.repeat(1000), 'bad/name', 'spa ce', 'tópico-ü', '话题', '🦀',
  'nul\u0000byte', '-', '_', '__', '__internal-looking', 'UPPER', 'fuzz-compact.', 'fuzz-deleted-soon',
];
const TOPIC_NAMES = [...FUZZ_TOPICS.map((t) => t.name), 'fuzz-created-0', 'fuzz-created-1', 'fuzz-created-2'];

const TOPIC_CONFIGS: Record<string, readonly string[]> = {
  'cleanup.policy': ['compact', 'delete', 'compact,delete', 'delete,compact', '', 'shred', 'compact,compact'],
  'segment.ms': ['1', '0', '-1', '100', '9223372036854775807', '9223372036854775808', 'soon'],
  'segment.bytes': ['14', '1', '0', '-1', '1048576', '2147483648'],
  'min.cleanable.dirty.ratio': ['0', '0.01', '1', '1.5', '-0.1', 'NaN', 'half'],
  'retention.ms': ['1', '0', '-1', '-2', '1000', '9223372036854775807', ''],
  'retention.bytes': ['1', '0', '-1', '100', '-5'],
  'delete.retention.ms': ['0', '1', '-1'],
  'min.compaction.lag.ms': ['0', '1', '-1'],
  'max.compaction.lag.ms': ['1', '0', '9223372036854775807'],
  'max.message.bytes': ['0', '1', '-1', '100', '2147483647', '1048588'],
  'message.timestamp.type': ['CreateTime', 'LogAppendTime', 'createtime', '', 'Wallclock'],
  'min.insync.replicas': ['0', '1', '2', '3', '4', '-1', '2147483647'],
  'compression.type': ['producer', 'zstd', 'gzip', 'lz4', 'snappy', 'uncompressed', 'brotli', ''],
  'unclean.leader.election.enable': ['true', 'false', 'TRUE', 'yes', ''],
  'segment.jitter.ms': ['0', '1', '-1'],
  'preallocate': ['true', 'nope'],
};
/**
 * Broker-level (dynamic) configs. The periodic-task intervals get invalid values and modest valid
 * ones but not 1 ms: this broker accepts them dynamically, and a check every simulated
 * millisecond on every partition would make the rest of the run measure only that. Values that
 * legitimately stop every offset commit, as in Kafka (min.insync.replicas 4, message.max.bytes 1:
 * __consumer_offsets has no override), are left out: the good client would fail for no bug.
 */
const BROKER_CONFIGS: Record<string, readonly string[]> = {
  'log.retention.ms': ['1', '-1', '0', 'x'],
  'log.cleaner.backoff.ms': ['1000', '-1', 'x'],
  'log.retention.check.interval.ms': ['5000', '0', '-1'],
  'num.partitions': ['0', '-1', '1', '100000'],
  'default.replication.factor': ['0', '4', '-1'],
  'auto.create.topics.enable': ['true', 'false', 'maybe'],
  'message.max.bytes': ['-1', 'x', '1048588'],
  'replica.lag.time.max.ms': ['0', '5000', '-1'],
  'min.insync.replicas': ['0', '-1', '1'],
  'broker.id': ['7'],
  'process.roles': ['controller'],
};
const UNKNOWN_CONFIGS = ['', 'no.such.config', 'segment.ms ', 'SEGMENT.MS', 'log.cleaner.enable', '\u0000'];

/** producerIds, memberIds, generationIds and topicIds seen in responses, so later cases can reuse (and misuse) them. */
export interface Seen {
  producerIds: number[];
  memberIds: string[];
  generationIds: number[];
  topicIds: string[];
}

function newSeen(): Seen {
  return { producerIds: [], memberIds: [], generationIds: [], topicIds: [] };
}

export class Hostile {
  /**
   * @param recordKinds the batch kinds a `records` field may carry (record-batches.ts); a kind left
   *   out of a run (KNOWN_OPEN) must not sneak in through another family's Produce.
   */
  constructor(readonly random: Random, readonly recordKinds: readonly RecordKind[], readonly seen: Seen = newSeen()) {}

  pick<T>(items: readonly T[]): T {
    return this.random.pick(items);
  }

  chance(p: number): boolean {
    return this.random.chance(p);
  }

  int(min: number, max: number): number {
    return this.random.int(min, max);
  }

  topicName(): string {
    if (this.chance(0.7)) return this.pick(TOPIC_NAMES);
    return this.chance(0.25) ? this.pick(INTERNAL_TOPICS) : this.pick(ODD_NAMES);
  }

  groupId(): string {
    return this.chance(0.75) ? `fuzz-group-${this.int(0, 4)}` : this.pick(['', 'g'.repeat(300), 'grüppe', '__consumer_offsets', ' ', 'fuzz.group']);
  }

  transactionalId(): string {
    return this.chance(0.75) ? `fuzz-txn-${this.int(0, 4)}` : this.pick(['', 't'.repeat(300), 'trans🦀', '__transaction_state']);
  }

  memberId(): string {
    if (this.seen.memberIds.length > 0 && this.chance(0.5)) return this.pick(this.seen.memberIds);
    return this.pick(['', 'unknown-member', 'fuzz-member-1', 'm'.repeat(500)]);
  }

  producerId(): number {
    if (this.seen.producerIds.length > 0 && this.chance(0.6)) return this.pick(this.seen.producerIds);
    return this.pick([-1, 0, 1, 2, 1000, 2 ** 31, Number.MAX_SAFE_INTEGER, -2]);
  }

  producerEpoch(): number {
    return this.pick([-1, 0, 0, 1, 2, 32767, -32768]);
  }

  generationId(): number {
    if (this.seen.generationIds.length > 0 && this.chance(0.5)) return this.pick(this.seen.generationIds) + this.pick([0, 0, 1, -1]);
    return this.pick([-1, 0, 1, 2, 2147483647, -2147483648]);
  }

  partition(): number {
    return this.chance(0.7) ? this.int(0, 3) : this.pick([-1, -2, 4, 99, 65535, 2147483647, -2147483648]);
  }

  offset(): number {
    return this.chance(0.5) ? this.int(0, 20) : this.pick([-1, -2, -3, -4, 1000, 2 ** 40, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]);
  }

  timeoutMs(): number {
    return this.pick([0, 1, 10, 100, 1000, 30000, -1, 2147483647, -2147483648]);
  }

  /** A short wait most of the time: the runner waits for every answer, so a 24-day long poll is drawn rarely. */
  waitMs(): number {
    return this.chance(0.9) ? this.pick([0, 1, 10, 100]) : this.pick([-1, 5000, 2147483647]);
  }

  brokerId(): number {
    return this.chance(0.7) ? this.int(1, 3) : this.pick([0, -1, 4, 99, 2147483647]);
  }

  /** A (name, value) config pair: a real key with a valid or invalid value, or an unknown key. */
  config(scope: 'topic' | 'broker' = 'topic'): { name: string; value: string | null } {
    const table = scope === 'topic' ? TOPIC_CONFIGS : BROKER_CONFIGS;
    if (this.chance(0.1)) return { name: this.pick(UNKNOWN_CONFIGS), value: this.pick(['1', '', 'x']) };
    const name = this.pick(Object.keys(table));
    return { name, value: this.chance(0.05) ? null : this.pick(table[name]!) };
  }

  /**
   * A config resource: 2 TOPIC, 4 BROKER, 8 BROKER_LOGGER, or nonsense. With `alter`, never an
   * internal topic: min.insync.replicas above its replication factor or a max.message.bytes below
   * one commit on __consumer_offsets stop offset commits in Kafka too (COORDINATOR_NOT_AVAILABLE,
   * INVALID_COMMIT_OFFSET_SIZE), so the good client would fail for a reason that is no bug.
   */
  resource(alter = false): { resourceType: number; resourceName: string } {
    const resourceType = this.chance(0.85) ? this.pick([2, 2, 2, 4]) : this.pick([0, 1, 3, 8, 16, -1, 127]);
    let resourceName = resourceType === 4 ? this.pick(['', '1', '2', '3', '99', '-1', 'one']) : this.topicName();
    if (alter && INTERNAL_TOPICS.includes(resourceName)) resourceName = this.pick(FUZZ_TOPICS).name;
    return { resourceType, resourceName };
  }

  bytes(max: number): Buffer {
    return Buffer.from(this.random.bytes(this.int(0, max)));
  }

  string(): string {
    return this.pick(['', 'x', 'fuzz', 's'.repeat(2000), 'ünï©ødé', '\u0000', '%s%n', '\ud800']);
  }
}
