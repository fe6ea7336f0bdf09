/**
 * Every served version of the group and transaction APIs (issue 4), sent raw to a 3-broker
 * ClusterHost: each response decodes in its version and carries Kafka's answers. Real clients
 * reach only some versions (kafkajs JoinGroup v5, librdkafka OffsetCommit v7, Java v9…); this
 * covers the rest: MEMBER_ID_REQUIRED from JoinGroup v4 (KIP-394), batched FindCoordinator v4+
 * (KIP-699), OffsetFetch v8+ groups (KIP-709), PRODUCER_FENCED only from the KIP-588 versions,
 * and Produce refusing transactional batches for partitions outside the transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { errorCode } from '../../protocol';
import { encodeRecordBatch } from '../../protocol/records';
import { Caller } from '../testing/caller';
import { createTopic } from './harness';
import { startGroupHost } from './groups-harness';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const METADATA = Buffer.from([0, 1, 2, 3]);
const ASSIGNMENT = Buffer.from([9, 8, 7]);

describe('every served version of the group and transaction APIs answers', () => {
  let host: ClusterHost;
  let caller: Caller;
  let dataLeader: number;

  beforeAll(async () => {
    host = await startGroupHost(141);
    caller = new Caller(host);
    dataLeader = (await createTopic(host, 'sweep', 2, 3)).partitions[0]!.leader;
  });
  afterAll(async () => {
    caller?.close();
    await host?.close();
  });

  /** FindCoordinator v2 until the internal topic exists and has a leader. */
  async function coordinatorOf(key: string, keyType: 0 | 1): Promise<number> {
    let nodeId = -1;
    for (let attempt = 0; attempt < 100 && nodeId < 0; attempt++) {
      const r: Obj = await caller.call(1, 10, 2, { key, keyType });
      if (r.errorCode === 0) nodeId = r.nodeId;
      else await new Promise((res) => setTimeout(res, 50));
    }
    return nodeId;
  }

  /** InitProducerId retried while the coordinator completes the previous transaction (CONCURRENT_TRANSACTIONS, as clients do). */
  async function initProducerId(coordinator: number, v: number, body: Obj): Promise<Obj> {
    for (let attempt = 0; ; attempt++) {
      const r: Obj = await caller.call(coordinator, 22, v, body);
      if (r.errorCode !== errorCode('CONCURRENT_TRANSACTIONS') || attempt >= 100) return r;
      await new Promise((res) => setTimeout(res, 20));
    }
  }

  it('FindCoordinator v0-5, one key up to v3 and batched coordinatorKeys from v4', async () => {
    const group = await coordinatorOf('g-sweep', 0);
    const txn = await coordinatorOf('t-sweep', 1);
    expect(group).toBeGreaterThan(0);
    expect(txn).toBeGreaterThan(0);
    const port = (id: number) => host.snapshot().brokers.find((b) => b.brokerId === id)!.port;
    for (const v of range(0, 3)) {
      const r: Obj = await caller.call(2, 10, v, { key: 'g-sweep', keyType: 0 });
      expect(r, `v${v}`).toMatchObject({ errorCode: 0, nodeId: group, host: '127.0.0.1', port: port(group) });
    }
    for (const v of [4, 5]) {
      const r: Obj = await caller.call(3, 10, v, { keyType: 0, coordinatorKeys: ['g-sweep', ''] });
      expect(r.coordinators).toEqual([
        { key: 'g-sweep', nodeId: group, host: '127.0.0.1', port: port(group), errorCode: 0, errorMessage: null },
        expect.objectContaining({ key: '', nodeId: -1, errorCode: errorCode('INVALID_GROUP_ID') }),
      ]);
      const t: Obj = await caller.call(3, 10, v, { keyType: 1, coordinatorKeys: ['t-sweep'] });
      expect(t.coordinators[0]).toMatchObject({ nodeId: txn, errorCode: 0 });
    }
  });

  it('JoinGroup v0-9, SyncGroup, Heartbeat, OffsetCommit/Fetch, DescribeGroups and LeaveGroup in matching versions', async () => {
    for (const v of range(0, 9)) {
      const groupId = `g-sweep-v${v}`;
      const coordinator = await coordinatorOf(groupId, 0);
      const join = (memberId: string) => caller.call<Obj>(coordinator, 11, v, {
        groupId, sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, memberId, groupInstanceId: null, protocolType: 'consumer',
        protocols: [{ name: 'range', metadata: METADATA }], reason: null,
      });
      let memberId = '';
      if (v >= 4) {
        const first = await join('');
        expect(first.errorCode, `v${v}`).toBe(errorCode('MEMBER_ID_REQUIRED'));
        memberId = first.memberId;
        expect(memberId).toMatch(/^version-sweep-/);
      }
      const joined = await join(memberId);
      expect(joined, `JoinGroup v${v}`).toMatchObject({ errorCode: 0, generationId: 1, protocolName: 'range', leader: joined.memberId, memberId: joined.memberId });
      expect(joined.members).toEqual([expect.objectContaining({ memberId: joined.memberId, metadata: METADATA })]);
      memberId = joined.memberId;

      const syncVersion = Math.min(v, 5);
      const synced: Obj = await caller.call(coordinator, 14, syncVersion, {
        groupId, generationId: 1, memberId, groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments: [{ memberId, assignment: ASSIGNMENT }],
      });
      expect(synced, `SyncGroup v${syncVersion}`).toMatchObject({ errorCode: 0, assignment: ASSIGNMENT });
      const beat: Obj = await caller.call(coordinator, 12, Math.min(v, 4), { groupId, generationId: 1, memberId, groupInstanceId: null });
      expect(beat.errorCode, `Heartbeat v${Math.min(v, 4)}`).toBe(0);

      const commit: Obj = await caller.call(coordinator, 8, v, {
        groupId, generationIdOrMemberEpoch: 1, memberId, groupInstanceId: null, retentionTimeMs: -1,
        topics: [{ name: 'sweep', partitions: [{ partitionIndex: 0, committedOffset: 10 + v, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: `m${v}` }] }],
      });
      // OffsetCommit v0 has no generation: a memberless commit to an active group is UNKNOWN_MEMBER_ID, as on Kafka.
      expect(commit.topics[0].partitions[0].errorCode, `OffsetCommit v${v}`).toBe(v === 0 ? errorCode('UNKNOWN_MEMBER_ID') : 0);
      const expectedOffset = v === 0 ? -1 : 10 + v;
      const fetched: Obj = await caller.call(coordinator, 9, v, v >= 8
        ? { groups: [{ groupId, memberId: null, memberEpoch: -1, topics: null }], requireStable: true }
        : { groupId, topics: [{ name: 'sweep', partitionIndexes: [0] }], requireStable: false });
      const partitions = v >= 8 ? fetched.groups[0].topics[0]?.partitions ?? [] : fetched.topics[0].partitions;
      expect(partitions[0], `OffsetFetch v${v}`).toMatchObject({ partitionIndex: 0, committedOffset: expectedOffset, errorCode: 0 });

      const describeVersion = Math.min(v, 5);
      const described: Obj = await caller.call(coordinator, 15, describeVersion, { groups: [groupId], includeAuthorizedOperations: false });
      expect(described.groups[0], `DescribeGroups v${describeVersion}`).toMatchObject({ errorCode: 0, groupState: 'Stable', protocolType: 'consumer', protocolData: 'range' });
      expect(described.groups[0].members[0]).toMatchObject({ memberId, clientId: 'version-sweep', clientHost: '/127.0.0.1', memberMetadata: METADATA, memberAssignment: ASSIGNMENT });

      const leaveVersion = Math.min(v, 5);
      const left: Obj = await caller.call(coordinator, 13, leaveVersion, leaveVersion >= 3
        ? { groupId, members: [{ memberId, groupInstanceId: null, reason: 'sweep' }] }
        : { groupId, memberId });
      expect(left.errorCode, `LeaveGroup v${leaveVersion}`).toBe(0);
      if (leaveVersion >= 3) expect(left.members).toEqual([{ memberId, groupInstanceId: null, errorCode: 0 }]);
    }
  });

  it('ListGroups v0-5 on each broker, DeleteGroups v0-2 and OffsetDelete v0', async () => {
    const listed = new Map<string, Obj>();
    for (const v of range(0, 5)) {
      for (const brokerId of [1, 2, 3]) {
        const r: Obj = await caller.call(brokerId, 16, v, { statesFilter: v >= 4 ? ['Empty'] : [], typesFilter: v >= 5 ? ['classic'] : [] });
        expect(r.errorCode).toBe(0);
        for (const g of r.groups) listed.set(`${v}/${g.groupId}`, g);
      }
    }
    expect(listed.get('0/g-sweep-v9')).toMatchObject({ protocolType: 'consumer' });
    expect(listed.get('4/g-sweep-v9')).toMatchObject({ groupState: 'Empty' });
    expect(listed.get('5/g-sweep-v9')).toMatchObject({ groupState: 'Empty', groupType: 'classic' });

    const c9 = await coordinatorOf('g-sweep-v9', 0);
    const offsetDelete: Obj = await caller.call(c9, 47, 0, { groupId: 'g-sweep-v9', topics: [{ name: 'sweep', partitions: [{ partitionIndex: 0 }] }] });
    expect(offsetDelete).toMatchObject({ errorCode: 0, topics: [{ name: 'sweep', partitions: [{ partitionIndex: 0, errorCode: 0 }] }] });
    for (const v of range(0, 2)) {
      const groupId = `g-sweep-v${v + 1}`;
      const r: Obj = await caller.call(await coordinatorOf(groupId, 0), 42, v, { groupsNames: [groupId] });
      expect(r.results, `DeleteGroups v${v}`).toEqual([{ groupId, errorCode: 0 }]);
    }
  });

  it('InitProducerId v0-5, AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit and EndTxn v0-3, with KIP-588 fencing errors', async () => {
    for (const v of range(0, 3)) {
      const transactionalId = `t-sweep-v${v}`;
      const coordinator = await coordinatorOf(transactionalId, 1);
      const init: Obj = await caller.call(coordinator, 22, v, { transactionalId, transactionTimeoutMs: 30_000, producerId: -1, producerEpoch: -1 });
      expect(init, `InitProducerId v${v}`).toMatchObject({ errorCode: 0, producerEpoch: 0 });
      const ref = { producerId: init.producerId, producerEpoch: init.producerEpoch };
      const added: Obj = await caller.call(coordinator, 24, v, { v3AndBelowTransactionalId: transactionalId, v3AndBelowProducerId: ref.producerId, v3AndBelowProducerEpoch: ref.producerEpoch, v3AndBelowTopics: [{ name: 'sweep', partitions: [0] }] });
      expect(added.resultsByTopicV3AndBelow, `AddPartitionsToTxn v${v}`).toEqual([{ name: 'sweep', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: 0 }] }]);

      const records = encodeRecordBatch({ producerId: ref.producerId, producerEpoch: ref.producerEpoch, baseSequence: 0, isTransactional: true, records: [{ key: null, value: Buffer.from(`txn-v${v}`), timestamp: 1_700_000_000_000 }] });
      const produce = (partition: number) => caller.call<Obj>(dataLeader, 0, 7, { transactionalId, acks: -1, timeoutMs: 5000, topicData: [{ name: 'sweep', partitionData: [{ index: partition, records }] }] });
      expect((await produce(0)).responses[0].partitionResponses[0].errorCode).toBe(0);
      // Partition 1 was never added to the transaction (KIP-890 part 1 verification).
      expect((await produce(1)).responses[0].partitionResponses[0].errorCode).toBe(errorCode('INVALID_TXN_STATE'));

      const groupId = `g-txn-sweep-v${v}`;
      const addOffsets: Obj = await caller.call(coordinator, 25, v, { transactionalId, ...ref, groupId });
      expect(addOffsets.errorCode, `AddOffsetsToTxn v${v}`).toBe(0);
      const txnCommit: Obj = await caller.call(await coordinatorOf(groupId, 0), 28, v, {
        transactionalId, groupId, ...ref, generationId: -1, memberId: '', groupInstanceId: null,
        topics: [{ name: 'sweep', partitions: [{ partitionIndex: 0, committedOffset: 1, committedLeaderEpoch: -1, committedMetadata: null }] }],
      });
      expect(txnCommit.topics[0].partitions[0].errorCode, `TxnOffsetCommit v${v}`).toBe(0);
      const ended: Obj = await caller.call(coordinator, 26, v, { transactionalId, ...ref, committed: true });
      expect(ended.errorCode, `EndTxn v${v}`).toBe(0);

      // A successor bumps the epoch; the old epoch is PRODUCER_FENCED from EndTxn v2, INVALID_PRODUCER_EPOCH before.
      const successor = await initProducerId(coordinator, v, { transactionalId, transactionTimeoutMs: 30_000, producerId: -1, producerEpoch: -1 });
      expect(successor).toMatchObject({ errorCode: 0, producerId: ref.producerId, producerEpoch: 1 });
      const zombie: Obj = await caller.call(coordinator, 26, v, { transactionalId, ...ref, committed: false });
      expect(zombie.errorCode, `fenced EndTxn v${v}`).toBe(errorCode(v >= 2 ? 'PRODUCER_FENCED' : 'INVALID_PRODUCER_EPOCH'));
    }
    for (const v of [4, 5]) {
      const transactionalId = `t-sweep-v${v}`;
      const coordinator = await coordinatorOf(transactionalId, 1);
      const init: Obj = await caller.call(coordinator, 22, v, { transactionalId, transactionTimeoutMs: 30_000, producerId: -1, producerEpoch: -1 });
      expect(init, `InitProducerId v${v}`).toMatchObject({ errorCode: 0, producerEpoch: 0 });
      // KIP-360: the producer bumps its own epoch by naming its current id and epoch.
      const bumped: Obj = await caller.call(coordinator, 22, v, { transactionalId, transactionTimeoutMs: 30_000, producerId: init.producerId, producerEpoch: 0 });
      expect(bumped).toMatchObject({ errorCode: 0, producerId: init.producerId, producerEpoch: 1 });
      // The same request again is a retry of the bump (it names the previous epoch): answered with the current epoch.
      const retried: Obj = await caller.call(coordinator, 22, v, { transactionalId, transactionTimeoutMs: 30_000, producerId: init.producerId, producerEpoch: 0 });
      expect(retried, 'KIP-360 retry').toMatchObject({ errorCode: 0, producerId: init.producerId, producerEpoch: 1 });
      await caller.call(coordinator, 22, v, { transactionalId, transactionTimeoutMs: 30_000, producerId: init.producerId, producerEpoch: 1 });
      const stale: Obj = await caller.call(coordinator, 22, v, { transactionalId, transactionTimeoutMs: 30_000, producerId: init.producerId, producerEpoch: 0 });
      expect(stale.errorCode).toBe(errorCode('PRODUCER_FENCED'));
    }
  });

  it('DescribeTransactions, ListTransactions and DescribeProducers v0', async () => {
    const coordinator = await coordinatorOf('t-sweep-v3', 1);
    const described: Obj = await caller.call(coordinator, 65, 0, { transactionalIds: ['t-sweep-v3'] });
    expect(described.transactionStates[0]).toMatchObject({ errorCode: 0, transactionalId: 't-sweep-v3', transactionState: 'Empty', transactionTimeoutMs: 30_000, producerEpoch: 1 });
    const unknown: Obj = await caller.call(await coordinatorOf('unknown-txn', 1), 65, 0, { transactionalIds: ['unknown-txn'] });
    expect(unknown.transactionStates[0].errorCode).toBe(errorCode('TRANSACTIONAL_ID_NOT_FOUND'));
    const elsewhere = [1, 2, 3].find((b) => b !== coordinator)!;
    expect((await caller.call<Obj>(elsewhere, 65, 0, { transactionalIds: ['t-sweep-v3'] })).transactionStates[0].errorCode).toBe(errorCode('NOT_COORDINATOR'));
    const listed: Obj[] = [];
    for (const brokerId of [1, 2, 3]) {
      const r: Obj = await caller.call(brokerId, 66, 0, { stateFilters: ['Empty', 'Bogus'], producerIdFilters: [] });
      expect(r.unknownStateFilters).toEqual(['Bogus']);
      listed.push(...r.transactionStates);
    }
    expect(listed.map((t) => t.transactionalId).sort()).toEqual(['t-sweep-v0', 't-sweep-v1', 't-sweep-v2', 't-sweep-v3', 't-sweep-v4', 't-sweep-v5']);
    const producers: Obj = await caller.call(dataLeader, 61, 0, { topics: [{ name: 'sweep', partitionIndexes: [0] }] });
    const p = producers.topics[0].partitions[0];
    expect(p.errorCode).toBe(0);
    expect(p.activeProducers).toHaveLength(4);
    expect(p.activeProducers.every((a: Obj) => a.lastSequence === 0 && a.currentTxnStartOffset === -1 && a.coordinatorEpoch >= 0)).toBe(true);
  });
});
