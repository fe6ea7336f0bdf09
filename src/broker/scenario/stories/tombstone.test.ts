/**
 * The producer-tombstone action (added for compaction-and-tombstones): the producer sends its key
 * with a null value, which the log cleaner treats as a delete (Kafka's LogCleaner keeps a tombstone
 * for delete.retention.ms, then drops it). Tombstones stay out of the accounting.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioDocument } from '../../../shared/scenario-format';
import { tpKey } from '../../cluster/metadata';
import { decodeRecordBatch } from '../../protocol/records';
import { parseScenario } from '../parse';
import { runScenarioWithCluster } from '../run';

const base = (): ScenarioDocument => ({
  formatVersion: 1, name: 'tombstone', title: 'tombstone', summary: 'tombstone', durationMs: 3000,
  cluster: { brokers: 1, controllers: 0 },
  topics: [{ name: 'users', partitions: 1, replicationFactor: 1, configs: { 'cleanup.policy': 'compact' } }],
  producers: [{ name: 'p', topic: 'users', ratePerSec: 10, maxRecords: 4, keys: { distribution: 'round-robin', count: 2 } }],
  steps: [{ atMs: 1000, title: 'delete k1', actions: [{ type: 'producer-tombstone', producer: 'p', key: 'k1' }] }],
  expectations: [{ check: 'acknowledged', producer: 'p', eq: 4 }],
});

describe('producer-tombstone', () => {
  it('writes the key with a null value after the earlier records, outside the accounting', () => {
    const { report, cluster } = runScenarioWithCluster(base());
    expect(report.passed).toBe(true);
    expect(report.producers[0]).toMatchObject({ acknowledged: 4, lost: 0, duplicated: 0 });
    const log = cluster.core.broker(1)!.replicas.get(tpKey('users', 0))!.log;
    const records = [...log.allBatches()].flatMap((b) => decodeRecordBatch(b.buffer).records.map((r) => `${r.key?.toString()}=${r.value === null ? 'null' : r.value.toString()}`));
    expect(records).toEqual(['k0=p-0', 'k1=p-1', 'k0=p-2', 'k1=p-3', 'k1=null']);
    expect(report.steps[0]!.actions[0]).toMatchObject({ description: 'producer p sends a tombstone for key k1', result: { ok: true } });
  });

  it('is refused for a transactional producer and for an unknown producer, with the field path', () => {
    const doc = base();
    doc.producers![0]!.transactionalId = 'tx';
    const r = parseScenario(JSON.stringify(doc));
    expect(r.ok ? [] : r.errors).toEqual([{ path: 'steps[0].actions[0].producer', message: 'tombstones are sent by non-transactional producers only; p has a transactionalId' }]);
    const unknown = base();
    unknown.steps[0]!.actions = [{ type: 'producer-tombstone', producer: 'nobody', key: 'k1' }];
    const u = parseScenario(JSON.stringify(unknown));
    expect(u.ok ? [] : u.errors.map((e) => e.path)).toEqual(['steps[0].actions[0].producer']);
  });
});
