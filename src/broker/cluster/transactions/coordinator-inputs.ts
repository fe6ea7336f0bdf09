/**
 * The client requests the group and transaction coordinators handle, as model inputs
 * (ARCHITECTURE §2): the wire handlers log each one with `cluster.extensionInput` and apply it
 * through `applyCoordinatorInput`; a trace replays the same input through the extension's
 * `replayInput`, so a session with consumer groups and transactions replays exactly. Only
 * requests that change coordinator or model state are inputs; OffsetFetch, DescribeGroups,
 * ListGroups, DescribeTransactions, ListTransactions and DescribeProducers only read.
 * FindCoordinator is one because its first lookup creates the internal topic.
 */
import type { GroupCoordinator } from '../groups/group-coordinator';
import type { FindCoordinatorResult } from '../groups/find-coordinator';
import type {
  ErrorName, HeartbeatRequest, JoinGroupRequest, JoinGroupResponse, LeaveGroupRequest, LeaveGroupResponse, OffsetCommitRequest,
  OffsetCommitResponse, OffsetDeleteRequest, OffsetDeleteResponse, SyncGroupRequest, SyncGroupResponse, TxnOffsetCommitRequest,
} from '../groups/types';
import type { InitProducerIdRequest, InitProducerIdResponse, TxnProducerRef } from './requests';
import type { TransactionCoordinator } from './transaction-coordinator';

/** ClusterExtension.name of the coordinators (./coordinators.ts); extension inputs are addressed by it. */
export const COORDINATORS_EXTENSION = 'group-and-transaction-coordinators';

type PartitionResults = { name: string; partitions: { partitionIndex: number; errorName: string }[] }[];

/** Every input with the answer its callback receives. */
export interface CoordinatorInputs {
  FindCoordinator: { input: { keyType: 0 | 1; key: string }; answer: FindCoordinatorResult };
  JoinGroup: { input: { brokerId: number; request: JoinGroupRequest }; answer: JoinGroupResponse };
  SyncGroup: { input: { brokerId: number; request: SyncGroupRequest }; answer: SyncGroupResponse };
  Heartbeat: { input: { brokerId: number; request: HeartbeatRequest }; answer: ErrorName };
  LeaveGroup: { input: { brokerId: number; request: LeaveGroupRequest }; answer: LeaveGroupResponse };
  OffsetCommit: { input: { brokerId: number; request: OffsetCommitRequest }; answer: OffsetCommitResponse };
  TxnOffsetCommit: { input: { brokerId: number; request: TxnOffsetCommitRequest }; answer: OffsetCommitResponse };
  OffsetDelete: { input: { brokerId: number; request: OffsetDeleteRequest }; answer: OffsetDeleteResponse };
  DeleteGroups: { input: { brokerId: number; groupIds: string[] }; answer: { groupId: string; errorName: ErrorName }[] };
  InitProducerId: { input: { brokerId: number; request: InitProducerIdRequest }; answer: InitProducerIdResponse };
  AddPartitionsToTxn: { input: { brokerId: number; ref: TxnProducerRef; topics: { name: string; partitions: number[] }[] }; answer: PartitionResults };
  AddOffsetsToTxn: { input: { brokerId: number; ref: TxnProducerRef; groupId: string }; answer: ErrorName };
  EndTxn: { input: { brokerId: number; ref: TxnProducerRef; committed: boolean }; answer: ErrorName };
}

export type CoordinatorApi = keyof CoordinatorInputs;
export type CoordinatorInput<A extends CoordinatorApi = CoordinatorApi> = A extends CoordinatorApi ? { api: A } & CoordinatorInputs[A]['input'] : never;

export interface CoordinatorPair {
  groups: GroupCoordinator;
  transactions: TransactionCoordinator;
}

/** Applies one input; `respond` gets the answer (at once, or later inside simulated time). Replay passes none. */
export function applyCoordinatorInput<A extends CoordinatorApi>(c: CoordinatorPair, input: CoordinatorInput<A>, respond: (answer: CoordinatorInputs[A]['answer']) => void = () => undefined): void {
  const i = input as CoordinatorInput;
  const done = respond as (answer: unknown) => void;
  switch (i.api) {
    case 'FindCoordinator': return done(i.keyType === 0 ? c.groups.findCoordinator(0, i.key) : c.transactions.findCoordinator(i.key));
    case 'JoinGroup': return c.groups.joinGroup(i.brokerId, i.request, done);
    case 'SyncGroup': return c.groups.syncGroup(i.brokerId, i.request, done);
    case 'Heartbeat': return done(c.groups.heartbeat(i.brokerId, i.request));
    case 'LeaveGroup': return done(c.groups.leaveGroup(i.brokerId, i.request));
    case 'OffsetCommit': return c.groups.offsetCommit(i.brokerId, i.request, done);
    case 'TxnOffsetCommit': return c.groups.txnOffsetCommit(i.brokerId, i.request, done);
    case 'OffsetDelete': return done(c.groups.offsetDelete(i.brokerId, i.request));
    case 'DeleteGroups': return done(c.groups.deleteGroups(i.brokerId, i.groupIds));
    case 'InitProducerId': return c.transactions.initProducerId(i.brokerId, i.request, done);
    case 'AddPartitionsToTxn': return c.transactions.addPartitionsToTxn(i.brokerId, i.ref, i.topics, done);
    case 'AddOffsetsToTxn': return c.transactions.addOffsetsToTxn(i.brokerId, i.ref, i.groupId, done);
    case 'EndTxn': return c.transactions.endTxn(i.brokerId, i.ref, i.committed, done);
  }
}
