/**
 * What the group and transaction handlers (issue 4) reach through BrokerServices: the model's
 * coordinators (src/broker/cluster/groups, src/broker/cluster/transactions) and the per-partition
 * producer state DescribeProducers reports. Optional in BrokerServices: a host without
 * coordinators answers COORDINATOR_NOT_AVAILABLE, which clients retry.
 */
import type { GroupCoordinator } from '../cluster/groups/group-coordinator';
import type { TransactionCoordinator } from '../cluster/transactions/transaction-coordinator';

/** One producer as the partition leader tracks it (DescribeProducers, KIP-664). */
export interface ActiveProducer {
  producerId: number;
  producerEpoch: number;
  lastSequence: number;
  lastTimestamp: number;
  coordinatorEpoch: number;
  currentTxnStartOffset: number;
}

export interface WireCoordinators {
  readonly groups: GroupCoordinator;
  readonly transactions: TransactionCoordinator;
  /** Producers of a partition at brokerId: NOT_LEADER_OR_FOLLOWER unless it leads, UNKNOWN_TOPIC_OR_PARTITION if unknown. */
  activeProducers(brokerId: number, topic: string, partition: number): { errorName: string; producers: ActiveProducer[] };
}

/** The coordinators, or null when the host has none (handlers then answer COORDINATOR_NOT_AVAILABLE). */
export function coordinatorsOf(services: { coordinators?: WireCoordinators }): WireCoordinators | null {
  return services.coordinators ?? null;
}
