/**
 * One client TCP connection to one simulated broker: framing in, responses out in request order.
 *
 * Kafka clients match responses to requests by order as well as correlationId (the Java client
 * throws CorrelationIdMismatch otherwise), so each request takes a slot in a FIFO when it arrives
 * and its response is written only once every earlier slot has been written. Handlers may finish
 * out of order (a long-poll Fetch or an acks=all Produce waits while a later Metadata is ready).
 * A request that sends no response (Produce acks=0) leaves an empty slot that is skipped.
 *
 * Backpressure: while the socket's write buffer is above `highWaterBytes`, or too many requests
 * wait for their response, the connection stops reading (socket.pause), so a client that does
 * not read its responses cannot make the broker buffer without bound.
 */
import type { Socket } from 'node:net';
import { FrameDecoder, FrameSizeError, ownCopy, type SplitFrame } from './frame-decoder';
import { PLAINTEXT_SECURITY, type ConnectionSecurity } from '../cluster/security/principal';
import type { SaslAuthenticator } from './sasl/authenticator';

/** One encoded response: a buffer, or chunks written back to back (large Fetch record sets are referenced, not copied). */
export type ResponseBytes = Buffer | Buffer[];

/** What the router does with one request frame. */
export type RouteResult =
  | { kind: 'response'; response: ResponseBytes | Promise<ResponseBytes | null> }
  | { kind: 'none' }
  | { kind: 'close'; reason: string };

export interface ConnectionCallbacks {
  /** Called before responses are written to the socket (WireServerOptions.beforeResponseWrite); must not throw. */
  beforeWrite?: () => void;
  /**
   * Handles one complete request frame (payload without size prefix). Must not throw. `split` is
   * set when the frame is the decoder's shared scratch assembly (frame === split.payload): its
   * bytes are valid only during this call, so nothing decoded from them may be kept without
   * rehomeScratchViews (split-frame.ts).
   */
  route(frame: Buffer, connection: Connection, split: SplitFrame | null): RouteResult;
  onClosed(connection: Connection, reason: string): void;
  /** Bytes read (frames incl. size prefix) and written, for the connection registry. */
  onBytes(connection: Connection, bytesIn: number, bytesOut: number): void;
}

export interface ConnectionOptions {
  maxFrameBytes: number;
  /** Stop reading while more than this many bytes wait in the socket's write buffer. */
  highWaterBytes?: number;
  /** Stop reading while more than this many requests wait for their response. */
  maxInFlightRequests?: number;
}

interface Slot {
  done: boolean;
  response: ResponseBytes | null;
}

export class Connection {
  private readonly decoder: FrameDecoder;
  private readonly slots: Slot[] = [];
  private closed = false;
  private flushScheduled = false;
  private pausedForBackpressure = false;
  /** Issue 16 (KIP-219): reading stops while a client quota mutes the channel. */
  private mutedUntilMs = 0;
  private muteTimer: ReturnType<typeof setTimeout> | null = null;
  /** Frames decoded but not yet routed (waiting while the connection is congested). */
  private backlog: Buffer[] = [];
  private backlogIndex = 0;
  private draining = false;
  /** The decoder's split frame while it waits in the backlog during onData (see onData). */
  private split: SplitFrame | null = null;
  private readonly highWaterBytes: number;
  private readonly maxInFlight: number;
  /**
   * The connection's listener, security protocol and principal. The listener sets it on accept and
   * SASL authentication replaces the principal (cluster/security/principal.ts).
   */
  security: ConnectionSecurity = PLAINTEXT_SECURITY;
  /** The SASL state of a connection on a SASL_PLAINTEXT or SASL_SSL listener; null on others. */
  authenticator: SaslAuthenticator | null = null;
  /** Set by endAfterFlush: why the connection ends once its pending responses are written. */
  private endReason: string | null = null;
  /** Wall-clock ms of the last bytes read or written (idle expiry, Kafka's Selector IdleExpiryManager). */
  lastActiveMs = Date.now();

