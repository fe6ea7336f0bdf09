/**
 * Adapts a cluster host to the shared contract: the invoke handlers (`ClusterApi`) and the
 * coalesced push stream. Used unchanged by the Electron shell and by serve mode, which is how
 * the Electron path is tested in plain Node.
 */
import type { ClusterEvent } from '../../shared';
import type { ClusterApi, ClusterPushes, HostInfo, HostMode, SessionExport } from '../../shared/ipc-contract';
import { readOnlyErrorName, snapshotPushIntervalMs } from '../../shared/ipc-contract';
import { diffSnapshot, type VersionedSnapshot } from '../../shared/snapshot-patch';
import { workbenchCommandMethods, workbenchMutatingMethods, type WorkbenchCommands, type WorkbenchMethod, type WorkbenchStatus } from '../../shared/workbench-contract';
import type { ClusterHostLike } from './cluster-host-like';
import { ViewerScans } from './viewer-scans';
import { hostSessionFor, noHostSession } from './hosted-session-api';
import type { HostSessionCommands } from '../../shared/host-session-contract';
import { storageFor, type LabReset } from './hosted-storage-api';
import type { RemoteCommands } from '../../shared/remote-contract';
import { noRemoteService, remoteFor } from '../remote/hosted-remote-api';

/** The largest event batch a viewer can ask for at once. */
const maxRecentEvents = 5000;

const readOnlyMessage = 'This view is read-only: commands need the access token.';
export const readOnlyRecordsMessage = 'This view is read-only: reading records (scans, live tail) needs the access token.';

/**
 * Methods that hand out record contents (keys, values, headers). A read-only viewer never gets
 * them: anyone on the network can open a read-only view, the records are the users' data, and in
 * a workshop the room follows the presenter's browser on the projector (issue 11, finding 3).
 */
export const recordReadingMethods: readonly WorkbenchMethod[] = ['startScan', 'startTail', 'pollScan', 'stopScan'];

/**
 * The workbench's methods for one viewer: mutating ones (produce, load, consumers, offset
 * resets) and record reading refused for read-only viewers; scans go through the viewer's own
 * slots; the other reads pass through (the consumed records of UI consumers stripped for
 * read-only viewers).
 */
