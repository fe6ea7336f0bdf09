/**
 * The server side of SASL on one connection, following Kafka's SaslServerAuthenticator:
 *
 * - Before authentication only ApiVersions and SaslHandshake are served; any other request closes
 *   the connection ("Unexpected Kafka request of type … during SASL handshake", IllegalSaslStateException).
 * - SaslHandshake names a mechanism: one the listener does not enable gets UNSUPPORTED_SASL_MECHANISM
 *   with the enabled list, and the connection is closed after the answer.
 * - After SaslHandshake v1 the tokens come in SaslAuthenticate (36) requests; after v0 they are
 *   raw size-prefixed frames answered by raw frames (KIP-152: kafka-python and old clients).
 * - Wrong credentials: SASL_AUTHENTICATION_FAILED with Kafka's message ("Authentication failed
 *   during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"), then close.
 * - KIP-368: SaslAuthenticate v1+ grants a session of connections.max.reauth.ms; a client may
 *   re-authenticate (a new SaslHandshake) as the same principal ("Cannot change principals during
 *   re-authentication from User.alice: User.bob" otherwise, SASL_AUTHENTICATION_FAILED); a
 *   re-authentication naming another mechanism gets a successful SaslHandshake and its next token
 *   closes the connection without an answer (REAUTH_BAD_MECHANISM); a connection whose session
 *   expired is closed on its next request other than SaslHandshake (SocketServer "expired channel").
 */
import type { KafkaPrincipal } from '../../cluster/security/principal';
import type { ScramCredential, ScramMechanismName } from '../../cluster/security/scram-credentials';
import type { ListenerConfig } from '../listener-config';
import { PLAIN_INVALID_CREDENTIALS, PlainError, parsePlainToken } from './plain';
import { passwordMatches, ScramError, ScramServer } from './scram';

export const SASL_HANDSHAKE_KEY = 17;
export const SASL_AUTHENTICATE_KEY = 36;
const API_VERSIONS_KEY = 18;

/** Largest SASL token accepted (Kafka: sasl.server.max.receive.size, default 524288). */
export const SASL_MAX_TOKEN_BYTES = 524288;

export interface SaslDeps {
  credential(user: string, mechanism: ScramMechanismName): ScramCredential | null;
  anyCredential(user: string): { mechanism: ScramMechanismName; credential: ScramCredential } | null;
  /** connections.max.reauth.ms now (0 = sessions do not expire). */
  reauthMs(): number;
  nowMs(): number;
}

/** What the router does with a frame before (or instead of) its handler. */
export type SaslVerdict =
  | { kind: 'route' }
  | { kind: 'close'; reason: string }
  | { kind: 'answer'; answer: SaslAnswer | Promise<SaslAnswer> }
  /** Raw token answer (after a v0 handshake); null: authentication failed, close. */
  | { kind: 'raw'; token: Promise<Buffer | null> | Buffer };

/** A SASL response body, and the reason to close the connection once it is written (a failure). */
export interface SaslAnswer {
  body: Record<string, unknown>;
  closeAfter?: string;
}

type State = 'handshake' | 'authenticate' | 'verifying' | 'complete';

export class SaslAuthenticator {
  private state: State = 'handshake';
  private mechanism: string | null = null;
  private rawTokens = false;
  private scram: ScramServer | null = null;
  /** Wall-clock ms when the session expires, or null (no limit or not authenticated yet). */
  private sessionExpiresAtMs: number | null = null;
  private reauthenticating = false;
  /** REAUTH_BAD_MECHANISM: the message the next token closes the connection with. */
  private badMechanismMessage: string | null = null;

  constructor(private readonly listener: ListenerConfig, private readonly deps: SaslDeps, private readonly onAuthenticated: (principal: KafkaPrincipal, mechanism: string) => void, private readonly currentPrincipal: () => KafkaPrincipal) {}

  get authenticated(): boolean {
    return this.state === 'complete' && !this.reauthenticating;
  }

  /** After a v0 handshake the next frames are raw tokens, not Kafka requests. */
  get expectsRawToken(): boolean {
    return this.rawTokens && (this.state === 'authenticate' || this.state === 'verifying');
  }

  /** Decides on a request by its key, before its body is decoded. */
  admit(apiKey: number): SaslVerdict {
    if (this.state === 'verifying') return { kind: 'close', reason: 'request while SASL credentials are being verified' };
    if (this.state === 'complete' && !this.reauthenticating) {
      if (this.sessionExpiresAtMs !== null && this.deps.nowMs() > this.sessionExpiresAtMs && apiKey !== SASL_HANDSHAKE_KEY) {
        return { kind: 'close', reason: `SASL session expired (connections.max.reauth.ms ${this.deps.reauthMs()}): closed on its next request, as Kafka closes an expired channel (KIP-368)` };
      }
      return { kind: 'route' };
    }
    if (this.state === 'handshake') {
      if (apiKey === API_VERSIONS_KEY || apiKey === SASL_HANDSHAKE_KEY) return { kind: 'route' };
      return { kind: 'close', reason: `Unexpected Kafka request of type ${apiKey} during SASL handshake` };
    }
    if (apiKey === SASL_AUTHENTICATE_KEY) return { kind: 'route' };
    return { kind: 'close', reason: `Unexpected Kafka request of type ${apiKey} during SASL authentication` };
  }

  /** Whether this connection's authenticator answers the SASL request (else its handler does: ILLEGAL_SASL_STATE). */
  intercepts(apiKey: number): boolean {
    if (apiKey === SASL_HANDSHAKE_KEY) return this.state === 'handshake' || (this.state === 'complete' && this.deps.reauthMs() > 0);
    if (apiKey === SASL_AUTHENTICATE_KEY) return this.state === 'authenticate';
    return false;
  }

