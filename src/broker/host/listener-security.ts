/**
 * Turns the listener broker configs (cluster/config/listener-definitions.ts) into the wire
 * server's ListenerConfigs, as Kafka's KafkaConfig reads them: every `listeners` entry, its
 * protocol from `listener.security.protocol.map`, per-listener overrides under
 * `listener.name.<name in lower case>.` before the broker-wide value, its advertised host from
 * `advertised.listeners`, and TLS material from the given PEM files or the lab's own CA
 * (tls-files.ts). The checks and their wording are KafkaConfig.validateValues' and
 * SocketServerConfigs.listenerListToEndPoints' (listener-validation.ts).
 */
import type { SecurityProtocol } from '../cluster/security/principal';
import { DEFAULT_LISTENER_SECURITY_PROTOCOL_MAP } from '../cluster/config/listener-definitions';
import { SECURITY_PROTOCOLS, SUPPORTED_SASL_MECHANISMS, usesSasl, usesTls, type ListenerConfig, type SaslMechanism, type SslClientAuth } from '../wire/listener-config';
import { defaultTlsDir, ensureLabTls, readPemTls } from './tls-files';
import { ListenerConfigError, validateListenerSet } from './listener-validation';

export { ListenerConfigError } from './listener-validation';

export interface ResolvedListener {
  listener: ListenerConfig;
  /** Port given in `listeners` (0 = an ephemeral port per broker; N = N + brokerId - 1). The first listener takes the lab's --port instead. */
  configuredPort: number;
  /** CA file for clients' ssl.ca.location, or null without TLS. */
  caLocation: string | null;
  /** Host named by advertised.listeners for this listener, if any. */
  advertisedHost: string | null;
  /**
   * Port named by advertised.listeners for this listener (broker i is told to clients as this
   * port + i - 1, as ports in `listeners` count up per broker), or null when the entry gives none
   * (port 0) or there is no entry: clients are then told the bound port.
   */
  advertisedPort: number | null;
  /** connections.max.reauth.ms of this listener (KIP-368), 0 = sessions never expire. */
  reauthMs: number;
}

/** Every listener of a broker, in `listeners` order, and the listener Kafka would replicate over. */
export interface ResolvedListeners {
  /** At least one; the first is the lab's main listener (bootstrap=, the workbench, --port). */
  listeners: ResolvedListener[];
  /** inter.broker.listener.name, or the listener named after security.inter.broker.protocol; null when neither is set. */
  interBrokerListenerName: string | null;
}

/** `NAME://host:port` entries of listeners / advertised.listeners; names in upper case as Kafka's ListenerName.normalised. */
export function parseListenerList(value: string): { name: string; host: string; port: number }[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '').map((entry) => {
    const m = /^([A-Za-z0-9_]+):\/\/(\[[^\]]*\]|[^:/]*):(\d+)$/.exec(entry);
    if (!m) throw new ListenerConfigError(`listener "${entry}" is not NAME://host:port`);
    const port = Number(m[3]);
    if (port > 65535) throw new ListenerConfigError(`listener "${entry}": port ${port} is above 65535`);
    return { name: m[1]!.toUpperCase(), host: m[2]!.replace(/^\[|\]$/g, ''), port };
  });
}

/**
 * `NAME:PROTOCOL` pairs of listener.security.protocol.map. An unknown protocol is refused as
 * Kafka's SecurityProtocol.forName refuses it ("No enum constant …").
 */
export function parseProtocolMap(value: string): Map<string, SecurityProtocol> {
  const map = new Map<string, SecurityProtocol>();
  for (const entry of value.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const [name, protocol, extra] = entry.split(':');
    if (!name || !protocol || extra !== undefined) throw new ListenerConfigError(`listener.security.protocol.map entry "${entry}" is not NAME:PROTOCOL`);
    if (!(SECURITY_PROTOCOLS as string[]).includes(protocol.toUpperCase())) {
      throw new ListenerConfigError(`listener.security.protocol.map entry "${entry}": No enum constant org.apache.kafka.common.security.auth.SecurityProtocol.${protocol.toUpperCase()} (the protocols are ${SECURITY_PROTOCOLS.join(', ')})`);
    }
    map.set(name.toUpperCase(), protocol.toUpperCase() as SecurityProtocol);
  }
  return map;
}

/**
 * Every client listener from broker configs. `tlsDir`: where the lab keeps its CA (default
 * defaultTlsDir()); `advertisedHost`: the host a listener without an advertised.listeners entry
 * names. Throws ListenerConfigError with a sentence (Kafka's where Kafka has one) on a bad combination.
 */
