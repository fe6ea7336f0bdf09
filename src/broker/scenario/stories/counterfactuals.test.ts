/**
 * The built-in scenarios' expectations check their lessons, not only "no error": for each lesson,
 * the same scenario with the one setting that the lesson is about turned the other way (acks=all
 * instead of acks=1, no group.instance.id, read_uncommitted, …) must FAIL the expectation that
 * states the lesson. `builtin-scenarios.test.ts` runs the files as they are and requires them to
 * pass; this file proves each passing expectation could have failed.
 *
 * consumer-group-queue's counterfactual keeps one worker: the lesson that the group shares the
 * work shows as every job processed in time, which one worker alone cannot do.
 * publish-subscribe has none: "the two groups share the records" is not a configuration of the
 * same file (two groups with one group.id are one group); its lanes count each group's records.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioAction, ScenarioDocument, ScenarioStep } from '../../../shared/scenario-format';
import { loadBuiltinScenario } from '../builtins';
import { runScenario } from '../run';

function load(name: string): ScenarioDocument {
  const parsed = loadBuiltinScenario(name);
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.errors)}`);
  return structuredClone(parsed.doc);
}

function stepWith(doc: ScenarioDocument, type: ScenarioAction['type']): ScenarioStep {
  const step = doc.steps.find((s) => s.actions?.some((a) => a.type === type));
  if (!step) throw new Error(`${doc.name}: no step with a ${type} action`);
  return step;
}

function dropActions(doc: ScenarioDocument, type: ScenarioAction['type']): void {
  for (const s of doc.steps) if (s.actions) s.actions = s.actions.filter((a) => a.type !== type);
}

const producer = (doc: ScenarioDocument, name: string) => doc.producers!.find((p) => p.name === name)!;
const group = (doc: ScenarioDocument, groupId: string) => doc.consumerGroups!.find((g) => g.groupId === groupId)!;
const topic = (doc: ScenarioDocument, name: string) => doc.topics.find((t) => t.name === name)!;

interface Counterfactual {
  /** The setting turned the other way, in words. */
  change: string;
  mutate: (doc: ScenarioDocument) => void;
  /** Indexes into doc.expectations that must fail once changed. */
  fails: number[];
}

