/**
 * Builds the group and transaction coordinators over one CoordinatorHost and the
 * ClusterExtension (../api.ts) that plugs them into the model: leadership changes load/unload
 * __consumer_offsets and __transaction_state partitions, broker stops drop their coordinators'
 * state, transaction markers on __consumer_offsets complete transactional offset commits, and
 * Fetch asks for the lastStableOffset and aborted transactions.
 */
import type { GroupView, TransactionView } from '../../../shared/cluster-view';
import type { ClusterExtension } from '../api';
import { CONSUMER_OFFSETS_TOPIC } from '../groups/config';
import { GroupCoordinator } from '../groups/group-coordinator';
import type { CoordinatorHost } from '../groups/host';
import { applyCoordinatorInput, type CoordinatorInput } from './coordinator-inputs';
import { handleInitProducerId } from './requests';
import { TransactionCoordinator } from './transaction-coordinator';

export interface Coordinators {
  groups: GroupCoordinator;
  transactions: TransactionCoordinator;
  extension: ClusterExtension;
  /** ClusterView.groups (lag against the lastStableOffset for transactional groups) and ClusterView.transactions. */
  views(): { groups: GroupView[]; transactions: TransactionView[] };
}

export function createCoordinators(host: CoordinatorHost): Coordinators {
  const groups = new GroupCoordinator(host);
  const transactions = new TransactionCoordinator(host, (brokerId, topic, partition, producerId, commit) => {
    if (topic === CONSUMER_OFFSETS_TOPIC) groups.onTransactionMarker(brokerId, partition, producerId, commit);
  });
  const views = () => ({ groups: groups.views((topic, partition) => transactions.lastStableOffset(topic, partition)), transactions: transactions.views() });
  const extension: ClusterExtension = {
    name: 'group-and-transaction-coordinators',
    onLeadershipChanged(brokerId, topic, partition, isLeader, leaderEpoch) {
      groups.onLeadershipChanged(brokerId, topic, partition, isLeader, leaderEpoch);
      transactions.onLeadershipChanged(brokerId, topic, partition, isLeader, leaderEpoch);
    },
    onEvent(event) {
      if (event.type === 'broker-stopped') groups.onBrokerStopped(event.brokerId);
      transactions.onEvent(event);
    },
    // Issue 4 wire: client requests the handlers logged with cluster.extensionInput replay through here.
    replayInput: (input) => applyCoordinatorInput({ groups, transactions }, input as CoordinatorInput),
    firstUnstableOffset: (brokerId, topic, partition) => transactions.firstUnstableOffset(brokerId, topic, partition),
    abortedTransactions: (brokerId, topic, partition, fetchOffset, upToOffset) => transactions.abortedTransactions(brokerId, topic, partition, fetchOffset, upToOffset),
    contributeToView(view) {
      const v = views();
      view.groups = v.groups;
      view.transactions = v.transactions;
    },
    initTransactionalProducerId(brokerId, transactionalId, producerId, producerEpoch) {
      // The model's hook is synchronous; transactionTimeoutMs is not passed, so Kafka's producer default (60 s) applies.
      let answer: { errorName: string; producerId: number; producerEpoch: number } | null = null;
      handleInitProducerId(transactions.core(brokerId), { transactionalId, transactionTimeoutMs: 60_000, producerId, producerEpoch }, (r) => { answer = r; }, true);
      return answer;
    },
  };
  return { groups, transactions, extension, views };
}
