/**
 * Every API schema we speak, by API key (one file per API, named by key). The wire layer's
 * handler registry decides which versions are advertised (ARCHITECTURE §3); a schema may cover more.
 */
import type { ApiSchema } from '../schema';
import { produce, type ProduceRequest, type ProduceResponse } from './00-produce';
import { fetchApi, type FetchRequest, type FetchResponse } from './01-fetch';
import { listOffsets, type ListOffsetsRequest, type ListOffsetsResponse } from './02-list-offsets';
import { metadata, type MetadataRequest, type MetadataResponse } from './03-metadata';
import { offsetCommit, type OffsetCommitRequest, type OffsetCommitResponse } from './08-offset-commit';
import { offsetFetch, type OffsetFetchRequest, type OffsetFetchResponse } from './09-offset-fetch';
import { findCoordinator, type FindCoordinatorRequest, type FindCoordinatorResponse } from './10-find-coordinator';
import { joinGroup, type JoinGroupRequest, type JoinGroupResponse } from './11-join-group';
import { heartbeat, type HeartbeatRequest, type HeartbeatResponse } from './12-heartbeat';
import { leaveGroup, type LeaveGroupRequest, type LeaveGroupResponse } from './13-leave-group';
import { syncGroup, type SyncGroupRequest, type SyncGroupResponse } from './14-sync-group';
import { describeGroups, type DescribeGroupsRequest, type DescribeGroupsResponse } from './15-describe-groups';
import { listGroups, type ListGroupsRequest, type ListGroupsResponse } from './16-list-groups';
import { saslHandshake, type SaslHandshakeRequest, type SaslHandshakeResponse } from './17-sasl-handshake';
import { apiVersions, type ApiVersionsRequest, type ApiVersionsResponse } from './18-api-versions';
import { createTopics, type CreateTopicsRequest, type CreateTopicsResponse } from './19-create-topics';
import { deleteTopics, type DeleteTopicsRequest, type DeleteTopicsResponse } from './20-delete-topics';
import { deleteRecords, type DeleteRecordsRequest, type DeleteRecordsResponse } from './21-delete-records';
import { initProducerId, type InitProducerIdRequest, type InitProducerIdResponse } from './22-init-producer-id';
import { offsetForLeaderEpoch, type OffsetForLeaderEpochRequest, type OffsetForLeaderEpochResponse } from './23-offset-for-leader-epoch';
import { addPartitionsToTxn, type AddPartitionsToTxnRequest, type AddPartitionsToTxnResponse } from './24-add-partitions-to-txn';
import { addOffsetsToTxn, type AddOffsetsToTxnRequest, type AddOffsetsToTxnResponse } from './25-add-offsets-to-txn';
import { endTxn, type EndTxnRequest, type EndTxnResponse } from './26-end-txn';
import { txnOffsetCommit, type TxnOffsetCommitRequest, type TxnOffsetCommitResponse } from './28-txn-offset-commit';
import { describeConfigs, type DescribeConfigsRequest, type DescribeConfigsResponse } from './32-describe-configs';
import { alterConfigs, type AlterConfigsRequest, type AlterConfigsResponse } from './33-alter-configs';
import { describeLogDirs, type DescribeLogDirsRequest, type DescribeLogDirsResponse } from './35-describe-log-dirs';
import { saslAuthenticate, type SaslAuthenticateRequest, type SaslAuthenticateResponse } from './36-sasl-authenticate';
import { createPartitions, type CreatePartitionsRequest, type CreatePartitionsResponse } from './37-create-partitions';
import { deleteGroups, type DeleteGroupsRequest, type DeleteGroupsResponse } from './42-delete-groups';
import { electLeaders, type ElectLeadersRequest, type ElectLeadersResponse } from './43-elect-leaders';
import { incrementalAlterConfigs, type IncrementalAlterConfigsRequest, type IncrementalAlterConfigsResponse } from './44-incremental-alter-configs';
import { alterPartitionReassignments, type AlterPartitionReassignmentsRequest, type AlterPartitionReassignmentsResponse } from './45-alter-partition-reassignments';
import { listPartitionReassignments, type ListPartitionReassignmentsRequest, type ListPartitionReassignmentsResponse } from './46-list-partition-reassignments';
import { offsetDelete, type OffsetDeleteRequest, type OffsetDeleteResponse } from './47-offset-delete';
import { describeUserScramCredentials, type DescribeUserScramCredentialsRequest, type DescribeUserScramCredentialsResponse } from './50-describe-user-scram-credentials';
import { alterUserScramCredentials, type AlterUserScramCredentialsRequest, type AlterUserScramCredentialsResponse } from './51-alter-user-scram-credentials';
import { describeCluster, type DescribeClusterRequest, type DescribeClusterResponse } from './60-describe-cluster';
import { describeProducers, type DescribeProducersRequest, type DescribeProducersResponse } from './61-describe-producers';
import { describeTransactions, type DescribeTransactionsRequest, type DescribeTransactionsResponse } from './65-describe-transactions';
import { listTransactions, type ListTransactionsRequest, type ListTransactionsResponse } from './66-list-transactions';
import { describeAcls, type DescribeAclsRequest, type DescribeAclsResponse } from './29-describe-acls';
import { createAcls, type CreateAclsRequest, type CreateAclsResponse } from './30-create-acls';
import { deleteAcls, type DeleteAclsRequest, type DeleteAclsResponse } from './31-delete-acls';
import { describeClientQuotas, type DescribeClientQuotasRequest, type DescribeClientQuotasResponse } from './48-describe-client-quotas';
import { alterClientQuotas, type AlterClientQuotasRequest, type AlterClientQuotasResponse } from './49-alter-client-quotas';

