/**
 * The one typed contract between the UI and whatever hosts a cluster.
 *
 * Carried by Electron IPC (preload ⇄ main) and, in serve mode, by a WebSocket. Both sides are
 * typed by these declarations: main registers handlers from an object of type `ClusterApi`, the
 * preload loops over `clusterApiMethods`, and the WebSocket server dispatches on the same list,
 * so adding a method without wiring it is a compile error everywhere.
 */
import type { ClusterEvent } from './cluster-events';
import type { ClusterCommand, CommandResult } from './cluster-commands';
import type { SnapshotPatch, VersionedSnapshot } from './snapshot-patch';
import type { EventHistory, MetricHistory } from './history-contract';
import { workbenchCommandMethods, type WorkbenchCommands } from './workbench-contract';
import { hostSessionMethods, type HostSessionCommands } from './host-session-contract';
import type { PastViewResult, SessionHistoryRange } from './session-history-contract';
import { storageMethods, type StorageCommands } from './storage-contract';
import { remoteMethods, type RemoteCommands } from './remote-contract';

/** Where the cluster the UI shows lives. `remote` is reserved for clusters read through kafkajs. */
export type HostMode = 'electron' | 'serve' | 'remote';

export interface HostInfo {
  /** Comma-separated host:port list a Kafka client can bootstrap from. */
  bootstrap: string;
  /** Simulation seed; null for remote clusters. */
  seed: number | null;
  /** True when this viewer may look but not act (no token in serve mode, remote clusters). */
  readOnly: boolean;
  mode: HostMode;
  /**
   * Set when a requested broker port was taken and the listeners moved on, e.g. "port 9092 is in
   * use; the brokers listen on 9095-9097 instead of 9092-9094" (shown beside the bootstrap).
   */
  portNotice?: string;
}

/**
 * Request/response methods (Electron: ipcRenderer.invoke / ipcMain.handle). The workbench's
 * methods (producing, consuming, browsing, lag, offset resets: workbench-contract.ts) ride along.
 */
export interface ClusterApi extends WorkbenchCommands, HostSessionCommands, StorageCommands, RemoteCommands {
  /** The snapshot the pushes are currently based on; patches name its version. */
  getSnapshot(): Promise<VersionedSnapshot>;
  execute(command: ClusterCommand): Promise<CommandResult>;
  getRecentEvents(limit?: number): Promise<ClusterEvent[]>;
  getHostInfo(): Promise<HostInfo>;
  /**
   * The session as a replayable trace `{ seed, config, inputLog, endTimeMs }` (JSON text, Buffers
   * as { $buffer: base64 }), for "Export session". Refused for read-only viewers, and when the
   * host's input log was dropped at its budget (ClusterView.sim.inputLog says so beforehand).
   */
  exportSession(): Promise<SessionExport>;
  /**
   * Every significant event since the cluster started (bounded by the host, with a note of what it
   * dropped) and the newest routine ones, for a viewer that opens or refreshes late (issue 12).
   * Allowed for read-only viewers: events carry no record contents.
   */
  getEventHistory(): Promise<EventHistory>;
  /** The host's bounded, downsampled per-topic metric history, to backfill the charts (read-only viewers too). */
  getMetricHistory(): Promise<MetricHistory>;
  /** Issue 13, time travel: the session history the host keeps (its range, budget, what was dropped). Read-only viewers too. */
  getSessionHistory(): Promise<SessionHistoryRange>;
  /**
   * Issue 13, time travel: the cluster view (groups and lag included) at a simulated time, ms —
   * with `throughEventSeq`, as it was right after that event (before later ones at the same ms).
   * Changes nothing; read-only viewers too.
   */
  getViewAt(simTimeMs: number, throughEventSeq?: number): Promise<PastViewResult>;
}

/** What exportSession answers: the trace and a file name to save it under, or why not. */
export type SessionExport =
  | { ok: true; fileName: string; json: string }
  | { ok: false; errorName: string; message: string };

export type ClusterApiMethod = keyof ClusterApi;

/**
 * Every method name, as a runtime list. The two type checks below fail to compile when the list
 * and the interface drift apart in either direction.
 */
export const clusterApiMethods = ['getSnapshot', 'execute', 'getRecentEvents', 'getHostInfo', 'exportSession', 'getEventHistory', 'getMetricHistory', 'getSessionHistory', 'getViewAt', ...workbenchCommandMethods, ...hostSessionMethods, ...storageMethods, ...remoteMethods] as const;
type ListedMethod = (typeof clusterApiMethods)[number];
const _everyListedIsAMethod: ListedMethod extends ClusterApiMethod ? true : never = true;
const _everyMethodIsListed: ClusterApiMethod extends ListedMethod ? true : never = true;
void _everyListedIsAMethod;
void _everyMethodIsListed;

/**
 * Pushes from host to UI, coalesced: at most one snapshot or patch per push interval (the latest
 * state wins) and events in batches in sequence order. A viewer gets one full `snapshot`, then
 * `snapshotPatch`es against the previous version; on a version gap it calls getSnapshot().
 */
export interface ClusterPushes {
  snapshot: VersionedSnapshot;
  snapshotPatch: SnapshotPatch;
  events: ClusterEvent[];
}

export type ClusterPushChannel = keyof ClusterPushes;
export const clusterPushChannels = ['snapshot', 'snapshotPatch', 'events'] as const satisfies readonly ClusterPushChannel[];

/** Electron channel name for an invoke method. */
export function invokeChannel(method: ClusterApiMethod): string {
  return `kafka-lab:invoke:${method}`;
}

/** Electron channel name for a push. */
export function pushChannel(channel: ClusterPushChannel): string {
  return `kafka-lab:push:${channel}`;
}

/** Name under which the preload exposes the bridge on `window`. */
export const bridgeGlobalName = 'kafkaLab';

/** What the preload exposes: the invoke methods plus a typed push subscription. */
export interface ClusterBridge extends ClusterApi {
  on<K extends ClusterPushChannel>(channel: K, listener: (payload: ClusterPushes[K]) => void): () => void;
}

/** Serve-mode WebSocket frames (JSON text). Same methods and pushes as the IPC contract. */
export type WsClientMessage = { kind: 'invoke'; id: number; method: ClusterApiMethod; args: unknown[] };

export type WsServerMessage =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: string }
  | { [K in ClusterPushChannel]: { kind: 'push'; channel: K; payload: ClusterPushes[K] } }[ClusterPushChannel];

/** Kafka's error name for "you may not do this", used when a read-only viewer sends a command. */
export const readOnlyErrorName = 'CLUSTER_AUTHORIZATION_FAILED';

/** Push rate of coalesced snapshots. ARCHITECTURE §4 asks for 2–10 Hz. */
export const snapshotPushIntervalMs = 250;
