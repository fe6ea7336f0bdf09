/**
 * InitProducerId (key 22), versions 0-5; flexible from v2. Allocates a producer id and epoch for
 * an idempotent producer (transactionalId null) or fences and bumps a transactional one.
 * v3+ lets a producer bump its own epoch after an error by sending its current id/epoch (KIP-360).
 */
import { api, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const initProducerId = api(22, 'InitProducerId',
  message('InitProducerIdRequest', '0-5', '2+', [
    field('transactionalId', 'string', '0+', { nullable: '0+' }),
    field('transactionTimeoutMs', 'int32', '0+'),
    field('producerId', 'int64', '3+', { default: -1 }),
    field('producerEpoch', 'int16', '3+', { default: -1 }),
  ]),
  message('InitProducerIdResponse', '0-5', '2+', [
    field('throttleTimeMs', 'int32', '0+', { ignorable: true }),
    field('errorCode', 'int16', '0+'),
    field('producerId', 'int64', '0+', { default: -1 }),
    field('producerEpoch', 'int16', '0+'),
  ]),
);

export type InitProducerIdRequest = DecodedRequest<typeof initProducerId>;
export type InitProducerIdResponse = EncodableResponse<typeof initProducerId>;