const ALL: readonly ApiSchema[] = [
  produce,
  fetchApi,
  listOffsets,
  metadata,
  offsetCommit,
  offsetFetch,
  findCoordinator,
  joinGroup,
  heartbeat,
  leaveGroup,
  syncGroup,
  describeGroups,
  listGroups,
  saslHandshake,
  apiVersions,
  createTopics,
  deleteTopics,
  deleteRecords,
  initProducerId,
  offsetForLeaderEpoch,
  addPartitionsToTxn,
  addOffsetsToTxn,
  endTxn,
  txnOffsetCommit,
  describeConfigs,
  alterConfigs,
  describeLogDirs,
  saslAuthenticate,
  createPartitions,
  deleteGroups,
  electLeaders,
  incrementalAlterConfigs,
  alterPartitionReassignments,
  listPartitionReassignments,
  offsetDelete,
  describeUserScramCredentials,
  alterUserScramCredentials,
  describeCluster,
  describeProducers,
  describeTransactions,
  listTransactions,
  describeAcls,
  createAcls,
  deleteAcls,
  describeClientQuotas,
  alterClientQuotas,
];

export const apiSchemas: ReadonlyMap<number, ApiSchema> = new Map(ALL.map((s) => [s.apiKey, s]));

/**
 * Decoded body types by API key, e.g. `ApiBodies[0]['request']` is ProduceRequest. Decoded
 * objects carry every field (absent ones at their default); response fields marked optional
 * may be omitted when encoding and then take their defaults.
 */
