/**
 * Issue 12 in the model: topic names colliding on '.'/'_' and internal names refused with Kafka's
 * messages, static broker configs refused at runtime (DynamicBrokerConfig), the alter-broker-config
 * command and its event, auto-created topics naming the defaults used, and retention deleting the
 * active segment once all its records are replicated (Kafka's deletableSegments + roll).
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type SimCluster } from './cluster';
import { advance, batchOf, eventLines, produceOne } from './testing';

function cluster3(config: Record<string, string> = {}): SimCluster {
  return createCluster({ seed: 12, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig: config });
}

const create = (c: SimCluster, name: string) => c.createTopics(1, [{ name, numPartitions: 1, replicationFactor: 3 }], false)[0]!;

describe('topic name rules', () => {
  it("refuses a name that collides on '.' versus '_' with Kafka's message, both ways round", () => {
    const c = cluster3();
    expect(create(c, 'a.b').errorName).toBe('NONE');
    expect(create(c, 'a_b')).toMatchObject({ errorName: 'INVALID_TOPIC_EXCEPTION', errorMessage: "Topic 'a_b' collides with existing topic: a.b" });
    expect(create(c, 'x_y').errorName).toBe('NONE');
    expect(create(c, 'x.y')).toMatchObject({ errorName: 'INVALID_TOPIC_EXCEPTION', errorMessage: "Topic 'x.y' collides with existing topic: x_y" });
    expect(create(c, 'a.b')).toMatchObject({ errorName: 'TOPIC_ALREADY_EXISTS' });
    expect(create(c, 'a-b').errorName).toBe('NONE');
    expect(c.command({ type: 'create-topic', topic: 'a_b', partitions: 1, replicationFactor: 1 })).toMatchObject({ ok: false, errorName: 'INVALID_TOPIC_EXCEPTION' });
  });

  it('refuses creating the internal topics and deleting them', () => {
    const c = cluster3();
    expect(create(c, '__transaction_state')).toMatchObject({ errorName: 'INVALID_REQUEST', errorMessage: "Topic '__transaction_state' is an internal topic: the transaction coordinator creates it, users cannot." });
    expect(create(c, '__cluster_metadata')).toMatchObject({ errorName: 'INVALID_REQUEST', errorMessage: 'Creation of internal topic __cluster_metadata is prohibited.' });
    c.admin.createTopic({ name: '__consumer_offsets', numPartitions: 3, replicationFactor: 3, internal: true }, false);
    expect(c.command({ type: 'delete-topic', topic: '__consumer_offsets' })).toEqual({ ok: false, errorName: 'INVALID_REQUEST', message: 'Topic __consumer_offsets is a kafka internal topic and is not allowed to be marked for deletion.' });
  });
});

describe('broker configs at runtime', () => {
  it('refuses static configs with INVALID_REQUEST, applies dynamic ones per broker and cluster-wide, and reports each change', () => {
    const c = cluster3({ 'num.partitions': '3' });
    expect(c.command({ type: 'alter-broker-config', brokerId: 1, configs: { 'num.partitions': '6' } })).toEqual({ ok: false, errorName: 'INVALID_REQUEST', message: 'Cannot update these configs dynamically: Set(num.partitions)' });
    expect(c.command({ type: 'alter-broker-config', brokerId: null, configs: { 'log.retention.check.interval.ms': '1000', 'replica.lag.time.max.ms': '5000' } })).toMatchObject({ ok: false, errorName: 'INVALID_REQUEST', message: 'Cannot update these configs dynamically: Set(log.retention.check.interval.ms, replica.lag.time.max.ms)' });
    expect(c.command({ type: 'alter-broker-config', brokerId: 2, configs: { 'log.retention.ms': 'soon' } })).toMatchObject({ ok: false, errorName: 'INVALID_CONFIG', message: 'Invalid value soon for configuration log.retention.ms: Not a number of type LONG' });
    expect(c.command({ type: 'alter-broker-config', brokerId: 2, configs: { 'log.retention.ms': '60000' } })).toEqual({ ok: true });
    expect(c.command({ type: 'alter-broker-config', brokerId: null, configs: { 'min.insync.replicas': '2' } })).toEqual({ ok: true });
    const view = c.snapshot().brokerConfigs!;
    const entry = (brokerId: number | null, name: string) => view.find((b) => b.brokerId === brokerId)!.configs.find((e) => e.name === name)!;
    expect(entry(2, 'log.retention.ms')).toMatchObject({ value: '60000', source: 'DYNAMIC_BROKER_CONFIG', readOnly: false });
    expect(entry(1, 'min.insync.replicas')).toMatchObject({ value: '2', source: 'DYNAMIC_DEFAULT_BROKER_CONFIG' });
    expect(entry(null, 'num.partitions')).toMatchObject({ value: '3', source: 'STATIC_BROKER_CONFIG', readOnly: true });
    expect(entry(1, 'log.retention.hours')).toMatchObject({ readOnly: true });
    expect(eventLines(c, ['broker-config-changed']).map((l) => l.replace(/^t=\d+ /, ''))).toEqual([
      'broker-config-changed brokerId=2 name=log.retention.ms value=60000',
      'broker-config-changed brokerId=null name=min.insync.replicas value=2',
    ]);
    expect(c.command({ type: 'alter-broker-config', brokerId: 2, configs: { 'log.retention.ms': null } })).toEqual({ ok: true });
    expect(c.snapshot().brokerConfigs!.find((b) => b.brokerId === 2)!.configs.find((e) => e.name === 'log.retention.ms')!.source).not.toBe('DYNAMIC_BROKER_CONFIG');
  });

  it('tells when each broker runs its next retention check', () => {
    const c = cluster3({ 'log.retention.check.interval.ms': '300000' });
    const start = c.now();
    const next = () => c.snapshot().brokers.map((b) => b.nextRetentionCheckMs);
    expect(next()).toEqual([start + 300_000, start + 300_000, start + 300_000]);
    advance(c, 300_001);
    expect(next()).toEqual([start + 600_000, start + 600_000, start + 600_000]);
    c.command({ type: 'stop-broker', brokerId: 3, controlled: false });
    expect(next()[2]).toBeNull();
  });
});

describe('auto-created topics and retention', () => {
  it('names the defaults an auto-created topic got', () => {
    const c = cluster3({ 'num.partitions': '3', 'default.replication.factor': '3' });
    c.metadata(1, ['clicks'], true);
    expect(eventLines(c, ['topic-created']).map((l) => l.replace(/^t=\d+ /, ''))).toEqual([
      'topic-created clicks partitions=3 rf=3 (auto-created: num.partitions=3 default.replication.factor=3)',
    ]);
  });

  it('deletes the active segment too once its records are older than retention.ms and all replicated, rolling a new one first', () => {
    const c = cluster3({ 'log.retention.check.interval.ms': '1000' });
    c.createTopics(1, [{ name: 'r', numPartitions: 1, replicationFactor: 3, configs: { 'retention.ms': '5000' } }], false);
    advance(c, 100);
    const leader = c.core.controller.topics.get('r')!.partitions[0]!.leader;
    const produced = produceOne(c, leader, 'r', 0, batchOf([{ value: 'a', timestamp: c.now() }]));
    advance(c, 500);
    expect(produced.result?.errorName).toBe('NONE');
    const view = () => c.snapshot().topics.find((t) => t.name === 'r')!.partitions[0]!;
    expect(view()).toMatchObject({ logStartOffset: 0, highWatermark: 1 });
    advance(c, 7000);
    // One segment only, the active one: Kafka (UnifiedLog.deletableSegments) deletes it once its newest record expired.
    expect(view()).toMatchObject({ logStartOffset: 1, highWatermark: 1, logEndOffset: 1 });
    expect(eventLines(c, ['segment-deleted']).some((l) => l.includes('[0,1) (retention.ms)'))).toBe(true);
  });
});
