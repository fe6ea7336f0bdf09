/**
 * The surface of the cluster host (src/broker/host/cluster-host.ts) that the app depends on.
 * Written down here so the shell, serve mode and their tests can run against a fake host too.
 */
import type { ClusterCommand, ClusterEvent, ClusterView, CommandResult } from '../../shared';
import type { EventHistory, MetricHistory } from '../../shared/history-contract';
import type { ClusterHostOptions } from '../../broker/host/cluster-host';
import type { PastViewResult, SessionHistoryRange } from '../../shared/session-history-contract';
import type { HostStorage } from '../../broker/host/storage-commands';
import type { LabClientConnection } from '../../shared/listener-view';

export interface ClusterHostLike {
  /** Issue 16: how the lab's own clients authenticate to the listener (absent: PLAINTEXT, nothing needed). */
  readonly labClientConnection?: LabClientConnection;
  readonly bootstrap: string;
  readonly seed: number;
  snapshot(): ClusterView;
  onEvents(listener: (events: ClusterEvent[]) => void): () => void;
  recentEvents(limit?: number): ClusterEvent[];
  /** Significant events since the start and the newest routine ones (ClusterApi.getEventHistory). */
  eventHistory(): EventHistory;
  /** Per-topic metric samples for the charts (ClusterApi.getMetricHistory). */
  metricHistory(): MetricHistory;
  /** The time-travel history's range and budget (ClusterApi.getSessionHistory). */
  sessionHistoryRange(): SessionHistoryRange;
  /** The cluster view at a simulated time (ClusterApi.getViewAt). */
  viewAt(simTimeMs: number, throughEventSeq?: number): PastViewResult;
  execute(command: ClusterCommand): Promise<CommandResult>;
  /** The session as replayable trace JSON (traceToJson); throws with the reason when it cannot be exported. */
  exportTrace(): string;
  close(): Promise<void>;
  /** Set when a requested broker port was taken and the listeners moved on (ClusterHost.portFallback). */
  readonly portFallback?: string | null;
  /** Kafka client connections the listeners hold now (for the shutdown message). */
  readonly clientConnectionCount?: number;
  /** Brokers running now (for the shutdown message). */
  readonly runningBrokerCount?: number;
  /** Issue 13, host reset (ClusterHost): brokerId → port, so a new cluster keeps them. */
  listenerPorts?(): Map<number, number>;
  /** Issue 16: the ports of the listeners after the first, by listener name and brokerId, so a new cluster keeps them too. */
  otherListenerPorts?(): Map<string, Map<number, number>>;
  /** Issue 13: pauses the driver and closes the listeners while a new cluster takes the ports. */
  suspendListeners?(): Promise<void>;
  /** Issue 13: undoes suspendListeners when the new cluster failed to start. */
  resumeListeners?(wasPaused: boolean): Promise<void>;
  /** Issue 15: the storage facts of the cluster (ClusterHost.storage); absent for hosts without storage (the demo host). */
  storage?(): HostStorage;
}

export interface HostStartOptions {
  brokers: number;
  basePort: number;
  portFallback?: boolean;
  seed?: number;
  speed?: number;
  /** Address the broker listeners bind (ClusterHostOptions.listenHost; default 127.0.0.1). */
  listenHost?: string;
  /** Host clients are told to connect to (ClusterHostOptions.advertisedHost; default listenHost). */
  advertisedHost?: string;
  /** Dedicated KRaft controller nodes (ClusterHostOptions.controllers; 0 or absent = combined mode). */
  controllers?: number;
  /** Static broker configs (ClusterHostOptions.brokerConfig), e.g. from serve's --config. */
  brokerConfig?: Record<string, string>;
  /** Issue 13: the port per broker id a new cluster keeps from the one it replaces (ClusterHostOptions.brokerPorts). */
  brokerPorts?: ReadonlyMap<number, number>;
  /** Issue 16: the same for the listeners after the first (ClusterHostOptions.otherListenerPorts). */
  otherListenerPorts?: ReadonlyMap<string, ReadonlyMap<number, number>>;
  /** Issue 13: broker.rack of broker 1..N (ClusterHostOptions.racks). */
  racks?: readonly (string | null)[];
  /** Issue 13: host an existing (replayed) model (ClusterHostOptions.model). */
  model?: ClusterHostOptions['model'];
  /** Issue 13: attach to the model before the driver starts (ClusterHostOptions.onModelCreated; a scenario). */
  onModelCreated?: ClusterHostOptions['onModelCreated'];
  /** Issue 13: start paused (a replayed recording, shown at its end). */
  startPaused?: boolean;
  /** Issue 13: the time-travel history filled while replaying `model` (ClusterHostOptions.sessionHistory). */
  sessionHistory?: ClusterHostOptions['sessionHistory'];
  /** Simulated start time (ClusterHostOptions.startTimeMs): a restarted scenario keeps its first run's, so it replays the same. */
  startTimeMs?: number;
  /** Issue 15: the lab directory the cluster keeps its logs in (ClusterHostOptions.storage); absent: in memory. */
  storage?: ClusterHostOptions['storage'];
}
