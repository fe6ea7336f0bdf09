/**
 * Issue 16: the security flags both CLIs take (`kafka-lab broker`, serve mode):
 * --security-protocol, --sasl-mechanism, --user (repeatable), --ssl-dir and
 * --allow-unauthenticated-brokers. Flags become Kafka's broker configs (`listeners`,
 * `sasl.enabled.mechanisms`), so `--config` entries say the same thing and the two are checked
 * against each other.
 */
import type { SecurityProtocol } from '../cluster/security/principal';
import { SECURITY_PROTOCOLS, SUPPORTED_SASL_MECHANISMS } from '../wire/listener-config';
import { ListenerConfigError, parseListenerList, parseProtocolMap } from './listener-security';
import { DEFAULT_LISTENER_SECURITY_PROTOCOL_MAP } from '../cluster/config/listener-definitions';

export const SECURITY_USAGE = `  --security-protocol <p>    security protocol of the client listener: PLAINTEXT (default), SSL,
                             SASL_PLAINTEXT or SASL_SSL (sets listeners=<p>://:port; or give
                             listeners / listener.security.protocol.map with --config, which
                             also open several listeners per broker, each on its own port)
  --sasl-mechanism <m>       SASL mechanism the listener enables: PLAIN, SCRAM-SHA-256 or
                             SCRAM-SHA-512 (default: all three; sasl.enabled.mechanisms)
  --user <name:password>     a SASL user, repeatable; stored as salted SCRAM-SHA-256 and -512
                             credentials (4096 iterations), which PLAIN also checks against
  --ssl-dir <dir>            where the lab's CA and broker certificate are kept (made on first use;
                             default: tls/ in the settings folder, ~/.config/kafka-lab/tls).
                             Own PEM files: --config ssl.keystore.location=<key+cert PEM>
                             --config ssl.truststore.location=<CA PEM>; mTLS: --config ssl.client.auth=required
  --allow-unauthenticated-brokers
                             let --broker-host 0.0.0.0 open a listener without SASL (anyone on the
                             network may then create and delete topics and read every record)`;

export const SECURITY_ARG_OPTIONS = {
  'security-protocol': { type: 'string' },
  'sasl-mechanism': { type: 'string' },
  user: { type: 'string', multiple: true },
  'ssl-dir': { type: 'string' },
  'allow-unauthenticated-brokers': { type: 'boolean' },
} as const;

export interface SecurityArgValues {
  'security-protocol'?: string;
  'sasl-mechanism'?: string;
  user?: string[];
  'ssl-dir'?: string;
  'allow-unauthenticated-brokers'?: boolean;
}

export interface SecurityArgs {
  users: { name: string; password: string }[];
  tlsDir?: string;
  /** The first listener's security protocol (its bootstrap is the ready line's bootstrap=). */
  securityProtocol: SecurityProtocol;
  /** Issue 16: every listener's security protocol, in `listeners` order. */
  securityProtocols: SecurityProtocol[];
}

/**
 * Applies the flags to `brokerConfig` (adds listeners / sasl.enabled.mechanisms) and checks the
 * workshop rule: brokers bound to every interface need a SASL listener unless explicitly allowed.
 * @throws Error with a sentence for the user.
 */
/** 127.0.0.0/8 and ::1: addresses only this machine reaches. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|\[::1\])$/;

export function applySecurityArgs(values: SecurityArgValues, brokerConfig: Record<string, string>, listenHost: string | undefined): SecurityArgs {
  const protocolFlag = values['security-protocol']?.toUpperCase();
  if (protocolFlag !== undefined && !(SECURITY_PROTOCOLS as string[]).includes(protocolFlag)) throw new Error(`--security-protocol must be one of ${SECURITY_PROTOCOLS.join(', ')}, got "${values['security-protocol']}"`);
  if (protocolFlag !== undefined) {
    if (brokerConfig['listeners'] !== undefined) throw new Error('give the listener either with --security-protocol or with --config listeners=…, not both');
    brokerConfig['listeners'] = `${protocolFlag}://:0`;
  }
  const mechanism = values['sasl-mechanism']?.toUpperCase();
  if (mechanism !== undefined) {
    if (!(SUPPORTED_SASL_MECHANISMS as readonly string[]).includes(mechanism)) throw new Error(`--sasl-mechanism must be one of ${SUPPORTED_SASL_MECHANISMS.join(', ')}, got "${values['sasl-mechanism']}"`);
    if (brokerConfig['sasl.enabled.mechanisms'] !== undefined) throw new Error('give the mechanism either with --sasl-mechanism or with --config sasl.enabled.mechanisms=…, not both');
    brokerConfig['sasl.enabled.mechanisms'] = mechanism;
  }
  let securityProtocols: SecurityProtocol[];
  let entries: { name: string; host: string }[];
  try {
    const map = parseProtocolMap(brokerConfig['listener.security.protocol.map'] ?? DEFAULT_LISTENER_SECURITY_PROTOCOL_MAP);
    // A listener missing from the map is reported by the host with Kafka's wording (listener-validation.ts).
    entries = parseListenerList(brokerConfig['listeners'] ?? 'PLAINTEXT://:9092');
    securityProtocols = entries.map((l) => map.get(l.name) ?? 'PLAINTEXT');
  } catch (err) {
    throw new Error((err as ListenerConfigError).message, { cause: err });
  }
  const securityProtocol = securityProtocols[0] ?? 'PLAINTEXT';
  if (mechanism !== undefined && !securityProtocols.some((p) => p.startsWith('SASL_'))) throw new Error(`--sasl-mechanism needs a SASL listener (--security-protocol SASL_PLAINTEXT or SASL_SSL), the listener is ${securityProtocol}`);
  const users = (values.user ?? []).map((entry) => {
    const colon = entry.indexOf(':');
    if (colon <= 0 || colon === entry.length - 1) throw new Error(`--user expects name:password, got "${entry}"`);
    return { name: entry.slice(0, colon), password: entry.slice(colon + 1) };
  });
  // A listener binds its own host (listeners=NAME://host:port) or, without one, --broker-host: one
  // without SASL on an address other machines reach opens the cluster to the room.
  const reachable = (host: string): boolean => !LOOPBACK.test(host) && host !== 'localhost';
  const openAt = entries.map((e, i) => ({ protocol: securityProtocols[i]!, host: e.host !== '' ? e.host : (listenHost ?? '127.0.0.1') }))
    .find((l) => !l.protocol.startsWith('SASL_') && reachable(l.host));
  if (openAt !== undefined && !values['allow-unauthenticated-brokers']) {
    const where = openAt.host === listenHost ? `--broker-host ${listenHost}` : `listeners (${openAt.host})`;
    throw new Error(`${where} would put a ${openAt.protocol} listener on the room's network: anyone there could delete topics and read every record. ` +
      'Use --security-protocol SASL_SSL (or SASL_PLAINTEXT) with --user name:password, or add --allow-unauthenticated-brokers if that is what you want');
  }
  return { users, securityProtocol, securityProtocols, ...(values['ssl-dir'] !== undefined ? { tlsDir: values['ssl-dir'] } : {}) };
}
