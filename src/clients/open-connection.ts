/**
 * Opens an authenticated connection to one broker, in the order of Kafka's clients: TCP connect,
 * TLS handshake (SSL, SASL_SSL), ApiVersions (sent before SASL, as SaslClientAuthenticator does),
 * SASL (SASL_PLAINTEXT, SASL_SSL). Each failure is a KafkaClientError naming its step.
 */
import type * as net from 'node:net';
import type { ConnectionSettings } from '../shared/connection-profile';
import { KafkaClientError } from './errors';
import { KafkaConnection } from './kafka-connection';
import { authenticateSasl } from './sasl-authenticate';
import { connectTcp, formatAddress, startTls, type BrokerAddress } from './socket-setup';

/** socket.connection.setup.timeout.ms default (KIP-601). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** request.timeout.ms default of Kafka's admin client and consumer. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export const usesTls = (s: ConnectionSettings) => s.securityProtocol === 'SSL' || s.securityProtocol === 'SASL_SSL';
export const usesSasl = (s: ConnectionSettings) => s.securityProtocol === 'SASL_PLAINTEXT' || s.securityProtocol === 'SASL_SSL';

/** Wraps a failure of `step` so it names the step (errors from send() say 'request'). */
export function atStep<T>(step: KafkaClientError['step'], work: Promise<T>): Promise<T> {
  return work.catch((e: Error) => {
    if (e instanceof KafkaClientError && e.step !== 'request') throw e;
    throw new KafkaClientError(step, e.message, (e as KafkaClientError).code);
  });
}

/** The connection, once its socket is up: ApiVersions then SASL. Closes it on failure. */
export async function handshakeConnection(connection: KafkaConnection, settings: ConnectionSettings): Promise<KafkaConnection> {
  try {
    await atStep('apiVersions', connection.negotiateApiVersions());
    if (usesSasl(settings)) {
      if (!settings.sasl) throw new KafkaClientError('sasl', `${settings.securityProtocol} needs a SASL mechanism, user name and password`);
      await authenticateSasl(connection, settings.sasl);
    }
    return connection;
  } catch (e) {
    connection.close();
    throw e;
  }
}

export async function openConnection(address: BrokerAddress, settings: ConnectionSettings, clientId: string): Promise<KafkaConnection> {
  const connectTimeoutMs = settings.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  let socket: net.Socket = await connectTcp(address, connectTimeoutMs);
  if (usesTls(settings)) socket = await startTls(socket, address.host, settings.tls, connectTimeoutMs);
  const connection = new KafkaConnection(socket, formatAddress(address), { clientId, requestTimeoutMs: settings.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS });
  return handshakeConnection(connection, settings);
}
