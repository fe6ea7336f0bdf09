/**
 * What issue 13 asks of the built-in scenarios as a set: at least 24; together they name every
 * concept of Kafka's introduction (https://kafka.apache.org/documentation/#introduction) in their
 * `concepts`; the failure stories it lists exist, each telling its story with the cluster shape it
 * needs; and every step of every lesson has narration.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioDocument } from '../../../shared/scenario-format';
import { builtinScenarioNames, loadBuiltinScenario } from '../builtins';

const docs: ScenarioDocument[] = builtinScenarioNames().map((name) => {
  const r = loadBuiltinScenario(name);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.errors)}`);
  return r.doc;
});

const CONCEPTS = ['producer', 'consumer', 'topic', 'partition', 'offset', 'broker', 'consumer group', 'queue', 'publish-subscribe', 'record key', 'per-partition ordering',
  'replay', 'replication', 'ISR', 'high watermark', 'leader election', 'leader epoch', 'delivery semantics', 'idempotence', 'transactions', 'retention',
  'log compaction', 'tombstone', 'KRaft controller quorum', 'max.message.bytes'];

const FAILURE_STORIES = ['leader-failover-acks-all', 'not-enough-replicas', 'acks1-loses-acknowledged', 'clean-vs-unclean-election', 'isolated-leader-fenced',
  'controller-failover-and-quorum-loss', 'rebalance-on-member-crash', 'static-membership', 'retention-slow-consumer', 'partition-reassignment',
  'adding-partitions-breaks-key-order', 'transaction-aborted-read-committed', 'zombie-producer-fenced'];

describe('the built-in scenarios as a set', () => {
  it('are at least 24', () => {
    expect(docs.length).toBeGreaterThanOrEqual(24);
  });

  it('name every concept of Kafka\'s introduction', () => {
    const named = new Set(docs.flatMap((d) => (d.concepts ?? []).map((c) => c.toLowerCase())));
    expect(CONCEPTS.filter((c) => !named.has(c.toLowerCase()))).toEqual([]);
  });

  it('include every failure story the issue lists', () => {
    expect(FAILURE_STORIES.filter((n) => !docs.some((d) => d.name === n))).toEqual([]);
  });

  it('run not-enough-replicas on dedicated controllers with min.insync.replicas=2, so the quorum survives two broker failures', () => {
    const d = docs.find((x) => x.name === 'not-enough-replicas')!;
    expect(d.cluster).toMatchObject({ brokers: 3, controllers: 3 });
    expect(d.topics[0]!.configs).toMatchObject({ 'min.insync.replicas': '2' });
    expect(d.steps.flatMap((s) => s.actions ?? []).filter((a) => a.type === 'stop-broker')).toHaveLength(2);
  });

  it('narrate every step, and each lesson asks the room at least once', () => {
    expect(docs.flatMap((d) => d.steps.filter((s) => !s.text).map((s) => `${d.name} at ${s.atMs} ms: ${s.title}`))).toEqual([]);
    expect(docs.filter((d) => !d.steps.some((s) => s.predict)).map((d) => d.name)).toEqual([]);
  });

  it('state at least two expected outcomes in each lesson (counterfactuals.test.ts shows they can fail)', () => {
    expect(docs.filter((d) => (d.expectations ?? []).length < 2).map((d) => d.name)).toEqual([]);
  });
});
