// EndTxn (key 26), versions 0-3: commits or aborts the producer's transaction; answered once PrepareCommit/PrepareAbort is replicated, the markers follow (KIP-98).
// v4+ (KIP-890 transactions v2) is not advertised. Errors: PRODUCER_FENCED, INVALID_PRODUCER_ID_MAPPING, CONCURRENT_TRANSACTIONS, INVALID_TXN_STATE, NOT_COORDINATOR.
import { endTxn, type EndTxnResponse } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinatorRequest, coordinators, NO_COORDINATOR, producerFencedAs } from './group-common';

export const endTxnHandler = defineHandler(endTxn, {
  advertised: { min: 0, max: 3 },
  handle(request, context) {
    // Issue 16: WRITE on the transactional id (KafkaApis.handleEndTxnRequest).
    if (!requestAuthorizer(context, 'EndTxn').transactionalId('WRITE', request.transactionalId)) return { throttleTimeMs: 0, errorCode: code('TRANSACTIONAL_ID_AUTHORIZATION_FAILED') };
    const c = coordinators(context);
    if (c === null) return { throttleTimeMs: 0, errorCode: code(NO_COORDINATOR) };
    const ref = { transactionalId: request.transactionalId, producerId: request.producerId, producerEpoch: request.producerEpoch };
    return coordinatorRequest(context, c, { api: 'EndTxn', brokerId: context.brokerId, ref, committed: request.committed }, (errorName): EndTxnResponse => ({ throttleTimeMs: 0, errorCode: code(producerFencedAs(errorName, context.apiVersion, 2)) }));
  },
});
