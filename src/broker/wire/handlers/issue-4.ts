/**
 * The consumer-group and transaction APIs of issue 4, registered by ./index.ts. librdkafka turns on
 * classic groups only when FindCoordinator, OffsetCommit/OffsetFetch ≥ 1 and all four group APIs
 * are advertised (KAFKA-PROTOCOL-NOTES "Framing and negotiation"), so they come as one set.
 * No KIP-890 transaction v2 (AddPartitionsToTxn v4+, EndTxn v4+) and no KIP-848 APIs.
 */
import { offsetCommitHandler } from './08-offset-commit';
import { offsetFetchHandler } from './09-offset-fetch';
import { findCoordinatorHandler } from './10-find-coordinator';
import { joinGroupHandler } from './11-join-group';
import { heartbeatHandler } from './12-heartbeat';
import { leaveGroupHandler } from './13-leave-group';
import { syncGroupHandler } from './14-sync-group';
import { describeGroupsHandler } from './15-describe-groups';
import { listGroupsHandler } from './16-list-groups';
import { addPartitionsToTxnHandler } from './24-add-partitions-to-txn';
import { addOffsetsToTxnHandler } from './25-add-offsets-to-txn';
import { endTxnHandler } from './26-end-txn';
import { txnOffsetCommitHandler } from './28-txn-offset-commit';
import { deleteGroupsHandler } from './42-delete-groups';
import { offsetDeleteHandler } from './47-offset-delete';
import { describeProducersHandler } from './61-describe-producers';
import { describeTransactionsHandler } from './65-describe-transactions';
import { listTransactionsHandler } from './66-list-transactions';

export const ISSUE_4_HANDLERS = [
  offsetCommitHandler,
  offsetFetchHandler,
  findCoordinatorHandler,
  joinGroupHandler,
  heartbeatHandler,
  leaveGroupHandler,
  syncGroupHandler,
  describeGroupsHandler,
  listGroupsHandler,
  addPartitionsToTxnHandler,
  addOffsetsToTxnHandler,
  endTxnHandler,
  txnOffsetCommitHandler,
  deleteGroupsHandler,
  offsetDeleteHandler,
  describeProducersHandler,
  describeTransactionsHandler,
  listTransactionsHandler,
];
