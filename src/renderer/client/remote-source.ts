/**
 * Issue 17: a ClusterSource for a remote cluster, so the existing views draw it unchanged. The
 * host reads the cluster over the Kafka protocol (RemoteCommands.getRemoteView); this source polls
 * it at the profile's interval and pushes each answer as a full snapshot.
 *
 * Remote clusters are read-only here: commands are refused (CLUSTER_AUTHORIZATION_FAILED), the
 * workbench, storage, time travel and session methods say they are not available for a remote
 * cluster, and events and metric history are empty (Kafka has no event stream to read).
 * The profile methods pass through to the host, so the switcher keeps working.
 */
import type { ClusterSource } from '../../shared/cluster-source';
import { clusterApiMethods, readOnlyErrorName, type ClusterPushChannel, type ClusterPushes, type HostInfo } from '../../shared/ipc-contract';
import { DEFAULT_REMOTE_POLL_INTERVAL_MS, remoteMethods, type ConnectionProfileSummary, type RemoteViewResult } from '../../shared/remote-contract';

export interface RemoteSourceStatus {
  /** The last poll's answer, or null before the first. */
  last: RemoteViewResult | null;
  /** Why the last poll failed, or null. */
  error: string | null;
}

export type RemoteClusterSource = ClusterSource & {
  readonly profile: ConnectionProfileSummary;
  status(): RemoteSourceStatus;
  onStatus(listener: (status: RemoteSourceStatus) => void): () => void;
  close(): void;
};

const notRemote = (method: string) => async () => {
  throw new Error(`Not available for a remote cluster in this version (${method}).`);
};

export function createRemoteSource(base: ClusterSource, profile: ConnectionProfileSummary): RemoteClusterSource {
  const methods: Record<string, unknown> = {};
  for (const m of clusterApiMethods) methods[m] = notRemote(m);
  for (const m of remoteMethods) methods[m] = (base[m] as (...args: unknown[]) => Promise<unknown>).bind(base);
  let version = 0;
  let status: RemoteSourceStatus = { last: null, error: null };
  const statusListeners = new Set<(s: RemoteSourceStatus) => void>();
  const snapshotListeners = new Set<(payload: ClusterPushes['snapshot']) => void>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const poll = async (): Promise<RemoteViewResult | null> => {
    let answer;
    try {
      answer = await base.getRemoteView(profile.id);
    } catch (e) {
      answer = { ok: false as const, errorName: 'NETWORK_EXCEPTION', message: (e as Error).message };
    }
    if (closed) return null;
    status = answer.ok ? { last: answer.result, error: null } : { last: status.last, error: `${answer.errorName}: ${answer.message}` };
    for (const l of statusListeners) l(status);
    if (!answer.ok) return null;
    version += 1;
    for (const l of snapshotListeners) l({ version, view: answer.result.view });
    return answer.result;
  };
  const schedule = () => {
    if (closed || snapshotListeners.size === 0 || timer !== null) return;
    timer = setTimeout(async () => {
      await poll();
      timer = null;
      schedule();
    }, profile.pollIntervalMs ?? DEFAULT_REMOTE_POLL_INTERVAL_MS);
  };

  const source = {
    ...methods,
    profile,
    getSnapshot: async () => {
      const result = await poll();
      if (result === null) throw new Error(status.error ?? 'the remote cluster did not answer');
      return { version, view: result.view };
    },
    getHostInfo: async (): Promise<HostInfo> => ({ bootstrap: profile.bootstrapServers, seed: null, readOnly: true, mode: 'remote' }),
    execute: async () => ({ ok: false, errorName: readOnlyErrorName, message: `${profile.name} is a remote cluster, read-only in Kafka Lab: no command is sent to it.` }),
    getRecentEvents: async () => [],
    getEventHistory: async () => ({ significant: [], routine: [], dropped: null, routineDropped: 0 }),
    getMetricHistory: async () => ({ intervalMs: profile.pollIntervalMs ?? DEFAULT_REMOTE_POLL_INTERVAL_MS, topics: {} }),
    getSessionHistory: async () => ({ fromMs: null, toMs: null, samples: 0, sampleIntervalMs: 0, usedBytes: 0, budgetBytes: 0, dropped: null }),
    getViewAt: async () => ({ ok: false as const, errorName: 'UNSUPPORTED_VERSION', message: 'time travel is not available for a remote cluster' }),
    exportSession: async () => ({ ok: false as const, errorName: 'UNSUPPORTED_VERSION', message: 'a remote cluster has no simulation session to export' }),
    on<K extends ClusterPushChannel>(channel: K, listener: (payload: ClusterPushes[K]) => void): () => void {
      if (channel !== 'snapshot') return () => {};
      const l = listener as (payload: ClusterPushes['snapshot']) => void;
      snapshotListeners.add(l);
      schedule();
      return () => snapshotListeners.delete(l);
    },
    connectionState: () => 'open' as const,
    onConnectionState: () => () => {},
    status: () => status,
    onStatus: (listener: (s: RemoteSourceStatus) => void) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    close: () => {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      snapshotListeners.clear();
      statusListeners.clear();
    },
  };
  return source as unknown as RemoteClusterSource;
}
