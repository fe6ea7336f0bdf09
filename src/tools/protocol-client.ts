/**
 * A connection to one broker speaking Kafka's protocol through the project's own codec
 * (src/broker/protocol), for the requests kafkajs's public API lacks or answers too strictly
 * (Metadata with topic ids and leaderless partitions, FindCoordinator, ElectLeaders). It reaches
 * any cluster as kafkajs would from the same client properties (client-config.ts): plain TCP or
 * TLS, then SASL PLAIN or SCRAM-SHA-256/512 (SaslHandshake v1 + SaslAuthenticate v2, RFC 5802 as
 * Kafka's ScramSaslClient). One request in flight at a time; every failure is an Error with the
 * broker's message (e.g. SASL_AUTHENTICATION_FAILED's), never a crash.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';
import { decodeResponse, encodeRequest, errorName } from '../broker/protocol';
import type { kafkajsConnection } from './client-config';

export type ConnectionSettings = ReturnType<typeof kafkajsConnection>;

/** Largest response frame accepted (a Metadata answer of a very large cluster fits easily). */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;

export class ProtocolConnection {
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (frame: Buffer) => void; reject: (err: Error) => void } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private correlationId = 0;
  private closedError: Error | null = null;

  private constructor(private readonly socket: Socket, private readonly clientId: string) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new Error('the broker closed the connection')));
  }

  /** Connects to `hostPort` and authenticates as the settings say. */
  static async open(hostPort: string, settings: ConnectionSettings): Promise<ProtocolConnection> {
    const colon = hostPort.lastIndexOf(':');
    const host = hostPort.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
    const port = Number(hostPort.slice(colon + 1));
    const socket = await new Promise<Socket>((resolve, reject) => {
      const ssl = settings.ssl;
      const s = ssl
        ? tlsConnect({ host, port, servername: /^[\d.:]+$/.test(host) ? undefined : host, ...(typeof ssl === 'object' ? (ssl as ConnectionOptions) : {}) }, () => resolve(s))
        : tcpConnect({ host, port }, () => resolve(s));
      s.once('error', reject);
      s.setTimeout(REQUEST_TIMEOUT_MS, () => s.destroy(new Error(`connection to ${hostPort} timed out`)));
    });
    const connection = new ProtocolConnection(socket, settings.clientId ?? 'kafka-lab-tools');
    try {
      if (settings.sasl) await connection.authenticate(settings.sasl as SASLOptions);
    } catch (err) {
      connection.close();
      throw err;
    }
    return connection;
  }

  /** Sends one request and decodes its response body. */
  call<T>(apiKey: number, version: number, body: object): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.closedError) throw this.closedError;
      const correlationId = ++this.correlationId;
      const frame = new Promise<Buffer>((resolve, reject) => { this.waiting = { resolve, reject }; });
      this.socket.write(encodeRequest(apiKey, version, correlationId, this.clientId, body));
      const decoded = decodeResponse<T>(apiKey, version, await frame);
      if (decoded.correlationId !== correlationId) throw new Error(`response correlation id ${decoded.correlationId}, expected ${correlationId}`);
      return decoded.body;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  close(): void {
    this.closedError ??= new Error('connection closed');
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    while (this.buffered.length >= 4) {
      const size = this.buffered.readInt32BE(0);
      if (size < 0 || size > MAX_FRAME_BYTES) return this.fail(new Error(`response frame of ${size} bytes refused`));
      if (this.buffered.length < 4 + size) return;
      const frame = this.buffered.subarray(4, 4 + size);
      this.buffered = this.buffered.subarray(4 + size);
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.resolve(Buffer.from(frame));
    }
  }

  private fail(err: Error): void {
    this.closedError ??= err;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(err);
    this.socket.destroy();
  }

  private async authenticate(sasl: SASLOptions): Promise<void> {
    const { username, password } = sasl as { username: string; password: string };
    const mechanism = sasl.mechanism.toUpperCase();
    const handshake = await this.call<{ errorCode: number; mechanisms: string[] }>(17, 1, { mechanism });
    if (handshake.errorCode !== 0) throw new Error(`SASL handshake failed (${errorName(handshake.errorCode)}): the broker offers ${handshake.mechanisms.join(', ')}`);
    const exchange = async (bytes: Buffer): Promise<Buffer> => {
      const answer = await this.call<{ errorCode: number; errorMessage: string | null; authBytes: Buffer }>(36, 2, { authBytes: bytes });
      if (answer.errorCode !== 0) throw new Error(answer.errorMessage ?? errorName(answer.errorCode));
      return answer.authBytes;
    };
    if (mechanism === 'PLAIN') {
      await exchange(Buffer.from(`\0${username}\0${password}`));
      return;
    }
    const hash = mechanism === 'SCRAM-SHA-256' ? 'sha256' : 'sha512';
    const clientNonce = randomBytes(24).toString('base64');
    const clientFirstBare = `n=${username.replace(/=/g, '=3D').replace(/,/g, '=2C')},r=${clientNonce}`;
    const serverFirst = (await exchange(Buffer.from(`n,,${clientFirstBare}`))).toString('utf8');
    const attrs = Object.fromEntries(serverFirst.split(',').map((kv) => [kv[0], kv.slice(2)]));
    if (!attrs.r?.startsWith(clientNonce) || !attrs.s || !attrs.i) throw new Error(`invalid SCRAM server-first message: ${serverFirst}`);
    const salted = pbkdf2Sync(password, Buffer.from(attrs.s, 'base64'), Number(attrs.i), hash === 'sha256' ? 32 : 64, hash);
    const clientKey = createHmac(hash, salted).update('Client Key').digest();
    const storedKey = createHash(hash).update(clientKey).digest();
    const clientFinalWithoutProof = `c=biws,r=${attrs.r}`;
    const authMessage = `${clientFirstBare},${serverFirst},${clientFinalWithoutProof}`;
    const signature = createHmac(hash, storedKey).update(authMessage).digest();
    const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!));
    const serverFinal = (await exchange(Buffer.from(`${clientFinalWithoutProof},p=${proof.toString('base64')}`))).toString('utf8');
    const serverSignature = createHmac(hash, createHmac(hash, salted).update('Server Key').digest()).update(authMessage).digest('base64');
    if (serverFinal !== `v=${serverSignature}`) throw new Error(`SCRAM server signature does not match: ${serverFinal}`);
  }
}

/** Opens a connection to the first bootstrap server that answers (in the order given). */
export async function openBootstrap(settings: ConnectionSettings): Promise<ProtocolConnection> {
  let last: Error = new Error('no bootstrap server');
  for (const broker of settings.brokers as string[]) {
    try {
      return await ProtocolConnection.open(broker, settings);
    } catch (err) {
      last = err as Error;
    }
  }
  throw last;
}
