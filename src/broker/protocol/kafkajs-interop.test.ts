/**
 * Cross-checks against an independent implementation: kafkajs 2.2.4's own request encoders and
 * response decoders (node_modules/kafkajs/src/protocol), run in-process. Requests built by kafkajs
 * must decode to the expected objects and re-encode to the same bytes; responses we encode must
 * decode in kafkajs. Real captured bytes (recording proxy) will complement this later.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decodeRequestBody, decodeRequestHeader, encodeRequest, encodeResponse } from './index';

const require = createRequire(import.meta.url);
const kjs = (path: string) => require(`kafkajs/src/protocol/${path}`);
const createRequest = kjs('request') as (a: object) => Promise<{ buffer: Buffer }>;

async function kafkajsFrame(path: string, args: unknown): Promise<Buffer> {
  const request = kjs(`requests/${path}/request`)(args);
  const enc = await createRequest({ correlationId: 42, clientId: 'kafkajs-test', request });
  return Buffer.from(enc.buffer);
}

/** Decodes a kafkajs request with our codec and checks that our encoder reproduces its bytes. */
async function roundTrip(path: string, args: unknown): Promise<{ apiVersion: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const bytes = await kafkajsFrame(path, args);
  const frame = bytes.subarray(4);
  const { header, bodyOffset } = decodeRequestHeader(frame);
  expect(header.correlationId).toBe(42);
  expect(header.clientId).toBe('kafkajs-test');
  const body = decodeRequestBody(header.apiKey, header.apiVersion, frame, bodyOffset);
  const again = encodeRequest(header.apiKey, header.apiVersion, 42, 'kafkajs-test', body);
  expect(again.toString('hex')).toBe(bytes.toString('hex'));
  return { apiVersion: header.apiVersion, body };
}

async function kafkajsDecode(path: string, apiKey: number, apiVersion: number, body: object): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const frame = encodeResponse(apiKey, apiVersion, 7, body);
  expect(frame.readInt32BE(4)).toBe(7);
  return kjs(`requests/${path}/response`).decode(frame.subarray(8));
}

