/**
 * What the engine's simulated clients share: the cluster (every call they make goes through
 * `call`, i.e. SimCluster.asModelInternal, so a replay regenerates it instead of reading it from
 * the input log), the coordinators, the scenario's clock origin and the errors each client saw.
 */
import type { SimCluster } from '../cluster/cluster';
import type { CoordinatorPair } from '../cluster/transactions/coordinator-inputs';
import type { Random } from '../sim/random';

export class EngineContext {
  /** client name → Kafka error name → times seen. */
  readonly errorsSeen = new Map<string, Map<string, number>>();
  /** Set by detach(): every client stops at its next event. */
  detached = false;

  constructor(readonly cluster: SimCluster, readonly coordinators: CoordinatorPair, readonly random: Random, readonly startTimeMs: number) {}

  /** Simulated ms since the scenario's start. */
  nowMs(): number {
    return this.cluster.now() - this.startTimeMs;
  }

  /** Readable failures of the engine's own code (contained: the cluster and the other clients go on). */
  readonly engineErrors: string[] = [];

  /** Runs a cluster call as a model-internal caller (not an input; see SimCluster.asModelInternal). */
  call<T>(fn: () => T): T {
    return this.cluster.asModelInternal(fn);
  }

  /**
   * Runs a client callback as model-internal, containing what it throws (ARCHITECTURE §1): a bug in
   * one simulated client is reported (engineErrors, shown with the invariants) and never escapes
   * into the model's event loop or the host.
   */
  guard(label: string, run: () => void): void {
    try {
      this.call(run);
    } catch (e) {
      if (this.engineErrors.length < 20) this.engineErrors.push(`t=${this.nowMs()} ${label}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /**
   * Schedules a model event after delayMs, rounded up to a whole millisecond: the model's clock is
   * whole ms (commit timestamps are int64 in __consumer_offsets) while rates and processing times
   * may be fractional (30 records/s, 0.5 ms per record). Its cluster calls are model-internal and
   * contained.
   */
  schedule(delayMs: number, label: string, run: () => void): void {
    this.cluster.services.schedule(Math.ceil(delayMs), label, () => {
      if (!this.detached) this.guard(label, run);
    });
  }

  sawError(client: string, errorName: string): void {
    if (errorName === 'NONE') return;
    let m = this.errorsSeen.get(client);
    if (!m) this.errorsSeen.set(client, (m = new Map()));
    m.set(errorName, (m.get(errorName) ?? 0) + 1);
  }

  errorCount(client: string, errorName: string): number {
    return this.errorsSeen.get(client)?.get(errorName) ?? 0;
  }

  /** Leader of a partition in the controller's metadata (-1 when offline). */
  leaderOf(topic: string, partition: number): number {
    return this.cluster.services.leaderOf(topic, partition);
  }

  partitionCount(topic: string): number {
    return this.cluster.services.partitionCount(topic) ?? 0;
  }
}
