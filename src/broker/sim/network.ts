/**
 * The simulated inter-broker network: per directed link latency (ms), loss rate (0..1) and cut.
 * Isolating a broker cuts it from every other broker but not from clients (clients talk to the
 * model directly), as in a real network partition between racks.
 *
 * A message is dropped if its link is cut or a side is isolated at send time or at delivery time,
 * or by a loss draw from the 'network' random stream. Delivery to a broker that is not running is
 * the receiver's concern (the cluster checks broker state when the message arrives).
 */
import type { Random } from './random';
import type { Simulation } from './simulation';

export interface LinkState {
  latencyMs: number;
  lossRate: number;
  cut: boolean;
}

export class SimNetwork {
  private readonly links = new Map<string, LinkState>();
  private readonly isolated = new Set<number>();
  messagesSent = 0;
  messagesDropped = 0;

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
   * Sends a message; `deliver` runs at the receiver after the link latency unless the message is
   * lost. Returns false when dropped at send time. Local delivery (from === to) takes 0 ms.
   */
  send(from: number, to: number, label: string, deliver: () => void): boolean {
    this.messagesSent++;
    if (!this.canReach(from, to)) {
      this.messagesDropped++;
      return false;
    }
    const link = from === to ? { latencyMs: 0, lossRate: 0, cut: false } : this.link(from, to);
    if (link.lossRate > 0 && this.random.chance(link.lossRate)) {
      this.messagesDropped++;
      return false;
    }
    this.sim.schedule(link.latencyMs, label, () => {
      if (!this.canReach(from, to)) {
        this.messagesDropped++;
        return;
      }
      deliver();
    });
    return true;
  }
}
