/** ClusterSource over the Electron preload bridge (window.kafkaLab); IPC never disconnects. */
import type { ClusterSource } from '../../shared/cluster-source';
import type { ClusterBridge } from '../../shared/ipc-contract';

export function createBridgeClient(bridge: ClusterBridge): ClusterSource {
  return {
    getSnapshot: () => bridge.getSnapshot(),
    execute: (command) => bridge.execute(command),
    getRecentEvents: (limit) => bridge.getRecentEvents(limit),
    getHostInfo: () => bridge.getHostInfo(),
    on: (channel, listener) => bridge.on(channel, listener),
    connectionState: () => 'open',
    onConnectionState: () => () => {},
  };
}
