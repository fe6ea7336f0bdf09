// TxnOffsetCommit (key 28), versions 0-3: offsets committed inside a transaction at the group coordinator; they become visible when the transaction's COMMIT marker reaches __consumer_offsets.
// v3 adds generationId/memberId/groupInstanceId for zombie fencing (KIP-447); unknown partitions get UNKNOWN_TOPIC_OR_PARTITION (KafkaApis). Errors: PRODUCER_FENCED, INVALID_PRODUCER_EPOCH, ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, CONCURRENT_TRANSACTIONS, NOT_COORDINATOR.
import { txnOffsetCommit, type TxnOffsetCommitResponse } from '../../protocol';
import type { OffsetCommitResponse as CoordinatorOffsetCommitResponse } from '../../cluster/groups/types';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinatorRequest, coordinators, NO_COORDINATOR } from './group-common';
import { splitUnknownPartitions } from './offset-commit-partitions';

export const txnOffsetCommitHandler = defineHandler(txnOffsetCommit, {
  advertised: { min: 0, max: 3 },
  handle(request, context) {
    const v = context.apiVersion;
    const c = coordinators(context);
    // Issue 16: WRITE on the transactional id, READ on the group and each topic (KafkaApis.handleTxnOffsetCommitRequest).
    const authz = requestAuthorizer(context, 'TxnOffsetCommit');
    const upfront = !authz.transactionalId('WRITE', request.transactionalId) ? 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED' : !authz.group('READ', request.groupId) ? 'GROUP_AUTHORIZATION_FAILED' : null;
    if (upfront !== null) {
      return { throttleTimeMs: 0, topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: code(upfront) })) })) };
    }
    const deniedTopics = new Set(authz.enabled ? request.topics.map((t) => t.name).filter((name) => !authz.topic('READ', name)) : []);
    if (c === null) {
      return {
        throttleTimeMs: 0,
        topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: code(NO_COORDINATOR) })) })),
      };
    }
    const partitions = splitUnknownPartitions(context, request.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        committedOffset: p.committedOffset,
        committedLeaderEpoch: v >= 2 ? p.committedLeaderEpoch : -1,
        committedMetadata: p.committedMetadata,
      })),
    })), deniedTopics);
    const toResponse = (r: CoordinatorOffsetCommitResponse): TxnOffsetCommitResponse => ({
      throttleTimeMs: 0,
      topics: partitions.answer(r.topics).map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: code(p.errorName) })) })),
    });
    if (partitions.known.length === 0) return toResponse({ topics: [] });
    return coordinatorRequest(context, c, { api: 'TxnOffsetCommit', brokerId: context.brokerId, request: {
      transactionalId: request.transactionalId,
      groupId: request.groupId,
      producerId: request.producerId,
      producerEpoch: request.producerEpoch,
      generationId: v >= 3 ? request.generationId : -1,
      memberId: v >= 3 ? request.memberId : '',
      groupInstanceId: v >= 3 ? request.groupInstanceId : null,
      topics: partitions.known,
    } }, toResponse);
  },
});
