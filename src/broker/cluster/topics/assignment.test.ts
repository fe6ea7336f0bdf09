import { describe, expect, it } from 'vitest';
import { Random } from '../../sim/random';
import { assignReplicasToBrokers, rackAlternatedBrokerList } from './assignment';
import { newTopicId } from './topic-id';

describe('replica assignment (AdminUtils.assignReplicasToBrokers)', () => {
  it('alternates racks like getRackAlternatedBrokerList', () => {
    // Kafka's AdminRackAwareTest: racks rack1:{0,3}, rack2:{1,5}, rack3:{2,4} → 0, 1, 2, 3, 5, 4
    const brokers = [[0, 'rack1'], [1, 'rack2'], [2, 'rack3'], [3, 'rack1'], [4, 'rack3'], [5, 'rack2']].map(([id, rack]) => ({ brokerId: id as number, rack: rack as string }));
    expect(rackAlternatedBrokerList(brokers)).toEqual([0, 1, 2, 3, 5, 4]);
  });

  it('spreads leaders and replicas evenly, one replica per rack when racks allow', () => {
    const brokers = [1, 2, 3, 4, 5, 6].map((id) => ({ brokerId: id, rack: `r${id % 3}` }));
    const r = assignReplicasToBrokers(new Random(9), brokers, 12, 3);
    if (!r.ok) throw new Error(r.message);
    const leaders = new Map<number, number>();
    for (const replicas of r.assignment) {
      expect(new Set(replicas).size).toBe(3);
      expect(new Set(replicas.map((id) => id % 3)).size).toBe(3);
      leaders.set(replicas[0]!, (leaders.get(replicas[0]!) ?? 0) + 1);
    }
    expect([...leaders.values()]).toEqual([2, 2, 2, 2, 2, 2]);
    const unaware = assignReplicasToBrokers(new Random(9), brokers.map((b) => ({ ...b, rack: null })), 3, 4);
    expect(unaware.ok).toBe(true);
    expect(assignReplicasToBrokers(new Random(9), brokers, 1, 7)).toMatchObject({ ok: false, errorName: 'INVALID_REPLICATION_FACTOR' });
  });

  it('makes non-zero base64url topic ids from the seeded stream', () => {
    const a = newTopicId(new Random(1));
    expect(a.text).toHaveLength(22);
    expect(a.text.startsWith('-')).toBe(false);
    expect(a.bytes.some((b) => b !== 0)).toBe(true);
    expect(newTopicId(new Random(1)).text).toBe(a.text);
  });
});