  constructor(
    readonly connectionId: string,
    readonly brokerId: number,
    readonly socket: Socket,
    private readonly callbacks: ConnectionCallbacks,
    options: ConnectionOptions,
  ) {
    this.decoder = new FrameDecoder(options.maxFrameBytes);
    this.highWaterBytes = options.highWaterBytes ?? 4 * 1024 * 1024;
    this.maxInFlight = options.maxInFlightRequests ?? 256;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.guarded(() => this.onData(chunk)));
    socket.on('drain', () => this.guarded(() => this.updateBackpressure()));
    socket.on('error', (err) => this.close(`socket error: ${err.message}`));
    socket.on('close', () => this.close('client closed the connection'));
  }

  get remoteAddress(): string {
    return `${this.socket.remoteAddress ?? '?'}:${this.socket.remotePort ?? 0}`;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Requests received whose response has not been written yet. */
  get inFlightRequests(): number {
    return this.slots.length;
  }

  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.muteTimer) clearTimeout(this.muteTimer);
    this.slots.length = 0;
    this.socket.destroy();
    try {
      this.callbacks.onClosed(this, reason);
    } catch {
      // The connection is gone either way; its owner's cleanup must not escape a socket event.
    }
  }

  /**
   * Ends the connection once every response already queued is written (a SASL failure is answered
   * first, then the connection closes, as Kafka's SaslServerAuthenticator does). Reads stop now.
   */
  endAfterFlush(reason: string): void {
    if (this.closed || this.endReason !== null) return;
    this.endReason = reason;
    this.scheduleFlush();
  }

  private end(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.slots.length = 0;
    // end() lets the written response reach the client before the FIN; destroy whatever lingers.
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 1000).unref();
    try {
      this.callbacks.onClosed(this, reason);
    } catch {
      // As in close().
    }
  }

  /**
   * Socket events and microtasks are entry points from the event loop: an exception thrown there
   * would be uncaught and end the process. Whatever goes wrong ends this connection only.
   */
  private guarded(run: () => void): void {
    try {
      run();
    } catch (err) {
      this.close(`internal error: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.lastActiveMs = Date.now();
    try {
      for (const frame of this.decoder.push(chunk)) this.backlog.push(frame);
    } catch (err) {
      this.close(err instanceof FrameSizeError ? err.message : `framing error: ${String(err)}`);
      return;
    }
    this.split = this.decoder.lastSplit;
    this.drainBacklog();
    if (this.split !== null) {
      // Not routed yet (congested): the scratch will be reused, so the frame gets its own copy.
      const at = this.backlog.indexOf(this.split.payload, this.backlogIndex);
      if (at >= 0) this.backlog[at] = ownCopy(this.split.payload);
      this.split = null;
    }
    this.updateBackpressure();
  }

  /**
   * Routes decoded frames until the connection is congested; the rest wait in the backlog. One
   * read can hold thousands of small pipelined requests, so the check is per frame, not per read.
   */
  private drainBacklog(): void {
    // Responses written while routing call back into updateBackpressure; one loop is enough.
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.backlogIndex < this.backlog.length && !this.closed && this.endReason === null && !this.congested() && !this.muted()) {
        const frame = this.backlog[this.backlogIndex++]!;
        this.callbacks.onBytes(this, frame.length + 4, 0);
        let split: SplitFrame | null = null;
        if (this.split !== null && frame === this.split.payload) {
          split = this.split;
          this.split = null;
        }
        this.handleFrame(frame, split);
      }
    } finally {
      this.draining = false;
    }
    if (this.backlogIndex >= this.backlog.length) {
      this.backlog = [];
      this.backlogIndex = 0;
    }
  }

  private congested(): boolean {
    return this.socket.writableLength > this.highWaterBytes || this.slots.length >= this.maxInFlight;
  }

  private handleFrame(frame: Buffer, split: SplitFrame | null): void {
    let result: RouteResult;
    try {
      result = this.callbacks.route(frame, this, split);
    } catch (err) {
      // The router promises not to throw; this is the last line of defence for the broker.
      this.close(`internal error routing a request: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    switch (result.kind) {
      case 'none':
        return;
      case 'close':
        this.close(result.reason);
        return;
      case 'response': {
        const slot: Slot = { done: false, response: null };
        this.slots.push(slot);
        const response = result.response;
        if (!(response instanceof Promise)) {
          slot.done = true;
          slot.response = response;
          this.scheduleFlush();
        } else {
          response.then(
            (buf) => {
              slot.done = true;
              slot.response = buf;
              this.scheduleFlush();
            },
            (err: unknown) => this.close(`internal error handling a request: ${err instanceof Error ? err.message : String(err)}`),
          );
        }
        return;
      }
    }
  }

  /**
   * Flushes once the current run of completions is over: requests answered together (pipelined
   * ones read in one chunk, acks=all produces completed by one highWatermark move) leave in one
   * corked writev instead of one write each.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.guarded(() => this.flush());
    });
  }

  private flush(): void {
    if (this.closed) return;
    let written = 0;
    let corked = false;
    while (this.slots.length > 0 && this.slots[0]!.done) {
      const slot = this.slots.shift()!;
      const response = slot.response;
      if (!response) continue;
      if (!corked) {
        this.callbacks.beforeWrite?.();
        // One writev for everything that is ready (pipelined responses, Fetch chunks).
        this.socket.cork();
        corked = true;
      }
      for (const chunk of Buffer.isBuffer(response) ? [response] : response) {
        this.socket.write(chunk);
        written += chunk.length;
      }
    }
    if (corked) this.socket.uncork();
    if (written > 0) {
      this.lastActiveMs = Date.now();
      this.callbacks.onBytes(this, 0, written);
    }
    if (this.endReason !== null && this.slots.length === 0) {
      this.end(this.endReason);
      return;
    }
    this.updateBackpressure();
  }

  /**
   * Issue 16: mutes the channel for a client quota's throttle time (KIP-219: the throttled response
   * is sent first; no further request is read or routed until the time has passed).
   */
  muteFor(ms: number): void {
    if (this.closed || !(ms > 0)) return;
    this.mutedUntilMs = Math.max(this.mutedUntilMs, Date.now() + ms);
    if (this.muteTimer) clearTimeout(this.muteTimer);
    this.muteTimer = setTimeout(() => {
      this.muteTimer = null;
      this.mutedUntilMs = 0;
      this.guarded(() => this.updateBackpressure());
    }, this.mutedUntilMs - Date.now());
    this.muteTimer.unref?.();
    this.updateBackpressure();
  }

  private muted(): boolean {
    return this.mutedUntilMs > Date.now();
  }

  private updateBackpressure(): void {
    if (this.closed) return;
    if (!this.congested() && !this.muted() && this.backlogIndex < this.backlog.length) this.drainBacklog();
    const stopReading = this.congested() || this.muted() || this.backlogIndex < this.backlog.length;
    if (stopReading && !this.pausedForBackpressure) {
      this.pausedForBackpressure = true;
      this.socket.pause();
    } else if (!stopReading && this.pausedForBackpressure) {
      this.pausedForBackpressure = false;
      this.socket.resume();
    }
  }
}
