/**
 * SaslAuthenticate (key 36), versions 0-2; flexible from v2. One SASL token each way (KIP-152);
 * v1 adds the session lifetime the broker grants (KIP-368, connections.max.reauth.ms).
 */
import { api, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const saslAuthenticate = api(36, 'SaslAuthenticate',
  message('SaslAuthenticateRequest', '0-2', '2+', [
    field('authBytes', 'bytes', '0+'),
  ]),
  message('SaslAuthenticateResponse', '0-2', '2+', [
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullable: '0+' }),
    field('authBytes', 'bytes', '0+'),
    field('sessionLifetimeMs', 'int64', '1+', { default: 0 }),
  ]),
);

export type SaslAuthenticateRequest = DecodedRequest<typeof saslAuthenticate>;
export type SaslAuthenticateResponse = EncodableResponse<typeof saslAuthenticate>;