describe('kafkajs requests decode and re-encode byte for byte', () => {
  it('ApiVersions v0-v2', async () => {
    for (const v of [0, 1, 2]) expect((await roundTrip(`apiVersions/v${v}`, {})).apiVersion).toBe(v);
  });

  it('Metadata v6 (topics, auto-create)', async () => {
    const { body } = await roundTrip('metadata/v6', { topics: ['a', 'b'], allowAutoTopicCreation: false });
    expect(body.topics.map((t: { name: string }) => t.name)).toEqual(['a', 'b']);
    expect(body.allowAutoTopicCreation).toBe(false);
  });

  it('Produce v7 with a real record batch', async () => {
    const { body } = await roundTrip('produce/v7', {
      acks: -1, timeout: 30000, transactionalId: null,
      topicData: [{ topic: 't', partitions: [{ partition: 2, messages: [{ key: 'k', value: 'v', timestamp: 1700000000000 }] }] }],
    });
    expect(body.acks).toBe(-1);
    const p = body.topicData[0].partitionData[0];
    expect(p.index).toBe(2);
    expect(p.records.readInt8(16)).toBe(2); // magic byte of a v2 record batch
  });

  it('Fetch v11', async () => {
    const { body } = await roundTrip('fetch/v11', {
      replicaId: -1, maxWaitTime: 500, minBytes: 1, maxBytes: 1048576, isolationLevel: 1, rackId: 'r1',
      topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: 1234567890123, maxBytes: 65536 }] }],
    });
    expect(body).toMatchObject({ maxWaitMs: 500, minBytes: 1, isolationLevel: 1, sessionId: 0, sessionEpoch: -1, rackId: 'r1' });
    expect(body.topics[0]).toMatchObject({ topic: 't', partitions: [{ partition: 0, fetchOffset: 1234567890123, partitionMaxBytes: 65536 }] });
  });

  it('ListOffsets v3, CreateTopics v3, DeleteTopics v1, CreatePartitions v1, DeleteRecords v1', async () => {
    expect((await roundTrip('listOffsets/v3', { replicaId: -1, isolationLevel: 1, topics: [{ topic: 't', partitions: [{ partition: 0, timestamp: -2 }] }] })).body.topics[0].partitions[0].timestamp).toBe(-2);
    const ct = await roundTrip('createTopics/v3', { topics: [{ topic: 'n', numPartitions: 3, replicationFactor: 2, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }], validateOnly: false, timeout: 1000 });
    expect(ct.body.topics[0]).toMatchObject({ name: 'n', numPartitions: 3, replicationFactor: 2, configs: [{ name: 'cleanup.policy', value: 'compact' }] });
    expect((await roundTrip('deleteTopics/v1', { topics: ['x', 'y'], timeout: 100 })).body.topicNames).toEqual(['x', 'y']);
    expect((await roundTrip('createPartitions/v1', { topicPartitions: [{ topic: 'x', count: 6 }], timeout: 100 })).body.topics[0]).toMatchObject({ name: 'x', count: 6, assignments: null }); // kafkajs sends [] as null
    expect((await roundTrip('deleteRecords/v1', { topics: [{ topic: 'x', partitions: [{ partition: 1, offset: 55 }] }] })).body.topics[0].partitions[0]).toEqual({ partitionIndex: 1, offset: 55 });
  });

  it('DescribeConfigs v2, AlterConfigs v1, InitProducerId v1', async () => {
    const dc = await roundTrip('describeConfigs/v2', { resources: [{ type: 2, name: 't', configNames: [] }], includeSynonyms: true });
    expect(dc.body.resources[0]).toEqual({ resourceType: 2, resourceName: 't', configurationKeys: null }); // [] is sent as null: all configs
    expect(dc.body.includeSynonyms).toBe(true);
    const ac = await roundTrip('alterConfigs/v1', { resources: [{ type: 2, name: 't', configEntries: [{ name: 'retention.ms', value: '1000' }] }], validateOnly: true });
    expect(ac.body.resources[0].configs).toEqual([{ name: 'retention.ms', value: '1000' }]);
    expect((await roundTrip('initProducerId/v1', { transactionalId: null, transactionTimeout: 60000 })).body).toMatchObject({ transactionalId: null, transactionTimeoutMs: 60000 });
  });

  it('reassignment APIs (flexible, header v2)', async () => {
    const ap = await roundTrip('alterPartitionReassignments/v0', { topics: [{ topic: 't', partitionAssignment: [{ partition: 0, replicas: [1, 2, 3] }] }], timeout: 5000 });
    expect(ap.body.topics[0].partitions[0]).toEqual({ partitionIndex: 0, replicas: [1, 2, 3] });
    const lp = await roundTrip('listPartitionReassignments/v0', { topics: [{ topic: 't', partitions: [0, 1] }] });
    expect(lp.body.topics).toEqual([{ name: 't', partitionIndexes: [0, 1] }]);
  });

  it('group APIs: FindCoordinator v2, JoinGroup v5, SyncGroup v3, Heartbeat v3, LeaveGroup v3', async () => {
    expect((await roundTrip('findCoordinator/v2', { coordinatorKey: 'g', coordinatorType: 0 })).body).toMatchObject({ key: 'g', keyType: 0 });
    const jg = await roundTrip('joinGroup/v5', {
      groupId: 'g', sessionTimeout: 30000, rebalanceTimeout: 60000, memberId: '', protocolType: 'consumer',
      groupProtocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from([0, 1, 2]) }],
    });
    expect(jg.body).toMatchObject({ groupId: 'g', sessionTimeoutMs: 30000, rebalanceTimeoutMs: 60000, groupInstanceId: null, protocolType: 'consumer' });
    expect([...jg.body.protocols[0].metadata]).toEqual([0, 1, 2]);
    const sg = await roundTrip('syncGroup/v3', { groupId: 'g', generationId: 3, memberId: 'm', groupAssignment: [{ memberId: 'm', memberAssignment: Buffer.from([9]) }] });
    expect(sg.body.assignments[0].memberId).toBe('m');
    expect((await roundTrip('heartbeat/v3', { groupId: 'g', groupGenerationId: 3, memberId: 'm', groupInstanceId: null })).body.generationId).toBe(3);
    expect((await roundTrip('leaveGroup/v3', { groupId: 'g', members: [{ memberId: 'm' }] })).body.members).toEqual([{ memberId: 'm', groupInstanceId: null, reason: null }]);
  });

  it('offset and admin group APIs: OffsetCommit v5, OffsetFetch v4, ListGroups v2, DescribeGroups v2, DeleteGroups v1', async () => {
    const oc = await roundTrip('offsetCommit/v5', { groupId: 'g', groupGenerationId: 1, memberId: 'm', topics: [{ topic: 't', partitions: [{ partition: 0, offset: '17' }] }] });
    expect(oc.body.topics[0].partitions[0]).toMatchObject({ partitionIndex: 0, committedOffset: 17, committedMetadata: null });
    expect((await roundTrip('offsetFetch/v4', { groupId: 'g', topics: [{ topic: 't', partitions: [{ partition: 0 }] }] })).body.topics).toEqual([{ name: 't', partitionIndexes: [0] }]);
    await roundTrip('listGroups/v2', {});
    expect((await roundTrip('describeGroups/v2', { groupIds: ['g1', 'g2'] })).body.groups).toEqual(['g1', 'g2']);
    const dg = await kafkajsFrame('deleteGroups/v1', ['g1']);
    const { header, bodyOffset } = decodeRequestHeader(dg.subarray(4));
    expect(decodeRequestBody(header.apiKey, header.apiVersion, dg.subarray(4), bodyOffset)).toEqual({ groupsNames: ['g1'] });
  });

  it('transaction APIs: AddPartitionsToTxn v1, AddOffsetsToTxn v1, EndTxn v1, TxnOffsetCommit v1', async () => {
    const apt = await roundTrip('addPartitionsToTxn/v1', { transactionalId: 'tx', producerId: 1000, producerEpoch: 2, topics: [{ topic: 't', partitions: [0, 1] }] });
    expect(apt.body).toEqual({ v3AndBelowTransactionalId: 'tx', v3AndBelowProducerId: 1000, v3AndBelowProducerEpoch: 2, v3AndBelowTopics: [{ name: 't', partitions: [0, 1] }] });
    expect((await roundTrip('addOffsetsToTxn/v1', { transactionalId: 'tx', producerId: 1000, producerEpoch: 2, groupId: 'g' })).body.groupId).toBe('g');
    expect((await roundTrip('endTxn/v1', { transactionalId: 'tx', producerId: 1000, producerEpoch: 2, transactionResult: true })).body.committed).toBe(true);
    const toc = await roundTrip('txnOffsetCommit/v1', { transactionalId: 'tx', groupId: 'g', producerId: 1000, producerEpoch: 2, topics: [{ topic: 't', partitions: [{ partition: 0, offset: '5', metadata: 'm' }] }] });
    expect(toc.body.topics[0].partitions[0]).toMatchObject({ committedOffset: 5, committedMetadata: 'm' });
  });
});

