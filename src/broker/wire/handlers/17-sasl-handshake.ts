// SaslHandshake (key 17), versions 0-1. On a SASL listener the connection's authenticator answers it
// (sasl/authenticator.ts); here, on other listeners or after authentication, ILLEGAL_SASL_STATE as KafkaApis does.
import { saslHandshake } from '../../protocol';
import { defineHandler } from '../handler';
import { code } from './common';

export const saslHandshakeHandler = defineHandler(saslHandshake, {
  advertised: { min: 0, max: 1 },
  handle() {
    return { errorCode: code('ILLEGAL_SASL_STATE'), mechanisms: [] };
  },
});