function workbenchFor(workbench: WorkbenchCommands, readOnly: boolean, scans: ViewerScans): WorkbenchCommands {
  const methods: Partial<Record<WorkbenchMethod, unknown>> = {};
  for (const method of workbenchCommandMethods) {
    const refusal = workbenchMutatingMethods.includes(method) ? readOnlyMessage : recordReadingMethods.includes(method) ? readOnlyRecordsMessage : null;
    const target: object = recordReadingMethods.includes(method) ? scans : workbench;
    const call = ((target as Record<string, unknown>)[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
    methods[method] = readOnly && refusal !== null
      ? async () => { throw new Error(`${readOnlyErrorName}: ${refusal}`); }
      : call;
  }
  if (readOnly) {
    methods.getWorkbenchStatus = async (): Promise<WorkbenchStatus> => {
      const status = await workbench.getWorkbenchStatus();
      return { ...status, consumers: status.consumers.map((c) => ({ ...c, recent: [] })) };
    };
  }
  return methods as WorkbenchCommands;
}

/** The invoke handlers of one viewer, and what to do when the viewer goes away. */
export type HostedApi = ClusterApi & {
  /** Stops the viewer's scans and tails; call when its socket or window closes. */
  dispose(): Promise<void>;
};

/**
 * Invoke handlers for one viewer. `readOnly` viewers get the cluster view (snapshots, events,
 * lag, offsets) but neither commands nor record contents; see serve-server.ts.
 */
export function createHostedApi(host: ClusterHostLike, hub: PushHub, mode: HostMode, readOnly: boolean, workbench: WorkbenchCommands, session: HostSessionCommands = noHostSession, labReset: LabReset | null = null, remote: RemoteCommands = noRemoteService): HostedApi {
  const scans = new ViewerScans(workbench);
  return {
    ...workbenchFor(workbench, readOnly, scans),
    ...hostSessionFor(session, readOnly),
    ...storageFor(host, readOnly, labReset),
    ...remoteFor(remote, readOnly),
    dispose: () => scans.dispose(),
    getSnapshot: async () => hub.current(),
    getRecentEvents: async (limit?: number) => host.recentEvents(clampLimit(limit)),
    getEventHistory: async () => host.eventHistory(),
    getMetricHistory: async () => host.metricHistory(),
    getSessionHistory: async () => host.sessionHistoryRange(),
    getViewAt: async (simTimeMs: number, throughEventSeq?: number) => host.viewAt(simTimeMs, throughEventSeq ?? undefined),
    getHostInfo: async (): Promise<HostInfo> => ({ bootstrap: host.bootstrap, seed: host.seed, readOnly, mode, ...(host.portFallback ? { portNotice: host.portFallback } : {}) }),
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
  /** Failures logged so far; only the first few are, so a failure on every tick cannot flood the log. */
  private failuresReported = 0;
  /**
   * The last version handed out. It only ever rises — across a replaced cluster (restart) and
   * across spells with no viewer — because a renderer keeps the newest version it holds and
   * ignores anything older (app-store's accept): restarting the count at 1 froze every open
   * viewer until the new count overtook the old one.
   */
  private version = 0;

  constructor(private readonly host: ClusterHostLike, intervalMs = snapshotPushIntervalMs) {
    this.unsubscribe = host.onEvents((events) => {
      if (this.listeners.size > 0) this.pendingEvents.push(...events);
    });
    this.timer = setInterval(() => this.safeTick(), intervalMs);
    this.timer.unref?.();
  }

  /** Adds a viewer; it gets a full snapshot on the next tick. Returns its removal. */
  subscribe(listener: PushListener): () => void {
    this.listeners.set(listener, { hasFull: false });
    return () => this.listeners.delete(listener);
  }

  /** The snapshot the next patch will be based on (taken now if there is none yet). */
  current(): VersionedSnapshot {
    this.last ??= { version: ++this.version, view: this.host.snapshot() };
    return this.last;
  }

  /** Sends the current state and pending events now (also called by the timer). */
  tick(): void {
    if (this.listeners.size === 0) {
      // Nobody holds a version: the next viewer starts from a fresh full snapshot.
      this.last = null;
      return;
    }
    const previous = this.last;
    // Taken before the events are: a snapshot that throws leaves them for the next tick.
    const next: VersionedSnapshot = { version: this.version + 1, view: this.host.snapshot() };
    this.version = next.version;
    const events = this.pendingEvents;
    this.pendingEvents = [];
    this.last = next;
    let patch: ClusterPushes['snapshotPatch'] | null = null;
    for (const [listener, state] of this.listeners) {
      try {
        if (events.length > 0) listener('events', events);
        if (state.hasFull && previous) {
          patch ??= diffSnapshot(previous.view, next.view, previous.version, next.version);
          listener('snapshotPatch', patch);
        } else {
          listener('snapshot', next);
          state.hasFull = true;
        }
      } catch (error) {
        // One viewer's failing send is that viewer's: it gets a full snapshot next tick, the others go on.
        state.hasFull = false;
        this.reportFailure(error);
      }
    }
  }

  /** The timer's tick: a failure (a snapshot that throws) is logged and the next tick tries again. */
  private safeTick(): void {
    try {
      this.tick();
    } catch (error) {
      this.reportFailure(error);
    }
  }

  private reportFailure(error: unknown): void {
    if (this.failuresReported++ < 10) console.error(`kafka-lab: pushing the cluster view failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }

  /**
   * Issue 13: the cluster behind the host was replaced. Events gathered from the old one are
   * dropped and every viewer gets a full snapshot next tick (a patch against the old cluster's
   * view would be meaningless).
   */
  restart(): void {
    this.pendingEvents = [];
    this.last = null;
    for (const state of this.listeners.values()) state.hasFull = false;
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    this.listeners.clear();
  }
}
