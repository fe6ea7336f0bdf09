/**
 * SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802, RFC 7677) on node:crypto: the credential
 * derivation and the server side of the exchange, as Kafka's ScramSaslServer and ScramFormatter do
 * it. Like Kafka, names and passwords are UTF-8 without SASLprep (ScramFormatter.normalize), and
 * a user name escapes `,` and `=` as `=2C` and `=3D` (RFC 5802 §5.1).
 */
import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ScramCredential, ScramMechanismName } from '../../cluster/security/scram-credentials';

export type ScramHash = 'sha256' | 'sha512';

export const SCRAM_HASH: Readonly<Record<ScramMechanismName, ScramHash>> = { 'SCRAM-SHA-256': 'sha256', 'SCRAM-SHA-512': 'sha512' };
const KEY_LENGTH: Readonly<Record<ScramHash, number>> = { sha256: 32, sha512: 64 };

/** Default iteration count of `--user` credentials (Kafka's kafka-configs default 4096). */
export const DEFAULT_SCRAM_ITERATIONS = 4096;

/** Hi(password, salt, i) of RFC 5802 §2.2: PBKDF2 with HMAC-H. */
export function saltedPassword(hash: ScramHash, password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  return new Promise((resolve, reject) => pbkdf2(Buffer.from(password, 'utf8'), salt, iterations, KEY_LENGTH[hash], hash, (err, key) => (err ? reject(err) : resolve(key))));
}

/** StoredKey and ServerKey from SaltedPassword (RFC 5802 §3), as stored in UserScramCredentialRecord. */
export function credentialFromSaltedPassword(hash: ScramHash, salted: Buffer, salt: Buffer, iterations: number): ScramCredential {
  const clientKey = createHmac(hash, salted).update('Client Key').digest();
  const storedKey = createHash(hash).update(clientKey).digest();
  const serverKey = createHmac(hash, salted).update('Server Key').digest();
  return { salt: salt.toString('base64'), iterations, storedKey: storedKey.toString('base64'), serverKey: serverKey.toString('base64') };
}

/** A new credential for `password` with a random 32-byte salt (kafka-configs --add-config 'SCRAM-SHA-512=[password=…]'). */
export async function newScramCredential(mechanism: ScramMechanismName, password: string, iterations = DEFAULT_SCRAM_ITERATIONS): Promise<ScramCredential> {
  const hash = SCRAM_HASH[mechanism];
  const salt = randomBytes(32);
  return credentialFromSaltedPassword(hash, await saltedPassword(hash, password, salt, iterations), salt, iterations);
}

/** Whether `password` matches a stored credential (SASL/PLAIN against SCRAM credentials). */
export async function passwordMatches(mechanism: ScramMechanismName, credential: ScramCredential, password: string): Promise<boolean> {
  const hash = SCRAM_HASH[mechanism];
  const salt = Buffer.from(credential.salt, 'base64');
  const derived = credentialFromSaltedPassword(hash, await saltedPassword(hash, password, salt, credential.iterations), salt, credential.iterations);
  return safeEqual(Buffer.from(derived.storedKey, 'base64'), Buffer.from(credential.storedKey, 'base64'));
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Thrown for any failed step; the authenticator answers SASL_AUTHENTICATION_FAILED (ScramSaslServer throws SaslException). */
export class ScramError extends Error {}

/** Parses `a=1,b=2` attribute lists of RFC 5802 §5.1; values may contain `=`. */
function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(',')) {
    if (part.length < 2 || part[1] !== '=') throw new ScramError(`malformed SCRAM attribute "${part.slice(0, 40)}"`);
    out.set(part[0]!, part.slice(2));
  }
  return out;
}

