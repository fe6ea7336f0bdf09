/**
 * Kafka's error answers of the group and transaction APIs to requests real clients rarely send,
 * sent raw: each is answered (never a crash or a closed connection) with the error Kafka gives,
 * and the cluster keeps serving afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { errorCode } from '../../protocol';
import { Caller } from '../testing/caller';
import { createTopic } from './harness';
import { startGroupHost } from './groups-harness';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('group and transaction API errors', () => {
  let host: ClusterHost;
  let caller: Caller;

  beforeAll(async () => {
    host = await startGroupHost(151);
    caller = new Caller(host);
    await createTopic(host, 'errors', 1, 3);
  });
  afterAll(async () => {
    caller?.close();
    await host?.close();
  });

  async function coordinatorOf(key: string, keyType: 0 | 1): Promise<number> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const r: Obj = await caller.call(1, 10, 2, { key, keyType });
      if (r.errorCode === 0) return r.nodeId as number;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error(`no coordinator for ${key}`);
  }

  const join = (brokerId: number, over: Obj) => caller.call<Obj>(brokerId, 11, 5, {
    groupId: 'g-errors', sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, memberId: '', groupInstanceId: null,
    protocolType: 'consumer', protocols: [{ name: 'range', metadata: Buffer.alloc(0) }], ...over,
  });

  it('answers group API misuse with Kafka errors', async () => {
    const coordinator = await coordinatorOf('g-errors', 0);
    const other = [1, 2, 3].find((b) => b !== coordinator)!;
    expect((await caller.call<Obj>(1, 10, 2, { key: 'x', keyType: 7 })).errorCode).toBe(errorCode('INVALID_REQUEST'));
    expect((await join(coordinator, { groupId: '' })).errorCode).toBe(errorCode('INVALID_GROUP_ID'));
    expect((await join(other, {})).errorCode).toBe(errorCode('NOT_COORDINATOR'));
    expect((await join(coordinator, { sessionTimeoutMs: 10 })).errorCode).toBe(errorCode('INVALID_SESSION_TIMEOUT'));
    expect((await join(coordinator, { protocols: [] })).errorCode).toBe(errorCode('INCONSISTENT_GROUP_PROTOCOL'));
    expect((await caller.call<Obj>(coordinator, 14, 3, { groupId: 'g-errors', generationId: 1, memberId: 'nobody', groupInstanceId: null, assignments: [] })).errorCode).toBe(errorCode('UNKNOWN_MEMBER_ID'));
    expect((await caller.call<Obj>(coordinator, 12, 3, { groupId: 'g-errors', generationId: 1, memberId: 'nobody', groupInstanceId: null })).errorCode).toBe(errorCode('UNKNOWN_MEMBER_ID'));
    const left: Obj = await caller.call(coordinator, 13, 3, { groupId: 'g-errors', members: [{ memberId: 'nobody', groupInstanceId: null }] });
    expect(left.members[0].errorCode).toBe(errorCode('UNKNOWN_MEMBER_ID'));
    // KafkaApis refuses offsets of partitions that do not exist, committing the rest.
    const committed: Obj = await caller.call(await coordinatorOf('g-errors-simple', 0), 8, 2, {
      groupId: 'g-errors-simple', generationIdOrMemberEpoch: -1, memberId: '', retentionTimeMs: -1,
      topics: [{ name: 'errors', partitions: [{ partitionIndex: 0, committedOffset: 0, committedMetadata: null }, { partitionIndex: 5, committedOffset: 0, committedMetadata: null }] }, { name: 'no-such-topic', partitions: [{ partitionIndex: 0, committedOffset: 0, committedMetadata: null }] }],
    });
    expect(committed.topics).toEqual([
      { name: 'errors', partitions: [{ partitionIndex: 0, errorCode: 0 }, { partitionIndex: 5, errorCode: errorCode('UNKNOWN_TOPIC_OR_PARTITION') }] },
      { name: 'no-such-topic', partitions: [{ partitionIndex: 0, errorCode: errorCode('UNKNOWN_TOPIC_OR_PARTITION') }] },
    ]);
    const described: Obj = await caller.call(other, 15, 5, { groups: ['g-errors'], includeAuthorizedOperations: false });
    expect(described.groups[0].errorCode).toBe(errorCode('NOT_COORDINATOR'));
    const fetched: Obj = await caller.call(other, 9, 8, { groups: [{ groupId: 'g-errors', topics: null }], requireStable: false });
    expect(fetched.groups[0].errorCode).toBe(errorCode('NOT_COORDINATOR'));
    const fetchedV1: Obj = await caller.call(other, 9, 1, { groupId: 'g-errors', topics: [{ name: 'errors', partitionIndexes: [0] }] });
    // v0-1 have no group-level error field: the error is on each partition.
    expect(fetchedV1.topics[0].partitions[0]).toMatchObject({ partitionIndex: 0, committedOffset: -1, errorCode: errorCode('NOT_COORDINATOR') });
  });

  it('answers transaction API misuse with Kafka errors', async () => {
    const coordinator = await coordinatorOf('t-errors', 1);
    const other = [1, 2, 3].find((b) => b !== coordinator)!;
    const ref = { transactionalId: 't-errors', producerId: 4242, producerEpoch: 0 };
    expect((await caller.call<Obj>(other, 22, 4, { transactionalId: 't-errors', transactionTimeoutMs: 30_000 })).errorCode).toBe(errorCode('NOT_COORDINATOR'));
    expect((await caller.call<Obj>(coordinator, 22, 4, { transactionalId: 't-errors', transactionTimeoutMs: 3_600_000 })).errorCode).toBe(errorCode('INVALID_TRANSACTION_TIMEOUT'));
    expect((await caller.call<Obj>(coordinator, 26, 3, { ...ref, committed: true })).errorCode).toBe(errorCode('INVALID_PRODUCER_ID_MAPPING'));
    const init: Obj = await caller.call(coordinator, 22, 4, { transactionalId: 't-errors', transactionTimeoutMs: 30_000 });
    expect(init.errorCode).toBe(0);
    const current = { transactionalId: 't-errors', producerId: init.producerId, producerEpoch: init.producerEpoch };
    // EndTxn with no transaction begun.
    expect((await caller.call<Obj>(coordinator, 26, 3, { ...current, committed: true })).errorCode).toBe(errorCode('INVALID_TXN_STATE'));
    const added: Obj = await caller.call(coordinator, 24, 3, { v3AndBelowTransactionalId: 't-errors', v3AndBelowProducerId: init.producerId, v3AndBelowProducerEpoch: init.producerEpoch, v3AndBelowTopics: [{ name: 'errors', partitions: [0] }, { name: 'no-such-topic', partitions: [0] }] });
    expect(added.resultsByTopicV3AndBelow).toEqual([
      { name: 'errors', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: errorCode('OPERATION_NOT_ATTEMPTED') }] },
      { name: 'no-such-topic', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: errorCode('UNKNOWN_TOPIC_OR_PARTITION') }] },
    ]);
  });

  it('keeps serving afterwards', async () => {
    const coordinator = await coordinatorOf('g-after', 0);
    const first: Obj = await join(coordinator, { groupId: 'g-after' });
    const joined: Obj = await join(coordinator, { groupId: 'g-after', memberId: first.memberId });
    expect(joined).toMatchObject({ errorCode: 0, generationId: 1 });
  });
});
