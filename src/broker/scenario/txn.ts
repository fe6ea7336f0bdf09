/**
 * The transactional half of the Java KafkaProducer (TransactionManager, KIP-98 / KIP-447) for the
 * engine's clients: initTransactions (InitProducerId, which fences older epochs of the same
 * transactional.id and aborts their open transaction), AddPartitionsToTxn before the first send
 * to a partition, sendOffsetsToTransaction (AddOffsetsToTxn + TxnOffsetCommit with the consumer's
 * group metadata), and EndTxn commit or abort. Requests go to the coordinators directly, inside
 * model events; each answer is checked and errors surface to the caller by Kafka name.
 */
import type { TxnProducerRef } from '../cluster/transactions/requests';
import type { EngineContext } from './context';

export interface TxnGroupMetadata {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

export class TxnClient {
  readonly ref: TxnProducerRef;
  /** Partitions added to the open transaction ("topic\0partition"). */
  private readonly added = new Set<string>();

  constructor(private readonly ctx: EngineContext, transactionalId: string, private readonly client: string, private readonly transactionTimeoutMs = 60_000) {
    this.ref = { transactionalId, producerId: -1, producerEpoch: -1 };
  }

  private coordinator(): number {
    return this.ctx.coordinators.transactions.findCoordinator(this.ref.transactionalId).nodeId;
  }

  private fail(errorName: string, done: (errorName: string) => void): void {
    this.ctx.sawError(this.client, errorName);
    done(errorName);
  }

  /** initTransactions(): a fresh producerId/epoch (or an epoch bump), fencing older instances. */
  init(done: (errorName: string) => void): void {
    this.added.clear();
    this.ctx.coordinators.transactions.initProducerId(this.coordinator(), { transactionalId: this.ref.transactionalId, transactionTimeoutMs: this.transactionTimeoutMs, producerId: -1, producerEpoch: -1 }, (r) => this.ctx.guard('InitProducerId answer', () => {
      if (r.errorName !== 'NONE') return this.fail(r.errorName, done);
      this.ref.producerId = r.producerId;
      this.ref.producerEpoch = r.producerEpoch;
      done('NONE');
    }));
  }

  /** AddPartitionsToTxn for partitions not yet in the transaction. */
  addPartitions(topic: string, partitions: number[], done: (errorName: string) => void): void {
    const fresh = partitions.filter((p) => !this.added.has(`${topic}\u0000${p}`));
    if (fresh.length === 0) return done('NONE');
    this.ctx.coordinators.transactions.addPartitionsToTxn(this.coordinator(), this.ref, [{ name: topic, partitions: fresh }], (r) => this.ctx.guard('AddPartitionsToTxn answer', () => {
      const error = r.flatMap((t) => t.partitions).find((p) => p.errorName !== 'NONE')?.errorName ?? 'NONE';
      if (error !== 'NONE') return this.fail(error, done);
      for (const p of fresh) this.added.add(`${topic}\u0000${p}`);
      done('NONE');
    }));
  }

  /** sendOffsetsToTransaction(offsets, groupMetadata): the input positions commit with the transaction. */
  sendOffsets(group: TxnGroupMetadata, offsets: { topic: string; partition: number; offset: number }[], done: (errorName: string) => void): void {
    const { transactions, groups } = this.ctx.coordinators;
    transactions.addOffsetsToTxn(this.coordinator(), this.ref, group.groupId, (added) => this.ctx.guard('AddOffsetsToTxn answer', () => {
      if (added !== 'NONE') return this.fail(added, done);
      const byTopic = new Map<string, { partitionIndex: number; committedOffset: number; committedLeaderEpoch: number; committedMetadata: null }[]>();
      for (const o of offsets) byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), { partitionIndex: o.partition, committedOffset: o.offset, committedLeaderEpoch: -1, committedMetadata: null }]);
      groups.txnOffsetCommit(groups.findCoordinator(0, group.groupId).nodeId, { ...this.ref, ...group, topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })) }, (r) => {
        const error = r.topics.flatMap((t) => t.partitions).find((p) => p.errorName !== 'NONE')?.errorName ?? 'NONE';
        if (error !== 'NONE') return this.fail(error, done);
        done('NONE');
      });
    }));
  }

  /** commitTransaction() / abortTransaction(). */
  end(commit: boolean, done: (errorName: string) => void): void {
    this.ctx.coordinators.transactions.endTxn(this.coordinator(), this.ref, commit, (e) => this.ctx.guard('EndTxn answer', () => {
      this.added.clear();
      if (e !== 'NONE') return this.fail(e, done);
      done('NONE');
    }));
  }
}
