// InitProducerId (key 22), versions 0-5: allocates a producerId/epoch for idempotent producers (KIP-98), or bumps the epoch of a known one (v3+, KIP-360).
// With a transactional.id (issue 4) the transaction coordinator answers once __transaction_state is replicated: epoch bump, fencing of the previous producer (PRODUCER_FENCED), CONCURRENT_TRANSACTIONS while it aborts.
import { initProducerId } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinatorRequest, coordinators, NO_COORDINATOR, producerFencedAs } from './group-common';

export const initProducerIdHandler = defineHandler(initProducerId, {
  advertised: { min: 0, max: 5 },
  handle(request, context) {
    const { cluster } = context.services;
    const producerId = context.apiVersion >= 3 ? request.producerId : -1;
    const producerEpoch = context.apiVersion >= 3 ? request.producerEpoch : -1;
    // Issue 16: WRITE on the transactional id; without one, IDEMPOTENT_WRITE on the cluster or WRITE on some topic (KIP-679).
    const authz = requestAuthorizer(context, 'InitProducerId');
    if (request.transactionalId ? !authz.transactionalId('WRITE', request.transactionalId) : !authz.mayWriteIdempotently()) {
      return { throttleTimeMs: 0, errorCode: code(request.transactionalId ? 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED' : 'CLUSTER_AUTHORIZATION_FAILED'), producerId: -1, producerEpoch: -1 };
    }
    if (request.transactionalId) {
      // Issue 4 (transactions): the coordinator of the transactional id, reached by FindCoordinator(keyType 1).
      const c = coordinators(context);
      if (c === null) return { throttleTimeMs: 0, errorCode: code(NO_COORDINATOR), producerId: -1, producerEpoch: -1 };
      const transactionalId = request.transactionalId;
      return coordinatorRequest(context, c, { api: 'InitProducerId', brokerId: context.brokerId, request: {
        transactionalId, transactionTimeoutMs: request.transactionTimeoutMs, producerId, producerEpoch,
      } }, (r) => ({ throttleTimeMs: 0, errorCode: code(producerFencedAs(r.errorName, context.apiVersion, 4)), producerId: r.errorName === 'NONE' ? r.producerId : -1, producerEpoch: r.errorName === 'NONE' ? r.producerEpoch : -1 }));
    }
    const result = cluster.initProducerId(context.brokerId, request.transactionalId ?? null, producerId, producerEpoch);
    return {
      throttleTimeMs: 0,
      errorCode: code(result.errorName),
      producerId: result.errorName === 'NONE' ? result.producerId : -1,
      producerEpoch: result.errorName === 'NONE' ? result.producerEpoch : -1,
    };
  },
});