const COUNTERFACTUALS: Record<string, Counterfactual> = {
  'partitions-and-keys': { change: 'records without keys', mutate: (d) => { producer(d, 'checkout').keys = { distribution: 'none' }; }, fails: [1, 2, 3] },
  'consumer-group-queue': { change: 'one worker instead of three', mutate: (d) => { group(d, 'workers').members = group(d, 'workers').members.filter((m) => m.name === 'worker-1'); dropActions(d, 'member-join'); }, fails: [0] },
  'replay-from-offset': { change: 'no offset reset', mutate: (d) => dropActions(d, 'seek'), fails: [1] },
  'replication-and-isr': { change: 'replica.lag.time.max.ms at its default 30000', mutate: (d) => { d.cluster.brokerConfig = { 'replica.lag.time.max.ms': '30000' }; }, fails: [0] },
  'high-watermark': { change: 'the followers are not cut off', mutate: (d) => dropActions(d, 'set-link'), fails: [0, 1, 4] },
  'not-enough-replicas': { change: 'min.insync.replicas=1', mutate: (d) => { topic(d, 'orders').configs = { 'min.insync.replicas': '1' }; }, fails: [0] },
  'acks1-loses-acknowledged': { change: 'clicks written with acks=all', mutate: (d) => { producer(d, 'clicks-acks1').acks = 'all'; }, fails: [0] },
  'clean-vs-unclean-election': { change: 'unclean.leader.election.enable=false on unclean', mutate: (d) => { topic(d, 'unclean').configs = {}; }, fails: [1, 3] },
  'isolated-leader-fenced': { change: 'acks=1 instead of acks=all', mutate: (d) => { producer(d, 'checkout').acks = 1; }, fails: [2] },
  'controller-failover-and-quorum-loss': { change: 'the second controller keeps running', mutate: (d) => { for (const s of d.steps) if (s.actions) s.actions = s.actions.filter((a) => !(a.type === 'stop-controller' && a.nodeId === 3001)); }, fails: [0] },
  'rebalance-on-member-crash': { change: 'the member leaves (LeaveGroup) instead of crashing', mutate: (d) => { const a = stepWith(d, 'member-crash').actions!.find((x) => x.type === 'member-crash')!; (a as { type: string }).type = 'member-leave'; }, fails: [0] },
  'static-membership': { change: 'no group.instance.id', mutate: (d) => { for (const m of group(d, 'static-group').members) delete m.groupInstanceId; }, fails: [0, 2] },
  'retention-slow-consumer': { change: 'retention.ms at its default (7 days)', mutate: (d) => { topic(d, 'metrics').configs = { 'segment.bytes': '4096' }; }, fails: [0, 1, 2] },
  'partition-reassignment': { change: 'no slow link to the new replica', mutate: (d) => dropActions(d, 'set-link'), fails: [0, 1] },
  'adding-partitions-breaks-key-order': { change: 'no partitions added', mutate: (d) => dropActions(d, 'create-partitions'), fails: [0] },
  'transaction-aborted-read-committed': { change: 'the "committed" reader uses read_uncommitted', mutate: (d) => { group(d, 'committed-reader').isolationLevel = 'read_uncommitted'; }, fails: [1] },
  'zombie-producer-fenced': { change: 'no replacement instance starts', mutate: (d) => dropActions(d, 'producer-start'), fails: [0, 1] },
  'idempotent-producer': { change: 'enable.idempotence=false on the idempotent producer', mutate: (d) => { producer(d, 'idempotent-producer').enableIdempotence = false; }, fails: [1] },
  'compaction-and-tombstones': { change: 'cleanup.policy=delete', mutate: (d) => { topic(d, 'user-profiles').configs = { ...topic(d, 'user-profiles').configs, 'cleanup.policy': 'delete' }; }, fails: [1, 2] },
  'compaction-and-tombstones#no-tombstone': { change: 'no tombstone for k3', mutate: (d) => dropActions(d, 'producer-tombstone'), fails: [1, 2] },
  'message-size-limit': { change: 'max.message.bytes large enough', mutate: (d) => { topic(d, 'documents').configs = { 'max.message.bytes': '1000000' }; }, fails: [0, 1] },
  'power-loss-and-replication': { change: 'a kill (the page cache survives) instead of a power loss', mutate: (d) => { const a = stepWith(d, 'power-loss-broker').actions!.find((x) => x.type === 'power-loss-broker')!; Object.assign(a, { type: 'stop-broker', controlled: false }); }, fails: [0] },
  'power-loss-and-replication#no-fsync': { change: 'synced without flush.messages=1', mutate: (d) => { topic(d, 'synced').configs = {}; }, fails: [1] },
  // acks=1 loses nothing here: a stopped broker had replicated within the link latency; acks=0 "acknowledges" what it sends to the dead leader.
  'leader-failover-acks-all': { change: 'acks=0', mutate: (d) => { Object.assign(producer(d, 'gateway'), { acks: 0, enableIdempotence: false }); }, fails: [0] },
};

describe('built-in scenarios: each lesson fails when its setting is turned the other way', () => {
  for (const [key, c] of Object.entries(COUNTERFACTUALS)) {
    const name = key.split('#')[0]!;
    it(`${name}: ${c.change}`, () => {
      const doc = load(name);
      c.mutate(doc);
      const report = runScenario(doc);
      const failed = report.expectations.map((e, i) => (e.passed ? -1 : i)).filter((i) => i >= 0);
      expect(failed, report.expectations.map((e) => `${e.passed ? 'ok' : 'FAIL'} ${e.label} actual=${e.actual}`).join('\n')).toEqual(expect.arrayContaining(c.fails));
    });
  }
});
