/**
 * Who a connection is, as Kafka's authorizer sees it: a KafkaPrincipal (`User:alice`) plus the
 * listener it came in on (org.apache.kafka.common.security.auth.KafkaPrincipal,
 * AuthenticationContext). A PLAINTEXT or SSL-without-client-auth connection is `User:ANONYMOUS`,
 * as in Kafka's DefaultKafkaPrincipalBuilder.
 *
 * This is the contract between the listener/SASL code (src/broker/wire, which authenticates and
 * sets the principal on the connection) and the authorizer and quotas (src/broker/cluster/security),
 * which read it from each request's context.
 */

/** Kafka's security.protocol values (org.apache.kafka.common.security.auth.SecurityProtocol). */
export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';

/** A principal: type and name, written `User:alice` (KafkaPrincipal.toString). */
export interface KafkaPrincipal {
  readonly principalType: string;
  readonly name: string;
}

/** The principal of an unauthenticated connection (KafkaPrincipal.ANONYMOUS). */
export const ANONYMOUS_PRINCIPAL: KafkaPrincipal = Object.freeze({ principalType: 'User', name: 'ANONYMOUS' });

/** `User:alice`, the form ACLs, `super.users` and quotas name principals in. */
export function principalToString(principal: KafkaPrincipal): string {
  return `${principal.principalType}:${principal.name}`;
}

/** What a connection's requests carry about its security (set by the listener, read by handlers). */
export interface ConnectionSecurity {
  /** The listener's name, e.g. `PLAINTEXT`, `SASL_SSL`, `CLIENT` (listeners config). */
  readonly listenerName: string;
  readonly securityProtocol: SecurityProtocol;
  /** The authenticated principal; ANONYMOUS_PRINCIPAL until (or without) authentication. */
  readonly principal: KafkaPrincipal;
  /** The SASL mechanism that authenticated the connection (`PLAIN`, `SCRAM-SHA-512`), or null. */
  readonly saslMechanism: string | null;
}

/** The security of a connection on a plain listener, the only kind before listeners are configured. */
export const PLAINTEXT_SECURITY: ConnectionSecurity = Object.freeze({
  listenerName: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', principal: ANONYMOUS_PRINCIPAL, saslMechanism: null,
});
