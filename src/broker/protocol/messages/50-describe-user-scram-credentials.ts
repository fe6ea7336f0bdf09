/**
 * DescribeUserScramCredentials (key 50), version 0; flexible (KIP-554). Users null = every user
 * with a credential. Answers mechanisms and iterations only, never salts or keys.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const describeUserScramCredentials = api(50, 'DescribeUserScramCredentials',
  message('DescribeUserScramCredentialsRequest', '0', '0+', [
    array('users', [field('name', 'string', '0+')], '0+', { nullable: '0+' }),
  ]),
  message('DescribeUserScramCredentialsResponse', '0', '0+', [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullable: '0+' }),
    array('results', [
      field('user', 'string', '0+'),
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullable: '0+' }),
      array('credentialInfos', [
        field('mechanism', 'int8', '0+'),
        field('iterations', 'int32', '0+'),
      ], '0+'),
    ], '0+'),
  ]),
);

export type DescribeUserScramCredentialsRequest = DecodedRequest<typeof describeUserScramCredentials>;
export type DescribeUserScramCredentialsResponse = EncodableResponse<typeof describeUserScramCredentials>;
