/**
 * The client side of SCRAM-SHA-256 / SCRAM-SHA-512 (RFC 5802, RFC 7677) on node:crypto, as Kafka's
 * ScramSaslClient does it (KIP-84): gs2 header "n,," (no channel binding), user names escaped
 * (`,` → `=2C`, `=` → `=3D`) and sent without SASLprep (ScramFormatter), the server's nonce must
 * extend ours, at least 4096 iterations (ScramMechanism.minIterations), and the server signature
 * is checked before the exchange counts as done.
 *
 * Use: `first()` → send; `final(serverFirst)` → send; `verifyServerFinal(serverFinal)`.
 * Every failure throws ScramClientError with a message for the user.
 */
import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';

export type ScramMechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

const HASH: Readonly<Record<ScramMechanism, { name: 'sha256' | 'sha512'; keyLength: number }>> = {
  'SCRAM-SHA-256': { name: 'sha256', keyLength: 32 },
  'SCRAM-SHA-512': { name: 'sha512', keyLength: 64 },
};

/** ScramMechanism.minIterations() of Kafka's client: a server asking fewer is refused. */
export const SCRAM_MIN_ITERATIONS = 4096;

const GS2_HEADER = 'n,,';

export class ScramClientError extends Error {}

/** RFC 5802 §5.1 saslname: `=` and `,` escaped. */
export function escapeSaslName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

/** Parses "k=v,k=v" SCRAM attributes; values may hold `=` (base64 padding). */
export function parseScramAttributes(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq !== 1) throw new ScramClientError(`malformed SCRAM message from the server: ${JSON.stringify(message.slice(0, 200))}`);
    out.set(part[0]!, part.slice(2));
  }
  return out;
}

function pbkdf2Async(password: string, salt: Buffer, iterations: number, keyLength: number, digest: string): Promise<Buffer> {
  return new Promise((resolve, reject) => pbkdf2(Buffer.from(password, 'utf8'), salt, iterations, keyLength, digest, (err, key) => (err ? reject(err) : resolve(key))));
}

export class ScramClient {
  private readonly clientNonce: string;
  private clientFirstBare = '';
  private expectedServerSignature: Buffer | null = null;

  /** `nonce` only for tests (RFC 7677's example); otherwise 32 random bytes, base64. */
  constructor(readonly mechanism: ScramMechanism, private readonly username: string, private readonly password: string, nonce?: string) {
    this.clientNonce = nonce ?? randomBytes(32).toString('base64');
  }

  /** client-first-message: "n,,n=<user>,r=<nonce>". */
  first(): Buffer {
    this.clientFirstBare = `n=${escapeSaslName(this.username)},r=${this.clientNonce}`;
    return Buffer.from(GS2_HEADER + this.clientFirstBare, 'utf8');
  }

  /** client-final-message for the server-first-message "r=…,s=…,i=…", with the ClientProof. */
  async final(serverFirstBytes: Buffer): Promise<Buffer> {
    const serverFirst = serverFirstBytes.toString('utf8');
    const attrs = parseScramAttributes(serverFirst);
    if (attrs.has('e')) throw new ScramClientError(`the server refused the SCRAM exchange: ${attrs.get('e')}`);
    const serverNonce = attrs.get('r');
    const saltB64 = attrs.get('s');
    const iterations = Number(attrs.get('i'));
    if (serverNonce === undefined || saltB64 === undefined || !Number.isInteger(iterations)) {
      throw new ScramClientError(`malformed SCRAM server-first-message: ${JSON.stringify(serverFirst.slice(0, 200))}`);
    }
    if (!serverNonce.startsWith(this.clientNonce) || serverNonce.length === this.clientNonce.length) {
      throw new ScramClientError('invalid server nonce: it does not extend the client nonce');
    }
    if (iterations < SCRAM_MIN_ITERATIONS) throw new ScramClientError(`requested iterations ${iterations} is less than the minimum ${SCRAM_MIN_ITERATIONS} for ${this.mechanism}`);
    const { name, keyLength } = HASH[this.mechanism];
    const salted = await pbkdf2Async(this.password, Buffer.from(saltB64, 'base64'), iterations, keyLength, name);
    const withoutProof = `c=${Buffer.from(GS2_HEADER, 'utf8').toString('base64')},r=${serverNonce}`;
    const authMessage = `${this.clientFirstBare},${serverFirst},${withoutProof}`;
    const clientKey = createHmac(name, salted).update('Client Key').digest();
    const storedKey = createHash(name).update(clientKey).digest();
    const clientSignature = createHmac(name, storedKey).update(authMessage).digest();
    const proof = Buffer.alloc(clientKey.length);
    for (let i = 0; i < proof.length; i++) proof[i] = clientKey[i]! ^ clientSignature[i]!;
    const serverKey = createHmac(name, salted).update('Server Key').digest();
    this.expectedServerSignature = createHmac(name, serverKey).update(authMessage).digest();
    return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`, 'utf8');
  }

  /** Checks the server-final-message "v=<ServerSignature>" (or throws its "e=<error>"). */
  verifyServerFinal(serverFinalBytes: Buffer): void {
    if (this.expectedServerSignature === null) throw new ScramClientError('server-final-message before the client-final-message');
    const attrs = parseScramAttributes(serverFinalBytes.toString('utf8'));
    if (attrs.has('e')) throw new ScramClientError(`the server refused the SCRAM proof: ${attrs.get('e')}`);
    const signature = Buffer.from(attrs.get('v') ?? '', 'base64');
    if (signature.length !== this.expectedServerSignature.length || !timingSafeEqual(signature, this.expectedServerSignature)) {
      throw new ScramClientError('invalid server signature: the server does not know this user\'s credentials');
    }
  }
}
