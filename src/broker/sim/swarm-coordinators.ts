/**
 * The group and transaction workload of the swarm (and of the focused coordinator-failover test in
 * cluster/transactions/coordinators.swarm.test.ts): consumers of a classic group committing
 * offsets, and a transactional consume-transform-produce loop (AddPartitionsToTxn → produce →
 * AddOffsetsToTxn → TxnOffsetCommit → EndTxn commit or abort, re-initialising on any error) —
 * all driven by model events, so a seed reproduces it exactly (`SEED=…`). The coordinators'
 * invariants run with the others after every event (InvariantChecker.watchCoordinators).
 */
import { encodeRecordBatch } from '../protocol/records';
import type { SimCluster } from '../cluster/cluster';
import { TestConsumer } from '../cluster/groups/test-consumer';
import { attachCoordinators } from '../cluster/transactions/attach';
import type { Coordinators } from '../cluster/transactions/coordinators';
import type { Random } from './random';

/** Broker configs that keep the internal topics small in tests (3 partitions each, no initial rebalance delay). */
export const SMALL_COORDINATOR_CONFIG: Record<string, string> = {
  'offsets.topic.num.partitions': '3', 'transaction.state.log.num.partitions': '3', 'group.initial.rebalance.delay.ms': '0',
};

export interface TransactionOutcome {
  committed: number;
  aborted: number;
  /** Input position committed with the last committed transaction (group `${transactionalId}-g`, partition 0 of the input topic). */
  lastCommittedOffset: number;
  stopped: boolean;
}

/**
 * A transactional producer writing one record per transaction to a random partition of
 * `outputTopic` (0..outputPartitions-1) and committing an input position of `inputTopic`-0 for
 * group `${transactionalId}-g` with it; commits with probability 0.6, else aborts.
 */
export function transactionalLoop(c: SimCluster, { transactions, groups }: Coordinators, random: Random, outcome: TransactionOutcome,
  opts: { transactionalId?: string; outputTopic?: string; outputPartitions?: number; inputTopic?: string } = {}): void {
  const transactionalId = opts.transactionalId ?? 'etl';
  const outputTopic = opts.outputTopic ?? 'orders';
  const inputTopic = opts.inputTopic ?? outputTopic;
  const groupId = `${transactionalId}-g`;
  let inputOffset = 0;
  const ref = { transactionalId, producerId: -1, producerEpoch: -1 };
  let sequence = 0;
  const retry = (step: () => void) => c.services.schedule(200, 'test-txn-retry', step);
  const coordinator = () => transactions.findCoordinator(transactionalId).nodeId;
  const init = (): void => transactions.initProducerId(coordinator(), { transactionalId, transactionTimeoutMs: 10_000, producerId: -1, producerEpoch: -1 }, (r) => {
    if (r.errorName !== 'NONE') return retry(init);
    Object.assign(ref, { producerId: r.producerId, producerEpoch: r.producerEpoch });
    sequence = 0;
    c.services.schedule(100, 'test-txn-next', begin);
  });
  const begin = (): void => {
    if (outcome.stopped) return;
    const partition = random.int(0, (opts.outputPartitions ?? 4) - 1);
    transactions.addPartitionsToTxn(coordinator(), ref, [{ name: outputTopic, partitions: [partition] }], (r) => {
      if (r[0]!.partitions[0]!.errorName !== 'NONE') return retry(init);
      const leader = c.services.leaderOf(outputTopic, partition);
      if (leader < 0 || !c.isBrokerRunning(leader)) return retry(init);
      const batch = encodeRecordBatch({ producerId: ref.producerId, producerEpoch: ref.producerEpoch, baseSequence: sequence, isTransactional: true, records: [{ key: null, value: Buffer.from('x'), timestamp: c.now() }] });
      c.produce(leader, { acks: -1, timeoutMs: 5000, transactionalId, topics: [{ topic: outputTopic, partitions: [{ partition, records: batch }] }] }, (p) => {
        if (p.topics[0]!.partitions[0]!.errorName !== 'NONE') return retry(init);
        sequence++;
        // Consume-transform-produce: the input position commits with the transaction (KIP-98 sendOffsetsToTransaction).
        const offset = inputOffset + 1;
        transactions.addOffsetsToTxn(coordinator(), ref, groupId, (added) => {
          if (added !== 'NONE') return retry(init);
          groups.txnOffsetCommit(groups.findCoordinator(0, groupId).nodeId, { ...ref, groupId, generationId: -1, memberId: '', groupInstanceId: null,
            topics: [{ name: inputTopic, partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: null }] }] }, (o) => {
            if (o.topics[0]!.partitions[0]!.errorName !== 'NONE') return retry(init);
            const commit = random.chance(0.6);
            transactions.endTxn(coordinator(), ref, commit, (e) => {
              if (e !== 'NONE') return retry(init);
              outcome[commit ? 'committed' : 'aborted']++;
              if (commit) outcome.lastCommittedOffset = inputOffset = offset;
              c.services.schedule(300, 'test-txn-next', begin);
            });
          });
        });
      });
    });
  };
  init();
}

