/**
 * `transactions`: the transactional producer's requests (KIP-98) in drawn orders against the
 * transaction coordinator and the partition leaders: EndTxn with no partitions added, produce
 * with the transactional bit before AddPartitionsToTxn, stale and future epochs, TxnOffsetCommit
 * for groups never added, a second InitProducerId fencing the first mid-transaction, and the
 * describe/list APIs looking at whatever state that left. `idempotent-producer` does the same for
 * sequence numbers: gaps, duplicates, wraps and unknown producerIds (KIP-360).
 */
import { encodeRecordBatch } from '../../protocol/records';
import { FUZZ_TOPICS } from '../hostile';
import type { CaseIO, Family } from './family';
import { bodyOf } from './family';

function batch(io: CaseIO, producerId: number, producerEpoch: number, baseSequence: number, isTransactional: boolean): Buffer {
  const { h } = io;
  return encodeRecordBatch({
    producerId, producerEpoch, baseSequence, isTransactional,
    compression: h.pick(['none', 'none', 'gzip', 'zstd'] as const),
    // One record per batch, so the next in-order baseSequence is this one's + 1.
    records: Array.from({ length: 1 }, (_, i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from(`txn-${i}`), timestamp: 1_700_000_000_000 })),
  });
}

const TXN_STEPS = ['init', 'add-partitions', 'produce', 'add-offsets', 'txn-commit', 'end', 'describe', 'list', 'producers'] as const;

export const transactions: Family = {
  name: 'transactions',
  weight: 3,
  apiKeys: [22, 24, 0, 25, 28, 26, 65, 66, 61],
  async run(io) {
    const { h } = io;
    const transactionalId = h.transactionalId();
    const node = await io.coordinator(transactionalId, 1);
    let producerId = h.producerId();
    let producerEpoch = h.producerEpoch();
    let sequence = 0;
    const topic = h.pick(FUZZ_TOPICS).name;
    const partition = h.chance(0.85) ? 0 : h.partition();
    const ids = (): { transactionalId: string; producerId: number; producerEpoch: number } => ({
      transactionalId,
      producerId: h.chance(0.8) ? producerId : h.producerId(),
      producerEpoch: h.chance(0.8) ? producerEpoch : h.producerEpoch(),
    });
    const steps = h.chance(0.4) ? ['init', 'add-partitions', 'produce', 'end'] : Array.from({ length: h.int(2, 7) }, () => h.pick(TXN_STEPS));
    for (const step of steps) {
      const at = { broker: h.chance(0.9) ? node : undefined };
      if (step === 'init') {
        const answer = bodyOf(await io.call(22, { transactionalId, transactionTimeoutMs: h.pick([60000, 1000, 1, 0, -1, 900001, 2147483647]), producerId: h.pick([-1, producerId]), producerEpoch: h.pick([-1, producerEpoch]) }, at));
        if (answer && answer.errorCode === 0) {
          producerId = answer.producerId as number;
          producerEpoch = answer.producerEpoch as number;
          h.seen.producerIds.push(producerId);
        }
      } else if (step === 'add-partitions') {
        const v = ids();
        await io.call(24, { v3AndBelowTransactionalId: v.transactionalId, v3AndBelowProducerId: v.producerId, v3AndBelowProducerEpoch: v.producerEpoch, v3AndBelowTopics: [{ name: h.chance(0.9) ? topic : h.topicName(), partitions: [partition, ...(h.chance(0.2) ? [h.partition()] : [])] }] }, { ...at, version: io.version(24, 0, 3) });
      } else if (step === 'produce') {
        const v = ids();
        const answer = await io.call(0, { transactionalId: h.chance(0.9) ? transactionalId : null, acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: partition, records: batch(io, v.producerId, v.producerEpoch, h.chance(0.8) ? sequence : h.pick([(sequence + 2) | 0, sequence - 1, 2147483647]), h.chance(0.9)) }] }] }, { version: io.version(0, 3), topic, partition });
        if (answer.kind === 'response') sequence += 1;
      } else if (step === 'add-offsets') {
        await io.call(25, { ...ids(), groupId: h.groupId() }, at);
      } else if (step === 'txn-commit') {
        const groupId = h.groupId();
        await io.call(28, { ...ids(), groupId, generationId: h.generationId(), memberId: h.memberId(), groupInstanceId: null, topics: [{ name: topic, partitions: [{ partitionIndex: h.partition(), committedOffset: h.offset(), committedLeaderEpoch: -1, committedMetadata: h.pick([null, 'm']) }] }] }, { broker: await io.coordinator(groupId, 0) });
      } else if (step === 'end') {
        await io.call(26, { ...ids(), committed: h.chance(0.5) }, at);
      } else if (step === 'describe') {
        await io.call(65, { transactionalIds: [transactionalId, h.transactionalId()] }, at);
      } else if (step === 'list') {
        await io.call(66, { stateFilters: h.chance(0.5) ? [] : [h.pick(['Ongoing', 'CompleteCommit', 'x'])], producerIdFilters: h.chance(0.5) ? [] : [producerId], durationFilter: h.pick([-1, 0, 1000]) }, at);
      } else {
        await io.call(61, { topics: [{ name: topic, partitionIndexes: [partition, h.partition()] }] }, { topic, partition });
      }
    }
  },
};

export const idempotentProducer: Family = {
  name: 'idempotent-producer',
  weight: 1.5,
  apiKeys: [22, 0],
  async run(io) {
    const { h } = io;
    let producerId = h.producerId();
    let producerEpoch = h.producerEpoch();
    if (h.chance(0.8)) {
      const answer = bodyOf(await io.call(22, { transactionalId: null, transactionTimeoutMs: h.pick([60000, -1]), producerId: -1, producerEpoch: -1 }));
      if (answer && answer.errorCode === 0) {
        producerId = answer.producerId as number;
        producerEpoch = answer.producerEpoch as number;
      }
    }
    const topic = h.pick(FUZZ_TOPICS).name;
    let sequence = h.pick([0, 0, 5, 2147483646]);
    for (let i = 0, n = h.int(1, 5); i < n; i++) {
      const baseSequence = (h.chance(0.7) ? sequence : h.pick([sequence - 1, sequence + 3, 0, -1, 2147483647])) | 0;
      const epoch = h.chance(0.9) ? producerEpoch : h.producerEpoch();
      const answer = await io.call(0, { transactionalId: null, acks: h.pick([-1, 1]), timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records: batch(io, producerId, epoch, baseSequence, false) }] }] }, { version: io.version(0, 3), topic, partition: 0 });
      if (answer.kind === 'response' && h.chance(0.8)) sequence = (baseSequence + 1) | 0;
    }
  },
};
