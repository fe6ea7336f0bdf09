/**
 * Faults on dedicated controller nodes (process.roles=controller): stop and start the process, cut
 * it off the simulated network and heal it. Each change re-evaluates the quorum: an active
 * controller that stops or loses its majority is replaced by Raft election among the voters that
 * still have one, after controller.quorum.election.timeout.ms (KIP-595); brokers then register
 * with and heartbeat to the new active controller (KIP-631).
 *
 * A restarted controller node rejoins as a follower: the metadata log is the quorum's (replicated
 * among the voters, see ./controller.ts), so there is nothing of its own to recover here.
 */
import type { CommandResult } from '../../../shared/cluster-commands';
import type { ClusterCore } from '../core';

type NodeChange = 'stopped' | 'started' | 'isolated' | 'healed';

const fail = (message: string): CommandResult => ({ ok: false, errorName: 'INVALID_REQUEST', message });

/** Applies one change to a dedicated controller node; refuses unknown ids, combined mode and no-op changes. */
export function changeControllerNode(core: ClusterCore, nodeId: number, change: NodeChange): CommandResult {
  const quorum = core.controller.quorum;
  if (!quorum.dedicated) {
    return fail(`This cluster runs in combined mode (process.roles=broker,controller): the voters ${quorum.voters.join(', ')} are brokers; stop, start or isolate the broker instead.`);
  }
  const node = quorum.nodes.get(nodeId);
  if (!node) return fail(`No controller node ${nodeId}; the controller nodes are ${quorum.voters.join(', ')}.`);
  switch (change) {
    case 'stopped':
      if (!node.running) return fail(`Controller ${nodeId} is already stopped.`);
      node.running = false;
      break;
    case 'started':
      if (node.running) return fail(`Controller ${nodeId} is already running.`);
      node.running = true;
      break;
    case 'isolated':
      if (core.network.isIsolated(nodeId)) return fail(`Controller ${nodeId} is already isolated.`);
      core.network.isolate(nodeId);
      break;
    case 'healed':
      if (!core.network.isIsolated(nodeId)) return fail(`Controller ${nodeId} is already connected.`);
      core.network.heal(nodeId);
      break;
  }
  core.emit({ type: 'controller-node-changed', nodeId, change });
  core.controller.reevaluateQuorum();
  return { ok: true };
}