export interface ApiBodies {
  0: { request: ProduceRequest; response: ProduceResponse };
  1: { request: FetchRequest; response: FetchResponse };
  2: { request: ListOffsetsRequest; response: ListOffsetsResponse };
  3: { request: MetadataRequest; response: MetadataResponse };
  8: { request: OffsetCommitRequest; response: OffsetCommitResponse };
  9: { request: OffsetFetchRequest; response: OffsetFetchResponse };
  10: { request: FindCoordinatorRequest; response: FindCoordinatorResponse };
  11: { request: JoinGroupRequest; response: JoinGroupResponse };
  12: { request: HeartbeatRequest; response: HeartbeatResponse };
  13: { request: LeaveGroupRequest; response: LeaveGroupResponse };
  14: { request: SyncGroupRequest; response: SyncGroupResponse };
  15: { request: DescribeGroupsRequest; response: DescribeGroupsResponse };
  16: { request: ListGroupsRequest; response: ListGroupsResponse };
  17: { request: SaslHandshakeRequest; response: SaslHandshakeResponse };
  18: { request: ApiVersionsRequest; response: ApiVersionsResponse };
  19: { request: CreateTopicsRequest; response: CreateTopicsResponse };
  20: { request: DeleteTopicsRequest; response: DeleteTopicsResponse };
  21: { request: DeleteRecordsRequest; response: DeleteRecordsResponse };
  22: { request: InitProducerIdRequest; response: InitProducerIdResponse };
  23: { request: OffsetForLeaderEpochRequest; response: OffsetForLeaderEpochResponse };
  24: { request: AddPartitionsToTxnRequest; response: AddPartitionsToTxnResponse };
  25: { request: AddOffsetsToTxnRequest; response: AddOffsetsToTxnResponse };
  26: { request: EndTxnRequest; response: EndTxnResponse };
  28: { request: TxnOffsetCommitRequest; response: TxnOffsetCommitResponse };
  32: { request: DescribeConfigsRequest; response: DescribeConfigsResponse };
  33: { request: AlterConfigsRequest; response: AlterConfigsResponse };
  35: { request: DescribeLogDirsRequest; response: DescribeLogDirsResponse };
  36: { request: SaslAuthenticateRequest; response: SaslAuthenticateResponse };
  37: { request: CreatePartitionsRequest; response: CreatePartitionsResponse };
  42: { request: DeleteGroupsRequest; response: DeleteGroupsResponse };
  43: { request: ElectLeadersRequest; response: ElectLeadersResponse };
  44: { request: IncrementalAlterConfigsRequest; response: IncrementalAlterConfigsResponse };
  45: { request: AlterPartitionReassignmentsRequest; response: AlterPartitionReassignmentsResponse };
  46: { request: ListPartitionReassignmentsRequest; response: ListPartitionReassignmentsResponse };
  47: { request: OffsetDeleteRequest; response: OffsetDeleteResponse };
  50: { request: DescribeUserScramCredentialsRequest; response: DescribeUserScramCredentialsResponse };
  51: { request: AlterUserScramCredentialsRequest; response: AlterUserScramCredentialsResponse };
  60: { request: DescribeClusterRequest; response: DescribeClusterResponse };
  61: { request: DescribeProducersRequest; response: DescribeProducersResponse };
  65: { request: DescribeTransactionsRequest; response: DescribeTransactionsResponse };
  66: { request: ListTransactionsRequest; response: ListTransactionsResponse };
  29: { request: DescribeAclsRequest; response: DescribeAclsResponse };
  30: { request: CreateAclsRequest; response: CreateAclsResponse };
  31: { request: DeleteAclsRequest; response: DeleteAclsResponse };
  48: { request: DescribeClientQuotasRequest; response: DescribeClientQuotasResponse };
  49: { request: AlterClientQuotasRequest; response: AlterClientQuotasResponse };
}

export type * from './00-produce';
export type * from './01-fetch';
export type * from './02-list-offsets';
export type * from './03-metadata';
export type * from './08-offset-commit';
export type * from './09-offset-fetch';
export type * from './10-find-coordinator';
export type * from './11-join-group';
export type * from './12-heartbeat';
export type * from './13-leave-group';
export type * from './14-sync-group';
export type * from './15-describe-groups';
export type * from './16-list-groups';
export type * from './17-sasl-handshake';
export type * from './18-api-versions';
export type * from './19-create-topics';
export type * from './20-delete-topics';
export type * from './21-delete-records';
export type * from './22-init-producer-id';
export type * from './23-offset-for-leader-epoch';
export type * from './24-add-partitions-to-txn';
export type * from './25-add-offsets-to-txn';
export type * from './26-end-txn';
export type * from './28-txn-offset-commit';
export type * from './32-describe-configs';
export type * from './33-alter-configs';
export type * from './35-describe-log-dirs';
export type * from './36-sasl-authenticate';
export type * from './37-create-partitions';
export type * from './42-delete-groups';
export type * from './43-elect-leaders';
export type * from './44-incremental-alter-configs';
export type * from './45-alter-partition-reassignments';
export type * from './46-list-partition-reassignments';
export type * from './47-offset-delete';
export type * from './50-describe-user-scram-credentials';
export type * from './51-alter-user-scram-credentials';
export type * from './60-describe-cluster';
export type * from './61-describe-producers';
export type * from './65-describe-transactions';
export type * from './66-list-transactions';
export type * from './29-describe-acls';
export type * from './30-create-acls';
export type * from './31-delete-acls';
export type * from './48-describe-client-quotas';
export type * from './49-alter-client-quotas';
export { LATEST_TIMESTAMP, EARLIEST_TIMESTAMP, MAX_TIMESTAMP } from './02-list-offsets';
export { AUTHORIZED_OPERATIONS_OMITTED } from './03-metadata';
export { COORDINATOR_KEY_TYPE } from './10-find-coordinator';
export { CONFIG_OPERATION } from './44-incremental-alter-configs';
