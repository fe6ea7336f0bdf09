/**
 * AlterUserScramCredentials (key 51), version 0; flexible (KIP-554). Upsertions carry the salt and
 * the salted password (Hi(password, salt, iterations)) the client computed; deletions name a user
 * and mechanism. One result per user.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const alterUserScramCredentials = api(51, 'AlterUserScramCredentials',
  message('AlterUserScramCredentialsRequest', '0', '0+', [
    array('deletions', [
      field('name', 'string', '0+'),
      field('mechanism', 'int8', '0+'),
    ], '0+'),
    array('upsertions', [
      field('name', 'string', '0+'),
      field('mechanism', 'int8', '0+'),
      field('iterations', 'int32', '0+'),
      field('salt', 'bytes', '0+'),
      field('saltedPassword', 'bytes', '0+'),
    ], '0+'),
  ]),
  message('AlterUserScramCredentialsResponse', '0', '0+', [
    field('throttleTimeMs', 'int32', '0+'),
    array('results', [
      field('user', 'string', '0+'),
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullable: '0+' }),
    ], '0+'),
  ]),
);

export type AlterUserScramCredentialsRequest = DecodedRequest<typeof alterUserScramCredentials>;
export type AlterUserScramCredentialsResponse = EncodableResponse<typeof alterUserScramCredentials>;
