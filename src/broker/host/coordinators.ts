/**
 * Attaches the group and transaction coordinators (issue 4) to the host's SimCluster through the
 * coordinator colleague's attachCoordinators (cluster/transactions/attach.ts), and adds what the
 * wire handlers need beyond them: the partition leader's producer state for DescribeProducers
 * (KIP-664), read from the replica like Kafka's ProducerStateManager.activeProducers.
 */
import type { SimCluster } from '../cluster/cluster';
import { tpKey } from '../cluster/metadata';
import { attachCoordinators } from '../cluster/transactions/attach';
import type { CoordinatorPair } from '../cluster/transactions/coordinator-inputs';
import type { ActiveProducer, WireCoordinators } from '../wire/coordinator-services';

export function wireCoordinators(cluster: SimCluster, attached?: CoordinatorPair): WireCoordinators {
  // Issue 13: a replayed model comes with its coordinators attached; attaching twice would register them twice.
  const { groups, transactions } = attached ?? attachCoordinators(cluster);
  return {
    groups,
    transactions,
    activeProducers(brokerId, topic, partition) {
      const broker = cluster.core.broker(brokerId);
      if (!broker?.topics.get(topic)?.partitions[partition]) return { errorName: 'UNKNOWN_TOPIC_OR_PARTITION', producers: [] };
      const replica = broker.replicas.get(tpKey(topic, partition));
      if (replica === undefined || !replica.isLeader) return { errorName: 'NOT_LEADER_OR_FOLLOWER', producers: [] };
      const fromCoordinator = transactions.producerTransactions(brokerId, topic, partition);
      const producers: ActiveProducer[] = [...replica.producers.producers.values()].map((e) => {
        const last = e.batches[e.batches.length - 1];
        const txn = fromCoordinator.get(e.producerId);
        return {
          producerId: e.producerId,
          producerEpoch: e.producerEpoch,
          lastSequence: last?.lastSeq ?? -1,
          lastTimestamp: e.lastTimestamp,
          coordinatorEpoch: txn?.coordinatorEpoch ?? -1,
          currentTxnStartOffset: txn?.currentTxnStartOffset ?? e.currentTxnFirstOffset,
        };
      });
      return { errorName: 'NONE', producers: producers.sort((a, b) => a.producerId - b.producerId) };
    },
  };
}