  handshake(mechanism: string, apiVersion: number): SaslVerdict {
    const enabled = this.listener.saslMechanisms;
    if (!(enabled as string[]).includes(mechanism)) {
      return { kind: 'answer', answer: { body: { errorCode: 33, mechanisms: [...enabled] }, closeAfter: `Unsupported SASL mechanism ${mechanism} (enabled: ${enabled.join(', ')})` } };
    }
    if (this.state === 'complete') {
      this.reauthenticating = true;
      if (mechanism !== this.mechanism) {
        this.badMechanismMessage = `SASL mechanism '${mechanism}' requested by client is not supported for re-authentication of mechanism '${this.mechanism}'`;
        this.state = 'authenticate';
        return { kind: 'answer', answer: { body: { errorCode: 0, mechanisms: [...enabled] } } };
      }
    }
    this.mechanism = mechanism;
    // A re-authentication keeps the SaslAuthenticate headers of the first one, whatever the handshake's version (SaslServerAuthenticator).
    this.rawTokens = apiVersion === 0 && !this.reauthenticating;
    this.scram = mechanism === 'PLAIN' ? null : new ScramServer(mechanism as ScramMechanismName, (user) => this.deps.credential(user, mechanism as ScramMechanismName));
    this.state = 'authenticate';
    return { kind: 'answer', answer: { body: { errorCode: 0, mechanisms: [...enabled] } } };
  }

  /** One SaslAuthenticate request (v0-2). */
  authenticate(token: Buffer, apiVersion: number): SaslVerdict {
    if (this.badMechanismMessage !== null) return { kind: 'close', reason: this.badMechanismMessage };
    const answer = (outcome: Outcome): SaslAnswer => {
      if (outcome.kind === 'failed') return { body: { errorCode: 58, errorMessage: outcome.message, authBytes: Buffer.alloc(0), sessionLifetimeMs: 0 }, closeAfter: outcome.message };
      return { body: { errorCode: 0, errorMessage: null, authBytes: outcome.token, sessionLifetimeMs: outcome.complete && apiVersion >= 1 ? this.sessionLifetimeMs() : 0 } };
    };
    const result = this.evaluate(token);
    return { kind: 'answer', answer: result instanceof Promise ? result.then(answer) : answer(result) };
  }

  /** One raw token after a v0 handshake; failure closes the connection (there is no error field). */
  rawToken(token: Buffer): SaslVerdict {
    const result = this.evaluate(token);
    if (result instanceof Promise) {
      this.state = 'verifying';
      return { kind: 'raw', token: result.then((o) => (o.kind === 'failed' ? null : o.token)) };
    }
    if (result.kind === 'failed') return { kind: 'close', reason: result.message };
    return { kind: 'raw', token: result.token };
  }

  private sessionLifetimeMs(): number {
    return Math.max(0, this.deps.reauthMs());
  }

  private evaluate(token: Buffer): Outcome | Promise<Outcome> {
    const failure = (): Outcome => {
      this.state = 'verifying';
      return { kind: 'failed', message: `Authentication failed during ${this.reauthenticating ? 're-authentication' : 'authentication'} due to invalid credentials with SASL mechanism ${this.mechanism}` };
    };
    if (token.length > SASL_MAX_TOKEN_BYTES) return failure();
    if (this.mechanism === 'PLAIN') {
      let parsed: { user: string; password: string };
      try {
        parsed = parsePlainToken(token);
      } catch (err) {
        this.state = 'verifying';
        return { kind: 'failed', message: err instanceof PlainError ? err.message : 'Authentication failed: invalid SASL/PLAIN response' };
      }
      const stored = this.deps.anyCredential(parsed.user);
      this.state = 'verifying';
      if (stored === null) return { kind: 'failed', message: PLAIN_INVALID_CREDENTIALS };
      return passwordMatches(stored.mechanism, stored.credential, parsed.password).then(
        (ok): Outcome => (ok ? this.succeed(parsed.user, Buffer.alloc(0)) : { kind: 'failed', message: PLAIN_INVALID_CREDENTIALS }),
        (): Outcome => ({ kind: 'failed', message: PLAIN_INVALID_CREDENTIALS }),
      );
    }
    const scram = this.scram!;
    let answer: Buffer;
    try {
      answer = scram.evaluate(token);
    } catch (err) {
      if (!(err instanceof ScramError)) throw err;
      return failure();
    }
    if (!scram.complete) return { kind: 'token', token: answer, complete: false };
    return this.succeed(scram.user!, answer);
  }

  private succeed(user: string, token: Buffer): Outcome {
    if (this.reauthenticating && this.currentPrincipal().name !== user) {
      this.state = 'verifying';
      return { kind: 'failed', message: `Cannot change principals during re-authentication from ${this.currentPrincipal().principalType}.${this.currentPrincipal().name}: User.${user}` };
    }
    this.state = 'complete';
    this.reauthenticating = false;
    this.rawTokens = false;
    const lifetime = this.sessionLifetimeMs();
    this.sessionExpiresAtMs = lifetime > 0 ? this.deps.nowMs() + lifetime : null;
    this.onAuthenticated({ principalType: 'User', name: user }, this.mechanism!);
    return { kind: 'token', token, complete: true };
  }
}

type Outcome = { kind: 'token'; token: Buffer; complete: boolean } | { kind: 'failed'; message: string };
