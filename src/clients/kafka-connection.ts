/**
 * One connection to one broker over the project's own codec (src/broker/protocol): size-prefixed
 * frames, correlation ids, responses matched in request order, a per-request timeout, and the
 * API versions negotiated with the broker's ApiVersions answer.
 *
 * As Kafka's NetworkClient does: a request that times out (request.timeout.ms) closes the
 * connection and fails every request in flight on it ("Disconnecting from node due to request
 * timeout"), and a response whose correlation id is not the oldest in flight closes it too
 * (NetworkClient.correlate). A frame above `maxResponseBytes` closes the connection with a clear error.
 */
import type * as net from 'node:net';
import { apiLabel, apiSchemas, decodeResponse, encodeRequest, errorCode as codeOf, type ApiVersionRange, type ApiVersionsResponse } from '../broker/protocol';
import { KafkaClientError, KafkaResponseError } from './errors';

export interface RequestOptions {
  /** Exact version to send; default: the highest both sides serve, capped by maxVersion. */
  version?: number;
  /** Highest version the caller's body is written for. */
  maxVersion?: number;
  /** Overrides the connection's request timeout, ms. */
  timeoutMs?: number;
}

interface InFlight {
  correlationId: number;
  apiKey: number;
  apiVersion: number;
  resolve(v: { version: number; body: unknown }): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/** Default largest response frame accepted: 100 MiB (Kafka's fetch.max.bytes is 50 MiB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 100 * 1024 * 1024;

const API_VERSIONS = 18;
const UNSUPPORTED_VERSION = codeOf('UNSUPPORTED_VERSION');

export class KafkaConnection {
  private nextCorrelationId = 1;
  private readonly inFlight: InFlight[] = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  private closedError: KafkaClientError | null = null;
  private readonly closeListeners = new Set<(err: KafkaClientError) => void>();
  /** The broker's ranges, by API key; empty until negotiateApiVersions. */
  readonly brokerApiVersions = new Map<number, ApiVersionRange>();

  constructor(
    private readonly socket: net.Socket,
    readonly label: string,
    private readonly options: { clientId: string; requestTimeoutMs: number; maxResponseBytes?: number },
  ) {
    socket.on('data', (data: Buffer) => this.onData(data));
    socket.on('error', (err) => this.fail(new KafkaClientError('request', `${label}: ${err.message}`, (err as NodeJS.ErrnoException).code)));
    socket.on('close', () => this.fail(new KafkaClientError('request', `${label} closed the connection`, 'ECONNRESET')));
  }

  get closed(): boolean {
    return this.closedError !== null;
  }

  get inFlightCount(): number {
    return this.inFlight.length;
  }

  onClose(listener: (err: KafkaClientError) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    this.fail(new KafkaClientError('request', `connection to ${this.label} closed by the client`, 'CLOSED'));
  }

  /**
   * The version to send for `apiKey`: the highest in both the broker's range and our schema's,
   * at most `maxVersion`. Throws KafkaClientError UNSUPPORTED_VERSION when the ranges do not meet.
   */
  versionFor(apiKey: number, maxVersion = Infinity): number {
    const schema = apiSchemas.get(apiKey);
    if (schema === undefined) throw new KafkaClientError('request', `no schema for ${apiLabel(apiKey)}`, 'UNSUPPORTED_VERSION');
    const ours = schema.request.validVersions;
    const theirs = this.brokerApiVersions.get(apiKey);
    if (theirs === undefined) throw new KafkaClientError('request', `${this.label} does not serve ${apiLabel(apiKey)}`, 'UNSUPPORTED_VERSION');
    const max = Math.min(ours.max, theirs.maxVersion, maxVersion);
    const min = Math.max(ours.min, theirs.minVersion);
    if (max < min) throw new KafkaClientError('request', `${this.label} serves ${apiLabel(apiKey)} v${theirs.minVersion}-${theirs.maxVersion}; this client speaks v${ours.min}-${Math.min(ours.max, maxVersion)}`, 'UNSUPPORTED_VERSION');
    return max;
  }

