import { describe, expect, it } from 'vitest';
import { disabledReason, validateCreateTopic, type CreateTopicDraft } from './topic-validation';
import { autoCreateText, topicTotals } from './auto-create-hint';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';

const draft = (over: Partial<CreateTopicDraft> = {}): CreateTopicDraft => ({ name: 'orders', partitions: '3', replicationFactor: '3', minInSyncReplicas: '1', retentionMs: '604800000', cleanupPolicy: 'delete', ...over });
const existing = new Set(['a.b', '__consumer_offsets']);

describe('create-topic checks in Kafka\'s words', () => {
  it('accepts a valid draft', () => {
    expect(validateCreateTopic(draft(), existing, 3)).toEqual({});
    expect(disabledReason({})).toBeNull();
  });

  it('refuses names Kafka refuses: collisions on "." vs "_", internal names, illegal characters, length', () => {
    expect(validateCreateTopic(draft({ name: 'a_b' }), existing, 3).name).toBe("INVALID_TOPIC_EXCEPTION: Topic 'a_b' collides with existing topic: a.b ('.' and '_' become the same in metric names).");
    expect(validateCreateTopic(draft({ name: '__consumer_offsets' }), existing, 3).name).toContain('TOPIC_ALREADY_EXISTS');
    expect(validateCreateTopic(draft({ name: '__transaction_state' }), existing, 3).name).toBe("INVALID_REQUEST: Topic '__transaction_state' is an internal topic: the transaction coordinator creates it, users cannot.");
    expect(validateCreateTopic(draft({ name: 'a b' }), existing, 3).name).toContain("contains a character other than ASCII alphanumerics, '.', '_' and '-'");
    expect(validateCreateTopic(draft({ name: 'x'.repeat(250) }), existing, 3).name).toContain("can't be longer than 249 characters");
    expect(validateCreateTopic(draft({ name: 'x'.repeat(249) }), existing, 3).name).toBeUndefined();
    expect(validateCreateTopic(draft({ name: '' }), existing, 3).name).toContain("can't be empty");
    expect(validateCreateTopic(draft({ name: '..' }), existing, 3).name).toContain('cannot be "." or ".."');
  });

  it('takes whole numbers only for partitions and replication factor, with the limits named', () => {
    const errors = (partitions: string, replicationFactor = '3') => validateCreateTopic(draft({ partitions, replicationFactor }), existing, 3);
    expect(errors('1e3').partitions).toBe('"1e3" is not a whole number: Partitions takes digits only (1–10,000).');
    expect(errors('2.5').partitions).toContain('"2.5" is not a whole number');
    expect(errors('abc').partitions).toContain('"abc" is not a whole number');
    expect(errors('-1').partitions).toBe('Partitions must be at least 1, got -1.');
    expect(errors('').partitions).toBe('Partitions is required: a whole number from 1 to 10,000.');
    expect(errors('10001').partitions).toContain('at most 10,000');
    expect(errors('3', '1e3').replicationFactor).toContain('"1e3" is not a whole number');
    expect(errors('3', '4').replicationFactor).toBe('Only 3 brokers running: replication factor must be at most 3, got 4 (Kafka answers INVALID_REPLICATION_FACTOR).');
    expect(errors('3', '0').replicationFactor).toBe('Replication factor must be at least 1, got 0.');
    expect(validateCreateTopic(draft({ minInSyncReplicas: '4' }), existing, 3).minInSyncReplicas).toContain('at most 3');
    expect(validateCreateTopic(draft({ retentionMs: '1.5' }), existing, 3).retentionMs).toContain('retention.ms');
    expect(disabledReason(errors('1e3', '4'))).toBe('Fix partitions, replication factor first.');
  });
});

describe('topics page texts', () => {
  it('says what auto-creation will do from the cluster-wide broker configs', () => {
    const view = makeClusterView();
    expect(autoCreateText(view)).toBeNull();
    const entry = (name: string, value: string) => ({ name, value, defaultValue: null, source: 'STATIC_BROKER_CONFIG' as const, readOnly: true, sensitive: false, documentation: '' });
    const withConfigs = { ...view, brokerConfigs: [{ brokerId: null, configs: [entry('auto.create.topics.enable', 'true'), entry('num.partitions', '3'), entry('default.replication.factor', '3')] }] };
    expect(autoCreateText(withConfigs)).toContain(`auto-creates it with 3 partitions (num.partitions = 3) and replication factor ${Math.min(3, view.brokers.length)}`);
    const off = { ...withConfigs, brokerConfigs: [{ brokerId: null, configs: [entry('auto.create.topics.enable', 'false')] }] };
    expect(autoCreateText(off)).toContain('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('counts internal topics apart', () => {
    expect(topicTotals(12, 2)).toBe('12 topics (+2 internal)');
    expect(topicTotals(1, 0)).toBe('1 topic');
  });
});