export function resolveListeners(configs: Record<string, string>, options: { tlsDir?: string; advertisedHost: string }): ResolvedListeners {
  const listeners = parseListenerList(configs['listeners'] ?? 'PLAINTEXT://:9092');
  const protocolMap = parseProtocolMap(configs['listener.security.protocol.map'] ?? DEFAULT_LISTENER_SECURITY_PROTOCOL_MAP);
  const advertised = configs['advertised.listeners'] ? parseListenerList(configs['advertised.listeners']) : [];
  const interBrokerListenerName = validateListenerSet(configs, listeners, protocolMap, advertised);
  let labTlsHost: string | null = null;
  const resolved = listeners.map((entry) => {
    const advertisedEntry = advertised.find((l) => l.name === entry.name);
    const advertisedHost = advertisedEntry && advertisedEntry.host !== '' ? advertisedEntry.host : null;
    const advertisedPort = advertisedEntry && advertisedEntry.port > 0 ? advertisedEntry.port : null;
    // The lab's own broker certificate names one advertised host besides 127.0.0.1 and localhost.
    if (usesTls(protocolMap.get(entry.name)!)) labTlsHost ??= advertisedHost ?? options.advertisedHost;
    const one = resolveOne(entry.name, entry.port, protocolMap.get(entry.name)!, advertisedHost, configs, { tlsDir: options.tlsDir, tlsHost: labTlsHost ?? options.advertisedHost });
    // The entry's host is the address it binds (SocketServer); an empty one binds --broker-host (Kafka: every interface).
    return { ...one, listener: { ...one.listener, ...(entry.host !== '' ? { bindHost: entry.host } : {}) }, advertisedPort };
  });
  return { listeners: resolved, interBrokerListenerName };
}

function resolveOne(name: string, configuredPort: number, securityProtocol: SecurityProtocol, advertisedHost: string | null, configs: Record<string, string>, options: { tlsDir?: string; tlsHost: string }): Omit<ResolvedListener, 'advertisedPort'> {
  const prefixed = (config: string): string | undefined => configs[`listener.name.${name.toLowerCase()}.${config}`] ?? configs[config];
  const mechanisms = (prefixed('sasl.enabled.mechanisms') ?? SUPPORTED_SASL_MECHANISMS.join(',')).split(',').map((m) => m.trim()).filter((m) => m !== '');
  for (const m of mechanisms) if (!(SUPPORTED_SASL_MECHANISMS as readonly string[]).includes(m)) throw new ListenerConfigError(`listener ${name}: SASL mechanism ${m} is not served (sasl.enabled.mechanisms takes ${SUPPORTED_SASL_MECHANISMS.join(', ')})`);
  if (usesSasl(securityProtocol) && mechanisms.length === 0) throw new ListenerConfigError(`listener ${name} (${securityProtocol}) needs at least one SASL mechanism in sasl.enabled.mechanisms`);
  const sslClientAuth = (prefixed('ssl.client.auth') ?? 'none') as SslClientAuth;
  if (!['none', 'requested', 'required'].includes(sslClientAuth)) throw new ListenerConfigError(`listener ${name}: ssl.client.auth must be none, requested or required, got ${sslClientAuth}`);
  let tls: ListenerConfig['tls'];
  let caLocation: string | null = null;
  if (usesTls(securityProtocol)) {
    const keystore = prefixed('ssl.keystore.location');
    const truststore = prefixed('ssl.truststore.location');
    try {
      const material = keystore ? readPemTls(keystore, truststore ?? keystore) : ensureLabTls(options.tlsDir ?? defaultTlsDir(), options.tlsHost);
      tls = { key: material.key, cert: material.cert, ca: material.ca };
      caLocation = material.caLocation;
    } catch (err) {
      if (err instanceof ListenerConfigError) throw err;
      throw new ListenerConfigError(`TLS for listener ${name}: ${(err as Error).message}`);
    }
  }
  const configuredReauthMs = Number(prefixed('connections.max.reauth.ms') ?? '0');
  const reauthMs = Number.isFinite(configuredReauthMs) && configuredReauthMs > 0 ? configuredReauthMs : 0;
  return {
    listener: { name, securityProtocol, saslMechanisms: usesSasl(securityProtocol) ? (mechanisms as SaslMechanism[]) : [], sslClientAuth: usesTls(securityProtocol) ? sslClientAuth : 'none', ...(tls ? { tls } : {}), connectionsMaxReauthMs: reauthMs },
    configuredPort,
    caLocation,
    advertisedHost,
    reauthMs,
  };
}
