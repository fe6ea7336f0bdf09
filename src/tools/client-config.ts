/**
 * Kafka's client properties (a `--command-config` / `--consumer.config` / `--producer.config`
 * file, `--producer-property k=v`) turned into a kafkajs connection. Supported, in Kafka's names
 * (CommonClientConfigs, SaslConfigs, SslConfigs):
 * - `security.protocol`: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL;
 * - `sasl.mechanism`: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 with `sasl.jaas.config`
 *   (`org.apache.kafka.common.security.plain.PlainLoginModule` / `…scram.ScramLoginModule required
 *   username="…" password="…";`); GSSAPI and OAUTHBEARER are refused with a clear error;
 * - TLS as PEM (KIP-651): `ssl.truststore.type=PEM` with `ssl.truststore.location` (a PEM file) or
 *   `ssl.truststore.certificates` (inline PEM); `ssl.keystore.type=PEM` with `ssl.keystore.location`
 *   (key and certificate chain in one PEM file) or `ssl.keystore.key` + `ssl.keystore.certificate.chain`,
 *   `ssl.key.password`; `ssl.endpoint.identification.algorithm=` (empty) skips the host-name check.
 *   JKS and PKCS12 stores are refused (no Java here): convert them to PEM;
 * - `client.id`, `request.timeout.ms`, `connections.max.idle.ms` is ignored.
 */
import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { UsageError } from './options';

export type ClientProperties = Record<string, string>;

/** A Java .properties file's `key=value` / `key: value` lines (`#`/`!` comments, `\` continuations). */
export function parseProperties(text: string): ClientProperties {
  const props: ClientProperties = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trimStart();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!.trimStart();
    const m = /^((?:\\.|[^=:\s\\])*)\s*[=:]?\s*(.*)$/.exec(line);
    if (!m) continue;
    const unescape = (s: string) => s.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
    props[unescape(m[1]!)] = unescape(m[2]!);
  }
  return props;
}

/** Reads a properties file; a missing or unreadable file is a usage error naming it. */
export function loadProperties(file: string): ClientProperties {
  try {
    return parseProperties(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`Cannot read the properties file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** `k=v` arguments (`--producer-property`, `--consumer-property`, `--property`); a value may contain `=`. */
export function keyValueArgs(values: string[], option: string): ClientProperties {
  const props: ClientProperties = {};
  for (const kv of values) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`Invalid ${option} '${kv}': expected key=value`);
    props[kv.slice(0, eq).trim()] = kv.slice(eq + 1);
  }
  return props;
}

/** The username and password of a `sasl.jaas.config` login module line. */
export function parseJaasConfig(jaas: string): { loginModule: string; username: string; password: string } {
  const module = /^\s*([\w.$]+)\s+(required|requisite|sufficient|optional)\b/.exec(jaas);
  if (!module) throw new UsageError(`sasl.jaas.config must be "<LoginModule> required username=\\"…\\" password=\\"…\\";", got ${JSON.stringify(jaas)}`);
  const option = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"((?:\\\\.|[^"\\\\])*)"|([^\\s;]+))`).exec(jaas);
  const user = option('username');
  const password = option('password');
  if (!user || !password) throw new UsageError('sasl.jaas.config must set username and password');
  const value = (m: RegExpExecArray) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!);
  return { loginModule: module[1]!, username: value(user), password: value(password) };
}

const readPem = (file: string, what: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
};

type TlsOptions = { ca?: string; cert?: string; key?: string; passphrase?: string; checkServerIdentity?: () => undefined };

function tlsOptions(props: ClientProperties): TlsOptions {
  const tls: TlsOptions = {};
  const trustType = (props['ssl.truststore.type'] ?? '').toUpperCase();
  if (props['ssl.truststore.certificates']) tls.ca = props['ssl.truststore.certificates'];
  else if (props['ssl.truststore.location']) {
    const text = readPem(props['ssl.truststore.location'], 'the truststore');
    if (trustType !== 'PEM' && !text.includes('-----BEGIN CERTIFICATE-----')) {
      throw new UsageError(`ssl.truststore.type ${trustType || 'JKS'} is not supported: give the CA certificates as PEM (ssl.truststore.type=PEM)`);
    }
    tls.ca = text;
  }
  const keyType = (props['ssl.keystore.type'] ?? '').toUpperCase();
  if (props['ssl.keystore.key'] || props['ssl.keystore.certificate.chain']) {
    tls.key = props['ssl.keystore.key'];
    tls.cert = props['ssl.keystore.certificate.chain'];
  } else if (props['ssl.keystore.location']) {
    const text = readPem(props['ssl.keystore.location'], 'the keystore');
    if (keyType !== 'PEM' && !text.includes('-----BEGIN')) throw new UsageError(`ssl.keystore.type ${keyType || 'JKS'} is not supported: give the key and certificate as PEM (ssl.keystore.type=PEM)`);
    tls.key = text;
    tls.cert = text;
  }
  if (props['ssl.key.password']) tls.passphrase = props['ssl.key.password'];
  if (props['ssl.endpoint.identification.algorithm'] === '') tls.checkServerIdentity = () => undefined;
  return tls;
}

function saslOptions(props: ClientProperties): SASLOptions {
  const mechanism = (props['sasl.mechanism'] ?? 'GSSAPI').toUpperCase();
  if (mechanism !== 'PLAIN' && mechanism !== 'SCRAM-SHA-256' && mechanism !== 'SCRAM-SHA-512') {
    throw new UsageError(`sasl.mechanism ${mechanism} is not supported here: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512`);
  }
  const jaas = props['sasl.jaas.config'];
  if (!jaas) throw new UsageError(`sasl.mechanism ${mechanism} needs sasl.jaas.config with username and password`);
  const { username, password } = parseJaasConfig(jaas);
  if (mechanism === 'PLAIN') return { mechanism: 'plain', username, password };
  return { mechanism: mechanism === 'SCRAM-SHA-256' ? 'scram-sha-256' : 'scram-sha-512', username, password };
}

/** The kafkajs connection settings for `bootstrapServers` (comma-separated host:port) and these properties. */
export function kafkajsConnection(bootstrapServers: string, props: ClientProperties, defaultClientId: string): Pick<KafkaConfig, 'brokers' | 'ssl' | 'sasl' | 'clientId' | 'requestTimeout' | 'connectionTimeout'> {
  const brokers = bootstrapServers.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (brokers.length === 0) throw new UsageError('--bootstrap-server names no server');
  const protocol = (props['security.protocol'] ?? 'PLAINTEXT').toUpperCase();
  if (!['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'].includes(protocol)) {
    throw new UsageError(`Invalid value ${props['security.protocol']} for configuration security.protocol: String must be one of: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL`);
  }
  const config: ReturnType<typeof kafkajsConnection> = { brokers, clientId: props['client.id'] || defaultClientId };
  if (protocol.endsWith('SSL')) {
    const tls = tlsOptions(props);
    config.ssl = Object.keys(tls).length > 0 ? tls : true;
  }
  if (protocol.startsWith('SASL')) config.sasl = saslOptions(props);
  const requestTimeout = Number(props['request.timeout.ms']);
  if (Number.isFinite(requestTimeout) && requestTimeout > 0) config.requestTimeout = requestTimeout;
  return config;
}
