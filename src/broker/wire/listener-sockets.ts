/**
 * Issue 16: the socket side of one listener, as Kafka's SocketServer builds a ChannelBuilder per
 * listener: a plain TCP server or a TLS one (node:tls) by the listener's security protocol, and
 * the security a new connection starts with (DefaultKafkaPrincipalBuilder).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { ANONYMOUS_PRINCIPAL, type ConnectionSecurity, type KafkaPrincipal } from '../cluster/security/principal';
import { usesTls, type ListenerConfig } from './listener-config';
import { principalFromCertificateSubject } from './tls-principal';

/**
 * A plain TCP server, or a TLS one for SSL and SASL_SSL listeners: connections are accepted once
 * the TLS handshake is done; ssl.client.auth=required refuses clients without a certificate
 * signed by the CA, requested asks for one and accepts clients without. A failed handshake
 * (plaintext bytes on a TLS port, no client certificate under required) ends that socket only and
 * is passed to `onHandshakeFailed`.
 * @throws Error when a TLS listener has no key and certificate.
 */
export function createListenerServer(config: ListenerConfig, onSocket: (socket: Socket) => void, onHandshakeFailed: (err: Error) => void): Server {
  if (!usesTls(config.securityProtocol)) return createServer({ noDelay: true }, onSocket);
  if (!config.tls) throw new Error(`listener ${config.name} (${config.securityProtocol}) needs a key and certificate`);
  const server = createTlsServer({
    key: config.tls.key,
    cert: config.tls.cert,
    ca: config.tls.ca,
    requestCert: config.sslClientAuth !== 'none',
    rejectUnauthorized: config.sslClientAuth === 'required',
    // Kafka's default ssl.enabled.protocols: TLSv1.2,TLSv1.3.
    minVersion: 'TLSv1.2',
    handshakeTimeout: 10_000,
  }, onSocket);
  server.on('tlsClientError', onHandshakeFailed);
  return server;
}

/**
 * The connection's listener, security protocol and principal before any SASL exchange (Kafka's
 * DefaultKafkaPrincipalBuilder): the client certificate's DN on SSL with a verified client
 * certificate, else User:ANONYMOUS (until SASL authenticates on a SASL listener).
 */
export function initialSecurity(config: ListenerConfig, socket: Socket): ConnectionSecurity {
  let principal: KafkaPrincipal = ANONYMOUS_PRINCIPAL;
  if (config.securityProtocol === 'SSL') {
    const tlsSocket = socket as TLSSocket;
    const subject = tlsSocket.authorized ? tlsSocket.getPeerX509Certificate?.()?.subject : undefined;
    if (subject) principal = { principalType: 'User', name: principalFromCertificateSubject(subject) };
  }
  return { listenerName: config.name, securityProtocol: config.securityProtocol, principal, saslMechanism: null };
}
