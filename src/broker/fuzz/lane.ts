/**
 * One fuzzing lane: a connection per broker over real sockets, on which cases run one after
 * another with their requests pipelined. It checks what a client can check on every answer:
 * responses arrive in request order (Java's CorrelationIdMismatch otherwise), each decodes with the
 * response schema of the version asked, and Produce with acks=0 gets none (Kafka never answers it).
 * A request unanswered after `answerTimeoutMs` of real time (a legitimate long poll, or a stuck
 * handler) closes that connection; the next case opens a fresh one.
 */
import { connect, type Socket } from 'node:net';
import { decodeResponse, encodeRequest } from '../protocol';
import { FrameDecoder } from '../wire/frame-decoder';

export type Body = Record<string, unknown>;

export type Answer =
  | { kind: 'response'; body: Body }
  | { kind: 'no-response' }
  | { kind: 'closed' }
  | { kind: 'timeout' }
  | { kind: 'unencodable'; message: string };

/** What a lane reports that is wrong whatever the request was. */
export interface LaneProblem {
  what: 'malformed-response' | 'out-of-order' | 'unexpected-response';
  detail: string;
}

interface Pending {
  correlationId: number;
  apiKey: number;
  apiVersion: number;
  resolve: (answer: Answer) => void;
  deadline: number;
}

class BrokerConnection {
  private readonly pending: Pending[] = [];
  private readonly decoder = new FrameDecoder(1 << 30);
  closed = false;
  private timer: ReturnType<typeof setInterval>;

  constructor(private readonly socket: Socket, private readonly onProblem: (p: LaneProblem) => void) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      let frames: Buffer[];
      try {
        frames = this.decoder.pushOwned(chunk);
      } catch (e) {
        this.onProblem({ what: 'malformed-response', detail: `response framing: ${(e as Error).message}` });
        this.close();
        return;
      }
      for (const frame of frames) this.answer(frame);
    });
    socket.on('close', () => this.close());
    socket.on('error', () => this.close());
    this.timer = setInterval(() => {
      if (this.pending.length > 0 && Date.now() > this.pending[0]!.deadline) this.close('timeout');
    }, 25);
  }

  static open(port: number, onProblem: (p: LaneProblem) => void): Promise<BrokerConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(new BrokerConnection(socket, onProblem)));
      socket.once('error', reject);
    });
  }

  private answer(frame: Buffer): void {
    const next = this.pending.shift();
    if (!next) {
      this.onProblem({ what: 'unexpected-response', detail: `a response with no request waiting (${frame.length} bytes)` });
      return;
    }
    try {
      const { correlationId, body } = decodeResponse<Body>(next.apiKey, next.apiVersion, frame);
      if (correlationId !== next.correlationId) {
        this.onProblem({ what: 'out-of-order', detail: `API ${next.apiKey} v${next.apiVersion}: correlation id ${correlationId}, expected ${next.correlationId}` });
      }
      next.resolve({ kind: 'response', body });
    } catch (e) {
      this.onProblem({ what: 'malformed-response', detail: `API ${next.apiKey} v${next.apiVersion}: ${(e as Error).message}` });
      next.resolve({ kind: 'closed' });
      this.close();
    }
  }

  send(frame: Buffer, p: Pending, expectsResponse: boolean): void {
    if (this.closed) {
      p.resolve({ kind: 'closed' });
      return;
    }
    if (expectsResponse) this.pending.push(p);
    this.socket.write(frame);
    if (!expectsResponse) p.resolve({ kind: 'no-response' });
  }

  close(how: 'closed' | 'timeout' = 'closed'): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.socket.destroy();
    for (const p of this.pending.splice(0)) p.resolve({ kind: how });
  }
}

export class Lane {
  private readonly connections = new Map<number, BrokerConnection>();
  private correlationId = 0;

  constructor(
    private readonly ports: ReadonlyMap<number, number>,
    private readonly answerTimeoutMs: number,
    private readonly onProblem: (p: LaneProblem) => void,
  ) {}

  get brokerIds(): number[] {
    return [...this.ports.keys()];
  }

  private async connection(brokerId: number): Promise<BrokerConnection | null> {
    const existing = this.connections.get(brokerId);
    if (existing && !existing.closed) return existing;
    const port = this.ports.get(brokerId);
    if (port === undefined) return null;
    try {
      const c = await BrokerConnection.open(port, this.onProblem);
      this.connections.set(brokerId, c);
      return c;
    } catch {
      return null;
    }
  }

  /** Sends one request to `brokerId` and resolves with its answer; never rejects. */
  async call(brokerId: number, apiKey: number, apiVersion: number, body: Body, clientId: string | null = 'kafka-lab-fuzz'): Promise<Answer> {
    const correlationId = ++this.correlationId & 0x7fffffff;
    let frame: Buffer;
    try {
      frame = encodeRequest(apiKey, apiVersion, correlationId, clientId, body);
    } catch (e) {
      return { kind: 'unencodable', message: (e as Error).message };
    }
    const c = await this.connection(brokerId);
    if (!c) return { kind: 'closed' };
    return new Promise<Answer>((resolve) => {
      const expectsResponse = !(apiKey === 0 && body.acks === 0);
      c.send(frame, { correlationId, apiKey, apiVersion, resolve, deadline: Date.now() + this.answerTimeoutMs }, expectsResponse);
    });
  }

  close(): void {
    for (const c of this.connections.values()) c.close();
    this.connections.clear();
  }
}
