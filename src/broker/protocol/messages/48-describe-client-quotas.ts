/**
 * DescribeClientQuotas (key 48), versions 0-1; flexible from v1 (KIP-546). Filter components
 * (entityType `user` / `client-id`, matchType 0 exact, 1 default entity, 2 any) and strict; answers
 * each matching entity with its quota values (float64). Errors: CLUSTER_AUTHORIZATION_FAILED
 * (DESCRIBE_CONFIGS on the cluster), INVALID_REQUEST.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const describeClientQuotas = api(48, 'DescribeClientQuotas',
  message('DescribeClientQuotasRequest', '0-1', '1+', [
    array('components', [
      field('entityType', 'string', '0+'),
      field('matchType', 'int8', '0+'),
      field('match', 'string', '0+', { nullable: '0+' }),
    ], '0+'),
    field('strict', 'bool', '0+'),
  ]),
  message('DescribeClientQuotasResponse', '0-1', '1+', [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullable: '0+' }),
    array('entries', [
      array('entity', [
        field('entityType', 'string', '0+'),
        field('entityName', 'string', '0+', { nullable: '0+' }),
      ], '0+'),
      array('values', [
        field('key', 'string', '0+'),
        field('value', 'float64', '0+'),
      ], '0+'),
    ], '0+', { nullable: '0+' }),
  ]),
);

export type DescribeClientQuotasRequest = DecodedRequest<typeof describeClientQuotas>;
export type DescribeClientQuotasResponse = EncodableResponse<typeof describeClientQuotas>;
