/**
 * Every API schema we speak, by API key (one file per API, named by key). The wire layer's
 * handler registry decides which versions are advertised (ARCHITECTURE §3); a schema may cover more.
 */
import type { ApiSchema } from '../schema';
import { produce } from './00-produce';
import { fetchApi } from './01-fetch';
import { listOffsets } from './02-list-offsets';
import { metadata } from './03-metadata';
import { apiVersions } from './18-api-versions';
import { createTopics } from './19-create-topics';
import { deleteTopics } from './20-delete-topics';
import { deleteRecords } from './21-delete-records';
import { initProducerId } from './22-init-producer-id';
import { offsetForLeaderEpoch } from './23-offset-for-leader-epoch';
import { describeConfigs } from './32-describe-configs';
import { alterConfigs } from './33-alter-configs';
import { describeLogDirs } from './35-describe-log-dirs';
import { createPartitions } from './37-create-partitions';
import { electLeaders } from './43-elect-leaders';
import { incrementalAlterConfigs } from './44-incremental-alter-configs';
import { alterPartitionReassignments } from './45-alter-partition-reassignments';
import { listPartitionReassignments } from './46-list-partition-reassignments';
import { describeCluster } from './60-describe-cluster';

const ALL: readonly ApiSchema[] = [
  produce,
  fetchApi,
  listOffsets,
  metadata,
  apiVersions,
  createTopics,
  deleteTopics,
  deleteRecords,
  initProducerId,
  offsetForLeaderEpoch,
  describeConfigs,
  alterConfigs,
  describeLogDirs,
  createPartitions,
  electLeaders,
  incrementalAlterConfigs,
  alterPartitionReassignments,
  listPartitionReassignments,
  describeCluster,
];

export const apiSchemas: ReadonlyMap<number, ApiSchema> = new Map(ALL.map((s) => [s.apiKey, s]));

export type * from './00-produce';
export type * from './01-fetch';
export type * from './02-list-offsets';
export type * from './03-metadata';
export type * from './18-api-versions';
export type * from './19-create-topics';
export type * from './20-delete-topics';
export type * from './21-delete-records';
export type * from './22-init-producer-id';
export type * from './23-offset-for-leader-epoch';
export type * from './32-describe-configs';
export type * from './33-alter-configs';
export type * from './35-describe-log-dirs';
export type * from './37-create-partitions';
export type * from './43-elect-leaders';
export type * from './44-incremental-alter-configs';
export type * from './45-alter-partition-reassignments';
export type * from './46-list-partition-reassignments';
export type * from './60-describe-cluster';
export { LATEST_TIMESTAMP, EARLIEST_TIMESTAMP, MAX_TIMESTAMP } from './02-list-offsets';
export { AUTHORIZED_OPERATIONS_OMITTED } from './03-metadata';
export { CONFIG_OPERATION } from './44-incremental-alter-configs';
