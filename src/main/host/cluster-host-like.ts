/**
 * The surface of the cluster host (src/broker/host/cluster-host.ts) that the app depends on.
 * Written down here so the shell, serve mode and their tests can run against a fake host too.
 */
import type { ClusterCommand, ClusterEvent, ClusterView, CommandResult } from '../../shared';
import type { EventHistory, MetricHistory } from '../../shared/history-contract';
import type { PastViewResult, SessionHistoryRange } from '../../shared/session-history-contract';

export interface ClusterHostLike {
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
}
