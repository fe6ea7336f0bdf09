/** A ClusterSource for renderer tests: pushes on demand, records commands, scripted results. */
import type { ClusterCommand, ClusterEvent, ClusterView, CommandResult } from '../../shared';
import type { ClusterSource, ConnectionState } from '../../shared/cluster-source';
import type { ClusterPushChannel, ClusterPushes, HostInfo, SessionExport } from '../../shared/ipc-contract';
import type { WorkbenchCommands } from '../../shared/workbench-contract';
import type { HostSessionCommands, HostSessionResult, ScenarioListing } from '../../shared/host-session-contract';
import { makeClusterView } from '../../shared/cluster-view-fixtures';
import { isRoutineEvent } from '../../shared/event-significance';
import type { EventHistory, MetricHistory } from '../../shared/history-contract';
import { createAppStore, type AppStore } from '../store/app-store';
import type { PastViewResult, SessionHistoryRange } from '../../shared/session-history-contract';
import type { RemoteCommands } from '../../shared/remote-contract';
import type { ReplicaStorage, SegmentBatchesPage, StorageCommands, StorageInfo, StorageResult } from '../../shared/storage-contract';

/** Workbench methods are not part of these tests: every call rejects. */
const noWorkbench = async (): Promise<never> => { throw new Error('the fake client has no workbench'); };

export class FakeClient implements ClusterSource {
  produceRecord: WorkbenchCommands['produceRecord'] = noWorkbench;
  startLoadGenerator: WorkbenchCommands['startLoadGenerator'] = noWorkbench;
  stopLoadGenerator: WorkbenchCommands['stopLoadGenerator'] = noWorkbench;
  startConsumer: WorkbenchCommands['startConsumer'] = noWorkbench;
  stopConsumer: WorkbenchCommands['stopConsumer'] = noWorkbench;
  getWorkbenchStatus: WorkbenchCommands['getWorkbenchStatus'] = noWorkbench;
  startScan: WorkbenchCommands['startScan'] = noWorkbench;
  startTail: WorkbenchCommands['startTail'] = noWorkbench;
  pollScan: WorkbenchCommands['pollScan'] = noWorkbench;
  stopScan: WorkbenchCommands['stopScan'] = noWorkbench;
  getLagHistory: WorkbenchCommands['getLagHistory'] = noWorkbench;
  getLagTrends: WorkbenchCommands['getLagTrends'] = noWorkbench;
  previewOffsetReset: WorkbenchCommands['previewOffsetReset'] = noWorkbench;
  applyOffsetReset: WorkbenchCommands['applyOffsetReset'] = noWorkbench;
  getProduceProgress: WorkbenchCommands['getProduceProgress'] = noWorkbench;
  /** Issue 13: host-session calls, recorded; each answers `sessionResult`. */
  sessionCalls: { method: string; args: unknown[] }[] = [];
  sessionResult: HostSessionResult = { ok: true, message: 'done' };
  scenarios: ScenarioListing[] = [];
  private sessionCall = async (method: string, args: unknown[]): Promise<HostSessionResult> => {
    this.sessionCalls.push({ method, args });
    return this.sessionResult;
  };
  newCluster: HostSessionCommands['newCluster'] = (...args) => this.sessionCall('newCluster', args);
  listScenarios: HostSessionCommands['listScenarios'] = async () => this.scenarios;
  loadScenario: HostSessionCommands['loadScenario'] = (...args) => this.sessionCall('loadScenario', args);
  restartScenario: HostSessionCommands['restartScenario'] = (...args) => this.sessionCall('restartScenario', args);
  revealScenarioStep: HostSessionCommands['revealScenarioStep'] = (...args) => this.sessionCall('revealScenarioStep', args);
  openSession: HostSessionCommands['openSession'] = (...args) => this.sessionCall('openSession', args);
  /** Issue 15: what the storage methods answer; calls recorded in `storageCalls`. */
  storageInfo: StorageInfo = { kind: 'memory', labName: null, labDir: null, totalBytes: 0, brokers: [], topics: [], labs: [] };
  replicaStorage: StorageResult<ReplicaStorage> = { ok: false, errorName: 'UNKNOWN_TOPIC_OR_PARTITION', message: 'no replica storage scripted' };
  segmentPages: StorageResult<SegmentBatchesPage>[] = [];
  labResult: StorageResult<{ labName: string; freedBytes: number }> = { ok: true, value: { labName: 'in-memory', freedBytes: 0 } };
  storageCalls: { method: string; args: unknown[] }[] = [];
  getStorageInfo: StorageCommands['getStorageInfo'] = async () => {
    this.storageCalls.push({ method: 'getStorageInfo', args: [] });
    return this.storageInfo;
  };
  describeReplicaStorage: StorageCommands['describeReplicaStorage'] = async (...args) => {
    this.storageCalls.push({ method: 'describeReplicaStorage', args });
    return this.replicaStorage;
  };
  inspectSegment: StorageCommands['inspectSegment'] = async (...args) => {
    this.storageCalls.push({ method: 'inspectSegment', args });
    return this.segmentPages.shift() ?? { ok: true, value: { batches: [], nextBatch: null, totalBatches: 0 } };
  };
  resetLab: StorageCommands['resetLab'] = async () => {
    this.storageCalls.push({ method: 'resetLab', args: [] });
    return this.labResult;
  };
  deleteLab: StorageCommands['deleteLab'] = async (...args) => {
    this.storageCalls.push({ method: 'deleteLab', args });
    return this.labResult;
  };
  snapshot: ClusterView;
  version = 1;
  hostInfo: HostInfo = { bootstrap: '127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094', seed: 42, readOnly: false, mode: 'serve' };
  recent: ClusterEvent[] = [];
  commands: ClusterCommand[] = [];
  /** The next results execute() returns, in order; afterwards { ok: true }. */
  results: CommandResult[] = [];
  state: ConnectionState = 'open';
  private readonly listeners = new Map<string, Set<(payload: never) => void>>();
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();

