/**
 * The KRaft voter set and whether it has a majority, in Kafka's two deployment shapes:
 *
 * - combined (process.roles=broker,controller): the voters are the first up-to-3 brokers, so a
 *   broker stop is also a voter stop;
 * - dedicated (process.roles=controller): the voters are controller-only nodes with their own node
 *   ids (KafkaClusterTestKit numbers them from 3000, apart from the brokers), listed in
 *   controller.quorum.voters / controller.quorum.bootstrap.servers (KIP-853). They are nodes of the
 *   simulated network: they can be stopped, started and cut off like brokers, but they have no
 *   client listener, so clients never see them in Metadata or DescribeCluster (KIP-631, KIP-919).
 *
 * A Raft leader needs more than half the voters (KIP-595): the quorum has a majority when some
 * running voter reaches more than half of all voters (both directions, itself included).
 */
import type { QuorumHealthView } from '../../../shared/cluster-view';
import type { ClusterCore } from '../core';

/** A controller-only node (process.roles=controller). */
export interface ControllerNode {
  nodeId: number;
  running: boolean;
}

export interface QuorumStatus {
  voters: number[];
  hasMajority: boolean;
  /** The largest group of running voters that reach each other; ties go to a group without an isolated voter, then to the lowest voter id. */
  reachableVoters: number[];
  stoppedVoters: number[];
  cutOffVoters: number[];
}

export class VoterSet {
  readonly voters: number[];
  readonly dedicated: boolean;
  /** Dedicated controller nodes by node id (empty in combined mode). */
  readonly nodes = new Map<number, ControllerNode>();

  constructor(private readonly core: ClusterCore, brokerIds: number[], controllerIds: readonly number[]) {
    this.dedicated = controllerIds.length > 0;
    this.voters = this.dedicated ? [...controllerIds] : brokerIds.slice(0, 3);
    for (const nodeId of controllerIds) this.nodes.set(nodeId, { nodeId, running: true });
  }

  isRunning(voterId: number): boolean {
    return this.dedicated ? this.nodes.get(voterId)?.running ?? false : this.core.broker(voterId)?.running ?? false;
  }

  /** Running voters `voterId` exchanges messages with both ways (itself included), in voter order. */
  groupOf(voterId: number): number[] {
    if (!this.voters.includes(voterId) || !this.isRunning(voterId)) return [];
    const net = this.core.network;
    return this.voters.filter((v) => this.isRunning(v) && net.canReach(voterId, v) && net.canReach(v, voterId));
  }

  hasMajorityFrom(voterId: number): boolean {
    return this.groupOf(voterId).length * 2 > this.voters.length;
  }

  status(): QuorumStatus {
    // Largest group first; among equals, one without an isolated node (an isolated voter's group of one says less than a connected one's).
    const score = (group: number[]) => group.length * 2 + (group.some((v) => this.core.network.isIsolated(v)) ? 0 : 1);
    let reachable: number[] = [];
    for (const v of this.voters) {
      const group = this.groupOf(v);
      if (group.length > 0 && score(group) > score(reachable)) reachable = group;
    }
    const stopped = this.voters.filter((v) => !this.isRunning(v));
    const cutOff = this.voters.filter((v) => this.isRunning(v) && !reachable.includes(v));
    return { voters: [...this.voters], hasMajority: reachable.length * 2 > this.voters.length, reachableVoters: reachable, stoppedVoters: stopped, cutOffVoters: cutOff };
  }
}

/** The view's quorum health, from a status and the time the majority was lost (null while it holds). */
export function quorumHealthView(status: QuorumStatus, lostSinceMs: number | null): QuorumHealthView {
  return { hasMajority: status.hasMajority, reachableVoters: status.reachableVoters, stoppedVoters: status.stoppedVoters, cutOffVoters: status.cutOffVoters, lostSinceMs };
}
