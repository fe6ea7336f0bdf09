/**
 * ElectLeaders (key 43) with election type UNCLEAN (1, v1+) as kafka-leader-election
 * --election-type unclean sends it: an offline partition gets the first live replica as leader,
 * one with a leader answers ELECTION_NOT_NEEDED; v0 has no election type and is always PREFERRED.
 * (No client on this machine sends ElectLeaders — kafkajs 2.2, confluent-kafka 1.7 and
 * kafka-python 2.0 lack it — so the handler is called with a decoded request.)
 */
import { PLAINTEXT_SECURITY } from '../../cluster/security/principal';
import { describe, expect, it } from 'vitest';
import { createCluster, type SimCluster } from '../../cluster/cluster';
import { advance, batchOf, leaderOf, produceOne } from '../../cluster/testing';
import type { RequestContext } from '../handler';
import type { BrokerServices } from '../broker-services';
import { electLeadersHandler } from './43-elect-leaders';
import { code } from './common';

/** t-0 on [4, 5]; 5 stopped, a write acknowledged on 4 alone, 4 crashed, 5 back: offline with 5 out of sync. */
function offline(): SimCluster {
  const c = createCluster({ seed: 3, brokers: [1, 2, 3, 4, 5].map((brokerId) => ({ brokerId })), brokerConfig: { 'auto.leader.rebalance.enable': 'false' } });
  advance(c, 50);
  c.createTopics(1, [{ name: 't', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [4, 5] }] }], false);
  advance(c, 500);
  c.command({ type: 'stop-broker', brokerId: 5, controlled: true });
  advance(c, 500);
  produceOne(c, 4, 't', 0, batchOf([{ value: 'a' }]), -1);
  advance(c, 500);
  c.command({ type: 'stop-broker', brokerId: 4, controlled: false });
  advance(c, 12_000);
  c.command({ type: 'start-broker', brokerId: 5 });
  advance(c, 3000);
  expect(leaderOf(c, 't', 0)).toBe(-1);
  return c;
}

type Answer = { errorCode: number; replicaElectionResults: { topic: string; partitionResult: { partitionId: number; errorCode: number; errorMessage: string | null }[] }[] };

function elect(c: SimCluster, version: number, electionType: number): Answer {
  const services = { cluster: c, kick: () => {} } as unknown as BrokerServices;
  const context: RequestContext = { brokerId: 1, connectionId: 'c', clientId: 'kafka-leader-election', clientAddress: '127.0.0.1:1', apiVersion: version, correlationId: 1, services, security: PLAINTEXT_SECURITY };
  return electLeadersHandler.handle({ electionType, topicPartitions: [{ topic: 't', partitions: [0] }], timeoutMs: 30_000 }, context) as Answer;
}

describe('ElectLeaders UNCLEAN on the wire', () => {
  it('v0 is always PREFERRED: the offline partition\'s preferred replica is down, PREFERRED_LEADER_NOT_AVAILABLE', () => {
    const c = offline();
    expect(elect(c, 0, 1).replicaElectionResults[0]!.partitionResult[0]!.errorCode).toBe(code('PREFERRED_LEADER_NOT_AVAILABLE'));
    expect(leaderOf(c, 't', 0)).toBe(-1);
  });

  it('v1 UNCLEAN elects the live out-of-sync replica; again: ELECTION_NOT_NEEDED', () => {
    const c = offline();
    const first = elect(c, 1, 1);
    expect(first.errorCode).toBe(0);
    expect(first.replicaElectionResults).toEqual([{ topic: 't', partitionResult: [{ partitionId: 0, errorCode: 0, errorMessage: null }] }]);
    expect(leaderOf(c, 't', 0)).toBe(5);
    expect(c.events.some((e) => e.type === 'records-lost' && e.topic === 't' && e.fromOffset === 0 && e.toOffset === 1 && e.count === 1)).toBe(true);
    expect(elect(c, 1, 1).replicaElectionResults[0]!.partitionResult[0]!.errorCode).toBe(code('ELECTION_NOT_NEEDED'));
  });
});
