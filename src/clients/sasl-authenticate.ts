/**
 * Client side of SASL on a Kafka connection, as Kafka's SaslClientAuthenticator does it after
 * ApiVersions: SaslHandshake v1 names the mechanism (KIP-43; UNSUPPORTED_SASL_MECHANISM lists the
 * listener's), then the tokens travel in SaslAuthenticate requests (KIP-152). A refused
 * credential is SASL_AUTHENTICATION_FAILED with the broker's message.
 * Mechanisms: PLAIN (RFC 4616: authzid NUL user NUL password, empty authzid) and SCRAM-SHA-256/512.
 */
import { errorCode as codeOf, type SaslAuthenticateResponse, type SaslHandshakeResponse } from '../broker/protocol';
import type { SaslSettings } from '../shared/connection-profile';
import { KafkaClientError, KafkaResponseError } from './errors';
import type { KafkaConnection } from './kafka-connection';
import { ScramClient, ScramClientError } from './scram-client';

const SASL_HANDSHAKE = 17;
const SASL_AUTHENTICATE = 36;
const UNSUPPORTED_SASL_MECHANISM = codeOf('UNSUPPORTED_SASL_MECHANISM');

/**
 * Authenticates `connection` (ApiVersions already negotiated). Resolves with the session
 * lifetime the broker grants, ms (0 = unlimited; KIP-368). Throws KafkaClientError('sasl').
 */
export async function authenticateSasl(connection: KafkaConnection, sasl: SaslSettings): Promise<{ sessionLifetimeMs: number }> {
  let authenticateVersion: number;
  try {
    if (connection.versionFor(SASL_HANDSHAKE, 1) < 1) throw new Error('SaslHandshake v0 only');
    authenticateVersion = connection.versionFor(SASL_AUTHENTICATE);
  } catch {
    throw new KafkaClientError('sasl', `${connection.label} does not serve SaslHandshake v1 and SaslAuthenticate (Kafka 1.0+, KIP-152): is the listener SASL?`, 'UNSUPPORTED_VERSION');
  }
  const handshake = await connection.send<SaslHandshakeResponse>(SASL_HANDSHAKE, { mechanism: sasl.mechanism }, { version: 1 }).catch((e: Error) => {
    throw new KafkaClientError('sasl', `SaslHandshake: ${e.message}`, (e as KafkaClientError).code);
  });
  if (handshake.body.errorCode === UNSUPPORTED_SASL_MECHANISM) {
    throw new KafkaResponseError('sasl', handshake.body.errorCode, `the listener does not enable ${sasl.mechanism}; it enables ${handshake.body.mechanisms.join(', ') || 'none'}`);
  }
  if (handshake.body.errorCode !== 0) throw new KafkaResponseError('sasl', handshake.body.errorCode, null);
  const lifetime = { sessionLifetimeMs: 0 };
  const send = async (token: Buffer) => {
    const { body } = await connection.send<SaslAuthenticateResponse>(SASL_AUTHENTICATE, { authBytes: token }, { version: authenticateVersion });
    if (body.errorCode !== 0) throw new KafkaResponseError('sasl', body.errorCode, body.errorMessage);
    lifetime.sessionLifetimeMs = body.sessionLifetimeMs ?? 0;
    // The codec decodes bytes as Buffer views; the schema types them as Uint8Array.
    return Buffer.isBuffer(body.authBytes) ? body.authBytes : Buffer.from(body.authBytes);
  };
  try {
    if (sasl.mechanism === 'PLAIN') {
      await send(Buffer.from(`\u0000${sasl.username}\u0000${sasl.password}`, 'utf8'));
    } else {
      const scram = new ScramClient(sasl.mechanism, sasl.username, sasl.password);
      const serverFirst = await send(scram.first());
      const serverFinal = await send(await scram.final(serverFirst));
      scram.verifyServerFinal(serverFinal);
    }
  } catch (e) {
    if (e instanceof KafkaClientError && e.step === 'sasl') throw e;
    if (e instanceof ScramClientError) throw new KafkaClientError('sasl', e.message, 'SASL_AUTHENTICATION_FAILED');
    throw new KafkaClientError('sasl', `SaslAuthenticate: ${(e as Error).message}`, (e as KafkaClientError).code);
  }
  return lifetime;
}
