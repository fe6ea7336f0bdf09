/**
 * ClusterSource: the single interface every view reads a cluster through.
 *
 * The embedded simulation is the first implementation (over Electron IPC or the serve-mode
 * WebSocket); a remote cluster read through kafkajs will be another. Views never know which.
 */
import type { ClusterBridge } from './ipc-contract';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface ClusterSource extends ClusterBridge {
  /** Transport state, for the "disconnected" banner. Sources that cannot drop report 'open'. */
  connectionState(): ConnectionState;
  onConnectionState(listener: (state: ConnectionState) => void): () => void;
}
