/** ClusterSource over the Electron preload bridge (window.kafkaLab); IPC never disconnects. */
import type { ClusterSource } from '../../shared/cluster-source';
import type { ClusterBridge } from '../../shared/ipc-contract';

export function createBridgeClient(bridge: ClusterBridge): ClusterSource {
  return {
    ...bridge,
    connectionState: () => 'open',
    onConnectionState: () => () => {},
  };
}
