/**
 * One of Kafka's listeners as the wire server runs it: a name (`listeners` config), its security
 * protocol (`listener.security.protocol.map`), the SASL mechanisms it enables
 * (`sasl.enabled.mechanisms`, or `listener.name.<l>.sasl.enabled.mechanisms`), TLS material and
 * `ssl.client.auth` (KafkaConfig, SocketServer's per-listener ChannelBuilders).
 */
import type { SecurityProtocol } from '../cluster/security/principal';

export type SslClientAuth = 'none' | 'requested' | 'required';

/** SASL mechanisms the lab serves (Kafka's PLAIN and SCRAM; GSSAPI and OAUTHBEARER are not). */
export const SUPPORTED_SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export type SaslMechanism = (typeof SUPPORTED_SASL_MECHANISMS)[number];

export const SECURITY_PROTOCOLS: readonly SecurityProtocol[] = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'];

/** PEM texts of the broker's key, certificate chain and the CA that client certificates must chain to. */
export interface TlsMaterial {
  key: string;
  cert: string;
  ca: string;
}

export interface ListenerConfig {
  name: string;
  securityProtocol: SecurityProtocol;
  /** Enabled mechanisms, in order (SaslHandshake answers this list); empty without SASL. */
  saslMechanisms: SaslMechanism[];
  sslClientAuth: SslClientAuth;
  /** Required for SSL and SASL_SSL. */
  tls?: TlsMaterial;
  /** connections.max.reauth.ms of this listener (KIP-368; 0 = sessions never expire); absent → WireServerOptions.sasl.reauthMs. */
  connectionsMaxReauthMs?: number;
  /** The address this listener binds: the host part of its `listeners` entry; absent (an empty host) → WireServerOptions.host (--broker-host). */
  bindHost?: string;
}

export function usesTls(protocol: SecurityProtocol): boolean {
  return protocol === 'SSL' || protocol === 'SASL_SSL';
}

export function usesSasl(protocol: SecurityProtocol): boolean {
  return protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
}

/** The listener of a lab without security configs: Kafka's default PLAINTEXT listener. */
export const PLAINTEXT_LISTENER: ListenerConfig = { name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', saslMechanisms: [], sslClientAuth: 'none' };
