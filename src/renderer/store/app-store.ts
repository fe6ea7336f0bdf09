/**
 * createAppStore(client): the renderer's one store, built from slices, fed by a ClusterSource.
 *
 * Pushes are buffered and applied in a single store update per animation frame, however many
 * snapshots and event batches arrived in between (ARCHITECTURE §4).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ClusterCommand, ClusterEvent, ClusterView, CommandResult } from '../../shared';
import type { ClusterSource } from '../../shared/cluster-source';
import { applySnapshotPatch, type SnapshotPatch, type VersionedSnapshot } from '../../shared/snapshot-patch';
import { appendEvents, createEventsSlice, historyEvents, type EventsSlice } from './events-slice';
import { backfillSamples } from './history-backfill';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createSettingsSlice, type SettingsSlice, type SettingsStorage } from './settings-slice';
import { createSnapshotSlice, nextSamples, type SnapshotSlice } from './snapshot-slice';
import { createTimeTravelSlice, isOtherCluster, leavePast, type TimeTravelSlice } from './time-travel-slice';

export interface CommandsSlice {
  /** Sends a command; resolves with the host's result (errors are results, never throws). */
  execute(command: ClusterCommand): Promise<CommandResult>;
  lastResult: { command: ClusterCommand; result: CommandResult } | null;
}

export type AppState = SnapshotSlice & EventsSlice & SelectionSlice & SettingsSlice & CommandsSlice & TimeTravelSlice;
export type AppStore = StoreApi<AppState> & { client: ClusterSource; disconnect(): void };

export type FrameScheduler = (flush: () => void) => void;

export interface AppStoreOptions {
  storage?: SettingsStorage | null;
  /** Defaults to requestAnimationFrame; tests pass a manual scheduler. */
  scheduleFrame?: FrameScheduler;
  /** Subscribe to the client at once (default true). */
  connect?: boolean;
}

/** Pure: the state after a frame's worth of pushes. */
export function applyPushes(state: AppState, snapshot: ClusterView | null, events: ClusterEvent[]): Partial<AppState> {
  const update: Partial<AppState> = {};
  if (snapshot) {
    // Issue 13: in past mode the views keep showing the chosen moment; the live view waits for "Back to live".
    if (state.timeTravel.mode === 'past' && !isOtherCluster(state.liveSnapshot, snapshot)) update.liveSnapshot = snapshot;
    else {
      update.snapshot = snapshot;
      // A new cluster ("New cluster…", another host): its history starts afresh, so the past of the old one is left.
      if (state.timeTravel.mode === 'past') Object.assign(update, leavePast());
    }
    update.samples = nextSamples(state.samples, snapshot);
  }
  if (events.length > 0) update.events = appendEvents(state.events, events);
  return update;
}

export function createAppStore(client: ClusterSource, options: AppStoreOptions = {}): AppStore {
  const store = createStore<AppState>()((...a) => ({
    ...createSnapshotSlice(...a),
    ...createEventsSlice(...a),
    ...createSelectionSlice(...a),
    ...createSettingsSlice(options.storage ?? null)(...a),
    ...createTimeTravelSlice(client)(...(a as unknown as Parameters<ReturnType<typeof createTimeTravelSlice>>)),
    lastResult: null,
    execute: async (command) => {
      let result: CommandResult;
      try {
        result = await client.execute(command);
      } catch (error) {
        result = { ok: false, errorName: 'NETWORK_EXCEPTION', message: error instanceof Error ? error.message : String(error) };
      }
      a[0]({ lastResult: { command, result } });
      return result;
    },
  }));
  const disconnect = options.connect === false ? () => {} : connectStore(store, client, options.scheduleFrame ?? defaultScheduler());
  return Object.assign(store, { client, disconnect });
}

function defaultScheduler(): FrameScheduler {
  if (typeof requestAnimationFrame === 'function') return (flush) => requestAnimationFrame(() => flush());
  return (flush) => setTimeout(flush, 16);
}

/**
 * Subscribes the store to the client's pushes, coalescing them per frame, and loads the
 * initial host info, snapshot and recent events (again after every reconnect). Patches apply to
 * the version they name; on a gap (missed full snapshot, reconnect) it fetches the current one.
 */
export function connectStore(store: StoreApi<AppState>, client: ClusterSource, scheduleFrame: FrameScheduler): () => void {
  let latest: VersionedSnapshot | null = null;
  let pendingSnapshot: ClusterView | null = null;
  let pendingEvents: ClusterEvent[] = [];
  let scheduled = false;
  let closed = false;
  let resyncing = false;
  const flush = () => {
    scheduled = false;
    if (closed) return;
    const snapshot = pendingSnapshot;
    const events = pendingEvents;
    pendingSnapshot = null;
    pendingEvents = [];
    if (snapshot || events.length > 0) store.setState((s) => applyPushes(s, snapshot, events));
  };
  const request = () => {
    if (!scheduled) {
      scheduled = true;
      scheduleFrame(flush);
    }
  };
  const accept = (full: VersionedSnapshot) => {
    if (latest && full.version < latest.version) return;
    latest = full;
    pendingSnapshot = full.view;
    request();
  };
  const resync = async () => {
    if (resyncing) return;
    resyncing = true;
    try {
      const full = await client.getSnapshot();
      if (!closed) accept(full);
    } catch {
      // The transport reports the failure through its connection state and reloads on reopen.
    } finally {
      resyncing = false;
    }
  };
  const onPatch = (patch: SnapshotPatch) => {
    if (!latest || latest.version !== patch.baseVersion) return void resync();
    try {
      accept({ version: patch.version, view: applySnapshotPatch(latest.view, patch) });
    } catch {
      latest = null;
      void resync();
    }
  };
  const load = async () => {
    try {
      // Issue 12: the host's history, not only its newest events, so a refresh keeps the story and the charts.
      const [hostInfo, history, metrics] = await Promise.all([client.getHostInfo(), client.getEventHistory(), client.getMetricHistory().catch(() => null)]);
      if (closed) return;
      store.getState().setHostInfo(hostInfo);
      store.setState((s) => ({ eventsDropped: history.dropped, ...(metrics ? { samples: backfillSamples(s.samples, metrics) } : {}) }));
      pendingEvents = [...historyEvents(history), ...pendingEvents];
      request();
    } catch {
      // As above: the connection state says what happened; the next 'open' reloads.
    }
    if (!latest) await resync();
  };
  const unsubscribers = [
    client.on('snapshot', accept),
    client.on('snapshotPatch', onPatch),
    client.on('events', (batch) => { pendingEvents = pendingEvents.concat(batch); request(); }),
    client.onConnectionState((state) => {
      store.getState().setConnection(state);
      if (state !== 'open') latest = null;
      else void load();
    }),
  ];
  store.getState().setConnection(client.connectionState());
  if (client.connectionState() === 'open') void load();
  return () => {
    closed = true;
    for (const off of unsubscribers) off();
  };
}
