/**
 * AlterClientQuotas (key 49), versions 0-1; flexible from v1 (KIP-546). Per entity: set (value) or
 * remove quota keys; validateOnly checks without applying. Errors per entity:
 * CLUSTER_AUTHORIZATION_FAILED (ALTER_CONFIGS on the cluster), INVALID_REQUEST.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const alterClientQuotas = api(49, 'AlterClientQuotas',
  message('AlterClientQuotasRequest', '0-1', '1+', [
    array('entries', [
      array('entity', [
        field('entityType', 'string', '0+'),
        field('entityName', 'string', '0+', { nullable: '0+' }),
      ], '0+'),
      array('ops', [
        field('key', 'string', '0+'),
        field('value', 'float64', '0+'),
        field('remove', 'bool', '0+'),
      ], '0+'),
    ], '0+'),
    field('validateOnly', 'bool', '0+'),
  ]),
  message('AlterClientQuotasResponse', '0-1', '1+', [
    field('throttleTimeMs', 'int32', '0+'),
    array('entries', [
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullable: '0+' }),
      array('entity', [
        field('entityType', 'string', '0+'),
        field('entityName', 'string', '0+', { nullable: '0+' }),
      ], '0+'),
    ], '0+'),
  ]),
);

export type AlterClientQuotasRequest = DecodedRequest<typeof alterClientQuotas>;
export type AlterClientQuotasResponse = EncodableResponse<typeof alterClientQuotas>;
