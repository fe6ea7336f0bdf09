/**
 * Adapts a cluster host to the shared contract: the invoke handlers (`ClusterApi`) and the
 * coalesced push stream. Used unchanged by the Electron shell and by serve mode, which is how
 * the Electron path is tested in plain Node.
 */
import type { ClusterEvent } from '../../shared';
import type { ClusterApi, ClusterPushes, HostInfo, HostMode, SessionExport } from '../../shared/ipc-contract';
import { readOnlyErrorName, snapshotPushIntervalMs } from '../../shared/ipc-contract';
import { diffSnapshot, type VersionedSnapshot } from '../../shared/snapshot-patch';
import { workbenchCommandMethods, workbenchMutatingMethods, type WorkbenchCommands, type WorkbenchMethod } from '../../shared/workbench-contract';
import type { ClusterHostLike } from './cluster-host-like';

/** The largest event batch a viewer can ask for at once. */
const maxRecentEvents = 5000;

const readOnlyMessage = 'This view is read-only: commands need the access token.';

/**
 * The workbench's methods for one viewer: mutating ones (produce, load, consumers, offset
 * resets) refused for read-only viewers, reads passed through.
 */
function workbenchFor(workbench: WorkbenchCommands, readOnly: boolean): WorkbenchCommands {
  const methods: Partial<Record<WorkbenchMethod, unknown>> = {};
  for (const method of workbenchCommandMethods) {
    const call = (workbench[method] as (...args: unknown[]) => Promise<unknown>).bind(workbench);
    methods[method] = readOnly && workbenchMutatingMethods.includes(method)
      ? async () => { throw new Error(`${readOnlyErrorName}: ${readOnlyMessage}`); }
      : call;
  }
  return methods as WorkbenchCommands;
}

/** Invoke handlers for one viewer; `readOnly` viewers get snapshots and events, never commands. */
export function createHostedApi(host: ClusterHostLike, hub: PushHub, mode: HostMode, readOnly: boolean, workbench: WorkbenchCommands): ClusterApi {
  return {
    ...workbenchFor(workbench, readOnly),
    getSnapshot: async () => hub.current(),
    getRecentEvents: async (limit?: number) => host.recentEvents(clampLimit(limit)),
    getHostInfo: async (): Promise<HostInfo> => ({ bootstrap: host.bootstrap, seed: host.seed, readOnly, mode }),
    exportSession: async (): Promise<SessionExport> => {
      if (readOnly) return { ok: false, errorName: readOnlyErrorName, message: readOnlyMessage };
      try {
        const json = host.exportTrace();
        const simTime = new Date(host.snapshot().simTimeMs).toISOString().replace(/[:.]/g, '-');
        return { ok: true, fileName: `kafka-lab-session-seed${host.seed}-${simTime}.json`, json };
      } catch (error) {
        return { ok: false, errorName: 'INVALID_REQUEST', message: error instanceof Error ? error.message : String(error) };
      }
    },
    execute: async (command) => {
      // Refused here, not merely hidden in the UI: a read-only socket can send any frame it likes.
      if (readOnly) return { ok: false, errorName: readOnlyErrorName, message: readOnlyMessage };
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
 * Fans the host's state out to viewers at a fixed rate: per tick one full snapshot for viewers
 * that have none yet and one patch (against the previous tick) for the others — never one message
 * per Kafka event — plus the events gathered since the previous tick as one batch.
 */
export class PushHub {
  private readonly listeners = new Map<PushListener, { hasFull: boolean }>();
  private pendingEvents: ClusterEvent[] = [];
  private last: VersionedSnapshot | null = null;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;

  constructor(private readonly host: ClusterHostLike, intervalMs = snapshotPushIntervalMs) {
    this.unsubscribe = host.onEvents((events) => {
      if (this.listeners.size > 0) this.pendingEvents.push(...events);
    });
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref?.();
  }

  /** Adds a viewer; it gets a full snapshot on the next tick. Returns its removal. */
  subscribe(listener: PushListener): () => void {
    this.listeners.set(listener, { hasFull: false });
    return () => this.listeners.delete(listener);
  }

  /** The snapshot the next patch will be based on (taken now if there is none yet). */
  current(): VersionedSnapshot {
    this.last ??= { version: 1, view: this.host.snapshot() };
    return this.last;
  }

  /** Sends the current state and pending events now (also called by the timer). */
  tick(): void {
    if (this.listeners.size === 0) {
      // Nobody holds a version: the next viewer starts from a fresh full snapshot.
      this.last = null;
      return;
    }
    const events = this.pendingEvents;
    this.pendingEvents = [];
    const previous = this.last;
    const next: VersionedSnapshot = { version: (previous?.version ?? 0) + 1, view: this.host.snapshot() };
    this.last = next;
    let patch: ClusterPushes['snapshotPatch'] | null = null;
    for (const [listener, state] of this.listeners) {
      if (events.length > 0) listener('events', events);
      if (state.hasFull && previous) {
        patch ??= diffSnapshot(previous.view, next.view, previous.version, next.version);
        listener('snapshotPatch', patch);
      } else {
        listener('snapshot', next);
        state.hasFull = true;
      }
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    this.listeners.clear();
  }
}