/** RFC 5802 saslname: `=2C` is `,` and `=3D` is `=`; any other `=` is invalid. */
export function decodeSaslName(name: string): string {
  if (/=(?!2C|3D)/.test(name)) throw new ScramError('invalid username encoding');
  return name.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

/**
 * The server side of one SCRAM exchange: client-first → server-first, client-final →
 * server-final. `lookup` gives the stored credential of a user or null.
 */
export class ScramServer {
  private step: 'client-first' | 'client-final' | 'done' = 'client-first';
  private credential: ScramCredential | null = null;
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';
  private gs2Header = '';
  /** The authenticated user once complete. */
  user: string | null = null;

  constructor(readonly mechanism: ScramMechanismName, private readonly lookup: (user: string) => ScramCredential | null, private readonly serverNonce = randomBytes(24).toString('base64')) {}

  get complete(): boolean {
    return this.step === 'done';
  }

  /** Evaluates one client token and returns the server's. @throws ScramError */
  evaluate(token: Buffer): Buffer {
    const text = token.toString('utf8');
    if (this.step === 'client-first') return Buffer.from(this.clientFirst(text), 'utf8');
    if (this.step === 'client-final') return Buffer.from(this.clientFinal(text), 'utf8');
    throw new ScramError('SCRAM exchange already complete');
  }

  private clientFirst(text: string): string {
    // gs2-header: "n,," (no channel binding, no authzid), "y,," or "n,a=authzid,".
    const m = /^([ny]),(a=[^,]*)?,(.*)$/s.exec(text);
    if (!m) throw new ScramError('invalid client-first-message (channel binding is not supported)');
    this.gs2Header = `${m[1]},${m[2] ?? ''},`;
    this.clientFirstBare = m[3]!;
    const attrs = attributes(this.clientFirstBare);
    const name = attrs.get('n');
    const clientNonce = attrs.get('r');
    if (name === undefined || clientNonce === undefined || clientNonce === '') throw new ScramError('client-first-message lacks n= or r=');
    // Kafka's delegation tokens (tokenauth=true) are not served.
    if (attrs.get('t') !== undefined || this.clientFirstBare.includes('tokenauth=')) throw new ScramError('delegation tokens are not supported');
    const user = decodeSaslName(name);
    const authzid = m[2]?.slice(2);
    if (authzid !== undefined && authzid !== '' && decodeSaslName(authzid) !== user) throw new ScramError('authorization id differs from the user name');
    this.credential = this.lookup(user);
    if (this.credential === null) throw new ScramError('Authentication failed: Invalid user credentials');
    this.user = user;
    this.nonce = clientNonce + this.serverNonce;
    this.serverFirst = `r=${this.nonce},s=${this.credential.salt},i=${this.credential.iterations}`;
    this.step = 'client-final';
    return this.serverFirst;
  }

  private clientFinal(text: string): string {
    const proofAt = text.lastIndexOf(',p=');
    if (proofAt < 0) throw new ScramError('client-final-message lacks p=');
    const withoutProof = text.slice(0, proofAt);
    const attrs = attributes(withoutProof);
    if (attrs.get('c') !== Buffer.from(this.gs2Header, 'utf8').toString('base64')) throw new ScramError('invalid channel binding');
    // Kafka's ScramSaslServer accepts a final nonce that ends with the server-first nonce
    // ("Invalid client nonce in the final client message" otherwise): librdkafka 2.0 sends its own
    // nonce in front of it again, and the proof covers what the client sent.
    if (!(attrs.get('r') ?? '').endsWith(this.nonce)) throw new ScramError('Invalid client nonce in the final client message');
    const proof = Buffer.from(text.slice(proofAt + 3), 'base64');
    const hash = SCRAM_HASH[this.mechanism];
    const credential = this.credential!;
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const storedKey = Buffer.from(credential.storedKey, 'base64');
    const clientSignature = createHmac(hash, storedKey).update(authMessage).digest();
    if (proof.length !== clientSignature.length) throw new ScramError('Invalid client credentials');
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i]! ^ clientSignature[i]!;
    if (!safeEqual(createHash(hash).update(clientKey).digest(), storedKey)) throw new ScramError('Invalid client credentials');
    const serverSignature = createHmac(hash, Buffer.from(credential.serverKey, 'base64')).update(authMessage).digest();
    this.step = 'done';
    return `v=${serverSignature.toString('base64')}`;
  }
}
