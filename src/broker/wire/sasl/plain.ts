/**
 * SASL/PLAIN (RFC 4616) as Kafka's PlainSaslServer reads it: `[authzid] NUL authcid NUL passwd`,
 * the authorization id empty or equal to the user name. The password is checked against the
 * user's stored SCRAM credential (the lab keeps no plain passwords), with Kafka's messages.
 */
export class PlainError extends Error {}

export function parsePlainToken(token: Buffer): { user: string; password: string } {
  const text = token.toString('utf8');
  const parts = text.split('\u0000');
  if (parts.length !== 3) throw new PlainError('Invalid SASL/PLAIN response: expected 3 tokens, got ' + parts.length);
  const [authzid, user, password] = parts as [string, string, string];
  if (user === '') throw new PlainError('Authentication failed: username not specified');
  if (password === '') throw new PlainError('Authentication failed: password not specified');
  if (authzid !== '' && authzid !== user) throw new PlainError('Authentication failed: Client requested an authorization id that is different from username');
  return { user, password };
}

/** Kafka's answer to a wrong user or password (PlainServerCallbackHandler via PlainSaslServer). */
export const PLAIN_INVALID_CREDENTIALS = 'Authentication failed: Invalid username or password';
