/**
 * Adapts a cluster host to the shared contract: the invoke handlers (`ClusterApi`) and the
 * coalesced push stream. Used unchanged by the Electron shell and by serve mode, which is how
 * the Electron path is tested in plain Node.
 */
import type { ClusterEvent } from '../../shared';
import type { ClusterApi, ClusterPushes, HostInfo, HostMode } from '../../shared/ipc-contract';
import { readOnlyErrorName, snapshotPushIntervalMs } from '../../shared/ipc-contract';
import type { ClusterHostLike } from './cluster-host-like';

/** The largest event batch a viewer can ask for at once. */
const maxRecentEvents = 5000;

/** Invoke handlers for one viewer; `readOnly` viewers get snapshots and events, never commands. */
export function createHostedApi(host: ClusterHostLike, mode: HostMode, readOnly: boolean): ClusterApi {
  return {
    getSnapshot: async () => host.snapshot(),
    getRecentEvents: async (limit?: number) => host.recentEvents(clampLimit(limit)),
    getHostInfo: async (): Promise<HostInfo> => ({ bootstrap: host.bootstrap, seed: host.seed, readOnly, mode }),
    execute: async (command) => {
      // Refused here, not merely hidden in the UI: a read-only socket can send any frame it likes.
      if (readOnly) return { ok: false, errorName: readOnlyErrorName, message: 'This view is read-only: commands need the access token.' };
      if (!command || typeof command !== 'object' || typeof (command as { type?: unknown }).type !== 'string') {
        return { ok: false, errorName: 'INVALID_REQUEST', message: 'A command needs a type.' };
      }
      try {
        return await host.execute(command);
      } catch (error) {
        return { ok: false, errorName: 'UNKNOWN_SERVER_ERROR', message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

function clampLimit(limit: unknown): number {
  return typeof limit === 'number' && Number.isFinite(limit) && limit > 0 ? Math.min(Math.floor(limit), maxRecentEvents) : 1000;
}

export type PushListener = <K extends keyof ClusterPushes>(channel: K, payload: ClusterPushes[K]) => void;

/**
 * Fans the host's state out to viewers at a fixed rate: one snapshot per tick (the latest; never
 * one per Kafka event) and the events gathered since the previous tick as one batch.
 */
export class PushHub {
  private readonly listeners = new Set<PushListener>();
  private pendingEvents: ClusterEvent[] = [];
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;

  constructor(private readonly host: ClusterHostLike, intervalMs = snapshotPushIntervalMs) {
    this.unsubscribe = host.onEvents((events) => {
      if (this.listeners.size > 0) this.pendingEvents.push(...events);
    });
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref?.();
  }

  /** Adds a viewer; returns its removal. */
  subscribe(listener: PushListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends the current snapshot and pending events now (also called by the timer). */
  tick(): void {
    if (this.listeners.size === 0) return;
    const events = this.pendingEvents;
    this.pendingEvents = [];
    const snapshot = this.host.snapshot();
    for (const listener of this.listeners) {
      if (events.length > 0) listener('events', events);
      listener('snapshot', snapshot);
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    this.listeners.clear();
  }
}