  constructor(view: ClusterView = makeClusterView({ topics: [{ name: 'orders', partitions: 3, replicationFactor: 3, records: 10 }] })) {
    this.snapshot = view;
  }

  /** Issue 17: the fake has no remote clusters. */
  listConnectionProfiles: RemoteCommands['listConnectionProfiles'] = async () => ({ profiles: [], secretStorage: 'memory' });
  saveConnectionProfile: RemoteCommands['saveConnectionProfile'] = async () => ({ ok: false, errorName: 'UNSUPPORTED_VERSION', message: 'the fake client has no remote clusters' });
  deleteConnectionProfile: RemoteCommands['deleteConnectionProfile'] = async () => ({ ok: false, errorName: 'UNSUPPORTED_VERSION', message: 'the fake client has no remote clusters' });
  testConnection: RemoteCommands['testConnection'] = async () => ({ ok: false, failedStep: 'resolve', steps: [] });
  getRemoteView: RemoteCommands['getRemoteView'] = async () => ({ ok: false, errorName: 'UNSUPPORTED_VERSION', message: 'the fake client has no remote clusters' });
  getSnapshot = async () => ({ version: this.version, view: this.snapshot });
  getRecentEvents = async () => this.recent;
  /** What getEventHistory() answers besides `recent`, split as the host splits it. */
  dropped: EventHistory['dropped'] = null;
  getEventHistory = async (): Promise<EventHistory> => ({
    significant: this.recent.filter((e) => !isRoutineEvent(e)), routine: this.recent.filter(isRoutineEvent), dropped: this.dropped, routineDropped: 0,
  });
  metricHistory: MetricHistory = { intervalMs: 1000, topics: {} };
  getMetricHistory = async () => this.metricHistory;
  getHostInfo = async () => this.hostInfo;
  /** Time travel: what getSessionHistory() answers, and the past views getViewAt() answers (the newest at or before the asked time). */
  sessionHistory: SessionHistoryRange = { fromMs: null, toMs: null, samples: 0, sampleIntervalMs: 1000, usedBytes: 0, budgetBytes: 64 * 1024 * 1024, dropped: null };
  pastViews: { sampleTimeMs: number; eventSeq: number; view: ClusterView }[] = [];
  viewRequests: number[] = [];
  getSessionHistory = async () => this.sessionHistory;
  getViewAt = async (simTimeMs: number, throughEventSeq?: number): Promise<PastViewResult> => {
    this.viewRequests.push(simTimeMs);
    const past = [...this.pastViews].reverse().find((p) => p.sampleTimeMs <= simTimeMs && (throughEventSeq === undefined || p.eventSeq <= throughEventSeq));
    return past ? { ok: true, atMs: simTimeMs, ...past } : { ok: false, errorName: 'OFFSET_OUT_OF_RANGE', message: 'History is kept from later on.' };
  };
  /** What exportSession() answers; counts its calls in `exports`. */
  sessionExport: SessionExport = { ok: true, fileName: 'kafka-lab-session-seed42.json', json: '{"seed":42,"config":{},"inputLog":[],"endTimeMs":0}' };
  exports = 0;
  exportSession = async (): Promise<SessionExport> => {
    this.exports++;
    return this.sessionExport;
  };
  execute = async (command: ClusterCommand): Promise<CommandResult> => {
    this.commands.push(command);
    return this.results.shift() ?? { ok: true };
  };

  on<K extends ClusterPushChannel>(channel: K, listener: (payload: ClusterPushes[K]) => void): () => void {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  push<K extends ClusterPushChannel>(channel: K, payload: ClusterPushes[K]): void {
    for (const l of this.listeners.get(channel) ?? []) (l as (p: unknown) => void)(payload);
  }

  /** Pushes a new full snapshot with the next version. */
  pushSnapshot(view: ClusterView): void {
    this.snapshot = view;
    this.push('snapshot', { version: ++this.version, view });
  }

  connectionState = () => this.state;
  onConnectionState(listener: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  setConnection(state: ConnectionState): void {
    this.state = state;
    for (const l of this.stateListeners) l(state);
  }
}

/** A manual frame scheduler: `flush()` runs the frame callbacks queued so far. */
export function manualFrames() {
  let queued: (() => void)[] = [];
  return {
    schedule: (f: () => void) => { queued.push(f); },
    flush: () => { const q = queued; queued = []; for (const f of q) f(); },
    get pending() { return queued.length; },
  };
}

/** A store on a fake client whose initial load has been applied. */
export async function loadedStore(client = new FakeClient()): Promise<{ store: AppStore; client: FakeClient; frames: ReturnType<typeof manualFrames> }> {
  const frames = manualFrames();
  const store = createAppStore(client, { scheduleFrame: frames.schedule });
  await new Promise((r) => setTimeout(r, 0));
  frames.flush();
  return { store, client, frames };
}

export function event(body: Record<string, unknown> & { type: ClusterEvent['type'] }, seq: number, timeMs = 0): ClusterEvent {
  return { ...body, seq, timeMs } as ClusterEvent;
}
