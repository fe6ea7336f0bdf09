/**
 * The controller part of the ClusterView: the voters, the active controller, the deployment shape
 * (process.roles), each voter node's state, and the quorum's health with the reason it is lost.
 */
import type { ControllerQuorumView } from '../../../shared/cluster-view';
import type { ClusterCore } from '../core';
import { quorumHealthView } from '../controller/quorum';

export function controllerView(core: ClusterCore): ControllerQuorumView {
  const ctrl = core.controller;
  const q = ctrl.quorum;
  return {
    voters: [...ctrl.voters],
    activeControllerId: ctrl.activeControllerId,
    controllerEpoch: ctrl.controllerEpoch,
    metadataEpoch: ctrl.metadataOffset,
    processRoles: q.dedicated ? 'dedicated' : 'combined',
    nodes: ctrl.voters.map((nodeId) => ({
      nodeId,
      processRoles: q.dedicated ? 'controller' : 'broker,controller',
      state: !q.isRunning(nodeId) ? 'stopped' : core.network.isIsolated(nodeId) ? 'isolated' : 'running',
      isActive: ctrl.activeControllerId === nodeId,
    })),
    quorum: quorumHealthView(ctrl.quorumStatus(), ctrl.quorumLostSinceMs),
  };
}
