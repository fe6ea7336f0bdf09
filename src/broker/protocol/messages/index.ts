/**
 * Every API schema we speak, by API key (one file per API, named by key). The wire layer's
 * handler registry decides which versions are advertised (ARCHITECTURE §3); a schema may cover more.
 */
import type { ApiSchema } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';
import { produce } from './00-produce';
import { fetchApi } from './01-fetch';
import { listOffsets } from './02-list-offsets';
import { metadata } from './03-metadata';
import { offsetCommit } from './08-offset-commit';
import { offsetFetch } from './09-offset-fetch';
import { findCoordinator } from './10-find-coordinator';
import { joinGroup } from './11-join-group';
import { heartbeat } from './12-heartbeat';
import { leaveGroup } from './13-leave-group';
import { syncGroup } from './14-sync-group';
import { describeGroups } from './15-describe-groups';
import { listGroups } from './16-list-groups';
import { saslHandshake } from './17-sasl-handshake';
import { apiVersions } from './18-api-versions';
import { createTopics } from './19-create-topics';
import { deleteTopics } from './20-delete-topics';
import { deleteRecords } from './21-delete-records';
import { initProducerId } from './22-init-producer-id';
import { offsetForLeaderEpoch } from './23-offset-for-leader-epoch';
import { addPartitionsToTxn } from './24-add-partitions-to-txn';
import { addOffsetsToTxn } from './25-add-offsets-to-txn';
import { endTxn } from './26-end-txn';
import { txnOffsetCommit } from './28-txn-offset-commit';
import { describeConfigs } from './32-describe-configs';
import { alterConfigs } from './33-alter-configs';
import { describeLogDirs } from './35-describe-log-dirs';
import { saslAuthenticate } from './36-sasl-authenticate';
import { createPartitions } from './37-create-partitions';
import { deleteGroups } from './42-delete-groups';
import { electLeaders } from './43-elect-leaders';
import { incrementalAlterConfigs } from './44-incremental-alter-configs';
import { alterPartitionReassignments } from './45-alter-partition-reassignments';
import { listPartitionReassignments } from './46-list-partition-reassignments';
import { offsetDelete } from './47-offset-delete';
import { describeUserScramCredentials } from './50-describe-user-scram-credentials';
import { alterUserScramCredentials } from './51-alter-user-scram-credentials';
import { describeCluster } from './60-describe-cluster';
import { describeProducers } from './61-describe-producers';
import { describeTransactions } from './65-describe-transactions';
import { listTransactions } from './66-list-transactions';
import { describeAcls } from './29-describe-acls';
import { createAcls } from './30-create-acls';
import { deleteAcls } from './31-delete-acls';
import { describeClientQuotas } from './48-describe-client-quotas';
import { alterClientQuotas } from './49-alter-client-quotas';
import { describeTopicPartitions } from './75-describe-topic-partitions';

const ALL = [
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
  describeTopicPartitions,
] as const;

export const apiSchemas: ReadonlyMap<number, ApiSchema> = new Map(ALL.map((s) => [s.apiKey, s]));

/**
 * Body types by API key, derived from the schemas (typed.ts): `ApiBodies[0]['request']` is
 * ProduceRequest as decoded (every field present, absent ones at their default);
 * `ApiBodies[0]['response']` is ProduceResponse as encoded (defaulted fields may be omitted).
 */
export type ApiBodies = {
  [A in (typeof ALL)[number] as A['apiKey']]: { request: DecodedRequest<A>; response: EncodableResponse<A> };
};

export * from './00-produce';
export * from './01-fetch';
export * from './02-list-offsets';
export * from './03-metadata';
export * from './08-offset-commit';
export * from './09-offset-fetch';
export * from './10-find-coordinator';
export * from './11-join-group';
export * from './12-heartbeat';
export * from './13-leave-group';
export * from './14-sync-group';
export * from './15-describe-groups';
export * from './16-list-groups';
export * from './17-sasl-handshake';
export * from './18-api-versions';
export * from './19-create-topics';
export * from './20-delete-topics';
export * from './21-delete-records';
export * from './22-init-producer-id';
export * from './23-offset-for-leader-epoch';
export * from './24-add-partitions-to-txn';
export * from './25-add-offsets-to-txn';
export * from './26-end-txn';
export * from './28-txn-offset-commit';
export * from './32-describe-configs';
export * from './33-alter-configs';
export * from './35-describe-log-dirs';
export * from './36-sasl-authenticate';
export * from './37-create-partitions';
export * from './42-delete-groups';
export * from './43-elect-leaders';
export * from './44-incremental-alter-configs';
export * from './45-alter-partition-reassignments';
export * from './46-list-partition-reassignments';
export * from './47-offset-delete';
export * from './50-describe-user-scram-credentials';
export * from './51-alter-user-scram-credentials';
export * from './60-describe-cluster';
export * from './61-describe-producers';
export * from './65-describe-transactions';
export * from './66-list-transactions';
export * from './29-describe-acls';
export * from './30-create-acls';
export * from './31-delete-acls';
export * from './48-describe-client-quotas';
export * from './49-alter-client-quotas';
export * from './75-describe-topic-partitions';