export interface SwarmCoordinatorWorkload {
  coordinators: Coordinators;
  consumers: TestConsumer[];
  outcome: TransactionOutcome;
  /** Stops the transactional loop and the consumers (before settling, so the logs can converge). */
  stop(): void;
  /** After the run settled: readable violations of the end-to-end guarantees (empty when all is well). */
  finalChecks(): string[];
}

/**
 * Attaches the coordinators to a swarm cluster and starts the workload: two consumers of group
 * 'swarm-g' on `topic`, and the transactional loop writing to `txnTopic` (created here, RF 3,
 * 2 partitions) with its input position on `topic`-0.
 */
export function startSwarmCoordinatorWorkload(c: SimCluster, random: Random, topic: string, txnTopic: string): SwarmCoordinatorWorkload {
  const coordinators = attachCoordinators(c);
  c.command({ type: 'create-topic', topic: txnTopic, partitions: 2, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
  const consumers = [0, 1].map((i) => new TestConsumer(c.services, coordinators.groups, { groupId: 'swarm-g', clientId: `swarm-c${i}`, topics: [topic], sessionTimeoutMs: 6000, heartbeatIntervalMs: 1000, autoCommitIntervalMs: 500 }));
  for (const k of consumers) k.start();
  const outcome: TransactionOutcome = { committed: 0, aborted: 0, lastCommittedOffset: 0, stopped: false };
  transactionalLoop(c, coordinators, random.fork('txn'), outcome, { transactionalId: 'swarm-etl', outputTopic: txnTopic, outputPartitions: 2, inputTopic: topic });
  const finalChecks = (): string[] => {
    const out: string[] = [];
    if (outcome.committed === 0) out.push('no transaction committed in the whole run');
    const groups = coordinators.groups;
    const partitions = [...new Set(consumers.flatMap((k) => [...k.acknowledged.keys()]))];
    if (partitions.length > 0) {
      const fetched = groups.offsetFetch(groups.findCoordinator(0, 'swarm-g').nodeId, [{ groupId: 'swarm-g', topics: [{ name: topic, partitionIndexes: partitions.map((k) => Number(k.split('\u0000')[1])) }] }], false)[0]!;
      for (const p of fetched.topics[0]?.partitions ?? []) {
        const acknowledged = Math.max(0, ...consumers.map((k) => k.acknowledged.get(`${topic}\u0000${p.partitionIndex}`) ?? 0));
        if (p.committedOffset < acknowledged) out.push(`group swarm-g ${topic}-${p.partitionIndex}: committed offset ${p.committedOffset} < acknowledged commit ${acknowledged} (${p.errorName})`);
      }
    }
    return out;
  };
  const stop = (): void => {
    outcome.stopped = true;
    for (const k of consumers) k.crash();
  };
  return { coordinators, consumers, outcome, stop, finalChecks };
}
