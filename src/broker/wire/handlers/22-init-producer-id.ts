// InitProducerId (key 22), versions 0-5: allocates a producerId/epoch for idempotent producers (KIP-98), or bumps the epoch of a known one (v3+, KIP-360).
// Transactional ids need the transaction coordinator (issue 4): until then they get INVALID_REQUEST, non-retriable, rather than a retriable error clients would loop on.
import { defineHandler } from '../handler';
import { code } from './common';

interface InitProducerIdRequest {
  transactionalId: string | null;
  transactionTimeoutMs: number;
  /** v3+: -1, or the current producerId to bump its epoch (KIP-360). */
  producerId: number;
  producerEpoch: number;
}

interface InitProducerIdResponse {
  throttleTimeMs: number;
  errorCode: number;
  producerId: number;
  producerEpoch: number;
}

export const initProducerIdHandler = defineHandler<InitProducerIdRequest, InitProducerIdResponse>({
  apiKey: 22,
  apiName: 'InitProducerId',
  advertised: { min: 0, max: 5 },
  handle(request, context) {
    const { cluster } = context.services;
    if (request.transactionalId) {
      // TODO(issue 4, transactions owner): pass through once the transaction coordinator serves FindCoordinator(TRANSACTION).
      return { throttleTimeMs: 0, errorCode: code('INVALID_REQUEST'), producerId: -1, producerEpoch: -1 };
    }
    const producerId = context.apiVersion >= 3 ? request.producerId : -1;
    const producerEpoch = context.apiVersion >= 3 ? request.producerEpoch : -1;
    const result = cluster.initProducerId(context.brokerId, request.transactionalId ?? null, producerId, producerEpoch);
    return {
      throttleTimeMs: 0,
      errorCode: code(result.errorName),
      producerId: result.errorName === 'NONE' ? result.producerId : -1,
      producerEpoch: result.errorName === 'NONE' ? result.producerEpoch : -1,
    };
  },
});
