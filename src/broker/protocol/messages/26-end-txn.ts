/**
 * EndTxn (key 26), versions 0-3; flexible from v3. Commits (committed = true) or aborts the
 * producer's transaction: the coordinator writes control markers to every partition in it.
 * v4+ (KIP-890 transactions v2) is not modelled. Errors: INVALID_PRODUCER_ID_MAPPING,
 * INVALID_PRODUCER_EPOCH, PRODUCER_FENCED, CONCURRENT_TRANSACTIONS, INVALID_TXN_STATE.
 */
import { api, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const endTxn = api(26, 'EndTxn',
  message('EndTxnRequest', '0-3', '3+', [
    field('transactionalId', 'string', '0+'),
    field('producerId', 'int64', '0+'),
    field('producerEpoch', 'int16', '0+'),
    field('committed', 'bool', '0+'),
  ]),
  message('EndTxnResponse', '0-3', '3+', [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
  ]),
);

export type EndTxnRequest = DecodedRequest<typeof endTxn>;
export type EndTxnResponse = EncodableResponse<typeof endTxn>;
