/**
 * The simulated inter-broker network: per directed link latency (ms), loss rate (0..1) and cut.
 * Isolating a broker cuts it from every other broker but not from clients (clients talk to the
 * model directly), as in a real network partition between racks.
 *
 * Brokers talk over TCP, and TCP does not lose what a live connection carries: a segment dropped
 * by a cut link, an isolation or a loss draw is retransmitted after the retransmission timeout,
 * which starts at TCP_RTO_MIN (200 ms on Linux) and doubles after every unanswered try (RFC 6298
 * §5.5). So a message crossing a partition arrives at the first retransmission after the heal —
 * within about the partition's own length of it, not at the sender's request timeout. What does
 * end a message is the sender giving up: Kafka's NetworkClient closes a connection whose request
 * has waited its timeout (replica.socket.timeout.ms for follower fetches, request.timeout.ms
 * otherwise), which discards whatever it still carried; `send`'s timeoutMs is that bound.
 *
 * Delivery to a broker that is not running, or from an incarnation that has since crashed, is the
 * receiver's concern (the cluster checks broker state when the message arrives).
 */
import type { Random } from './random';
import type { Simulation } from './simulation';

export interface LinkState {
  latencyMs: number;
  lossRate: number;
  cut: boolean;
}

/** Linux's TCP_RTO_MIN: the first retransmission of a segment on a LAN connection (RFC 6298 allows 1 s; Linux uses 200 ms). */
export const TCP_RTO_MIN_MS = 200;
/** Linux's TCP_RTO_MAX: the doubling stops here. */
export const TCP_RTO_MAX_MS = 120_000;
/** Kafka's request.timeout.ms default: how long a client waits for an answer before closing the connection. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export class SimNetwork {
  private readonly links = new Map<string, LinkState>();
  private readonly isolated = new Set<number>();
  messagesSent = 0;
  /** Messages given up: their sender's request timeout passed before a transmission got through. */
  messagesDropped = 0;
  /** Transmissions repeated after a cut, an isolation or a loss draw. */
  retransmissions = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly random: Random,
    /** Latency of a healthy link in ms. */
    readonly defaultLatencyMs = 1,
  ) {}

  link(from: number, to: number): LinkState {
    return this.links.get(`${from}>${to}`) ?? { latencyMs: this.defaultLatencyMs, lossRate: 0, cut: false };
  }

  /** Sets both directions of the link between a and b. */
  setLink(a: number, b: number, state: LinkState): void {
    this.links.set(`${a}>${b}`, { ...state });
    this.links.set(`${b}>${a}`, { ...state });
  }

  /**
   * Links set away from a healthy one, one entry per broker pair (setLink sets both directions
   * alike), in ascending pair order, for the view.
   */
  changedLinks(): { brokerA: number; brokerB: number; state: LinkState }[] {
    const out: { brokerA: number; brokerB: number; state: LinkState }[] = [];
    for (const [key, state] of this.links) {
      const [a, b] = key.split('>').map(Number) as [number, number];
      if (a > b || (state.latencyMs === this.defaultLatencyMs && state.lossRate === 0 && !state.cut)) continue;
      out.push({ brokerA: a, brokerB: b, state: { ...state } });
    }
    return out.sort((x, y) => x.brokerA - y.brokerA || x.brokerB - y.brokerB);
  }

  isolate(brokerId: number): void {
    this.isolated.add(brokerId);
  }

  heal(brokerId: number): void {
    this.isolated.delete(brokerId);
  }

  isIsolated(brokerId: number): boolean {
    return this.isolated.has(brokerId);
  }

  /** Whether a message from → to could currently get through (ignoring random loss). */
  canReach(from: number, to: number): boolean {
    if (from === to) return true;
    if (this.isolated.has(from) || this.isolated.has(to)) return false;
    return !this.link(from, to).cut;
  }

  /**
   * Sends a message; `deliver` runs at the receiver after the link latency of the transmission
   * that gets through, or never if none does within `timeoutMs` of the send (the sender's request
   * timeout). Returns whether the first transmission went out (false: it waits for a retransmission).
   * Local delivery (from === to) takes 0 ms.
   */
  send(from: number, to: number, label: string, deliver: () => void, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS, senderAlive?: () => boolean): boolean {
    this.messagesSent++;
    if (from === to) {
      this.sim.schedule(0, label, deliver);
      return true;
    }
    return this.transmit(from, to, label, deliver, this.sim.now() + timeoutMs, TCP_RTO_MIN_MS, senderAlive);
  }

  /** `senderAlive`: a segment already on the wire still arrives, but a crashed sender retransmits nothing. */
  private transmit(from: number, to: number, label: string, deliver: () => void, giveUpAtMs: number, rtoMs: number, senderAlive?: () => boolean): boolean {
    const sentAt = this.sim.now();
    const link = this.link(from, to);
    if (this.canReach(from, to) && !(link.lossRate > 0 && this.random.chance(link.lossRate))) {
      this.sim.schedule(link.latencyMs, label, () => {
        // Cut while in flight: the segment is gone, its retransmission timer still runs from sentAt.
        if (this.canReach(from, to)) deliver();
        else this.retransmitLater(from, to, label, deliver, giveUpAtMs, sentAt + rtoMs, rtoMs, senderAlive);
      });
      return true;
    }
    this.retransmitLater(from, to, label, deliver, giveUpAtMs, sentAt + rtoMs, rtoMs, senderAlive);
    return false;
  }

  private retransmitLater(from: number, to: number, label: string, deliver: () => void, giveUpAtMs: number, atMs: number, rtoMs: number, senderAlive?: () => boolean): void {
    if (atMs >= giveUpAtMs) {
      this.messagesDropped++;
      return;
    }
    this.retransmissions++;
    this.sim.schedule(atMs - this.sim.now(), 'tcp-retransmit', () => {
      if (senderAlive && !senderAlive()) {
        this.messagesDropped++;
        return;
      }
      this.transmit(from, to, label, deliver, giveUpAtMs, Math.min(rtoMs * 2, TCP_RTO_MAX_MS), senderAlive);
    });
  }
}
