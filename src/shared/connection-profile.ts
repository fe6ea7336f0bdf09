/**
 * Issue 17: how Kafka Lab reaches a remote Kafka cluster — the connection settings a profile
 * holds, and what "Test connection" reports. Plain JSON (crosses IPC and the serve WebSocket).
 *
 * Names follow Kafka's client configs: bootstrap.servers, security.protocol, sasl.mechanism,
 * ssl.endpoint.identification.algorithm (our `verifyHostname`), request.timeout.ms,
 * socket.connection.setup.timeout.ms (our `connectTimeoutMs`).
 */

/** Kafka's SecurityProtocol values a client can use (org.apache.kafka.common.security.auth.SecurityProtocol). */
export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
export const securityProtocols: readonly SecurityProtocol[] = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'];

/** SASL mechanisms the remote client speaks (PLAIN: RFC 4616; SCRAM: RFC 5802/7677, KIP-84). */
export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
export const saslMechanisms: readonly SaslMechanism[] = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'];

export interface SaslSettings {
  mechanism: SaslMechanism;
  username: string;
  password: string;
}

/** TLS material as PEM text (ssl.truststore.certificates / ssl.keystore.certificate.chain / ssl.keystore.key, KIP-651). */
export interface TlsSettings {
  /** CA certificates to trust; absent: the system's trust store. */
  caPem?: string;
  /** Client certificate chain for ssl.client.auth=required listeners. */
  certPem?: string;
  /** Unencrypted private key of certPem. */
  keyPem?: string;
  /** ssl.endpoint.identification.algorithm=https (Kafka's default since 2.0, KIP-294); false disables the host name check only. */
  verifyHostname: boolean;
}

export interface ConnectionSettings {
  /** bootstrap.servers: comma-separated host:port ("[::1]:9092" for IPv6). */
  bootstrapServers: string;
  securityProtocol: SecurityProtocol;
  /** Required for SASL_PLAINTEXT and SASL_SSL. */
  sasl?: SaslSettings;
  /** Used for SSL and SASL_SSL. */
  tls?: TlsSettings;
  /** TCP connect (and TLS handshake) limit per address, ms (socket.connection.setup.timeout.ms, default 10000). */
  connectTimeoutMs?: number;
  /** Per-request limit, ms (request.timeout.ms, default 30000). */
  requestTimeoutMs?: number;
}

/** A saved remote cluster. Secrets (sasl.password, tls.keyPem) are kept by the host's secret store. */
export interface ConnectionProfile extends ConnectionSettings {
  id: string;
  name: string;
  /** CSS colour of the profile's tag in the switcher, e.g. "#3b82f6". */
  colour: string;
  /** On by default for remote clusters: the UI offers no mutating action. */
  readOnly: boolean;
  /** How often the remote source polls, ms (default 5000). */
  pollIntervalMs?: number;
}

/** The steps of "Test connection", in the order they run on one connection. */
export type ConnectionTestStep = 'resolve' | 'tcp' | 'tls' | 'apiVersions' | 'sasl' | 'metadata';

export const connectionTestSteps: readonly { step: ConnectionTestStep; label: string }[] = [
  { step: 'resolve', label: 'Name resolution' },
  { step: 'tcp', label: 'TCP connect' },
  { step: 'tls', label: 'TLS handshake' },
  { step: 'apiVersions', label: 'ApiVersions' },
  { step: 'sasl', label: 'SASL authentication' },
  { step: 'metadata', label: 'Metadata' },
];

export interface ConnectionTestStepResult {
  step: ConnectionTestStep;
  /** 'skipped': not part of this security protocol (TLS on PLAINTEXT); 'not-run': an earlier step failed. */
  status: 'ok' | 'failed' | 'skipped' | 'not-run';
  /** What the step found ("127.0.0.1:9092", "TLSv1.3", "3 brokers, 5 topics") or why it failed, in plain words. */
  detail: string;
  /** Wall-clock duration of the step, ms. */
  elapsedMs: number;
}

export interface ConnectionTestReport {
  ok: boolean;
  /** The first step that failed, or null. */
  failedStep: ConnectionTestStep | null;
  steps: ConnectionTestStepResult[];
}