describe('our responses decode in kafkajs', () => {
  it('ApiVersions v2', async () => {
    const r = await kafkajsDecode('apiVersions/v2', 18, 2, { errorCode: 0, apiKeys: [{ apiKey: 0, minVersion: 0, maxVersion: 11 }], throttleTimeMs: 5 });
    expect(r).toMatchObject({ errorCode: 0, apiVersions: [{ apiKey: 0, minVersion: 0, maxVersion: 11 }] });
  });

  it('Metadata v6', async () => {
    const r = await kafkajsDecode('metadata/v6', 3, 6, {
      brokers: [{ nodeId: 1, host: '127.0.0.1', port: 9092, rack: null }], clusterId: 'c', controllerId: 1,
      topics: [{ errorCode: 0, name: 't', partitions: [{ errorCode: 0, partitionIndex: 0, leaderId: 1, replicaNodes: [1, 2], isrNodes: [1], offlineReplicas: [2] }] }],
    });
    expect(r.brokers).toEqual([{ nodeId: 1, host: '127.0.0.1', port: 9092, rack: null }]);
    expect(r.topicMetadata[0].partitionMetadata[0]).toMatchObject({ partitionId: 0, leader: 1, replicas: [1, 2], isr: [1], offlineReplicas: [2] });
  });

  it('Produce v7 and Fetch v11 (with a kafkajs-built record batch)', async () => {
    const p = await kafkajsDecode('produce/v7', 0, 7, { responses: [{ name: 't', partitionResponses: [{ index: 0, errorCode: 0, baseOffset: 99, logStartOffset: 0 }] }] });
    expect(p.topics[0].partitions[0]).toMatchObject({ partition: 0, errorCode: 0, baseOffset: '99', logStartOffset: '0' });

    const produced = await roundTrip('produce/v7', { acks: 1, timeout: 1000, topicData: [{ topic: 't', partitions: [{ partition: 0, messages: [{ key: 'k', value: 'hello' }] }] }] });
    const records = produced.body.topicData[0].partitionData[0].records as Buffer;
    const f = await kafkajsDecode('fetch/v11', 1, 11, {
      errorCode: 0, sessionId: 0,
      responses: [{ topic: 't', partitions: [{ partitionIndex: 0, errorCode: 0, highWatermark: 1, lastStableOffset: 1, logStartOffset: 0, abortedTransactions: null, records }] }],
    });
    expect(f.responses[0].partitions[0].messages.map((m: { value: Buffer }) => m.value.toString())).toEqual(['hello']);
  });

  it('FindCoordinator v2, JoinGroup v5, OffsetFetch v4, CreateTopics v3, DescribeConfigs v2', async () => {
    expect(await kafkajsDecode('findCoordinator/v2', 10, 2, { errorCode: 0, errorMessage: null, nodeId: 2, host: 'h', port: 9 })).toMatchObject({ coordinator: { nodeId: 2, host: 'h', port: 9 } });
    const jg = await kafkajsDecode('joinGroup/v5', 11, 5, { errorCode: 0, generationId: 4, protocolName: 'RoundRobinAssigner', leader: 'm1', memberId: 'm1', members: [{ memberId: 'm1', groupInstanceId: null, metadata: Buffer.from([1]) }] });
    expect(jg).toMatchObject({ generationId: 4, groupProtocol: 'RoundRobinAssigner', leaderId: 'm1', memberId: 'm1' });
    const of = await kafkajsDecode('offsetFetch/v4', 9, 4, { topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 12, metadata: '', errorCode: 0 }] }], errorCode: 0 });
    expect(of.responses[0].partitions[0]).toMatchObject({ partition: 0, offset: '12' });
    const ct = await kafkajsDecode('createTopics/v3', 19, 3, { topics: [{ name: 'n', errorCode: 0, errorMessage: null }] });
    expect(ct.topicErrors).toEqual([{ topic: 'n', errorCode: 0, errorMessage: null }]);
    const dc = await kafkajsDecode('describeConfigs/v2', 32, 2, {
      results: [{ errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 't', configs: [{ name: 'retention.ms', value: '604800000', readOnly: false, configSource: 5, isSensitive: false, synonyms: [] }] }],
    });
    expect(dc.resources[0].configEntries[0]).toMatchObject({ configName: 'retention.ms', configValue: '604800000', configSource: 5 });
  });

  it('ListPartitionReassignments v0 (flexible response header v1)', async () => {
    const r = await kafkajsDecode('listPartitionReassignments/v0', 46, 0, {
      errorCode: 0, errorMessage: null, topics: [{ name: 't', partitions: [{ partitionIndex: 0, replicas: [1, 2], addingReplicas: [2], removingReplicas: [] }] }],
    });
    expect(r.topics[0]).toMatchObject({ name: 't', partitions: [{ partition: 0, replicas: [1, 2], addingReplicas: [2], removingReplicas: [] }] });
  });
});
