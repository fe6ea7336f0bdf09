import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScenarioDocument } from '../../shared/scenario-format';
import { parseScenario, pointerToPath } from './parse';
import { scenarioSchemaJson } from './schema-source';
import { BUILTIN_SCENARIO_DIR } from './builtins';

const minimal: ScenarioDocument = {
  formatVersion: 1, name: 'tiny', title: 'Tiny', summary: 'one topic', durationMs: 10_000,
  cluster: { brokers: 3, controllers: 0 },
  topics: [{ name: 'orders', partitions: 3, replicationFactor: 3 }],
  producers: [{ name: 'p', topic: 'orders', ratePerSec: 10 }],
  consumerGroups: [{ groupId: 'g', topics: ['orders'], members: [{ name: 'c1' }], processingMsPerRecord: 1, commit: 'auto' }],
  steps: [{ atMs: 5000, title: 'Stop broker 1', actions: [{ type: 'stop-broker', brokerId: 1 }] }],
  expectations: [{ check: 'lost', producer: 'p', eq: 0 }],
};
const text = (patch: (d: ScenarioDocument) => void): string => {
  const d = structuredClone(minimal);
  patch(d);
  return JSON.stringify(d);
};
const errorsOf = (t: string) => {
  const r = parseScenario(t);
  return r.ok ? [] : r.errors;
};

describe('parseScenario', () => {
  it('accepts a well-formed scenario', () => {
    expect(parseScenario(JSON.stringify(minimal))).toEqual({ ok: true, doc: minimal });
  });

  it('names the field path of a schema error', () => {
    expect(errorsOf(text((d) => { (d.steps[0]!.actions![0] as { brokerId: unknown }).brokerId = 'one'; }))).toContainEqual({ path: 'steps[0].actions[0].brokerId', message: 'must be integer' });
    expect(errorsOf(text((d) => { delete (d as Partial<ScenarioDocument>).durationMs; }))).toContainEqual({ path: 'durationMs', message: 'is required' });
    expect(errorsOf(text((d) => { (d.producers![0] as unknown as Record<string, unknown>).rate = 3; }))).toContainEqual({ path: 'producers[0].rate', message: 'is not a field of this object (check its spelling)' });
    expect(errorsOf(text((d) => { (d.steps[0]!.actions![0] as { type: string }).type = 'explode-broker'; }))).toContainEqual({ path: 'steps[0].actions[0].type', message: 'unknown value "explode-broker"' });
    expect(errorsOf(text((d) => { d.expectations = [{ check: 'lost', producer: 'p' }]; }))).toContainEqual({ path: 'expectations[0]', message: 'needs a comparison: eq, min or max' });
  });

  it('checks references and times with paths', () => {
    expect(errorsOf(text((d) => { d.steps[0]!.actions = [{ type: 'stop-broker', brokerId: 7 }]; }))).toEqual([{ path: 'steps[0].actions[0].brokerId', message: 'unknown broker 7 (brokers are 1..3)' }]);
    expect(errorsOf(text((d) => { d.steps[0]!.atMs = 20_000; }))).toEqual([{ path: 'steps[0].atMs', message: '20000 is after the end of the scenario (durationMs 10000)' }]);
    expect(errorsOf(text((d) => { d.producers![0]!.topic = 'nope'; }))).toEqual([{ path: 'producers[0].topic', message: 'unknown topic nope (declare it in topics or create it in an earlier step)' }]);
    expect(errorsOf(text((d) => { d.steps[0]!.actions = [{ type: 'member-crash', group: 'g', member: 'c9' }]; }))).toEqual([{ path: 'steps[0].actions[0].member', message: 'group g has no member c9' }]);
    expect(errorsOf(text((d) => { d.steps[0]!.actions = [{ type: 'stop-controller', nodeId: 3000 }]; }))[0]!.message).toContain('combined mode');
    expect(errorsOf(text((d) => { d.producers![0]!.acks = 1; d.producers![0]!.enableIdempotence = true; }))).toEqual([{ path: 'producers[0].enableIdempotence', message: 'Must set acks to all in order to use the idempotent producer (acks is 1)' }]);
    expect(errorsOf(text((d) => { d.topics[0]!.replicationFactor = 4; }))[0]).toEqual({ path: 'topics[0].replicationFactor', message: 'INVALID_REPLICATION_FACTOR: replication factor 4 is larger than the 3 brokers' });
  });

  it('bounds the input: size, JSON, rates and members', () => {
    expect(errorsOf('x'.repeat(1024 * 1024 + 1))[0]!.message).toContain('limited to 1048576 bytes');
    expect(errorsOf('{')[0]!.message).toMatch(/^not valid JSON/);
    expect(errorsOf(text((d) => { d.producers![0]!.ratePerSec = 1e9; }))).toContainEqual({ path: 'producers[0].ratePerSec', message: 'must be <= 500' });
    expect(errorsOf(text((d) => { d.consumerGroups![0]!.members = Array.from({ length: 17 }, (_, i) => ({ name: `c${i}` })); }))).toContainEqual({ path: 'consumerGroups[0].members', message: 'must NOT have more than 16 items' });
    expect(errorsOf(text((d) => { d.cluster.brokers = 100; }))).toContainEqual({ path: 'cluster.brokers', message: 'must be <= 9' });
    expect(errorsOf(text((d) => { d.durationMs = 600_000; d.producers![0]!.ratePerSec = 500; }))).toEqual([{ path: 'producers', message: 'would send up to 300000 records; the limit is 200000 (lower ratePerSec, stopAtMs or maxRecords)' }]);
    expect(errorsOf(text((d) => { d.producers![0]!.valueBytes = 2 * 1024 * 1024; }))).toEqual([]);
    expect(errorsOf(text((d) => { d.producers![0]!.valueBytes = 2 * 1024 * 1024; d.producers![0]!.ratePerSec = 20; }))).toEqual([{ path: 'producers', message: 'would send up to 400 MiB of record values; the limit is 256 MiB (lower valueBytes, ratePerSec or maxRecords)' }]);
  });

  it('turns JSON pointers into field paths', () => {
    expect(pointerToPath('/steps/2/actions/0/brokerId')).toBe('steps[2].actions[0].brokerId');
    expect(pointerToPath('')).toBe('');
  });

  it('the published schema file is the generated one (regenerate: npm run scenario -- --write-schema)', () => {
    expect(readFileSync(`${BUILTIN_SCENARIO_DIR}/scenario.schema.json`, 'utf8')).toBe(scenarioSchemaJson());
  });
});
