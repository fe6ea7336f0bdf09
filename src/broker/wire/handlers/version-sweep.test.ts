/**
 * Every served version of every issue-3 API, sent raw to a 3-broker ClusterHost: the response
 * decodes in that version and carries the expected errors. Real clients only reach some versions
 * (kafkajs ≤ v7 Produce, librdkafka 2.0 Metadata v4…); this covers the rest, including flexible
 * versions, topic ids (Fetch v13+) and KIP-951 leader hints (Produce v10+, Fetch v12+).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { errorCode } from '../../protocol';
import { encodeRecordBatch } from '../../protocol/records';
import { createTopic, startHost, topicView, waitFor } from '../conformance/harness';
import { Caller } from '../testing/caller';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NOT_LEADER = errorCode('NOT_LEADER_OR_FOLLOWER');

describe('every served version answers', () => {
  let host: ClusterHost;
  let caller: Caller;
  let leader: number;
  let follower: number;
  let topicId: string;
  let leaderEpoch: number;
  let timestamp = 1_700_000_000_000;
  const batch = (value: string): Buffer => encodeRecordBatch({ records: [{ key: null, value: Buffer.from(value), timestamp: timestamp++ }] });
  const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  beforeAll(async () => {
    host = await startHost({ seed: 71 });
    caller = new Caller(host);
    const view = await createTopic(host, 'sweep', 1, 3);
    leader = view.partitions[0]!.leader;
    follower = view.partitions[0]!.replicas.find((r) => r !== leader)!;
    topicId = view.topicId;
    leaderEpoch = view.partitions[0]!.leaderEpoch;
  });
  afterAll(async () => {
    caller?.close();
    await host?.close();
  });

  it('Produce v3-11 appends at the leader; a follower answers NOT_LEADER_OR_FOLLOWER with the leader from v10 (KIP-951)', async () => {
    for (const v of range(3, 11)) {
      const request = { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: 'sweep', partitionData: [{ index: 0, records: batch(`produce-v${v}`) }] }] };
      const ok: Obj = await caller.call(leader, 0, v, request);
      expect(ok.responses[0].partitionResponses[0], `v${v}`).toMatchObject({ index: 0, errorCode: 0 });
      expect(ok.responses[0].partitionResponses[0].baseOffset).toBe(v - 3);
      const wrong: Obj = await caller.call(follower, 0, v, request);
      const p = wrong.responses[0].partitionResponses[0];
      expect(p.errorCode, `v${v}`).toBe(NOT_LEADER);
      if (v >= 10) {
        expect(p.currentLeader).toEqual({ leaderId: leader, leaderEpoch });
        expect(wrong.nodeEndpoints.map((e: Obj) => e.nodeId)).toContain(leader);
      }
    }
  });

  it('Fetch v4-16 reads from the leader, by name up to v12 and by topic id from v13; from a follower too at v11+ (KIP-392)', async () => {
    // The follower learns the highWatermark from its next fetch response.
    await waitFor('the follower knows highWatermark 9', () => host.snapshot().topics.find((t) => t.name === 'sweep')?.partitions[0]?.replicaStates.find((r) => r.brokerId === follower)?.highWatermark === 9);
    for (const v of range(4, 16)) {
      const topic = v >= 13 ? { topicId } : { topic: 'sweep' };
      const request = {
        replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
        topics: [{ ...topic, partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: 1 << 20 }] }],
        forgottenTopicsData: [], rackId: '',
      };
      const ok: Obj = await caller.call(leader, 1, v, request);
      const p = ok.responses[0].partitions[0];
      expect(p.errorCode, `v${v}`).toBe(0);
      expect(p.highWatermark).toBe(9);
      expect(p.records.length).toBeGreaterThan(0);
      if (v >= 7) expect(ok.sessionId).toBe(0);
      if (v >= 13) expect(ok.responses[0].topicId).toBe(topicId);
      const atFollower: Obj = await caller.call(follower, 1, v, request);
      const w = atFollower.responses[0].partitions[0];
      if (v >= 11) {
        // KIP-392: a consumer fetch with client metadata (v11+) is served by a follower, up to its
        // own highWatermark (Kafka's FetchParams.fetchOnlyLeader).
        expect(w.errorCode, `v${v} follower`).toBe(0);
        expect(w.highWatermark).toBe(9);
        expect(w.preferredReadReplica).toBe(-1);
        expect(w.records.length).toBeGreaterThan(0);
        continue;
      }
      expect(w.errorCode, `v${v} follower`).toBe(NOT_LEADER);
      expect(w.records === null || w.records.length === 0).toBe(true);
    }
    // A follower still refuses an epoch it does not have (KIP-320 fencing applies on followers too).
    const fenced: Obj = await caller.call(follower, 1, 12, {
      replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
      topics: [{ topic: 'sweep', partitions: [{ partition: 0, currentLeaderEpoch: leaderEpoch + 1, fetchOffset: 0, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: 1 << 20 }] }],
      forgottenTopicsData: [], rackId: '',
    });
    expect(fenced.responses[0].partitions[0].errorCode).toBe(errorCode('UNKNOWN_LEADER_EPOCH'));
    const unknown: Obj = await caller.call(leader, 1, 13, {
      maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, sessionId: 0, sessionEpoch: -1,
      topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAQ', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1024 }] }],
    });
    expect(unknown.responses[0].partitions[0].errorCode).toBe(errorCode('UNKNOWN_TOPIC_ID'));
    const session: Obj = await caller.call(leader, 1, 12, { maxWaitMs: 0, minBytes: 0, sessionId: 77, sessionEpoch: 1, topics: [] });
    expect(session.errorCode).toBe(errorCode('FETCH_SESSION_ID_NOT_FOUND'));
  });

  it('Fetch v13+ follows topic ids across creation and re-creation of a topic (KIP-516)', async () => {
    const fetchById = async (brokerId: number, id: string): Promise<number> => {
      const body: Obj = await caller.call(brokerId, 1, 15, {
        maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, sessionId: 0, sessionEpoch: -1,
        topics: [{ topicId: id, partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1024 }] }],
      });
      return body.responses[0].partitions[0].errorCode;
    };
    const first = await createTopic(host, 'sweep-ids', 1, 3);
    const firstLeader = first.partitions[0]!.leader;
    expect(await fetchById(firstLeader, first.topicId)).toBe(0);
    expect(await host.execute({ type: 'delete-topic', topic: 'sweep-ids' })).toMatchObject({ ok: true });
    await waitFor('sweep-ids deleted', () => !topicView(host, 'sweep-ids'));
    const second = await createTopic(host, 'sweep-ids', 1, 3);
    expect(second.topicId).not.toBe(first.topicId);
    expect(await fetchById(firstLeader, first.topicId)).toBe(errorCode('UNKNOWN_TOPIC_ID'));
    expect(await fetchById(second.partitions[0]!.leader, second.topicId)).toBe(0);
  });

  it('ListOffsets v0-8 answers earliest, latest and max timestamp', async () => {
    for (const v of range(0, 8)) {
      const asked = (timestamp: number) => ({ replicaId: -1, isolationLevel: 0, topics: [{ name: 'sweep', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp, maxNumOffsets: 1 }] }] });
      const latest: Obj = await caller.call(leader, 2, v, asked(-1));
      const p = latest.responses?.[0] ?? latest.topics[0].partitions[0];
      expect(p.errorCode, `v${v}`).toBe(0);
      if (v === 0) expect(p.oldStyleOffsets).toEqual([9]);
      else expect(p.offset).toBe(9);
      const earliest: Obj = await caller.call(leader, 2, v, asked(-2));
      if (v > 0) expect(earliest.topics[0].partitions[0].offset).toBe(0);
      if (v >= 7) {
        const max: Obj = await caller.call(leader, 2, v, asked(-3));
        expect(max.topics[0].partitions[0]).toMatchObject({ errorCode: 0, offset: 8 });
      }
    }
  });

  it('Metadata v0-12 names the leader, epochs from v7, topic ids from v10; unknown topics are auto-created before v4, UNKNOWN_TOPIC_OR_PARTITION after', async () => {
    for (const v of range(0, 12)) {
      const body: Obj = await caller.call(follower, 3, v, { topics: [{ name: 'sweep', topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }, { name: `sweep-missing-v${v}`, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }], allowAutoTopicCreation: false });
      expect(body.brokers.map((b: Obj) => b.nodeId).sort(), `v${v}`).toEqual([1, 2, 3]);
      const [sweep, missing] = body.topics;
      expect(sweep.partitions[0].leaderId).toBe(leader);
      if (v >= 7) expect(sweep.partitions[0].leaderEpoch).toBe(leaderEpoch);
      if (v >= 10) expect(sweep.topicId).toBe(topicId);
      // Before v4 a request cannot refuse auto-creation: the topic is created (leader not elected yet).
      if (v < 4) expect([0, errorCode('LEADER_NOT_AVAILABLE')]).toContain(missing.errorCode);
      else expect(missing.errorCode).toBe(errorCode('UNKNOWN_TOPIC_OR_PARTITION'));
    }
    const byId: Obj = await caller.call(leader, 3, 12, { topics: [{ topicId, name: null }], allowAutoTopicCreation: false });
    expect(byId.topics[0]).toMatchObject({ errorCode: 0, name: 'sweep', topicId });
  });

  it('InitProducerId v0-5 and OffsetForLeaderEpoch v2-4', async () => {
    for (const v of range(0, 5)) {
      const body: Obj = await caller.call(leader, 22, v, { transactionalId: null, transactionTimeoutMs: 60000, producerId: -1, producerEpoch: -1 });
      expect(body.errorCode, `v${v}`).toBe(0);
      expect(body.producerId).toBeGreaterThanOrEqual(0);
    }
    for (const v of range(2, 4)) {
      const body: Obj = await caller.call(leader, 23, v, { replicaId: -1, topics: [{ topic: 'sweep', partitions: [{ partition: 0, currentLeaderEpoch: leaderEpoch, leaderEpoch }] }] });
      expect(body.topics[0].partitions[0], `v${v}`).toMatchObject({ errorCode: 0, leaderEpoch, endOffset: 9 });
      const fenced: Obj = await caller.call(leader, 23, v, { replicaId: -1, topics: [{ topic: 'sweep', partitions: [{ partition: 0, currentLeaderEpoch: leaderEpoch + 5, leaderEpoch }] }] });
      expect(fenced.topics[0].partitions[0].errorCode).toBe(errorCode('UNKNOWN_LEADER_EPOCH'));
    }
  });

  it('CreateTopics v0-7, CreatePartitions v0-3, DeleteRecords v0-2 and DeleteTopics v0-6', async () => {
    for (const v of range(0, 7)) {
      const name = `sweep-created-v${v}`;
      const body: Obj = await caller.call(follower, 19, v, { topics: [{ name, numPartitions: 1, replicationFactor: 2, assignments: [], configs: [{ name: 'retention.ms', value: '60000' }] }], timeoutMs: 5000, validateOnly: false });
      expect(body.topics[0], `v${v}`).toMatchObject({ name, errorCode: 0 });
      if (v >= 5) expect(body.topics[0]).toMatchObject({ numPartitions: 1, replicationFactor: 2 });
      if (v >= 7) expect(body.topics[0].topicId).not.toBe('AAAAAAAAAAAAAAAAAAAAAA');
      const again: Obj = await caller.call(follower, 19, v, { topics: [{ name, numPartitions: 1, replicationFactor: 2, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
      expect(again.topics[0].errorCode).toBe(errorCode('TOPIC_ALREADY_EXISTS'));
      if (v >= 1) {
        const dryRun: Obj = await caller.call(follower, 19, v, { topics: [{ name: `sweep-dry-run-v${v}`, numPartitions: 2, replicationFactor: 3, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: true });
        expect(dryRun.topics[0].errorCode).toBe(0);
        const invalid: Obj = await caller.call(follower, 19, v, { topics: [{ name: `sweep-invalid-v${v}`, numPartitions: 1, replicationFactor: 4, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: true });
        expect(invalid.topics[0].errorCode).toBe(errorCode('INVALID_REPLICATION_FACTOR'));
      }
    }
    expect(topicView(host, 'sweep-dry-run-v1')).toBeUndefined();
    for (const v of range(0, 3)) {
      const body: Obj = await caller.call(leader, 37, v, { topics: [{ name: 'sweep-created-v0', count: 2 + v, assignments: null }], timeoutMs: 5000, validateOnly: false });
      expect(body.results, `v${v}`).toEqual([expect.objectContaining({ name: 'sweep-created-v0', errorCode: 0 })]);
    }
    await waitFor('5 partitions', () => topicView(host, 'sweep-created-v0')?.partitions.length === 5);
    for (const v of range(0, 2)) {
      const body: Obj = await caller.call(leader, 21, v, { topics: [{ name: 'sweep', partitions: [{ partitionIndex: 0, offset: 1 + v }] }], timeoutMs: 5000 });
      expect(body.topics[0].partitions[0], `v${v}`).toMatchObject({ errorCode: 0, lowWatermark: 1 + v });
    }
    for (const v of range(0, 6)) {
      const name = `sweep-created-v${v}`;
      const request = v >= 6 ? { topics: [{ name, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }], timeoutMs: 5000 } : { topicNames: [name], timeoutMs: 5000 };
      const body: Obj = await caller.call(follower, 20, v, request);
      expect(body.responses[0], `v${v}`).toMatchObject({ name, errorCode: 0 });
    }
  });

  it('refuses more than 10,000 new partitions in one request with POLICY_VIOLATION, as the KRaft controller does', async () => {
    const huge: Obj = await caller.call(follower, 19, 7, { topics: [{ name: 'sweep-huge', numPartitions: 2_000_000_000, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
    expect(huge.topics[0]).toMatchObject({ errorCode: errorCode('POLICY_VIOLATION'), errorMessage: 'Excessively large number of partitions per request.' });
    const grow: Obj = await caller.call(follower, 37, 3, { topics: [{ name: 'sweep', count: 1_000_000_000, assignments: null }], timeoutMs: 5000, validateOnly: false });
    expect(grow.results[0].errorCode).toBe(errorCode('POLICY_VIOLATION'));
    expect(topicView(host, 'sweep-huge')).toBeUndefined();
  });

  it('DescribeConfigs v0-4, AlterConfigs v0-2 and IncrementalAlterConfigs v0-1', async () => {
    for (const v of range(0, 2)) {
      const body: Obj = await caller.call(follower, 33, v, { resources: [{ resourceType: 2, resourceName: 'sweep', configs: [{ name: 'retention.ms', value: String(1000 + v) }] }], validateOnly: false });
      expect(body.responses[0], `v${v}`).toMatchObject({ errorCode: 0, resourceName: 'sweep' });
    }
    for (const v of range(0, 1)) {
      const body: Obj = await caller.call(follower, 44, v, { resources: [{ resourceType: 2, resourceName: 'sweep', configs: [{ name: 'segment.ms', configOperation: 0, value: '3600000' }] }], validateOnly: false });
      expect(body.responses[0], `v${v}`).toMatchObject({ errorCode: 0 });
    }
    const bad: Obj = await caller.call(follower, 44, 1, { resources: [{ resourceType: 2, resourceName: 'sweep', configs: [{ name: 'segment.ms', configOperation: 0, value: 'never' }] }], validateOnly: false });
    expect(bad.responses[0].errorCode).toBe(errorCode('INVALID_CONFIG'));
    for (const v of range(0, 4)) {
      const body: Obj = await caller.call(follower, 32, v, { resources: [{ resourceType: 2, resourceName: 'sweep', configurationKeys: null }], includeSynonyms: true, includeDocumentation: true });
      const configs = new Map<string, Obj>(body.results[0].configs.map((c: Obj) => [c.name, c]));
      const retention = configs.get('segment.ms')!;
      expect(retention.value, `v${v}`).toBe('3600000');
      const cleanup = configs.get('cleanup.policy')!;
      if (v === 0) expect(cleanup.isDefault).toBe(true);
      else {
        expect(retention.configSource).toBe(1);
        expect(cleanup.configSource).toBe(5);
        expect(retention.synonyms[0]).toMatchObject({ name: 'segment.ms', value: '3600000', source: 1 });
      }
      if (v >= 3) expect(cleanup.documentation).toEqual(expect.any(String));
    }
    const broker: Obj = await caller.call(follower, 32, 4, { resources: [{ resourceType: 4, resourceName: String(follower), configurationKeys: ['num.partitions'] }], includeSynonyms: false, includeDocumentation: false });
    expect(broker.results[0]).toMatchObject({ errorCode: 0, configs: [expect.objectContaining({ name: 'num.partitions', value: '3' })] });
  });

  it('DescribeCluster v0-1, DescribeLogDirs v0-4, ElectLeaders v0-2 and partition reassignments v0', async () => {
    for (const v of range(0, 1)) {
      const body: Obj = await caller.call(follower, 60, v, { includeClusterAuthorizedOperations: false, endpointType: 1 });
      expect(body, `v${v}`).toMatchObject({ errorCode: 0, clusterId: host.snapshot().clusterId });
      expect(body.brokers.map((b: Obj) => b.brokerId).sort()).toEqual([1, 2, 3]);
    }
    for (const v of range(0, 4)) {
      const body: Obj = await caller.call(follower, 35, v, { topics: null });
      const topics = body.results[0].topics.map((t: Obj) => t.name);
      expect(topics, `v${v}`).toContain('sweep');
    }
    for (const v of range(0, 2)) {
      const body: Obj = await caller.call(follower, 43, v, { electionType: 0, topicPartitions: [{ topic: 'sweep', partitions: [0] }], timeoutMs: 5000 });
      const result = body.replicaElectionResults[0].partitionResult[0];
      expect([0, errorCode('ELECTION_NOT_NEEDED')], `v${v}`).toContain(result.errorCode);
    }
    const view = topicView(host, 'sweep')!.partitions[0]!;
    const target = [...view.replicas].reverse();
    const alter: Obj = await caller.call(follower, 45, 0, { timeoutMs: 5000, topics: [{ name: 'sweep', partitions: [{ partitionIndex: 0, replicas: target }] }] });
    expect(alter.responses[0].partitions[0].errorCode).toBe(0);
    const listed: Obj = await caller.call(follower, 46, 0, { timeoutMs: 5000, topics: null });
    expect(listed.errorCode).toBe(0);
    await waitFor('reassignment to finish', () => topicView(host, 'sweep')!.partitions[0]!.replicas.join() === target.join(), 20_000);
  });
});
