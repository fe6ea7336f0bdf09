/**
 * Errors of the remote client. Each names the step it happened in (the steps of "Test connection"),
 * so a caller can say which one failed and why, in plain words.
 */
import { errorName } from '../broker/protocol';
import type { ConnectionTestStep } from '../shared/connection-profile';

export class KafkaClientError extends Error {
  /**
   * @param step where it failed ('request' once the connection is up).
   * @param code Node's error code (ECONNREFUSED, CERT_HAS_EXPIRED, …) or Kafka's error name.
   */
  constructor(readonly step: ConnectionTestStep | 'request', message: string, readonly code?: string) {
    super(message);
    this.name = 'KafkaClientError';
  }
}

/** A response whose errorCode is not NONE; `errorName` is Kafka's name (SASL_AUTHENTICATION_FAILED, …). */
export class KafkaResponseError extends KafkaClientError {
  readonly errorName: string;
  constructor(step: ConnectionTestStep | 'request', readonly errorCode: number, detail: string | null) {
    const name = errorName(errorCode);
    super(step, `${name}${detail ? `: ${detail}` : ''}`, name);
    this.errorName = name;
  }
}

/** Plain words for a Node socket error (net.connect) on `address`. */
export function describeSocketError(err: NodeJS.ErrnoException, address: string): string {
  switch (err.code) {
    case 'ECONNREFUSED': return `connection refused by ${address}: nothing listens on that port`;
    case 'EHOSTUNREACH': return `no route to host ${address}`;
    case 'ENETUNREACH': return `network unreachable for ${address}`;
    case 'ECONNRESET': return `${address} reset the connection`;
    case 'EADDRNOTAVAIL': return `address not available: ${address}`;
    default: return `${address}: ${err.message}`;
  }
}

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED',
]);

/** Plain words for a TLS handshake failure (Node's OpenSSL verify codes and ERR_TLS_* codes). */
export function describeTlsError(err: NodeJS.ErrnoException & { reason?: string }, address: string): string {
  const code = err.code ?? '';
  if (UNKNOWN_CA.has(code)) return `unknown CA: the broker's certificate at ${address} is not signed by a CA this profile trusts (${code}); add the cluster's CA certificate`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `host name mismatch: ${err.reason ?? err.message}; connect by a name the certificate lists, or turn host name verification off`;
  if (code === 'CERT_HAS_EXPIRED') return `the broker's certificate at ${address} has expired (CERT_HAS_EXPIRED)`;
  if (code === 'CERT_NOT_YET_VALID') return `the broker's certificate at ${address} is not valid yet (CERT_NOT_YET_VALID): check the clocks`;
  if (/wrong version number|packet length too long|unknown protocol/i.test(err.message)) return `${address} does not speak TLS: is the listener PLAINTEXT or SASL_PLAINTEXT?`;
  if (code === 'ECONNRESET' || /socket disconnected|socket hang up/i.test(err.message)) return `${address} closed the connection during the TLS handshake (does the listener require a client certificate?)`;
  if (/certificate required|alert bad certificate|alert number 116/i.test(err.message)) return `${address} requires a client certificate (ssl.client.auth=required) that it accepts`;
  return `TLS handshake with ${address} failed: ${err.message}${code ? ` (${code})` : ''}`;
}
