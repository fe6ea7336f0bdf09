/**
 * Every API schema we speak, by API key (one file per API, named by key). The wire layer's
 * handler registry decides which versions are advertised (ARCHITECTURE §3); a schema may cover more.
 */
import type { ApiSchema } from '../schema';
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
import { createPartitions } from './37-create-partitions';
import { deleteGroups } from './42-delete-groups';
import { electLeaders } from './43-elect-leaders';
import { incrementalAlterConfigs } from './44-incremental-alter-configs';
import { alterPartitionReassignments } from './45-alter-partition-reassignments';
import { listPartitionReassignments } from './46-list-partition-reassignments';
import { offsetDelete } from './47-offset-delete';
import { describeCluster } from './60-describe-cluster';
import { describeProducers } from './61-describe-producers';
import { describeTransactions } from './65-describe-transactions';
import { listTransactions } from './66-list-transactions';

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
  createPartitions,
  deleteGroups,
  electLeaders,
  incrementalAlterConfigs,
  alterPartitionReassignments,
  listPartitionReassignments,
  offsetDelete,
  describeCluster,
  describeProducers,
  describeTransactions,
  listTransactions,
];

export const apiSchemas: ReadonlyMap<number, ApiSchema> = new Map(ALL.map((s) => [s.apiKey, s]));

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
export type * from './37-create-partitions';
export type * from './42-delete-groups';
export type * from './43-elect-leaders';
export type * from './44-incremental-alter-configs';
export type * from './45-alter-partition-reassignments';
export type * from './46-list-partition-reassignments';
export type * from './47-offset-delete';
export type * from './60-describe-cluster';
export type * from './61-describe-producers';
export type * from './65-describe-transactions';
export type * from './66-list-transactions';
export { LATEST_TIMESTAMP, EARLIEST_TIMESTAMP, MAX_TIMESTAMP } from './02-list-offsets';
export { AUTHORIZED_OPERATIONS_OMITTED } from './03-metadata';
export { COORDINATOR_KEY_TYPE } from './10-find-coordinator';
export { CONFIG_OPERATION } from './44-incremental-alter-configs';
