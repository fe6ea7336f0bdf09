/**
 * Every served API, by key. Adding a handler here is what makes ApiVersions advertise it; nothing
 * else does (ARCHITECTURE §3). Consumer-group and transaction APIs are ISSUE_4_HANDLERS.
 */
import { HandlerRegistry } from '../handler-registry';
import { produceHandler } from './00-produce';
import { fetchHandler } from './01-fetch';
import { listOffsetsHandler } from './02-list-offsets';
import { metadataHandler } from './03-metadata';
import { apiVersionsHandler } from './18-api-versions';
import { createTopicsHandler } from './19-create-topics';
import { deleteTopicsHandler } from './20-delete-topics';
import { deleteRecordsHandler } from './21-delete-records';
import { initProducerIdHandler } from './22-init-producer-id';
import { offsetForLeaderEpochHandler } from './23-offset-for-leader-epoch';
import { describeConfigsHandler } from './32-describe-configs';
import { alterConfigsHandler } from './33-alter-configs';
import { describeLogDirsHandler } from './35-describe-log-dirs';
import { createPartitionsHandler } from './37-create-partitions';
import { electLeadersHandler } from './43-elect-leaders';
import { incrementalAlterConfigsHandler } from './44-incremental-alter-configs';
import { alterPartitionReassignmentsHandler } from './45-alter-partition-reassignments';
import { listPartitionReassignmentsHandler } from './46-list-partition-reassignments';
import { saslHandshakeHandler } from './17-sasl-handshake';
import { saslAuthenticateHandler } from './36-sasl-authenticate';
import { describeUserScramCredentialsHandler } from './50-describe-user-scram-credentials';
import { alterUserScramCredentialsHandler } from './51-alter-user-scram-credentials';
import { describeClusterHandler } from './60-describe-cluster';
import { ISSUE_4_HANDLERS } from './issue-4';
import { ACL_AND_QUOTA_HANDLERS } from './security-handlers';

export const ISSUE_3_HANDLERS = [
  produceHandler,
  fetchHandler,
  listOffsetsHandler,
  metadataHandler,
  apiVersionsHandler,
  createTopicsHandler,
  deleteTopicsHandler,
  deleteRecordsHandler,
  initProducerIdHandler,
  offsetForLeaderEpochHandler,
  describeConfigsHandler,
  alterConfigsHandler,
  describeLogDirsHandler,
  createPartitionsHandler,
  electLeadersHandler,
  incrementalAlterConfigsHandler,
  alterPartitionReassignmentsHandler,
  listPartitionReassignmentsHandler,
  describeClusterHandler,
];

/** Issue 16: SASL authentication and SCRAM credential management (KIP-152, KIP-368, KIP-554). */
export const SASL_HANDLERS = [
  saslHandshakeHandler,
  saslAuthenticateHandler,
  describeUserScramCredentialsHandler,
  alterUserScramCredentialsHandler,
];

/**
 * The registry the host uses. Only APIs whose request/response schemas the codec has are
 * registered, so ApiVersions never advertises an API whose bytes we cannot read.
 */
export function createHandlerRegistry(available: (apiKey: number) => boolean = () => true): HandlerRegistry {
  return new HandlerRegistry([...ISSUE_3_HANDLERS, ...ISSUE_4_HANDLERS, ...SASL_HANDLERS, ...ACL_AND_QUOTA_HANDLERS].filter((h) => available(h.apiKey)));
}
