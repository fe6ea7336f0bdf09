/**
 * Turns the listener broker configs (cluster/config/listener-definitions.ts) into the wire
 * server's ListenerConfig, as KafkaConfig reads them: the first `listeners` entry's name, its
 * protocol from `listener.security.protocol.map`, per-listener overrides under
 * `listener.name.<name in lower case>.` before the broker-wide value, and TLS material from the
 * given PEM files or the lab's own CA (tls-files.ts).
 */
import type { SecurityProtocol } from '../cluster/security/principal';
import { DEFAULT_LISTENER_SECURITY_PROTOCOL_MAP } from '../cluster/config/listener-definitions';
import { SECURITY_PROTOCOLS, SUPPORTED_SASL_MECHANISMS, usesSasl, usesTls, type ListenerConfig, type SaslMechanism, type SslClientAuth } from '../wire/listener-config';
import { defaultTlsDir, ensureLabTls, readPemTls } from './tls-files';

/** A listener that cannot be opened as configured; the CLI prints it as a usage error. */
export class ListenerConfigError extends Error {}

export interface ResolvedListener {
  listener: ListenerConfig;
  /** CA file for clients' ssl.ca.location, or null without TLS. */
  caLocation: string | null;
  /** Host named by advertised.listeners for this listener, if any. */
  advertisedHost: string | null;
  reauthMs: number;
}

/** `NAME://host:port` entries of listeners / advertised.listeners. */
export function parseListenerList(value: string): { name: string; host: string; port: number }[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '').map((entry) => {
    const m = /^([A-Za-z0-9_]+):\/\/(\[[^\]]*\]|[^:/]*):(\d+)$/.exec(entry);
    if (!m) throw new ListenerConfigError(`listener "${entry}" is not NAME://host:port`);
    return { name: m[1]!.toUpperCase(), host: m[2]!.replace(/^\[|\]$/g, ''), port: Number(m[3]) };
  });
}

export function parseProtocolMap(value: string): Map<string, SecurityProtocol> {
  const map = new Map<string, SecurityProtocol>();
  for (const entry of value.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const [name, protocol] = entry.split(':');
    if (!name || !protocol || !(SECURITY_PROTOCOLS as string[]).includes(protocol.toUpperCase())) {
      throw new ListenerConfigError(`listener.security.protocol.map entry "${entry}" is not NAME:PROTOCOL with PROTOCOL one of ${SECURITY_PROTOCOLS.join(', ')}`);
    }
    map.set(name.toUpperCase(), protocol.toUpperCase() as SecurityProtocol);
  }
  return map;
}

/**
 * The client listener from broker configs. `tlsDir`: where the lab keeps its CA (default
 * defaultTlsDir()). Throws ListenerConfigError with a sentence on a bad combination.
 */
export function resolveListener(configs: Record<string, string>, options: { tlsDir?: string; advertisedHost: string }): ResolvedListener {
  const listeners = parseListenerList(configs['listeners'] ?? 'PLAINTEXT://:9092');
  if (listeners.length !== 1) throw new ListenerConfigError(`listeners names ${listeners.length} listeners; Kafka Lab serves one client listener per broker`);
  const name = listeners[0]!.name;
  const protocolMap = parseProtocolMap(configs['listener.security.protocol.map'] ?? DEFAULT_LISTENER_SECURITY_PROTOCOL_MAP);
  const securityProtocol = protocolMap.get(name);
  if (!securityProtocol) throw new ListenerConfigError(`No security protocol defined for listener ${name} (listener.security.protocol.map)`);
  const inter = configs['inter.broker.listener.name'];
  if (inter !== undefined && inter.toUpperCase() !== name) throw new ListenerConfigError(`inter.broker.listener.name must be a listener name defined in listeners, got ${inter}`);
  const prefixed = (config: string): string | undefined => configs[`listener.name.${name.toLowerCase()}.${config}`] ?? configs[config];
  const mechanisms = (prefixed('sasl.enabled.mechanisms') ?? SUPPORTED_SASL_MECHANISMS.join(',')).split(',').map((m) => m.trim()).filter((m) => m !== '');
  for (const m of mechanisms) if (!(SUPPORTED_SASL_MECHANISMS as readonly string[]).includes(m)) throw new ListenerConfigError(`SASL mechanism ${m} is not served (sasl.enabled.mechanisms takes ${SUPPORTED_SASL_MECHANISMS.join(', ')})`);
  if (usesSasl(securityProtocol) && mechanisms.length === 0) throw new ListenerConfigError(`listener ${name} (${securityProtocol}) needs at least one SASL mechanism in sasl.enabled.mechanisms`);
  const sslClientAuth = (prefixed('ssl.client.auth') ?? 'none') as SslClientAuth;
  if (!['none', 'requested', 'required'].includes(sslClientAuth)) throw new ListenerConfigError(`ssl.client.auth must be none, requested or required, got ${sslClientAuth}`);
  const advertised = configs['advertised.listeners'] ? parseListenerList(configs['advertised.listeners']).find((l) => l.name === name) : undefined;
  const advertisedHost = advertised && advertised.host !== '' ? advertised.host : null;
  let tls: ListenerConfig['tls'];
  let caLocation: string | null = null;
  if (usesTls(securityProtocol)) {
    const keystore = prefixed('ssl.keystore.location');
    const truststore = prefixed('ssl.truststore.location');
    try {
      const material = keystore
        ? readPemTls(keystore, truststore ?? keystore)
        : ensureLabTls(options.tlsDir ?? defaultTlsDir(), advertisedHost ?? options.advertisedHost);
      tls = { key: material.key, cert: material.cert, ca: material.ca };
      caLocation = material.caLocation;
    } catch (err) {
      if (err instanceof ListenerConfigError) throw err;
      throw new ListenerConfigError(`TLS for listener ${name}: ${(err as Error).message}`);
    }
  }
  const reauthMs = Number(prefixed('connections.max.reauth.ms') ?? '0');
  return {
    listener: { name, securityProtocol, saslMechanisms: usesSasl(securityProtocol) ? (mechanisms as SaslMechanism[]) : [], sslClientAuth: usesTls(securityProtocol) ? sslClientAuth : 'none', ...(tls ? { tls } : {}) },
    caLocation,
    advertisedHost,
    reauthMs: Number.isFinite(reauthMs) && reauthMs > 0 ? reauthMs : 0,
  };
}
