/**
 * SaslHandshake (key 17), versions 0-1; never flexible. The client names the SASL mechanism it
 * wants; the broker answers with the mechanisms its listener enables (sasl.enabled.mechanisms).
 * After v0 the tokens that follow are raw size-prefixed frames; after v1 they travel inside
 * SaslAuthenticate (36) requests (KIP-152).
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const saslHandshake = api(17, 'SaslHandshake',
  message('SaslHandshakeRequest', '0-1', 'none', [
    field('mechanism', 'string', '0+'),
  ]),
  message('SaslHandshakeResponse', '0-1', 'none', [
    field('errorCode', 'int16', '0+'),
    array('mechanisms', 'string', '0+'),
  ]),
);

export type SaslHandshakeRequest = DecodedRequest<typeof saslHandshake>;
export type SaslHandshakeResponse = EncodableResponse<typeof saslHandshake>;
