/**
 * The surface of the cluster host (src/broker/host/cluster-host.ts) that the app depends on.
 * Written down here so the shell, serve mode and their tests can run against a fake host too.
 */
import type { ClusterCommand, ClusterEvent, ClusterView, CommandResult } from '../../shared';

export interface ClusterHostLike {
  readonly bootstrap: string;
  readonly seed: number;
  snapshot(): ClusterView;
  onEvents(listener: (events: ClusterEvent[]) => void): () => void;
  recentEvents(limit?: number): ClusterEvent[];
  execute(command: ClusterCommand): Promise<CommandResult>;
  /** The session as replayable trace JSON (traceToJson); throws with the reason when it cannot be exported. */
  exportTrace(): string;
  close(): Promise<void>;
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
  /** Static broker configs (ClusterHostOptions.brokerConfig), e.g. from serve's --config. */
  brokerConfig?: Record<string, string>;
}