  /** Sends one request; resolves with the decoded response body and the version used. */
  send<T = any>(apiKey: number, body: object, opts: RequestOptions = {}): Promise<{ version: number; body: T }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    if (this.closedError) return Promise.reject(this.closedError);
    let version: number;
    let frame: Buffer;
    const correlationId = this.nextCorrelationId;
    this.nextCorrelationId = (this.nextCorrelationId + 1) & 0x7fffffff;
    try {
      version = opts.version ?? this.versionFor(apiKey, opts.maxVersion);
      frame = encodeRequest(apiKey, version, correlationId, this.options.clientId, body);
    } catch (e) {
      return Promise.reject(e instanceof KafkaClientError ? e : new KafkaClientError('request', `${apiLabel(apiKey)}: cannot encode the request: ${(e as Error).message}`));
    }
    const timeoutMs = opts.timeoutMs ?? this.options.requestTimeoutMs;
    return new Promise((resolve, reject) => {
      const entry: InFlight = {
        correlationId, apiKey, apiVersion: version, resolve: resolve as InFlight['resolve'], reject,
        timer: setTimeout(() => {
          const err = new KafkaClientError('request', `${apiLabel(apiKey)} to ${this.label} got no response within ${timeoutMs} ms (request.timeout.ms)`, 'REQUEST_TIMED_OUT');
          this.fail(err, entry);
        }, timeoutMs),
      };
      this.inFlight.push(entry);
      this.socket.write(frame);
    });
  }

  /**
   * ApiVersions (KIP-35, KIP-511): asks at v3 (or `version`); a broker that does not serve it
   * answers UNSUPPORTED_VERSION with a v0 body listing its range, and the client asks again at
   * the highest version the broker serves, as Kafka's NetworkClient does.
   */
  async negotiateApiVersions(version = 3): Promise<ApiVersionRange[]> {
    const answer = await this.send<ApiVersionsResponse>(API_VERSIONS, { clientSoftwareName: 'kafka-lab', clientSoftwareVersion: '0.1.0' }, { version });
    if (answer.body.errorCode === UNSUPPORTED_VERSION) {
      const theirs = answer.body.apiKeys.find((k) => k.apiKey === API_VERSIONS);
      if (theirs === undefined || theirs.maxVersion >= version) throw new KafkaResponseError('apiVersions', UNSUPPORTED_VERSION, 'the broker refuses every ApiVersions version');
      return this.negotiateApiVersions(theirs.maxVersion);
    }
    if (answer.body.errorCode !== 0) throw new KafkaResponseError('apiVersions', answer.body.errorCode, null);
    this.brokerApiVersions.clear();
    for (const range of answer.body.apiKeys) this.brokerApiVersions.set(range.apiKey, range);
    return answer.body.apiKeys;
  }

  private onData(data: Buffer): void {
    this.chunks.push(data);
    this.buffered += data.length;
    while (this.buffered >= 4) {
      const head = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
      this.chunks = [head];
      const size = head.readInt32BE(0);
      const max = this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
      if (size < 4 || size > max) {
        this.fail(new KafkaClientError('request', `${this.label} sent a response frame of ${size} bytes (accepted: 4 to ${max}): is this a Kafka listener, and is its security protocol right?`, 'INVALID_FRAME'));
        return;
      }
      if (this.buffered < 4 + size) return;
      const frame = head.subarray(4, 4 + size);
      const rest = head.subarray(4 + size);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
      this.onFrame(frame);
      if (this.closedError) return;
    }
  }

  private onFrame(frame: Buffer): void {
    const head = this.inFlight[0];
    const correlationId = frame.readInt32BE(0);
    if (head === undefined || head.correlationId !== correlationId) {
      this.fail(new KafkaClientError('request', `${this.label} answered correlation id ${correlationId}, expected ${head?.correlationId ?? 'none'}`, 'CORRELATION_MISMATCH'));
      return;
    }
    this.inFlight.shift();
    clearTimeout(head.timer);
    try {
      // KIP-511: an ApiVersions answer of UNSUPPORTED_VERSION is a v0 body whatever version was asked
      // (its header is always v0, so the errorCode sits right after the correlation id).
      const fallback = head.apiKey === API_VERSIONS && frame.length >= 6 && frame.readInt16BE(4) === UNSUPPORTED_VERSION;
      const version = fallback ? 0 : head.apiVersion;
      const { body } = decodeResponse(head.apiKey, version, frame);
      head.resolve({ version, body });
    } catch (e) {
      head.reject(new KafkaClientError('request', `${apiLabel(head.apiKey)} v${head.apiVersion} response from ${this.label} is malformed: ${(e as Error).message}`, 'CORRUPT_MESSAGE'));
    }
  }

  private fail(err: KafkaClientError, cause?: InFlight): void {
    if (this.closedError) return;
    this.closedError = err;
    for (const entry of this.inFlight.splice(0)) {
      clearTimeout(entry.timer);
      entry.reject(entry === cause || cause === undefined ? err : new KafkaClientError('request', `${apiLabel(entry.apiKey)}: connection to ${this.label} closed after another request timed out`, 'NETWORK_EXCEPTION'));
    }
    this.socket.destroy();
    for (const listener of this.closeListeners) listener(err);
  }
}
