// AddOffsetsToTxn (key 25), versions 0-3: adds the group's __consumer_offsets partition to the producer's transaction (sendOffsetsToTransaction, KIP-98), before TxnOffsetCommit.
// Errors: PRODUCER_FENCED, INVALID_PRODUCER_ID_MAPPING, CONCURRENT_TRANSACTIONS, INVALID_TXN_STATE, NOT_COORDINATOR.
import { addOffsetsToTxn, type AddOffsetsToTxnResponse } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinatorRequest, coordinators, NO_COORDINATOR, producerFencedAs } from './group-common';

export const addOffsetsToTxnHandler = defineHandler(addOffsetsToTxn, {
  advertised: { min: 0, max: 3 },
  handle(request, context) {
    // Issue 16: WRITE on the transactional id, READ on the group (KafkaApis.handleAddOffsetsToTxnRequest).
    const authz = requestAuthorizer(context, 'AddOffsetsToTxn');
    if (!authz.transactionalId('WRITE', request.transactionalId)) return { throttleTimeMs: 0, errorCode: code('TRANSACTIONAL_ID_AUTHORIZATION_FAILED') };
    if (!authz.group('READ', request.groupId)) return { throttleTimeMs: 0, errorCode: code('GROUP_AUTHORIZATION_FAILED') };
    const c = coordinators(context);
    if (c === null) return { throttleTimeMs: 0, errorCode: code(NO_COORDINATOR) };
    const ref = { transactionalId: request.transactionalId, producerId: request.producerId, producerEpoch: request.producerEpoch };
    return coordinatorRequest(context, c, { api: 'AddOffsetsToTxn', brokerId: context.brokerId, ref, groupId: request.groupId }, (errorName): AddOffsetsToTxnResponse => ({ throttleTimeMs: 0, errorCode: code(producerFencedAs(errorName, context.apiVersion, 2)) }));
  },
});
