// SaslAuthenticate (key 36), versions 0-2. On a SASL listener during authentication the connection's
// authenticator answers it (sasl/authenticator.ts); anywhere else ILLEGAL_SASL_STATE, with KafkaApis' message.
import { saslAuthenticate } from '../../protocol';
import { defineHandler } from '../handler';
import { code } from './common';

export const saslAuthenticateHandler = defineHandler(saslAuthenticate, {
  advertised: { min: 0, max: 2 },
  handle() {
    return { errorCode: code('ILLEGAL_SASL_STATE'), errorMessage: 'SaslAuthenticate request received after successful authentication', authBytes: Buffer.alloc(0), sessionLifetimeMs: 0 };
  },
});
