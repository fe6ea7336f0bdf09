/**
 * Issue 16: broker configs of listeners, TLS and SASL (Kafka's SocketServerConfigs,
 * BrokerSecurityConfigs, SslConfigs). They live in BROKER_CONFIGS so `--config` validates them
 * and DescribeConfigs lists them; all are static here (set at start), as listeners are in Kafka
 * unless reconfigured per listener. The host reads them to open the client listener
 * (src/broker/host/listener-security.ts); per-listener overrides use Kafka's prefix
 * `listener.name.<listener name in lower case>.<config>`.
 *
 * One lab default differs on purpose: sasl.enabled.mechanisms. Kafka's is GSSAPI (Kerberos),
 * which the lab does not serve; the lab enables the mechanisms it serves.
 */
import type { ConfigDef } from './definitions';

/** Kafka's default listener.security.protocol.map (every protocol name maps to itself). */
export const DEFAULT_LISTENER_SECURITY_PROTOCOL_MAP = 'PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL';

export const LISTENER_BROKER_CONFIGS: ConfigDef[] = [
  { name: 'listeners', type: 'string', defaultValue: 'PLAINTEXT://:9092', staticOnly: true, documentation: 'The client listener, NAME://host:port. Its host and port are the lab\'s (--broker-host, --port); its name picks the security protocol through listener.security.protocol.map. One listener per broker is served.' },
  { name: 'advertised.listeners', type: 'string', defaultValue: null, staticOnly: true, documentation: 'Endpoints clients are told to connect to, NAME://host:port; the host replaces --advertised-host (the port stays the lab\'s).' },
  { name: 'listener.security.protocol.map', type: 'string', defaultValue: DEFAULT_LISTENER_SECURITY_PROTOCOL_MAP, staticOnly: true, documentation: 'Listener name to security protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.' },
  { name: 'inter.broker.listener.name', type: 'string', defaultValue: null, staticOnly: true, documentation: 'Listener for replication between brokers. Replication is simulated inside the model, so it only names which listener Kafka would use.' },
  { name: 'sasl.enabled.mechanisms', type: 'list', defaultValue: 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512', validValues: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'], staticOnly: true, documentation: 'SASL mechanisms a SASL listener accepts, in the order SaslHandshake lists them. Kafka\'s default is GSSAPI, which the lab does not serve.' },
  { name: 'ssl.client.auth', type: 'string', defaultValue: 'none', validValues: ['none', 'requested', 'required'], staticOnly: true, documentation: 'Client certificates on SSL listeners: required refuses clients without one signed by the CA; the principal is then User:<certificate DN>.' },
  { name: 'connections.max.reauth.ms', type: 'long', defaultValue: '0', min: 0, staticOnly: true, documentation: 'Lifetime of a SASL session (KIP-368): clients re-authenticate before it ends; a connection whose session expired is closed on its next request. 0: sessions never expire.' },
  { name: 'ssl.keystore.type', type: 'string', defaultValue: 'PEM', validValues: ['PEM'], staticOnly: true, documentation: 'Only PEM files are read (Kafka\'s default is JKS).' },
  { name: 'ssl.keystore.location', type: 'string', defaultValue: null, staticOnly: true, documentation: 'PEM file with the brokers\' private key and certificate chain. Unset: the lab makes its own CA and broker certificate.' },
  { name: 'ssl.truststore.type', type: 'string', defaultValue: 'PEM', validValues: ['PEM'], staticOnly: true, documentation: 'Only PEM files are read.' },
  { name: 'ssl.truststore.location', type: 'string', defaultValue: null, staticOnly: true, documentation: 'PEM file of the CA that client certificates must chain to (with ssl.keystore.location).' },
  { name: 'ssl.principal.mapping.rules', type: 'string', defaultValue: 'DEFAULT', validValues: ['DEFAULT'], staticOnly: true, documentation: 'Only DEFAULT: the principal of a client certificate is its distinguished name.' },
];
