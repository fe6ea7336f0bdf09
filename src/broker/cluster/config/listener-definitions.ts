/**
 * Issue 16: broker configs of listeners, TLS and SASL (Kafka's SocketServerConfigs,
 * BrokerSecurityConfigs, SslConfigs). They live in BROKER_CONFIGS so `--config` validates them
 * and DescribeConfigs lists them; all are static here (set at start), as listeners are in Kafka
 * unless reconfigured per listener. The host reads them to open the client listeners
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
  { name: 'listeners', type: 'string', defaultValue: 'PLAINTEXT://:9092', staticOnly: true, documentation: 'The client listeners, NAME://host:port,…, each on its own port with its own security protocol (listener.security.protocol.map). Every listener binds the lab\'s host (--broker-host). The first takes the lab\'s ports (--port); the others their own: port 0 gives each broker an ephemeral port, port P gives broker i port P+i-1. Metadata on a listener names that listener\'s ports.' },
  { name: 'advertised.listeners', type: 'string', defaultValue: null, staticOnly: true, documentation: 'Endpoints clients are told to connect to, NAME://host:port, per listener; the host replaces --advertised-host for that listener (the port stays the bound one). Names must be among listeners.' },
  { name: 'listener.security.protocol.map', type: 'string', defaultValue: DEFAULT_LISTENER_SECURITY_PROTOCOL_MAP, staticOnly: true, documentation: 'Listener name to security protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.' },
  { name: 'inter.broker.listener.name', type: 'string', defaultValue: null, staticOnly: true, documentation: 'Listener for replication between brokers. Replication is simulated inside the model, so it only names which listener Kafka would use.' },
  { name: 'security.inter.broker.protocol', type: 'string', defaultValue: 'PLAINTEXT', validValues: ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'], staticOnly: true, documentation: 'Instead of inter.broker.listener.name (not both): replicate over the listener named after this protocol, which must be among the listeners when set. Replication is simulated inside the model.' },
  { name: 'control.plane.listener.name', type: 'string', defaultValue: null, staticOnly: true, documentation: 'ZooKeeper-mode only: a KRaft broker refuses it ("control.plane.listener.name is not supported in KRaft mode."), as the lab does.' },
  { name: 'sasl.enabled.mechanisms', type: 'list', defaultValue: 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512', validValues: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'], staticOnly: true, documentation: 'SASL mechanisms a SASL listener accepts, in the order SaslHandshake lists them. Kafka\'s default is GSSAPI, which the lab does not serve.' },
  { name: 'ssl.client.auth', type: 'string', defaultValue: 'none', validValues: ['none', 'requested', 'required'], staticOnly: true, documentation: 'Client certificates on SSL listeners: required refuses clients without one signed by the CA; the principal is then User:<certificate DN>.' },
  { name: 'connections.max.reauth.ms', type: 'long', defaultValue: '0', min: 0, staticOnly: true, documentation: 'Lifetime of a SASL session (KIP-368): clients re-authenticate before it ends; a connection whose session expired is closed on its next request. 0: sessions never expire.' },
  { name: 'ssl.keystore.type', type: 'string', defaultValue: 'PEM', validValues: ['PEM'], staticOnly: true, documentation: 'Only PEM files are read (Kafka\'s default is JKS).' },
  { name: 'ssl.keystore.location', type: 'string', defaultValue: null, staticOnly: true, documentation: 'PEM file with the brokers\' private key and certificate chain. Unset: the lab makes its own CA and broker certificate.' },
  { name: 'ssl.truststore.type', type: 'string', defaultValue: 'PEM', validValues: ['PEM'], staticOnly: true, documentation: 'Only PEM files are read.' },
  { name: 'ssl.truststore.location', type: 'string', defaultValue: null, staticOnly: true, documentation: 'PEM file of the CA that client certificates must chain to (with ssl.keystore.location).' },
  { name: 'ssl.principal.mapping.rules', type: 'string', defaultValue: 'DEFAULT', validValues: ['DEFAULT'], staticOnly: true, documentation: 'Only DEFAULT: the principal of a client certificate is its distinguished name.' },
];

const LISTENER_CONFIG_NAMES = new Set(LISTENER_BROKER_CONFIGS.map((d) => d.name));

/**
 * The listener and security entries of `configs` (the names above and `listener.name.<l>.…`):
 * what a new cluster replacing this one keeps, as it keeps its host and ports, so "New cluster…"
 * on a SASL_SSL lab never comes back as PLAINTEXT.
 */
export function listenerConfigsOf(configs: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(configs ?? {}).filter(([name]) => LISTENER_CONFIG_NAMES.has(name) || name.startsWith('listener.name.')));
}
